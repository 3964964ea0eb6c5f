/**
 * Generating, storing and editing the schedule of an open plan, each change one commit. The stored
 * schedule knows what it was computed from, so reading it says whether the plan changed since.
 */
import { SCHEDULER_INPUTS, type ChangeEvent, type Committed } from '../../../shared/changes';
import type { ReplanResult, ScheduleView, SitePatch } from '../../../shared/contract';
import { localMinute, todayIso } from '../../../shared/dates';
import type { AuditSource, PlaybookTask, Site } from '../../../shared/domain';
import type { WavePlan } from '../../../shared/interchange';
import { expandChecklists, siteRoles } from '../../../shared/playbook';
import { compareSchedules } from '../../../shared/scheduler/diff';
import { moveAndPin, MoveError } from '../../../shared/scheduler/edit';
import { scheduleInputFromPlan } from '../../../shared/scheduler/input';
import { generateSchedule } from '../../../shared/scheduler/schedule';
import type { WaveSchedule } from '../../../shared/scheduler/types';
import { UserError } from '../errors';
import { syncChecklist } from './checklists';
import { exportContent } from './content';
import type { ReadHandle, WriteHandle } from './handles';
import { commitsAfter, currentRevision, revisionBefore } from './history';
import { setLighthouseOverride } from './plan-settings';
import type { PlanFile } from './plan-file';
import { addPlaybookVersion, readPlaybook, type PlaybookVersion } from './playbooks';
import { checklistBasisOf, inputsHash, lockedNumbersOf, lockedWavesOf, readCurrentSchedule, scheduleDay, setWaveLock, storeSchedule, type StoredSchedule } from './schedules';
import { getSite, updateSite } from './sites';
import { plural } from '../../../shared/plural';

const waveName = (n: number) => (n === 0 ? 'the lighthouse wave' : `wave ${n}`);

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
function keep(h: WriteHandle, schedule: WaveSchedule, lockedWaves: number[], content: WavePlan, previous: StoredSchedule | null): StoredSchedule {
  const basis = checklistBasisOf(content);
  const erpBySite = new Map(content.sites.map((s) => [s.code.toLowerCase(), s.erp]));
  const erpOf = (code: string) => erpBySite.get(code.toLowerCase());
  let changed: Set<string> | undefined;
  if (previous && previous.checklistBasis === basis) {
    const before = checklistInputs(previous.schedule, erpOf);
    const after = checklistInputs(schedule, erpOf);
    changed = new Set([...before.keys(), ...after.keys()].filter((code) => before.get(code) !== after.get(code)));
  }
  const stored = storeSchedule(h, { schedule, lockedWaves, checklistBasis: basis, inputsHash: inputsHash(content), inputsRevision: h.revision });
  if (changed?.size !== 0) {
    const items = expandChecklists(schedule, content.playbook.tasks, erpOf, content.plan.holidays, changed);
    syncChecklist(h, items, content.playbook.version, changed);
  }
  return stored;
}

/** "3 readiness assessments and 1 setting changed since 2026-12-02 10:14". */
function staleReason(events: ChangeEvent[], since: string): string {
  const ids = new Map<string, Set<string>>();
  let assessments = 0;
  let other = 0;
  const dated: string[] = [];
  for (const event of events) {
    if (event.type !== 'commit') continue;
    for (const change of event.changes) {
      if (!SCHEDULER_INPUTS.includes(change.entity)) continue;
      if (change.entity === 'readiness') assessments += change.count;
      else if (change.entity === 'plan' || change.entity === 'dimensions') dated.push(change.entity);
      else if (change.ids) for (const id of change.ids) ids.set(change.entity, (ids.get(change.entity) ?? new Set()).add(id));
      else other += 1;
    }
  }
  const parts: string[] = [];
  if (assessments) parts.push(plural(assessments, 'readiness assessment'));
  if (ids.get('sites')?.size) parts.push(plural(ids.get('sites')!.size, 'site'));
  if (ids.get('erps')?.size) parts.push(plural(ids.get('erps')!.size, 'ERP'));
  if (ids.get('settings')?.size) parts.push(plural(ids.get('settings')!.size, 'setting'));
  if (ids.get('crews')?.size) parts.push(plural(ids.get('crews')!.size, 'crew'));
  if (dated.includes('plan')) parts.push("the plan's dates, lighthouse choice or ERP order");
  if (dated.includes('dimensions')) parts.push('the readiness dimensions');
  if (other) parts.push(plural(other, 'other change'));
  const when = localMinute(since);
  if (parts.length === 0) return `The plan changed since this schedule was computed on ${when}.`;
  const list = parts.length === 1 ? parts[0] : `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`;
  return `${list} changed since ${when}`.replace(/^./, (c) => c.toUpperCase());
}

const staleCache = new WeakMap<PlanFile, { revision: number; scheduleId: number; stale: boolean; staleBecause: string | null }>();

