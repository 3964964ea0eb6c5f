/**
 * The stored schedule: one current schedule, its head (as-of, lighthouse) in the schedules row, its
 * waves with their locks, and each of its entries (placed sites, unscheduled sites, violations,
 * warnings) one row each, written only when it changed: moving one site rewrites a few rows. It
 * also keeps what it was computed from (the inputs' fingerprint, the revision it read, the basis its
 * checklists were expanded from). Earlier schedules live in the undo history.
 */
import { createHash } from 'node:crypto';
import { todayIso } from '../../../shared/dates';
import type { WavePlan } from '../../../shared/interchange';
import { scheduleInputFromPlan } from '../../../shared/scheduler/input';
import { schedulingInputsKey } from '../../../shared/scheduler/inputs-key';
import { generateSchedule } from '../../../shared/scheduler/schedule';
import type { LockedWave, PlacedSite, Unscheduled, Violation, WaveSchedule, WaveWarning } from '../../../shared/scheduler/types';
import type { ReadHandle, WriteHandle } from './handles';

export interface StoredSchedule {
  id: number;
  generatedAt: string;
  schedule: WaveSchedule;
  lockedWaves: number[];
  /** Fingerprint of the scheduler's inputs when it was computed ('' when not known). */
  inputsHash: string;
  /** The plan's revision whose inputs it was computed from. */
  inputsRevision: number;
  /** What its checklists were expanded from (playbook version and holidays). */
  checklistBasis: string;
}

interface ScheduleRow {
  id: number;
  generated_at: string;
  result_json: string;
  inputs_hash: string;
  inputs_revision: number;
  checklist_basis: string;
}

type Head = Pick<WaveSchedule, 'format' | 'version' | 'asOf' | 'lighthouse'>;
type List = 'site' | 'unscheduled' | 'violation' | 'warning';

interface EntryRow {
  list: List;
  wave: number | null;
  position: number;
  key: string;
  body: string;
}

/** The schedule as rows: placed sites by code, the other lists by position. */
function entriesOf(schedule: WaveSchedule): EntryRow[] {
  const rows: EntryRow[] = [];
  for (const wave of schedule.waves) wave.sites.forEach((s, position) => rows.push({ list: 'site', wave: wave.number, position, key: s.site, body: JSON.stringify(s) }));
  schedule.unscheduled.forEach((u, position) => rows.push({ list: 'unscheduled', wave: null, position, key: u.site, body: JSON.stringify(u) }));
  schedule.violations.forEach((v, position) => rows.push({ list: 'violation', wave: null, position, key: String(position), body: JSON.stringify(v) }));
  schedule.warnings.forEach((w, position) => rows.push({ list: 'warning', wave: null, position, key: String(position), body: JSON.stringify(w) }));
  return rows;
}

function assemble(h: ReadHandle, id: number, head: Head): WaveSchedule {
  const waves = h.all<{ number: number; window_start: string; window_end: string; prep_lead_days: number }>(
    'SELECT number, window_start, window_end, prep_lead_days FROM waves WHERE schedule_id = ? ORDER BY number',
    id,
  );
  const entries = h.all<EntryRow>('SELECT list, wave, position, key, body FROM schedule_entries WHERE schedule_id = ? ORDER BY list, wave, position', id);
  const sitesOf = new Map<number, PlacedSite[]>(waves.map((w) => [w.number, []]));
  const unscheduled: Unscheduled[] = [];
  const violations: Violation[] = [];
  const warnings: WaveWarning[] = [];
  for (const e of entries) {
    if (e.list === 'site') sitesOf.get(e.wave!)?.push(JSON.parse(e.body) as PlacedSite);
    else if (e.list === 'unscheduled') unscheduled.push(JSON.parse(e.body) as Unscheduled);
    else if (e.list === 'violation') violations.push(JSON.parse(e.body) as Violation);
    else warnings.push(JSON.parse(e.body) as WaveWarning);
  }
  // In the order the scheduler writes its fields, so that the JSON is the same bytes.
  return {
    format: head.format,
    version: head.version,
    asOf: head.asOf,
    lighthouse: head.lighthouse,
    waves: waves.map((w) => ({ number: w.number, windowStart: w.window_start, windowEnd: w.window_end, prepLeadDays: w.prep_lead_days, sites: sitesOf.get(w.number)! })),
    unscheduled,
    violations,
    warnings,
  };
}

