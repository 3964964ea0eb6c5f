import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { ScheduleView } from '../../shared/contract';
import { TestPlan } from '../support/plans';
import { useTempDir } from '../support/temp';

const tempDir = useTempDir();
const AS_OF = '2026-11-23';

function placementOf(view: ScheduleView, code: string) {
  for (const wave of view.schedule.waves) {
    const found = wave.sites.find((s) => s.site === code);
    if (found) return { wave: wave.number, ...found };
  }
  return null;
}

async function scheduled(): Promise<{ plan: TestPlan; view: ScheduleView }> {
  const plan = TestPlan.create(tempDir());
  const { view } = await plan.call('schedule:generate', { asOf: AS_OF });
  return { plan, view };
}

describe('the schedule of a plan file', () => {
  it('is generated, stored with its as-of date, and reads as a sensible rollout of the sample', async () => {
    const { plan, view } = await scheduled();
    expect(view.schedule.asOf).toBe(AS_OF);
    expect(view.schedule.lighthouse?.site).toBe('US-GRV');
    expect(view.schedule.unscheduled.map((u) => u.site)).toEqual(['TH-RYG', 'US-KNX']);
    expect(view.schedule.violations).toEqual([]);
    // Later waves need less preparation than earlier ones.
    const leads = view.schedule.waves.slice(1).map((w) => w.prepLeadDays);
    expect(leads).toEqual([...leads].sort((a, b) => b - a));
    expect(await plan.call('schedule:current', {})).toEqual(view);
    expect(plan.read.audit({ entity: 'schedule', limit: 5 })[0]!.newValue).toContain(`as of ${AS_OF}`);
    plan.close();
  });

  it('expands the playbook into dated checklist items and keeps started items on re-plan', async () => {
    const { plan } = await scheduled();
    const items = plan.read.checklist('US-GRV');
    expect(items.map((i) => i.taskKey)).toContain('playbook-draft'); // lighthouse only
    expect(items.map((i) => i.taskKey)).toContain('connector-spec'); // first on SAP S/4HANA
    expect(items.map((i) => i.taskKey)).not.toContain('connector-reuse');
    const follower = plan.read.checklist('IN-PNQ').map((i) => i.taskKey);
    expect(follower).toContain('connector-reuse');
    expect(follower).not.toContain('playbook-draft');
    const cutover = items.find((i) => i.taskKey === 'cutover')!;
    expect(cutover.dueDate).toBe('2027-03-05');
    for (const item of items) expect(['Sat', 'Sun']).not.toContain(new Date(`${item.dueDate}T12:00:00Z`).toUTCString().slice(0, 3));

    const kickoff = plan.read.checklist('IN-PNQ').find((i) => i.taskKey === 'kickoff')!;
    await plan.call('checklist:update', { id: kickoff.id, status: 'doing', owner: 'Ananya', note: 'booked' });
    // A later start date moves every go-live, and with it the open items' due dates.
    await plan.call('plan:update', { startDate: '2027-02-01' });
    await plan.call('schedule:generate', { asOf: AS_OF });
    const moved = plan.read.checklist('IN-PNQ').find((i) => i.taskKey === 'kickoff')!;
    expect(moved).toMatchObject({ id: kickoff.id, status: 'doing', owner: 'Ananya', note: 'booked' });
    expect(moved.dueDate > kickoff.dueDate).toBe(true);
    plan.close();
  });

  it('moves due dates onto working days when the plan holidays change', async () => {
    const { plan } = await scheduled();
    const cutover = plan.read.checklist('US-GRV').find((i) => i.taskKey === 'go-no-go')!;
    expect(cutover.dueDate).toBe('2027-03-02');
    await plan.call('plan:update', { holidays: [...plan.read.info().holidays, '2027-03-02'] });
    await plan.call('schedule:generate', { asOf: AS_OF });
    expect(plan.read.checklist('US-GRV').find((i) => i.taskKey === 'go-no-go')!.dueDate).toBe('2027-03-01');
    plan.close();
  });

  it('pins a site so that a re-plan keeps it in its wave', async () => {
    const { plan } = await scheduled();
    await plan.call('schedule:pin', { site: 'SE-GOT', pinned: true });
    expect(plan.read.site('SE-GOT').pinnedWave).toBe(9);
    const again = await plan.call('schedule:generate', { asOf: AS_OF });
    expect(placementOf(again.view, 'SE-GOT')).toMatchObject({ wave: 9, pinned: true });
    await plan.call('schedule:pin', { site: 'SE-GOT', pinned: false });
    expect(plan.read.site('SE-GOT').pinnedWave).toBeNull();
    plan.close();
  });

  it('moves a site into a full wave, keeps the move and reports the broken rules', async () => {
    const { plan } = await scheduled();
    const moved = await plan.call('schedule:move', { site: 'FR-LYO', wave: 1 });
    expect(placementOf(moved, 'FR-LYO')).toMatchObject({ wave: 1, pinned: true });
    const rules = moved.schedule.violations.filter((v) => v.site === 'FR-LYO').map((v) => v.rule);
    expect(rules).toContain('max-sites');
    expect(rules).toContain('readiness');
    // A fifth site in wave 1 overloads the four deployment squads of the sample plan.
    expect(moved.schedule.violations.find((v) => v.site === 'FR-LYO' && v.rule === 'crew')?.message).toMatch(/^crew "Deployment squads" \(4 at a time\) would serve 5 sites on /);
    expect(plan.read.site('FR-LYO')).toMatchObject({ pinnedWave: 1 });
    // A move is what the user asked for: the schedule is not out of date after it.
    expect(moved.stale).toBe(false);
    // Re-plan keeps the pin and still reports it.
    const replanned = await plan.call('schedule:generate', { asOf: AS_OF });
    expect(placementOf(replanned.view, 'FR-LYO')?.wave).toBe(1);
    expect(replanned.view.schedule.violations.some((v) => v.site === 'FR-LYO' && v.rule === 'readiness')).toBe(true);
    // "Let the scheduler place it": unpinned and re-planned in one step.
    const released = await plan.call('schedule:release', { site: 'FR-LYO' });
    expect(placementOf(released.view, 'FR-LYO')?.wave).not.toBe(1);
    expect(plan.read.site('FR-LYO').pinnedWave).toBeNull();
    expect((await plan.call('history:list', {})).undo[0]!.label).toBe('Let the scheduler place FR-LYO');
    plan.close();
  });

  it('keeps a locked wave through a re-plan and refuses moves into it', async () => {
    const { plan, view: first } = await scheduled();
    const wave4 = first.schedule.waves.find((w) => w.number === 4)!;
    await plan.call('schedule:lock', { wave: 4, locked: true });
    // DE-STR is in wave 4; its data now lags, which would move it later on an unlocked re-plan.
    await plan.call('readiness:set', { site: 'DE-STR', dimension: 'data', score: 30, targetDate: '2027-09-01', comment: '' });
    const again = (await plan.call('schedule:generate', { asOf: AS_OF })).view;
    expect(again.lockedWaves).toEqual([4]);
    expect(again.schedule.waves.find((w) => w.number === 4)!.sites.map((s) => [s.site, s.goLive])).toEqual(wave4.sites.map((s) => [s.site, s.goLive]));
    expect(again.schedule.violations.map((v) => [v.site, v.rule])).toContainEqual(['DE-STR', 'readiness']);
    expect(await plan.refusal('schedule:move', { site: 'SE-GOT', wave: 4 })).toMatchObject({ code: 'refused', message: expect.stringContaining('locked') });
    plan.close();
  });

  it('overrides the lighthouse and re-plans around it, in one step', async () => {
    const { plan } = await scheduled();
    const { view } = await plan.call('schedule:lighthouse', { site: 'CZ-PLZ' });
    expect(view.schedule.lighthouse?.site).toBe('CZ-PLZ');
    expect(view.schedule.waves[0]!.sites[0]!.reasons[0]).toContain('computed choice was US-GRV');
    expect(plan.read.content().plan.lighthouseOverride).toBe('CZ-PLZ');
    expect((await plan.call('schedule:lighthouse', { site: null })).view.schedule.lighthouse?.site).toBe('US-GRV');
    expect(await plan.refusal('schedule:lighthouse', { site: 'UK-SUN' })).toMatchObject({ message: expect.stringMatching(/excluded/) });
    plan.close();
  });
});

