import { differenceInCalendarDays } from 'date-fns';
import { describe, expect, it } from 'vitest';
import { tileGantt } from '../../shared/report/gantt-tiles';
import { buildReport, ragOf, slippedTargets, type ReportInput } from '../../shared/report/report-model';
import { scheduleInputFromPlan } from '../../shared/scheduler/input';
import { generateSchedule } from '../../shared/scheduler/schedule';
import { samplePlan } from '../../electron/services/sample-plan';

function sampleInput(overrides: Partial<ReportInput> = {}): ReportInput {
  const content = samplePlan();
  const schedule = generateSchedule(scheduleInputFromPlan(content, '2026-11-23'));
  return { content, schedule, checklist: [], readinessHistory: [], baseline: null, generatedOn: '2026-11-23', ...overrides };
}

describe('the report content', () => {
  it('summarises the sample program at a glance', () => {
    const report = buildReport(sampleInput());
    expect(report.glance).toMatchObject({ sitesInScope: 23, scheduled: 21, unscheduled: 2, waves: 9, live: 0, plannedCompletion: '2028-01-13' });
    expect(report.glance.lighthouse).toEqual({ site: 'US-GRV', name: 'Greenville Assembly', goLive: '2027-03-05' });
    expect(report.glance.readyCount).toBe(7);
  });

  it('names the three biggest risks in plain words', () => {
    const report = buildReport(sampleInput());
    expect(report.risks).toHaveLength(3);
    expect(report.risks[0]).toContain('2 sites cannot be scheduled yet (TH-RYG, US-KNX)');
    expect(report.risks.some((r) => r.startsWith('The Oracle E-Business Suite connector is still in-build, due 2027-03-15'))).toBe(true);
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
    expect(empty.risks.some((r) => r.includes('cannot be scheduled'))).toBe(false);
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