/** The last schedule assembled, and what identifies it: its row, the commit that stored it, when, and from what. */
const ASSEMBLED = 'schedule';

/** The day a plan is scheduled as of when none is given: the stored schedule's, else today. */
export function scheduleDay(stored: StoredSchedule | null): string {
  return stored?.schedule.asOf ?? todayIso();
}

export function readCurrentSchedule(h: ReadHandle): StoredSchedule | null {
  const row = h.get<ScheduleRow>('SELECT id, generated_at, result_json, inputs_hash, inputs_revision, checklist_basis FROM schedules WHERE is_current = 1');
  if (!row) return null;
  // Every store rewrites these: the same values, the same entries (an undo puts back both together).
  const identity = `${row.id}|${row.inputs_revision}|${row.generated_at}|${row.inputs_hash}|${row.result_json}`;
  const memo = h.memo.get(ASSEMBLED) as { identity: string; schedule: WaveSchedule } | undefined;
  let schedule: WaveSchedule;
  if (memo?.identity === identity) schedule = memo.schedule;
  else {
    const stored = JSON.parse(row.result_json) as Head | WaveSchedule;
    // A schedule stored by an earlier version holds all of itself in its JSON.
    schedule = 'waves' in stored ? stored : assemble(h, row.id, stored);
    h.memo.set(ASSEMBLED, { identity, schedule });
  }
  const locked = h.all<{ number: number }>('SELECT number FROM waves WHERE schedule_id = ? AND locked = 1 ORDER BY number', row.id);
  return {
    id: row.id,
    generatedAt: row.generated_at,
    schedule,
    lockedWaves: locked.map((l) => l.number),
    inputsHash: row.inputs_hash,
    inputsRevision: row.inputs_revision,
    checklistBasis: row.checklist_basis,
  };
}

export interface ScheduleToStore {
  schedule: WaveSchedule;
  lockedWaves: number[];
  checklistBasis: string;
  inputsHash: string;
  inputsRevision: number;
}

/** Stores `schedule` as the current one, in place of the one before, writing only the rows that changed. */
export function storeSchedule(h: WriteHandle, next: ScheduleToStore): StoredSchedule {
  const { schedule, lockedWaves } = next;
  const at = h.audit.context.at;
  const lighthouseId = schedule.lighthouse ? (h.get<{ id: number }>('SELECT id FROM sites WHERE code = ?', schedule.lighthouse.site)?.id ?? null) : null;
  const current = h.get<{ id: number }>('SELECT id FROM schedules WHERE is_current = 1');
  // Schedules before this design were kept for the renderer's undo; the undo history holds them now.
  h.run('DELETE FROM schedules WHERE is_current = 0');
  const head: Head = { format: schedule.format, version: schedule.version, asOf: schedule.asOf, lighthouse: schedule.lighthouse };
  const values = [schedule.asOf, at, lighthouseId, JSON.stringify(head), next.checklistBasis, next.inputsHash, next.inputsRevision];
  let id: number;
  if (current) {
    id = current.id;
    h.run('UPDATE schedules SET as_of = ?, generated_at = ?, lighthouse_site_id = ?, result_json = ?, checklist_basis = ?, inputs_hash = ?, inputs_revision = ? WHERE id = ?', ...values, id);
  } else {
    id = Number(h.run('INSERT INTO schedules (as_of, generated_at, lighthouse_site_id, result_json, checklist_basis, inputs_hash, inputs_revision, is_current) VALUES (?, ?, ?, ?, ?, ?, ?, 1)', ...values).lastInsertRowid);
  }
  writeWaves(h, id, schedule, lockedWaves);
  writeEntries(h, id, entriesOf(schedule));
  return { id, generatedAt: at, schedule, lockedWaves: [...lockedWaves].sort((a, b) => a - b), inputsHash: next.inputsHash, inputsRevision: next.inputsRevision, checklistBasis: next.checklistBasis };
}