describe('a schedule that knows when it is out of date', () => {
  it('is marked stale by a readiness change, says what changed, and a re-plan names the sites that moved', async () => {
    const { plan } = await scheduled();
    expect((await plan.call('schedule:current', {}))!.stale).toBe(false);
    // A note is not a scheduling input.
    await plan.call('sites:update', { code: 'US-DET', patch: { notes: 'Union briefing in March' } });
    expect((await plan.call('schedule:current', {}))!.stale).toBe(false);
    await plan.call('readiness:set', { site: 'US-DET', dimension: 'data', score: 20, targetDate: '2027-09-01', comment: 'migration slipped' });
    await plan.call('settings:update', { staggerDays: 10 });
    const stale = (await plan.call('schedule:current', {}))!;
    expect(stale.stale).toBe(true);
    expect(stale.staleBecause).toMatch(/^1 readiness assessment, 1 site and 1 setting changed since \d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
    expect(await plan.call('schedule:status', {})).toMatchObject({ stale: true, staleBecause: stale.staleBecause });

    const { view, diff } = await plan.call('schedule:generate', { asOf: AS_OF });
    expect(view.stale).toBe(false);
    const det = diff.moved.find((m) => m.site === 'US-DET')!;
    expect(det.days).toBeGreaterThan(0);
    expect(det.toGoLive > det.fromGoLive).toBe(true);
    expect((await plan.call('schedule:current', {}))!.stale).toBe(false);
    // Undoing the assessment makes the new schedule out of date in turn.
    await plan.call('history:undo', {});
    await plan.call('history:undo', {});
    expect((await plan.call('schedule:current', {}))!.stale).toBe(true);
    plan.close();
  });

  it('is not stored for inputs it did not see: a change made while it was computed is computed in', async () => {
    const dir = tempDir();
    const plan = TestPlan.create(dir);
    const other = TestPlan.open(plan.file.path, dir);
    // Another program holds the write lock while the schedule is computed from what the plan held.
    const locker = new Database(plan.file.path);
    locker.exec('BEGIN IMMEDIATE');
    const pending = plan.call('schedule:generate', { asOf: AS_OF });
    locker.exec('ROLLBACK');
    locker.close();
    // Before the write gets its turn, the other program makes the lighthouse-to-be unready.
    await other.call('readiness:set', { site: 'US-GRV', dimension: 'sponsorship', score: 10, targetDate: '2027-12-01', comment: '' });
    const { view } = await pending;
    expect(view.schedule.lighthouse?.site).not.toBe('US-GRV');
    expect((await other.call('schedule:current', {}))!.stale).toBe(false);
    other.close();
    plan.close();
  });
});

describe('a new playbook version', () => {
  it('replaces open checklist items of removed tasks, adds new ones, keeps finished ones and moves changed offsets', async () => {
    const { plan } = await scheduled();
    const before = plan.read.playbook();
    const [kept, removed, moved] = before.tasks;
    const finished = plan.read.checklist().find((i) => i.taskKey === removed!.id)!;
    await plan.call('checklist:update', { id: finished.id, status: 'done' });
    const movedItem = plan.read.checklist().find((i) => i.taskKey === moved!.id && i.site === finished.site)!;
    const added = { ...kept!, id: 'data-freeze-drill', title: 'Data freeze drill', gate: false };
    const tasks = [kept!, { ...moved!, offsetDays: moved!.offsetDays - 7 }, added, ...before.tasks.slice(3)];

    const saved = await plan.call('playbook:save', { tasks, note: 'Drill added' });

    expect(saved.version).toBe(before.version + 1);
    const items = plan.read.checklist();
    expect(items.filter((i) => i.taskKey === removed!.id).map((i) => i.id)).toEqual([finished.id]);
    expect(items.filter((i) => i.taskKey === 'data-freeze-drill').length).toBeGreaterThan(0);
    const movedAfter = items.find((i) => i.id === movedItem.id)!;
    expect(movedAfter.dueDate < movedItem.dueDate).toBe(true);
    expect(plan.read.audit({ entity: 'playbook', limit: 1 })[0]).toMatchObject({ entityId: String(saved.version), newValue: 'Drill added' });
    plan.close();
  });

  it('refuses two tasks with one id, naming both, and changes nothing', async () => {
    const plan = TestPlan.create(tempDir());
    const before = plan.read.exportText();
    const [first, second] = plan.read.playbook().tasks;
    expect((await plan.refusal('playbook:save', { tasks: [first!, { ...second!, id: first!.id }], note: '' })).message).toMatch(/task 2 .*"[a-z0-9-]+" is already used by task 1/);
    expect(plan.read.exportText()).toBe(before);
    plan.close();
  });
});

describe('settings that contradict each other', () => {
  it('are refused with a message naming both, in the app and in a wave-plan file, and change nothing', async () => {
    const plan = TestPlan.create(tempDir());
    const before = plan.read.exportText();
    expect((await plan.refusal('settings:update', { minSitesPerWave: 5 })).message).toBe(
      'These settings contradict each other: Min sites per wave (5) is above Max sites per wave (4). Nothing was changed.',
    );
    expect((await plan.refusal('settings:update', { minPrepDays: 60 })).message).toContain('Minimum prep lead (days) (60) is above Wave 1 prep lead (days) (45)');
    expect(plan.read.exportText()).toBe(before);
    // Both at once is fine when together they agree.
    await plan.call('settings:update', { minSitesPerWave: 5, maxSitesPerWave: 6 });

    const document = JSON.parse(before);
    document.plan.settings.minSitesPerWave = 6;
    const refused = await plan.refusal('interchange:import', { fileName: 'odd.json', content: JSON.stringify(document) });
    expect(refused.message).toBe('odd.json: plan.settings.minSitesPerWave: Min sites per wave (6) is above Max sites per wave (4)');
    plan.close();
  });
});