function viewOf(stored: StoredSchedule, revision: number, stale = false, staleBecause: string | null = null): ScheduleView {
  return { id: stored.id, generatedAt: stored.generatedAt, schedule: stored.schedule, lockedWaves: stored.lockedWaves, stale, staleBecause, revision };
}

/** Whether the plan's scheduling inputs changed since `stored` was computed, and what changed. */
function stalenessOf(h: ReadHandle, stored: StoredSchedule): { stale: boolean; staleBecause: string | null } {
  const stale = stored.inputsHash !== '' && stored.inputsHash !== inputsHash(exportContent(h));
  return { stale, staleBecause: stale ? staleReason(commitsAfter(h, stored.inputsRevision), stored.generatedAt) : null };
}

/** After a commit that stored a schedule from the plan as it then was: that schedule is up to date. */
async function upToDate<T>(plan: PlanFile, committed: Promise<Committed<T>>, scheduleOf: (value: T) => ScheduleView): Promise<Committed<T>> {
  const done = await committed;
  const view = scheduleOf(done.value);
  if (done.changes.length > 0 && !view.stale) staleCache.set(plan, { revision: done.revision, scheduleId: view.id, stale: false, staleBecause: null });
  return done;
}

/** The stored schedule, and whether the plan's scheduling inputs changed since it was computed. */
export function currentSchedule(plan: PlanFile): ScheduleView | null {
  const stored = readCurrentSchedule(plan.reader);
  if (!stored) return null;
  const revision = plan.revision();
  let known = staleCache.get(plan);
  // Worked out once per revision: reading the whole plan is the costly part.
  if (!known || known.revision !== revision || known.scheduleId !== stored.id) {
    known = { revision, scheduleId: stored.id, ...stalenessOf(plan.reader, stored) };
    staleCache.set(plan, known);
  }
  return viewOf(stored, revision, known.stale, known.staleBecause);
}

function requireSchedule(h: ReadHandle): StoredSchedule {
  const stored = readCurrentSchedule(h);
  if (!stored) throw new UserError('not-found', 'There is no schedule yet: generate one first.');
  return stored;
}

interface Computed {
  revision: number;
  content: WavePlan;
  previous: StoredSchedule | null;
  schedule: WaveSchedule;
  lockedNumbers: number[];
}

function compute(h: ReadHandle, asOf: string): Computed {
  const previous = readCurrentSchedule(h);
  const locks = lockedWavesOf(previous);
  const content = exportContent(h);
  const schedule = generateSchedule(scheduleInputFromPlan(content, asOf, locks));
  return { revision: currentRevision(h), content, previous, schedule, lockedNumbers: lockedNumbersOf(schedule, locks) };
}

function replanned(h: WriteHandle, computed: Computed): ReplanResult {
  const { previous, schedule } = computed;
  const summary = (s: WaveSchedule) => {
    const placed = s.waves.reduce((n, w) => n + w.sites.length, 0);
    return `as of ${s.asOf}: ${s.waves.length} waves, ${placed} sites placed, ${s.unscheduled.length} unscheduled, ${s.violations.length} violations`;
  };
  h.audit.record('schedule', 'current', 'generated', previous ? summary(previous.schedule) : null, summary(schedule));
  const stored = keep(h, schedule, computed.lockedNumbers, computed.content, previous);
  return { view: viewOf(stored, h.revision), diff: compareSchedules(previous?.schedule ?? null, schedule) };
}

/**
 * Computes the schedule as of `asOf` (today unless given), keeping locked waves
 * and pins, and stores it. Computed outside the write; if the plan changed meanwhile, computed again
 * inside it, so a schedule is never stored for inputs it did not see.
 */
/** Computes and stores the first schedule inside the commit that creates a plan (the sample opens scheduled). */
export function scheduleOnCreation(h: WriteHandle, asOf: string): void {
  replanned(h, compute(h, asOf));
}

/** Re-plans inside a write that changed the plan's inputs, as of the stored schedule's day (else today). */
export function replanWithin(h: WriteHandle): ReplanResult {
  return replanned(h, compute(h, scheduleDay(readCurrentSchedule(h))));
}

export function generateAndStore(plan: PlanFile, asOf: string | undefined, source: AuditSource): Promise<Committed<ReplanResult>> {
  const day = asOf ?? todayIso();
  const early = compute(plan.reader, day);
  return upToDate(plan, plan.mutate({ label: 'Re-plan', source }, (h) => replanned(h, revisionBefore(h) === early.revision ? early : compute(h, day))), (r) => r.view);
}

/** Sets (or clears, with null) the program manager's lighthouse and re-plans, as one step. */
export function overrideLighthouse(plan: PlanFile, code: string | null, source: AuditSource): Promise<Committed<ReplanResult>> {
  const label = code === null ? 'Let the scheduler choose the lighthouse' : `Make ${code} the lighthouse`;
  return plan.mutate({ label, source }, (h) => {
    const site = code === null ? null : getSite(h, code);
    if (site?.excluded) throw new UserError('refused', `${site.code} is excluded from the rollout and cannot be the lighthouse.`);
    setLighthouseOverride(h, site?.code ?? null);
    return replanned(h, compute(h, scheduleDay(readCurrentSchedule(h))));
  });
}

