import { describe, expect, it } from 'vitest';
import type { ScheduleView } from '../../shared/contract';
import { readChecklist } from '../../electron/services/plan/schedule-store';
import * as scheduling from '../../electron/services/plan/scheduling';
import { UserError } from '../../electron/services/errors';
import { makePlanFile } from '../support/plans';
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

describe('the schedule of a plan file', () => {
  it('is generated, stored with its as-of date, and reads as a sensible rollout of the sample', () => {
    const plan = makePlanFile(tempDir());
    const view = scheduling.generateAndStore(plan, AS_OF, 'ui');
    expect(view.schedule.asOf).toBe(AS_OF);
    expect(view.schedule.lighthouse?.site).toBe('US-GRV');
    expect(view.schedule.unscheduled.map((u) => u.site)).toEqual(['TH-RYG', 'US-KNX']);
    expect(view.schedule.violations).toEqual([]);
    // Later waves need less preparation than earlier ones.
    const leads = view.schedule.waves.slice(1).map((w) => w.prepLeadDays);
    expect(leads).toEqual([...leads].sort((a, b) => b - a));
    expect(scheduling.currentSchedule(plan)).toEqual(view);
    expect(plan.audit({ entity: 'schedule', limit: 5 })[0]!.newValue).toContain(`as of ${AS_OF}`);
    plan.close();
  });

  it('expands the playbook into dated checklist items and keeps started items on re-plan', () => {
    const plan = makePlanFile(tempDir());
    scheduling.generateAndStore(plan, AS_OF, 'ui');
    const items = readChecklist(plan.db, 'US-GRV');
    expect(items.map((i) => i.taskKey)).toContain('playbook-draft'); // lighthouse only
    expect(items.map((i) => i.taskKey)).toContain('connector-spec'); // first on SAP S/4HANA
    expect(items.map((i) => i.taskKey)).not.toContain('connector-reuse');
    const follower = readChecklist(plan.db, 'IN-PNQ').map((i) => i.taskKey);
    expect(follower).toContain('connector-reuse');
    expect(follower).not.toContain('playbook-draft');
    const cutover = items.find((i) => i.taskKey === 'cutover')!;
    expect(cutover.dueDate).toBe('2027-03-05');
    for (const item of items) expect(['Sat', 'Sun']).not.toContain(new Date(`${item.dueDate}T12:00:00Z`).toUTCString().slice(0, 3));

    const kickoff = readChecklist(plan.db, 'IN-PNQ').find((i) => i.taskKey === 'kickoff')!;
    plan.updateChecklistItem(kickoff.id, { status: 'doing', owner: 'Ananya', note: 'booked' }, 'ui');
    // A later start date moves every go-live, and with it the open items' due dates.
    plan.updatePlan({ startDate: '2027-02-01' }, 'ui');
    scheduling.generateAndStore(plan, AS_OF, 'ui');
    const moved = readChecklist(plan.db, 'IN-PNQ').find((i) => i.taskKey === 'kickoff')!;
    expect(moved).toMatchObject({ id: kickoff.id, status: 'doing', owner: 'Ananya', note: 'booked' });
    expect(moved.dueDate > kickoff.dueDate).toBe(true);
    plan.close();
  });

  it('moves due dates onto working days when the plan holidays change', () => {
    const plan = makePlanFile(tempDir());
    scheduling.generateAndStore(plan, AS_OF, 'ui');
    const cutover = readChecklist(plan.db, 'US-GRV').find((i) => i.taskKey === 'go-no-go')!;
    expect(cutover.dueDate).toBe('2027-03-02');
    plan.updatePlan({ holidays: [...plan.info().holidays, '2027-03-02'] }, 'ui');
    scheduling.generateAndStore(plan, AS_OF, 'ui');
    expect(readChecklist(plan.db, 'US-GRV').find((i) => i.taskKey === 'go-no-go')!.dueDate).toBe('2027-03-01');
    plan.close();
  });

  it('pins a site so that a re-plan keeps it in its wave', () => {
    const plan = makePlanFile(tempDir());
    scheduling.generateAndStore(plan, AS_OF, 'ui');
    scheduling.pinSite(plan, 'SE-GOT', true, 'ui');
    expect(plan.getSite('SE-GOT').pinnedWave).toBe(8);
    const again = scheduling.generateAndStore(plan, AS_OF, 'ui');
    expect(placementOf(again, 'SE-GOT')).toMatchObject({ wave: 8, pinned: true });
    scheduling.pinSite(plan, 'SE-GOT', false, 'ui');
    expect(plan.getSite('SE-GOT').pinnedWave).toBeNull();
    plan.close();
  });

  it('moves a site into a full wave, keeps the move and reports the broken rules', () => {
    const plan = makePlanFile(tempDir());
    scheduling.generateAndStore(plan, AS_OF, 'ui');
    const moved = scheduling.moveAndStore(plan, 'FR-LYO', 1, null, 'ui');
    expect(placementOf(moved, 'FR-LYO')).toMatchObject({ wave: 1, pinned: true });
    const rules = moved.schedule.violations.filter((v) => v.site === 'FR-LYO').map((v) => v.rule);
    expect(rules).toContain('max-sites');
    expect(rules).toContain('readiness');
    expect(plan.getSite('FR-LYO')).toMatchObject({ pinnedWave: 1 });
    // Re-plan keeps the pin and still reports it.
    const replanned = scheduling.generateAndStore(plan, AS_OF, 'ui');
    expect(placementOf(replanned, 'FR-LYO')?.wave).toBe(1);
    expect(replanned.schedule.violations.some((v) => v.site === 'FR-LYO' && v.rule === 'readiness')).toBe(true);
    plan.close();
  });

  it('keeps a locked wave through a re-plan and refuses moves into it', () => {
    const plan = makePlanFile(tempDir());
    const first = scheduling.generateAndStore(plan, AS_OF, 'ui');
    const wave2 = first.schedule.waves.find((w) => w.number === 2)!;
    scheduling.lockWave(plan, 2, true, 'ui');
    // DE-STR is in wave 2; its data now lags, which would move it later on an unlocked re-plan.
    plan.setReadiness({ site: 'DE-STR', dimension: 'data', score: 30, targetDate: '2027-09-01', comment: '' }, 'ui');
    const again = scheduling.generateAndStore(plan, AS_OF, 'ui');
    expect(again.lockedWaves).toEqual([2]);
    expect(again.schedule.waves.find((w) => w.number === 2)!.sites.map((s) => [s.site, s.goLive])).toEqual(wave2.sites.map((s) => [s.site, s.goLive]));
    expect(again.schedule.violations.map((v) => [v.site, v.rule])).toContainEqual(['DE-STR', 'readiness']);
    expect(() => scheduling.moveAndStore(plan, 'SE-GOT', 2, null, 'ui')).toThrow(UserError);
    plan.close();
  });

  it('overrides the lighthouse and re-plans around it', () => {
    const plan = makePlanFile(tempDir());
    scheduling.generateAndStore(plan, AS_OF, 'ui');
    const view = scheduling.overrideLighthouse(plan, 'CZ-PLZ', 'ui');
    expect(view.schedule.lighthouse?.site).toBe('CZ-PLZ');
    expect(view.schedule.waves[0]!.sites[0]!.reasons[0]).toContain('computed choice was US-GRV');
    expect(plan.exportWavePlan().plan.lighthouseOverride).toBe('CZ-PLZ');
    expect(scheduling.overrideLighthouse(plan, null, 'ui').schedule.lighthouse?.site).toBe('US-GRV');
    expect(() => scheduling.overrideLighthouse(plan, 'UK-SUN', 'ui')).toThrow(/excluded/);
    plan.close();
  });
});

