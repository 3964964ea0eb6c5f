// Scenarios on a real plan file: saved with what they change, scheduled by the plan's engine beside
// the plan, adopted as one undoable step, carried by wave-plan JSON, and driven from the command line.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../electron/cli/main';
import { validateWavePlan } from '../../shared/interchange';
import { scheduleMetrics } from '../../shared/scenario-compare';
import type { WaveSchedule } from '../../shared/scheduler/types';
import { sampleDocument, TestPlan } from '../support/plans';
import { useTempDir } from '../support/temp';

const tempDir = useTempDir();
const AS_OF = '2026-12-04';

const goLivesOf = (schedule: WaveSchedule) => new Map(schedule.waves.flatMap((w) => w.sites.map((s) => [s.site, s.goLive] as const)));

async function scheduledSample(): Promise<TestPlan> {
  const plan = TestPlan.create(tempDir());
  await plan.committed('schedule:generate', { asOf: AS_OF });
  return plan;
}

/** What the plan holds, with what the wave-plan export leaves out (the stored schedule). */
const stateOf = (plan: TestPlan) => JSON.stringify({ text: plan.read.exportText(), schedule: plan.read.schedule()?.schedule });

describe('scenarios', () => {
  it('schedule an Oracle connector slip beside the plan without changing the plan', async () => {
    const plan = await scheduledSample();
    const before = plan.read.schedule()!.schedule;
    const oracleDate = plan.read.erps().find((e) => e.code === 'ORA-EBS')!.connectorReadyDate;
    const saved = await plan.committed('scenarios:save', { name: 'Oracle slips', note: 'Vendor says November', changes: { erps: [{ code: 'ORA-EBS', connectorReadyDate: '2027-11-01' }] } });
    expect(saved.value.inWords).toEqual([`Oracle E-Business Suite connector: ready ${oracleDate} → 2027-11-01`]);
    expect((await plan.call('scenarios:list', {})).map((s) => s.name)).toEqual(['Oracle slips']);

    const compared = await plan.call('scenarios:compare', { names: ['Oracle slips'] });
    expect(compared.asOf).toBe(AS_OF);
    expect(compared.columns.map((c) => c.name)).toEqual(['Plan', 'Oracle slips']);
    expect(compared.columns[0]!.metrics).toEqual(scheduleMetrics(before));
    // Every Oracle site of the scenario waits for the later connector; those go-lives differ from the plan's.
    const oracleSites = plan.read.sites().filter((s) => s.erp === 'ORA-EBS').map((s) => s.code);
    const scenario = goLivesOf(await plan.call('scenarios:schedule', { name: 'Oracle slips' }));
    const placedOracle = oracleSites.filter((code) => scenario.has(code));
    expect(placedOracle.length).toBeGreaterThan(0);
    for (const code of placedOracle) expect(scenario.get(code)! >= '2027-11-01').toBe(true);
    const differing = new Map(compared.sites.map((s) => [s.site, s]));
    for (const code of placedOracle) {
      expect(differing.get(code)!.goLives).toEqual([goLivesOf(before).get(code) ?? null, scenario.get(code)]);
    }
    expect(compared.sites.length + compared.unchanged).toBe(new Set([...goLivesOf(before).keys(), ...scenario.keys()]).size);
    // Sites live by quarter count up to the sites placed.
    expect(compared.columns[1]!.liveByQuarter.at(-1)).toBe(compared.columns[1]!.metrics.placed);

    // The plan itself: the same connector date and the same stored schedule.
    expect(plan.read.erps().find((e) => e.code === 'ORA-EBS')!.connectorReadyDate).toBe(oracleDate);
    expect(plan.read.schedule()!.schedule).toEqual(before);
  });

  it('adopts a scenario as one step that undo takes back byte for byte and redo makes again', async () => {
    const plan = await scheduledSample();
    await plan.committed('scenarios:save', {
      name: 'Faster',
      changes: {
        settings: { maxSitesPerWave: 5, staggerDays: 5 },
        erps: [{ code: 'QAD', connectorStatus: 'in-build', connectorReadyDate: '2027-09-01' }],
        sites: [{ code: 'UK-SUN', excluded: true }, { code: 'US-DET', readinessTargets: { data: '2027-02-01' } }],
        crews: [{ name: 'One big squad', size: 6, phase: 'rollout', notes: '' }],
      },
    });
    const expected = goLivesOf(await plan.call('scenarios:schedule', { name: 'Faster' }));
    const before = stateOf(plan);
    const historyBefore = plan.read.readinessHistory('US-DET', 'data').length;

    const adopted = await plan.committed('scenarios:adopt', { name: 'Faster' });
    expect(plan.read.info().settings).toMatchObject({ maxSitesPerWave: 5, staggerDays: 5 });
    expect(plan.read.erps().find((e) => e.code === 'QAD')).toMatchObject({ connectorStatus: 'in-build', connectorReadyDate: '2027-09-01' });
    expect(plan.read.site('UK-SUN').excluded).toBe(true);
    expect(plan.read.info().crews.map((c) => c.name)).toEqual(['One big squad']);
    // A readiness target is a new assessment with the score it had: history is kept.
    const history = plan.read.readinessHistory('US-DET', 'data');
    expect(history).toHaveLength(historyBefore + 1);
    // (newest first)
    expect(history[0]).toMatchObject({ targetDate: '2027-02-01', score: history[1]?.score ?? null, comment: 'Target from scenario "Faster"' });
    // The re-plan in the same step gives the plan the scenario's schedule.
    expect(goLivesOf(adopted.value.replan.view.schedule)).toEqual(expected);
    expect(goLivesOf(plan.read.schedule()!.schedule)).toEqual(expected);
    const after = stateOf(plan);

    const undone = await plan.committed('history:undo', {});
    expect(undone.value.label).toBe('Adopt scenario Faster');
    expect(stateOf(plan)).toBe(before);
    await plan.committed('history:redo', {});
    expect(stateOf(plan)).toBe(after);
  });

  it('refuses changes that do not fit the plan, naming each, and changes nothing', async () => {
    const plan = await scheduledSample();
    const before = stateOf(plan);
    await expect(
      plan.committed('scenarios:save', {
        name: 'Broken',
        changes: { settings: { minSitesPerWave: 9 }, erps: [{ code: 'NOPE', connectorStatus: 'validated' }], sites: [{ code: 'US-DET', readinessTargets: { vibes: '2027-01-01' } }, { code: 'XX-YYY', excluded: true }] },
      }),
    ).rejects.toMatchObject({
      code: 'invalid-input',
      problems: [
        { path: 'settings.minSitesPerWave', message: expect.stringContaining('Min sites per wave (9) is above Max sites per wave (4)') },
        { path: 'erps[0].code', message: 'the plan has no ERP "NOPE"' },
        { path: 'sites[0].readinessTargets.vibes', message: 'the plan has no readiness dimension "vibes"' },
        { path: 'sites[1].code', message: 'the plan has no site "XX-YYY"' },
      ],
    });
    await expect(plan.committed('scenarios:compare', { names: ['A', 'B', 'C', 'D'] })).rejects.toMatchObject({ message: expect.stringContaining('at most three scenarios') });
    await expect(plan.committed('scenarios:adopt', { name: 'Missing' })).rejects.toMatchObject({ code: 'not-found', message: 'No scenario named "Missing" (the plan has none yet).' });

    // Renaming onto another scenario's name is refused; a rename keeps when it was made.
    await plan.committed('scenarios:save', { name: 'First', changes: {} });
    const second = await plan.committed('scenarios:save', { name: 'Second', changes: { settings: { staggerDays: 5 } } });
    await expect(plan.committed('scenarios:save', { name: 'first', renames: 'Second', changes: {} })).rejects.toMatchObject({ code: 'conflict', message: 'A scenario named "First" already exists; choose another name. Nothing was changed.' });
    const renamed = await plan.committed('scenarios:save', { name: 'Second, renamed', renames: 'Second', changes: { settings: { staggerDays: 6 } } });
    expect(renamed.value).toMatchObject({ createdAt: second.value.createdAt, inWords: ['Stagger (days): 7 → 6'] });
    expect((await plan.call('scenarios:list', {})).map((x) => x.name)).toEqual(['First', 'Second, renamed']);

    // A scenario that no longer fits (its site was removed since) says so when scheduled or adopted.
    await plan.committed('scenarios:save', { name: 'Without Sunderland', changes: { sites: [{ code: 'UK-SUN', excluded: true }] } });
    await plan.committed('sites:delete', { codes: ['UK-SUN'] });
    const afterDelete = stateOf(plan);
    await expect(plan.committed('scenarios:adopt', { name: 'Without Sunderland' })).rejects.toMatchObject({ message: 'Scenario "Without Sunderland" does not fit the plan: sites[0].code: the plan has no site "UK-SUN". Nothing was changed.' });
    expect(stateOf(plan)).toBe(afterDelete);
    expect(stateOf(plan)).not.toBe(before);
  });

  it('travel in wave-plan JSON: exported, imported into a new file, exported again byte for byte; bad ones refused by path', async () => {
    const plan = await scheduledSample();
    await plan.committed('scenarios:save', { name: 'Four crews', note: 'Hire', changes: { crews: [{ name: 'Squads', size: 8, phase: 'rollout', notes: '' }] } });
    await plan.committed('scenarios:save', { name: 'Oracle slips', changes: { erps: [{ code: 'ORA-EBS', connectorReadyDate: '2027-11-01' }], sites: [{ code: 'US-DET', pinnedWave: 2 }] } });
    const text = plan.read.exportText();
    const copy = TestPlan.create(tempDir(), validateWavePlanOrThrow(text));
    expect(copy.read.exportText()).toBe(text);
    expect((await copy.call('scenarios:list', {})).map((s) => s.name)).toEqual(['Four crews', 'Oracle slips']);

    const doc = JSON.parse(text);
    doc.scenarios[1].name = 'four CREWS';
    doc.scenarios[0].changes.erps = [{ code: 'GONE', connectorStatus: 'validated' }];
    const refused = validateWavePlan(doc);
    expect(refused.ok).toBe(false);
    expect(!refused.ok && refused.problems).toEqual([
      { path: 'scenarios[0].changes.erps[0].code', message: 'the plan has no ERP "GONE"' },
      { path: 'scenarios[1].name', message: '"four CREWS" is used by an earlier scenario' },
    ]);
    // Version 1 files, which have no scenarios, still import.
    expect(validateWavePlan(sampleDocument()).ok).toBe(true);
  });

  it('work from the command line: save from a changes file, compare, adopt; a bad file is refused by file and path', async () => {
    const dir = tempDir();
    let stdout = '';
    let stderr = '';
    const run = async (...argv: string[]) => {
      stdout = '';
      stderr = '';
      return main(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
    };
    await run('demo', '--out', dir);
    const planPath = join(dir, 'sample.waveplan');
    writeFileSync(join(dir, 'oracle.json'), JSON.stringify({ erps: [{ code: 'ORA-EBS', connectorReadyDate: '2027-11-01' }] }));
    writeFileSync(join(dir, 'bad.json'), JSON.stringify({ settings: { maxSitesPerWave: 'four' }, sitez: [] }));
    writeFileSync(join(dir, 'unknown.json'), JSON.stringify({ erps: [{ code: 'NOPE' }] }));

    expect(await run('scenario', 'save', 'Oracle slips', '--plan', planPath, '--changes', join(dir, 'oracle.json'))).toBe(0);
    expect(stdout).toContain('Saved scenario "Oracle slips": Oracle E-Business Suite connector: ready');
    expect(await run('scenario', 'save', 'Bad', '--plan', planPath, '--changes', join(dir, 'bad.json'))).toBe(1);
    expect(stderr).toBe('bad.json: settings.maxSitesPerWave: must be a number (got "four")\nbad.json: unknown field "sitez"\n');
    expect(await run('scenario', 'save', 'Unknown', '--plan', planPath, '--changes', join(dir, 'unknown.json'))).toBe(1);
    expect(stderr).toContain('unknown.json: erps[0].code: the plan has no ERP "NOPE"');

    expect(await run('scenario', 'compare', 'Oracle slips', '--plan', planPath)).toBe(0);
    expect(stdout).toMatch(/Last go-live\s+\d{4}-\d\d-\d\d\s+\d{4}-\d\d-\d\d/);
    expect(stdout).toMatch(/Go-lives that differ \(\d+; \d+ the same in every column\)/);
    expect(await run('scenario', 'compare', 'Oracle slips', '--plan', planPath, '--json')).toBe(0);
    const compared = JSON.parse(stdout);
    expect(compared.columns.map((c: { name: string }) => c.name)).toEqual(['Plan', 'Oracle slips']);
    expect(await run('scenario', 'show', 'Oracle slips', '--plan', planPath, '--json')).toBe(0);
    expect(JSON.parse(stdout).format).toBe('wave-schedule');

    expect(await run('scenario', 'adopt', 'Oracle slips', '--plan', planPath)).toBe(0);
    expect(stdout).toMatch(/^Adopted scenario "Oracle slips" and re-planned as of \d{4}-\d\d-\d\d: /);
    expect(await run('scenario', 'remove', 'Oracle slips', '--plan', planPath)).toBe(0);
    expect(await run('scenario', 'list', '--plan', planPath)).toBe(0);
    expect(stdout).toBe('The plan has no scenarios yet.\n');
    expect(await run('scenario', 'compare', '--plan', planPath)).toBe(2);
  });

  it('bring ERPs in an order of their own: the plan keeps it (checked), the schedule follows it, wave-plan JSON carries it, a scenario adopts it', async () => {
    const plan = await scheduledSample();
    const order = ['EPICOR', 'ORA-EBS', 'D365'];
    await expect(plan.committed('plan:update', { erpOrder: ['EPICOR', 'NOPE', 'epicor'] })).rejects.toMatchObject({
      problems: [
        { path: 'erpOrder[1]', message: 'unknown ERP "NOPE" (not in erps)' },
        { path: 'erpOrder[2]', message: '"epicor" is listed twice' },
      ],
    });
    await plan.committed('scenarios:save', { name: 'Epicor first', changes: { erpOrder: order } });
    expect((await plan.call('scenarios:list', {}))[0]!.inWords).toEqual(['ERPs brought in in this order: Epicor Kinetic, Oracle E-Business Suite, Dynamics 365 Finance & Supply Chain']);
    const expected = await plan.call('scenarios:schedule', { name: 'Epicor first' });
    const before = stateOf(plan);
    await plan.committed('scenarios:adopt', { name: 'Epicor first' });
    expect(plan.read.info().erpOrder).toEqual(order);
    expect(plan.read.schedule()!.schedule.waves).toEqual(expected.waves);
    // Re-planning keeps the order: it is one of the plan's scheduling inputs now.
    await plan.committed('schedule:generate', { asOf: AS_OF });
    expect(plan.read.schedule()!.schedule.waves).toEqual(expected.waves);
    const text = plan.read.exportText();
    expect(JSON.parse(text).schedule.erpOrder).toEqual(order);
    expect(TestPlan.create(tempDir(), validateWavePlanOrThrow(text)).read.exportText()).toBe(text);
    await plan.committed('history:undo', {});
    await plan.committed('history:undo', {});
    expect(stateOf(plan)).toBe(before);
  });

  it('are what the command line saves when it finds a faster sequence, and only then', async () => {
    const dir = tempDir();
    let stdout = '';
    const run = (...argv: string[]) => main(argv, { stdout: (t) => (stdout += t), stderr: () => undefined });
    await run('demo', '--out', dir);
    const withCrews = join(dir, 'sample.waveplan');
    stdout = '';
    expect(await run('schedule', '--plan', withCrews, '--optimise', '--time-limit', '1')).toBe(0);
    expect(stdout).toContain('No order of bringing in the ERPs, and no site moved to another wave, goes live earlier on average than the default');
    expect(stdout).toContain('No scenario was saved; the plan is unchanged.');

    const plan = TestPlan.create(tempDir());
    const path = plan.file.path;
    await plan.committed('crews:save', { crews: [] });
    await plan.committed('schedule:generate', { asOf: AS_OF });
    plan.close();
    stdout = '';
    expect(await run('schedule', '--plan', path, '--optimise', '--time-limit', '1', '--json')).toBe(0);
    const found = JSON.parse(stdout);
    expect(found.scenario).toBe(`Faster ERP sequence (as of ${AS_OF})`);
    expect(found.score.totalDays).toBeLessThan(found.defaultScore.totalDays);
    expect(found.schedule.format).toBe('wave-schedule');
    stdout = '';
    expect(await run('scenario', 'list', '--plan', path, '--json')).toBe(0);
    expect(JSON.parse(stdout)[0].changes.erpOrder).toEqual(found.erpOrder);
  });
});

function validateWavePlanOrThrow(text: string) {
  const result = validateWavePlan(JSON.parse(text));
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.value;
}