/** Unpins a site and re-plans as of the stored schedule's day, as one step: the scheduler places it. */
export function releaseSite(plan: PlanFile, code: string, source: AuditSource): Promise<Committed<ReplanResult>> {
  return plan.mutate({ label: `Let the scheduler place ${code}`, source }, (h) => {
    const site = getSite(h, code);
    updateSite(h, site.code, { pinnedWave: null, pinnedGoLive: null });
    return replanned(h, compute(h, scheduleDay(readCurrentSchedule(h))));
  });
}

/** The plan's content with one site's fields patched, without reading the plan again. */
function withSite(content: WavePlan, site: Site): WavePlan {
  return { ...content, sites: content.sites.map((s) => (s.code.toLowerCase() === site.code.toLowerCase() ? site : s)) };
}

function setPins(h: WriteHandle, content: WavePlan, code: string, patch: SitePatch): WavePlan {
  return withSite(content, updateSite(h, code, patch));
}

/** Pins a site in the wave it is in now, or unpins it. */
export function pinSite(plan: PlanFile, code: string, pinned: boolean, source: AuditSource): Promise<Committed<ScheduleView>> {
  return plan.mutate({ label: `${pinned ? 'Pin' : 'Unpin'} ${code}`, source }, (h) => {
    const stored = requireSchedule(h);
    const site = getSite(h, code);
    const key = site.code.toLowerCase();
    const wave = stored.schedule.waves.find((w) => w.sites.some((s) => s.site.toLowerCase() === key));
    if (pinned && !wave) throw new UserError('refused', `${site.code} is not in a wave; move it into one to pin it.`);
    const schedule: WaveSchedule = {
      ...stored.schedule,
      waves: stored.schedule.waves.map((w) => ({ ...w, sites: w.sites.map((s) => (s.site.toLowerCase() === key ? { ...s, pinned } : s)) })),
    };
    const content = setPins(h, exportContent(h), site.code, pinned ? { pinnedWave: wave!.number } : { pinnedWave: null, pinnedGoLive: null });
    return viewOf(keep(h, schedule, stored.lockedWaves, content, stored), h.revision);
  });
}

export function lockWave(plan: PlanFile, number: number, locked: boolean, source: AuditSource): Promise<Committed<ScheduleView>> {
  return plan.mutate({ label: `${locked ? 'Lock' : 'Unlock'} ${waveName(number)}`, source }, (h) => {
    const stored = requireSchedule(h);
    if (!stored.schedule.waves.some((w) => w.number === number)) throw new UserError('not-found', `There is no wave ${number} in the schedule.`);
    setWaveLock(h, stored.id, number, locked);
    h.audit.record('wave', String(number), 'locked', stored.lockedWaves.includes(number), locked);
    const { stale, staleBecause } = stalenessOf(h, stored);
    return viewOf(readCurrentSchedule(h)!, h.revision, stale, staleBecause);
  });
}

/** Moves a site to another wave (and day), pins it there, and returns the schedule with its violations. */
export function moveAndStore(plan: PlanFile, code: string, wave: number, goLive: string | null, source: AuditSource): Promise<Committed<ScheduleView>> {
  return upToDate(plan, moveCommit(plan, code, wave, goLive, source), (view) => view);
}

function moveCommit(plan: PlanFile, code: string, wave: number, goLive: string | null, source: AuditSource): Promise<Committed<ScheduleView>> {
  return plan.mutate({ label: `Move ${code} to ${waveName(wave)}`, source }, (h) => {
    const stored = requireSchedule(h);
    const site = getSite(h, code);
    const content = exportContent(h);
    let moved: WaveSchedule;
    try {
      moved = moveAndPin(scheduleInputFromPlan(content, stored.schedule.asOf), stored.schedule, site.code, wave, goLive, stored.lockedWaves);
    } catch (error) {
      if (error instanceof MoveError) throw new UserError('refused', error.message);
      throw error;
    }
    const after = setPins(h, content, site.code, { pinnedWave: wave, pinnedGoLive: goLive });
    return viewOf(keep(h, moved, stored.lockedWaves, after, stored), h.revision);
  });
}

/**
 * Saves `tasks` as the next playbook version and brings the current schedule's checklists in line:
 * open items of removed tasks go, new tasks get items, changed offsets move due dates; finished and
 * annotated items stay.
 */
export function savePlaybook(plan: PlanFile, tasks: PlaybookTask[], note: string, source: AuditSource): Promise<Committed<PlaybookVersion>> {
  const version = readPlaybook(plan.reader).version + 1;
  return plan.mutate({ label: `Playbook version ${version}${note ? `: ${note}` : ''}`, source }, (h) => {
    addPlaybookVersion(h, tasks, note);
    const current = readCurrentSchedule(h);
    if (current) keep(h, current.schedule, current.lockedWaves, exportContent(h), current);
    return readPlaybook(h);
  });
}