describe('a new playbook version', () => {
  it('replaces open checklist items of removed tasks, adds new ones, keeps finished ones and moves changed offsets', () => {
    const plan = makePlanFile(tempDir());
    scheduling.generateAndStore(plan, AS_OF, 'ui');
    const before = plan.playbook();
    const [kept, removed, moved] = before.tasks;
    const finished = plan.checklist().find((i) => i.taskKey === removed!.id)!;
    plan.updateChecklistItem(finished.id, { status: 'done' }, 'ui');
    const movedItem = plan.checklist().find((i) => i.taskKey === moved!.id && i.site === finished.site)!;
    const added = { ...kept!, id: 'data-freeze-drill', title: 'Data freeze drill', gate: false };
    const tasks = [kept!, { ...moved!, offsetDays: moved!.offsetDays - 7 }, added, ...before.tasks.slice(3)];

    const saved = scheduling.savePlaybook(plan, tasks, 'Drill added', 'ui');

    expect(saved.version).toBe(before.version + 1);
    const items = plan.checklist();
    expect(items.filter((i) => i.taskKey === removed!.id).map((i) => i.id)).toEqual([finished.id]);
    expect(items.filter((i) => i.taskKey === 'data-freeze-drill').length).toBeGreaterThan(0);
    const movedAfter = items.find((i) => i.id === movedItem.id)!;
    expect(movedAfter.dueDate < movedItem.dueDate).toBe(true);
    expect(plan.audit({ entity: 'playbook', limit: 1 })[0]).toMatchObject({ entityId: String(saved.version), newValue: 'Drill added' });
    plan.close();
  });

  it('refuses two tasks with one id, naming both, and changes nothing', () => {
    const plan = makePlanFile(tempDir());
    const before = plan.exportWavePlanText();
    const [first, second] = plan.playbook().tasks;
    expect(() => scheduling.savePlaybook(plan, [first!, { ...second!, id: first!.id }], '', 'ui')).toThrow(/task 2 .*"[a-z0-9-]+" is already used by task 1/);
    expect(plan.exportWavePlanText()).toBe(before);
    plan.close();
  });
});
