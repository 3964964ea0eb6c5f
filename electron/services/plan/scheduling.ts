/** Generating, storing and editing the schedule of an open plan; every change is one audited transaction. */
import type { ScheduleView } from '../../../shared/contract';
import { todayIso } from '../../../shared/dates';
import type { AuditSource, PlaybookTask } from '../../../shared/domain';
import { expandChecklists, siteRoles } from '../../../shared/playbook';
import { moveAndPin, MoveError } from '../../../shared/scheduler/edit';
import { scheduleInputFromPlan } from '../../../shared/scheduler/input';
import { generateSchedule } from '../../../shared/scheduler/schedule';
import type { LockedWave, ScheduleInput, WaveSchedule } from '../../../shared/scheduler/types';
import { UserError } from '../errors';
import type { AuditWriter } from './audit';
import { writePlaybookVersion } from './content-writer';
import type { PlanFile } from './plan-file';
import { readChecklistBasis, readCurrentSchedule, readSchedule, setWaveLock, storeSchedule, syncChecklist } from './schedule-store';

export function scheduleInputOf(plan: PlanFile, asOf: string, lockedWaves: LockedWave[] = [], content = plan.exportWavePlan()): ScheduleInput {
  return scheduleInputFromPlan(content, asOf, lockedWaves);
}

/** The locked waves of a stored schedule, as the scheduler keeps them on re-plan. */
export function lockedWavesOf(stored: ScheduleView | null): LockedWave[] {
  if (!stored) return [];
  return stored.schedule.waves
    .filter((w) => stored.lockedWaves.includes(w.number))
    .map((w) => ({ number: w.number, windowStart: w.windowStart, windowEnd: w.windowEnd, prepLeadDays: w.prepLeadDays, sites: w.sites.map((s) => ({ site: s.site, goLive: s.goLive })) }));
}

/** Per site, what its checklist items are derived from: go-live day and role. */
function checklistInputs(schedule: WaveSchedule, erpOf: (code: string) => string | undefined): Map<string, string> {
  const roles = siteRoles(schedule, erpOf);
  const out = new Map<string, string>();
  for (const wave of schedule.waves) {
    for (const s of wave.sites) {
      const role = roles.get(s.site)!;
      out.set(s.site.toLowerCase(), `${s.goLive}|${role.lighthouse}|${role.firstOnErp}`);
    }
  }
  return out;
}

/**
 * Stores a schedule as the current one and brings the checklists in line with it, touching only the
 * sites whose go-live or role changed while the playbook and holidays stay the same.
 */
function keep(
  plan: PlanFile,
  schedule: WaveSchedule,
  lockedWaves: number[],
  audit: AuditWriter,
  content = plan.exportWavePlan(),
  previous = readCurrentSchedule(plan.db),
): ScheduleView {
  const previousBasis = readChecklistBasis(plan.db);
  const basis = `${content.playbook.version}|${content.plan.holidays.join(',')}`;
  const erpBySite = new Map(content.sites.map((s) => [s.code.toLowerCase(), s.erp]));
  const erpOf = (code: string) => erpBySite.get(code.toLowerCase());
  let changed: Set<string> | undefined;
  if (previous && previousBasis === basis) {
    const before = checklistInputs(previous.schedule, erpOf);
    const after = checklistInputs(schedule, erpOf);
    changed = new Set([...before.keys(), ...after.keys()].filter((code) => before.get(code) !== after.get(code)));
  }
  const stored = storeSchedule(plan.db, schedule, lockedWaves, basis);
  if (changed?.size !== 0) {
    const items = expandChecklists(schedule, content.playbook.tasks, erpOf, content.plan.holidays, changed);
    syncChecklist(plan.db, items, content.playbook.version, audit, changed);
  }
  return stored;
}

function summary(schedule: WaveSchedule): string {
  const placed = schedule.waves.reduce((n, w) => n + w.sites.length, 0);
  return `as of ${schedule.asOf}: ${schedule.waves.length} waves, ${placed} sites placed, ${schedule.unscheduled.length} unscheduled, ${schedule.violations.length} violations`;
}

export function currentSchedule(plan: PlanFile): ScheduleView | null {
  return readCurrentSchedule(plan.db);
}

/** Computes the schedule as of `asOf` (today by default), keeping locked waves and pins, and stores it. */
export function generateAndStore(plan: PlanFile, asOf: string | undefined, source: AuditSource): ScheduleView {
  const previous = readCurrentSchedule(plan.db);
  const locks = lockedWavesOf(previous);
  const content = plan.exportWavePlan();
  const schedule = generateSchedule(scheduleInputOf(plan, asOf ?? todayIso(), locks, content));
  const lockedSites = new Set(locks.flatMap((l) => l.sites.map((s) => s.site.toLowerCase())));
  const lockedNumbers = schedule.waves.filter((w) => w.sites.some((s) => lockedSites.has(s.site.toLowerCase()))).map((w) => w.number);
  return plan.write(source, (audit) => {
    audit.record('schedule', plan.info().uid, 'generated', previous ? summary(previous.schedule) : null, summary(schedule));
    return keep(plan, schedule, lockedNumbers, audit, content, previous);
  });
}