function writeWaves(h: WriteHandle, id: number, schedule: WaveSchedule, lockedWaves: number[]): void {
  const present = new Map(h.all<{ number: number; window_start: string; window_end: string; prep_lead_days: number; locked: number }>('SELECT number, window_start, window_end, prep_lead_days, locked FROM waves WHERE schedule_id = ?', id).map((w) => [w.number, w]));
  const wanted = new Set(schedule.waves.map((w) => w.number));
  for (const number of present.keys()) if (!wanted.has(number)) h.run('DELETE FROM waves WHERE schedule_id = ? AND number = ?', id, number);
  for (const wave of schedule.waves) {
    const locked = lockedWaves.includes(wave.number) ? 1 : 0;
    const was = present.get(wave.number);
    if (!was) {
      const name = wave.number === 0 ? 'Lighthouse' : `Wave ${wave.number}`;
      h.run('INSERT INTO waves (schedule_id, number, name, window_start, window_end, prep_lead_days, locked) VALUES (?, ?, ?, ?, ?, ?, ?)', id, wave.number, name, wave.windowStart, wave.windowEnd, wave.prepLeadDays, locked);
    } else if (was.window_start !== wave.windowStart || was.window_end !== wave.windowEnd || was.prep_lead_days !== wave.prepLeadDays || was.locked !== locked) {
      h.run('UPDATE waves SET window_start = ?, window_end = ?, prep_lead_days = ?, locked = ? WHERE schedule_id = ? AND number = ?', wave.windowStart, wave.windowEnd, wave.prepLeadDays, locked, id, wave.number);
    }
  }
}

function writeEntries(h: WriteHandle, id: number, wanted: EntryRow[]): void {
  const present = new Map(h.all<EntryRow & { id: number }>('SELECT id, list, wave, position, key, body FROM schedule_entries WHERE schedule_id = ?', id).map((e) => [`${e.list}\u0000${e.key}`, e]));
  for (const e of wanted) {
    const key = `${e.list}\u0000${e.key}`;
    const was = present.get(key);
    present.delete(key);
    if (!was) h.run('INSERT INTO schedule_entries (schedule_id, list, wave, position, key, body) VALUES (?, ?, ?, ?, ?, ?)', id, e.list, e.wave, e.position, e.key, e.body);
    else if (was.wave !== e.wave || was.position !== e.position || was.body !== e.body) h.run('UPDATE schedule_entries SET wave = ?, position = ?, body = ? WHERE id = ?', e.wave, e.position, e.body, was.id);
  }
  for (const gone of present.values()) h.run('DELETE FROM schedule_entries WHERE id = ?', gone.id);
}

export function setWaveLock(h: WriteHandle, scheduleId: number, number: number, locked: boolean): boolean {
  return h.run('UPDATE waves SET locked = ? WHERE schedule_id = ? AND number = ?', locked ? 1 : 0, scheduleId, number).changes > 0;
}

/** The locked waves of a stored schedule, as the scheduler keeps them on re-plan. */
export function lockedWavesOf(stored: { schedule: WaveSchedule; lockedWaves: number[] } | null): LockedWave[] {
  if (!stored) return [];
  return stored.schedule.waves
    .filter((w) => stored.lockedWaves.includes(w.number))
    .map((w) => ({ number: w.number, windowStart: w.windowStart, windowEnd: w.windowEnd, prepLeadDays: w.prepLeadDays, sites: w.sites.map((s) => ({ site: s.site, goLive: s.goLive })) }));
}

export function inputsHash(content: WavePlan): string {
  return createHash('sha256').update(schedulingInputsKey(content)).digest('hex');
}

/** The numbers of the waves of `schedule` that hold the sites of `locks`. */
export function lockedNumbersOf(schedule: WaveSchedule, locks: LockedWave[]): number[] {
  const lockedSites = new Set(locks.flatMap((l) => l.sites.map((s) => s.site.toLowerCase())));
  return schedule.waves.filter((w) => w.sites.some((s) => lockedSites.has(s.site.toLowerCase()))).map((w) => w.number);
}

/** What a schedule's checklists are expanded from: the playbook version and the holidays. */
export function checklistBasisOf(content: WavePlan): string {
  return `${content.playbook.version}|${content.plan.holidays.join(',')}`;
}

/**
 * Stores a schedule that keeps `locks` as its locked waves (an imported plan's locks), as of
 * `asOf`. Its checklists are the plan's own, so none are expanded here.
 */
export function storeLockedSchedule(h: WriteHandle, content: WavePlan, locks: LockedWave[], asOf: string): void {
  const schedule = generateSchedule(scheduleInputFromPlan(content, asOf, locks));
  storeSchedule(h, { schedule, lockedWaves: lockedNumbersOf(schedule, locks), checklistBasis: checklistBasisOf(content), inputsHash: inputsHash(content), inputsRevision: h.revision });
}
