import { differenceInCalendarDays } from 'date-fns';
import { describe, expect, it } from 'vitest';
import { tileGantt } from '../../shared/report/gantt-tiles';
import { buildReport, ragOf, slippedTargets, type ReportInput } from '../../shared/report/report-model';
import { scheduleInputFromPlan } from '../../shared/scheduler/input';
import { generateSchedule } from '../../shared/scheduler/schedule';
import { samplePlan } from '../../electron/services/sample-plan';
import { generatePlan, wavePlanOf } from '../support/generate-plan';

function sampleInput(overrides: Partial<ReportInput> = {}): ReportInput {
  const content = samplePlan();
  const schedule = generateSchedule(scheduleInputFromPlan(content, '2026-11-23'));
  return { content, schedule, checklist: [], readinessHistory: [], baseline: null, generatedOn: '2026-11-23', ...overrides };
}

describe('the report content', () => {
  it('summarises the sample program at a glance', () => {
    const report = buildReport(sampleInput());
    // 21 dated sites: the lighthouse and 20 in the 9 waves after it.
    expect(report.glance).toMatchObject({ sitesInScope: 23, scheduled: 21, sitesInWaves: 20, unscheduled: 2, waves: 9, live: 0, plannedCompletion: '2028-01-13' });
    expect(report.glance.lighthouse).toEqual({ site: 'US-GRV', name: 'Greenville Assembly', goLive: '2027-03-05' });
    expect(report.glance.readyCount).toBe(7);
  });

  it('says why this lighthouse, against its runners-up, and what goes live next', () => {
    const report = buildReport(sampleInput());
    expect(report.lighthouseWhy).toMatchObject({ site: 'US-GRV', chosenByHand: false });
    expect(report.lighthouseWhy!.runnersUp).toHaveLength(2);
    expect(report.lighthouseWhy!.runnersUp.every((r) => r.score <= report.lighthouseWhy!.score!)).toBe(true);
    expect(report.next).toMatchObject({ label: 'Lighthouse', sites: [{ site: 'US-GRV', goLive: '2027-03-05' }], then: { label: 'Wave 1', sites: 4, firstGoLive: '2027-04-19' } });
  });

  it('groups what blocks unscheduled sites by cause, with the first go-live settling it today would bring', () => {
    const report = buildReport(sampleInput());
    expect(report.decisions.map((d) => [d.cause, d.sites])).toEqual([
      ['QAD Adaptive ERP connector is not-started with no ready date', ['US-KNX']],
      ['Security & compliance review has no target date', ['TH-RYG']],
    ]);
    // A ready date today schedules US-KNX; TH-RYG then still waits for the same connector.
    expect(report.decisions[0]!.earliestGoLive).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(report.decisions[1]).toMatchObject({ earliestGoLive: null, alsoBlockedBy: ['QAD Adaptive ERP connector is not-started with no ready date'] });
  });

  it('groups the dozens of unscheduled sites of a 400-site plan into a few causes and names no wall of codes', () => {
    const input = generatePlan({ seed: 20261123, sites: 400, erps: 8, regions: 5, predecessorShare: 0.05 });
    const content = wavePlanOf(input, 'Big');
    const schedule = generateSchedule(scheduleInputFromPlan(content, input.asOf));
    const report = buildReport(sampleInput({ content, schedule }));
    expect(schedule.unscheduled.length).toBeGreaterThan(50);
    expect(report.decisions.length).toBeLessThan(10);
    expect(report.decisions.reduce((n, d) => n + d.sites.length, 0)).toBe(schedule.unscheduled.length);
    expect(report.decisions.map((d) => d.sites.length)).toEqual([...report.decisions.map((d) => d.sites.length)].sort((a, b) => b - a));
    for (const risk of report.risks) expect(risk.text.match(/S\d{5}/g)?.length ?? 0).toBeLessThanOrEqual(5);
  });

  it('ranks risks by sites × days, and a connector due the day its first site goes live is one', () => {
    const base = sampleInput();
    const oracleSites = base.content.sites.filter((s) => s.erp === 'ORA-EBS').map((s) => s.code);
    const firstOracle = base.schedule.waves.flatMap((w) => w.sites).filter((s) => oracleSites.includes(s.site)).sort((a, b) => a.goLive.localeCompare(b.goLive))[0]!;
    const content = { ...base.content, erps: base.content.erps.map((e) => (e.code === 'ORA-EBS' ? { ...e, connectorReadyDate: firstOracle.goLive } : e)) };
    const report = buildReport(sampleInput({ content, schedule: generateSchedule(scheduleInputFromPlan(content, '2026-11-23')) }));
    const connector = report.risks.find((r) => r.text.startsWith('The Oracle E-Business Suite connector'))!;
    expect(connector.text).toContain('the day its first site goes live');
    expect(connector).toMatchObject({ days: 14, impact: connector.sites * 14 });
    expect(report.risks.map((r) => r.impact)).toEqual([...report.risks.map((r) => r.impact)].sort((a, b) => b - a));
    // The sample's waves below the minimum size are risks too.
    expect(report.risks.some((r) => /waves are outside the plan's wave size/.test(r.text))).toBe(true);
  });

  it('colours readiness by threshold and keeps unknown apart from low', () => {
    expect([ragOf(70, 70), ragOf(56, 70), ragOf(54, 70), ragOf(null, 70)]).toEqual(['green', 'amber', 'red', 'unknown']);
    const report = buildReport(sampleInput());
    const thailand = report.heatmap.find((r) => r.site === 'TH-RYG')!;
    expect(thailand.cells.find((c) => c.dimension === 'security')).toEqual({ dimension: 'security', score: null, targetDate: null, rag: 'unknown' });
    expect(report.heatmap.some((r) => r.site === 'UK-SUN')).toBe(false);
  });

  it('finds readiness target dates that slipped', () => {
    const slipped = slippedTargets(
      [
        { site: 'A', dimension: 'data', targetDate: '2027-03-01', recordedAt: '1' },
        { site: 'A', dimension: 'data', targetDate: '2027-04-15', recordedAt: '2' },
        { site: 'B', dimension: 'data', targetDate: '2027-05-01', recordedAt: '1' },
        { site: 'B', dimension: 'data', targetDate: '2027-04-01', recordedAt: '2' },
      ],
      [{ key: 'data', label: 'Data quality', weight: 1, threshold: 70 }],
    );
    expect(slipped).toEqual([{ site: 'A', dimension: 'Data quality', from: '2027-03-01', to: '2027-04-15', days: 45 }]);
  });

  it('measures slippage against a baseline', () => {
    const report = buildReport(sampleInput({ baseline: { name: 'Q4 plan', entries: [{ site: 'US-DET', wave: 2, goLive: '2027-06-29' }, { site: 'CZ-PLZ', wave: 1, goLive: '2027-04-19' }] } }));
    expect(report.baselineSlip).toEqual({ name: 'Q4 plan', rows: [{ site: 'US-DET', baselineGoLive: '2027-06-29', currentGoLive: '2027-07-21', daysLate: 22 }] });
  });

  it("shows each crew's weekly load against its size, and the days a pinned site overloads it", () => {
    const planned = buildReport(sampleInput()).crewLoad;
    expect(planned.map((c) => [c.crew.name, c.crew.size, Math.max(...c.weeks.map((w) => w.peak)), c.overloads])).toEqual([
      ['Deployment squads', 4, 4, []],
      ['Trainers', 2, 2, []],
    ]);
    expect(planned[0]!.weeks.every((w, i) => i === 0 || differenceInCalendarDays(w.start, planned[0]!.weeks[i - 1]!.start) === 7)).toBe(true);

    // Wave 1 pinned as planned, and PL-WRO pinned beside ES-ZAZ: a fifth site for the four squads.
    const content = samplePlan();
    const pins = new Map([['CZ-PLZ', '2027-04-19'], ['ES-ZAZ', '2027-04-26'], ['IN-PNQ', '2027-05-04'], ['JP-NGY', '2027-05-11'], ['PL-WRO', '2027-04-27']]);
    const pinned = { ...content, sites: content.sites.map((s) => (pins.has(s.code) ? { ...s, pinnedWave: 1, pinnedGoLive: pins.get(s.code)! } : s)) };
    const report = buildReport(sampleInput({ content: pinned, schedule: generateSchedule(scheduleInputFromPlan(pinned, '2026-11-23')) }));
    const squads = report.crewLoad.find((c) => c.crew.name === 'Deployment squads')!;
    expect(squads.overloads.length).toBeGreaterThan(0);
    expect(squads.overloads.every((o) => o.peak === 5 && o.from <= '2027-04-27' && o.to >= '2027-03-13')).toBe(true);
    expect(report.violations.some((v) => v.site === 'PL-WRO' && v.rule === 'crew' && v.message.includes('"Deployment squads" (4 at a time)'))).toBe(true);
  });

  it('gives an empty plan a short, sensible report', () => {
    const input = sampleInput();
    const empty = buildReport({ ...input, content: { ...input.content, sites: [] }, schedule: { ...input.schedule, lighthouse: null, waves: [], unscheduled: [], violations: [], warnings: [] } });
    expect(empty.glance).toMatchObject({ sitesInScope: 0, scheduled: 0, lighthouse: null, plannedCompletion: null });
    expect(empty.gantt.rows).toEqual([]);
    expect(empty.risks).toEqual([]);
    expect(empty.decisions).toEqual([]);
    expect(empty.next).toBeNull();
  });
});

describe('tiling the Gantt', () => {
  const site = (from: string, to: string) => ({ band: false, from, to });
  it('cuts rows into page blocks and each block into months it spans', () => {
    const rows = [{ band: true }, site('2027-01-10', '2027-03-01'), site('2027-02-01', '2027-04-01'), { band: true }, site('2027-09-01', '2028-05-01')];
    const tiles = tileGantt(rows, '2027-01-01', '2028-06-30', 3, 4);
    expect(tiles).toEqual([
      { rowStart: 0, rowEnd: 3, from: '2027-01-01', to: '2027-04-30' },
      { rowStart: 3, rowEnd: 5, from: '2027-09-01', to: '2027-12-31' },
      { rowStart: 3, rowEnd: 5, from: '2028-01-01', to: '2028-04-30' },
      { rowStart: 3, rowEnd: 5, from: '2028-05-01', to: '2028-05-31' },
    ]);
  });

  it('never leaves a wave heading alone at the foot of a page', () => {
    const rows = [site('2027-01-01', '2027-01-20'), site('2027-01-01', '2027-01-20'), { band: true }, site('2027-01-01', '2027-01-20')];
    expect(tileGantt(rows, '2027-01-01', '2027-01-31', 3, 12).map((t) => [t.rowStart, t.rowEnd])).toEqual([
      [0, 2],
      [2, 4],
    ]);
  });
});