function requireSchedule(plan: PlanFile): ScheduleView {
  const stored = readCurrentSchedule(plan.db);
  if (!stored) throw new UserError('not-found', 'There is no schedule yet: generate one first.');
  return stored;
}

/** Pins a site in the wave it is in now, or unpins it. */
export function pinSite(plan: PlanFile, code: string, pinned: boolean, source: AuditSource): ScheduleView {
  const stored = requireSchedule(plan);
  const site = plan.getSite(code);
  const wave = stored.schedule.waves.find((w) => w.sites.some((s) => s.site.toLowerCase() === code.toLowerCase()));
  if (pinned && !wave) throw new UserError('refused', `${site.code} is not in a wave; move it into one to pin it.`);
  const schedule: WaveSchedule = {
    ...stored.schedule,
    waves: stored.schedule.waves.map((w) => ({ ...w, sites: w.sites.map((s) => (s.site.toLowerCase() === code.toLowerCase() ? { ...s, pinned } : s)) })),
  };
  plan.write(source, (audit) => {
    plan.applySitePatch(site.code, pinned ? { pinnedWave: wave!.number } : { pinnedWave: null, pinnedGoLive: null }, audit);
    keep(plan, schedule, stored.lockedWaves, audit);
  });
  return readCurrentSchedule(plan.db)!;
}

export function lockWave(plan: PlanFile, number: number, locked: boolean, source: AuditSource): ScheduleView {
  const stored = requireSchedule(plan);
  if (!stored.schedule.waves.some((w) => w.number === number)) throw new UserError('not-found', `There is no wave ${number} in the schedule.`);
  plan.write(source, (audit) => {
    setWaveLock(plan.db, stored.id, number, locked);
    audit.record('wave', String(number), 'locked', stored.lockedWaves.includes(number), locked);
  });
  return readCurrentSchedule(plan.db)!;
}

/** Moves a site to another wave (and day), pins it there, and returns the schedule with its violations. */
export function moveAndStore(plan: PlanFile, code: string, wave: number, goLive: string | null, source: AuditSource): ScheduleView {
  const stored = requireSchedule(plan);
  const site = plan.getSite(code);
  let moved: WaveSchedule;
  try {
    moved = moveAndPin(scheduleInputOf(plan, stored.schedule.asOf), stored.schedule, site.code, wave, goLive, stored.lockedWaves);
  } catch (error) {
    if (error instanceof MoveError) throw new UserError('refused', error.message);
    throw error;
  }
  plan.write(source, (audit) => {
    plan.applySitePatch(site.code, { pinnedWave: wave, pinnedGoLive: goLive }, audit);
    keep(plan, moved, stored.lockedWaves, audit);
  });
  return readCurrentSchedule(plan.db)!;
}

/** Makes a kept schedule current again (as a new copy, so the one it replaces stays kept too). */
export function restoreSchedule(plan: PlanFile, id: number, source: AuditSource): ScheduleView {
  const kept = readSchedule(plan.db, id);
  if (!kept) throw new UserError('not-found', `Schedule ${id} is no longer kept (only the last 20 are).`);
  const current = readCurrentSchedule(plan.db);
  return plan.write(source, (audit) => {
    audit.record('schedule', plan.info().uid, 'restored', current ? summary(current.schedule) : null, summary(kept.schedule));
    return keep(plan, kept.schedule, kept.lockedWaves, audit, plan.exportWavePlan(), current);
  });
}

/** Sets (or clears, with null) the program manager's lighthouse, then re-plans. */
export function overrideLighthouse(plan: PlanFile, code: string | null, source: AuditSource): ScheduleView {
  const site = code === null ? null : plan.getSite(code);
  if (site?.excluded) throw new UserError('refused', `${site.code} is excluded from the rollout and cannot be the lighthouse.`);
  plan.setLighthouseOverride(site?.code ?? null, source);
  return generateAndStore(plan, readCurrentSchedule(plan.db)?.schedule.asOf, source);
}

/**
 * Saves `tasks` as the next playbook version and brings the current schedule's checklists in line:
 * open items of removed tasks go, new tasks get items, changed offsets move due dates; finished and
 * annotated items stay.
 */
export function savePlaybook(plan: PlanFile, tasks: PlaybookTask[], note: string, source: AuditSource): { version: number; tasks: PlaybookTask[] } {
  const seen = new Map<string, number>();
  tasks.forEach((task, i) => {
    const first = seen.get(task.id);
    if (first !== undefined) throw new UserError('invalid-input', `Playbook task ${i + 1} (${task.title}): id "${task.id}" is already used by task ${first + 1}.`);
    seen.set(task.id, i);
  });
  plan.write(source, (audit) => {
    const version = plan.playbook().version + 1;
    writePlaybookVersion(plan.db, version, tasks, note);
    audit.record('playbook', String(version), 'created', null, note || `${tasks.length} tasks`);
    const current = readCurrentSchedule(plan.db);
    if (current) keep(plan, current.schedule, current.lockedWaves, audit);
  });
  return plan.playbook();
}
