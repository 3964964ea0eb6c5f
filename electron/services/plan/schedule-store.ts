/**
 * Stored schedules. Each generation adds a row (the previous ones stay, so a re-plan can be undone);
 * the current one is also spread into waves and placements, and drives the checklist items.
 */
import type Database from 'better-sqlite3';
import type { ChecklistItem, ChecklistStatus } from '../../../shared/domain';
import type { PlannedChecklistItem } from '../../../shared/playbook';
import type { WaveSchedule } from '../../../shared/scheduler/types';
import type { AuditWriter } from './audit';

/** Site ids by lower-case code, read once for a bulk write. */
function siteIds(db: Database.Database): Map<string, number> {
  const rows = statement(db, 'SELECT id, code FROM sites').all() as { id: number; code: string }[];
  return new Map(rows.map((r) => [r.code.toLowerCase(), r.id]));
}

/** How many earlier schedules are kept for undo (as their JSON; only the current one keeps placement rows). */
const KEPT_SCHEDULES = 20;


import type { ScheduleView } from '../../../shared/contract';
import { statement } from './statements';

/** The basis the current schedule's checklists were expanded from ('' when unknown). */
export function readChecklistBasis(db: Database.Database): string {
  return (statement(db, 'SELECT checklist_basis FROM schedules WHERE is_current = 1').get() as { checklist_basis: string } | undefined)?.checklist_basis ?? '';
}

/** A kept schedule by id, with the waves that were locked in it. */
export function readSchedule(db: Database.Database, id: number): ScheduleView | null {
  const row = statement(db, 'SELECT id, generated_at, result_json FROM schedules WHERE id = ?').get(id) as { id: number; generated_at: string; result_json: string } | undefined;
  if (!row) return null;
  const locked = statement(db, 'SELECT number FROM waves WHERE schedule_id = ? AND locked = 1 ORDER BY number').all(row.id) as { number: number }[];
  return { id: row.id, generatedAt: row.generated_at, schedule: JSON.parse(row.result_json) as WaveSchedule, lockedWaves: locked.map((l) => l.number) };
}

export function readCurrentSchedule(db: Database.Database): ScheduleView | null {
  const row = statement(db, 'SELECT id, generated_at, result_json FROM schedules WHERE is_current = 1').get() as
    | { id: number; generated_at: string; result_json: string }
    | undefined;
  if (!row) return null;
  const locked = statement(db, 'SELECT number FROM waves WHERE schedule_id = ? AND locked = 1 ORDER BY number').all(row.id) as { number: number }[];
  return { id: row.id, generatedAt: row.generated_at, schedule: JSON.parse(row.result_json) as WaveSchedule, lockedWaves: locked.map((l) => l.number) };
}

/** Stores `schedule` as the current one; `lockedWaves` are the wave numbers that stay locked. */
export function storeSchedule(db: Database.Database, schedule: WaveSchedule, lockedWaves: number[], checklistBasis: string, now = new Date()): ScheduleView {
  // Earlier schedules keep their JSON and waves (for undo), not their placement rows.
  statement(db, 'DELETE FROM wave_placements WHERE wave_id IN (SELECT w.id FROM waves w JOIN schedules s ON s.id = w.schedule_id WHERE s.is_current = 1)').run();
  statement(db, 'UPDATE schedules SET is_current = 0 WHERE is_current = 1').run();
  const ids = siteIds(db);
  const lighthouseId = schedule.lighthouse ? (ids.get(schedule.lighthouse.site.toLowerCase()) ?? null) : null;
  const info = db
    .prepare('INSERT INTO schedules (as_of, generated_at, lighthouse_site_id, result_json, is_current, checklist_basis) VALUES (?, ?, ?, ?, 1, ?)')
    .run(schedule.asOf, now.toISOString(), lighthouseId, JSON.stringify(schedule), checklistBasis);
  const scheduleId = Number(info.lastInsertRowid);
  const insertWave = statement(db, 
    'INSERT INTO waves (schedule_id, number, name, window_start, window_end, prep_lead_days, locked) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  const insertPlacement = statement(db, 
    'INSERT INTO wave_placements (wave_id, site_id, go_live, prep_start, hypercare_end, pinned, reasons_json) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  for (const wave of schedule.waves) {
    const name = wave.number === 0 ? 'Lighthouse' : `Wave ${wave.number}`;
    const waveId = insertWave.run(scheduleId, wave.number, name, wave.windowStart, wave.windowEnd, wave.prepLeadDays, lockedWaves.includes(wave.number) ? 1 : 0).lastInsertRowid;
    for (const placed of wave.sites) {
      const siteId = ids.get(placed.site.toLowerCase());
      if (siteId === undefined) continue;
      insertPlacement.run(waveId, siteId, placed.goLive, placed.prepStart, placed.hypercareEnd, placed.pinned ? 1 : 0, JSON.stringify(placed.reasons));
    }
  }
  // Earlier schedules beyond the undo depth are dropped with their waves and placements.
  statement(db, 'DELETE FROM schedules WHERE id NOT IN (SELECT id FROM schedules ORDER BY id DESC LIMIT ?)').run(KEPT_SCHEDULES + 1);
  return { id: scheduleId, generatedAt: now.toISOString(), schedule, lockedWaves: [...lockedWaves].sort((a, b) => a - b) };
}

export function setWaveLock(db: Database.Database, scheduleId: number, number: number, locked: boolean): boolean {
  return statement(db, 'UPDATE waves SET locked = ? WHERE schedule_id = ? AND number = ?').run(locked ? 1 : 0, scheduleId, number).changes > 0;
}

interface ChecklistRow {
  id: number;
  site: string;
  task_key: string;
  playbook_version: number;
  title: string;
  due_date: string;
  status: ChecklistStatus;
  owner: string;
  note: string;
  completed_at: string | null;
}

const fromRow = (r: ChecklistRow): ChecklistItem => ({
  id: r.id,
  site: r.site,
  taskKey: r.task_key,
  playbookVersion: r.playbook_version,
  title: r.title,
  dueDate: r.due_date,
  status: r.status,
  owner: r.owner,
  note: r.note,
  completedAt: r.completed_at,
});

export function readChecklist(db: Database.Database, site?: string): ChecklistItem[] {
  const rows = db
    .prepare(
      `SELECT c.*, s.code AS site FROM checklist_items c JOIN sites s ON s.id = c.site_id ${site ? 'WHERE s.code = ?' : ''} ORDER BY c.due_date, s.code, c.id`,
    )
    .all(...(site ? [site] : [])) as ChecklistRow[];
  return rows.map(fromRow);
}

/**
 * Brings the checklist in line with a new schedule: open items move to their new due dates and keep
 * status, owner and note; finished ones stay as they are; untouched items of sites no longer placed
 * go, started ones stay. `onlySites` limits the work to the sites whose placement changed.
 */
export function syncChecklist(
  db: Database.Database,
  planned: PlannedChecklistItem[],
  playbookVersion: number,
  audit: AuditWriter,
  /** Limit the work to these sites (lower-case codes); all sites when omitted. */
  onlySites?: Set<string>,
): void {
  const ids = siteIds(db);
  const limit = onlySites ? [...onlySites].flatMap((code) => ids.get(code) ?? []) : null;
  if (limit && limit.length === 0) return;
  const rows = db
    .prepare(
      `SELECT c.id, c.site_id, s.code AS site, c.task_key, c.status, c.due_date, c.note FROM checklist_items c JOIN sites s ON s.id = c.site_id ${limit ? 'WHERE c.site_id IN (SELECT value FROM json_each(?))' : ''}`,
    )
    .all(...(limit ? [JSON.stringify(limit)] : [])) as {
    id: number;
    site_id: number;
    site: string;
    task_key: string;
    status: ChecklistStatus;
    due_date: string;
    note: string;
  }[];
  const existing = new Map(rows.map((row) => [`${row.site_id}\u0000${row.task_key}`, row]));
  const insert = statement(db, 
    'INSERT INTO checklist_items (site_id, task_key, playbook_version, title, due_date, status, owner) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  const move = statement(db, 'UPDATE checklist_items SET due_date = ?, title = ? WHERE id = ?');
  const keep = new Set<number>();
  for (const item of planned) {
    if (onlySites && !onlySites.has(item.site.toLowerCase())) continue;
    const siteId = ids.get(item.site.toLowerCase());
    if (siteId === undefined) continue;
    const found = existing.get(`${siteId}\u0000${item.taskKey}`);
    if (!found) {
      insert.run(siteId, item.taskKey, playbookVersion, item.title, item.dueDate, 'todo', item.ownerRole);
      continue;
    }
    keep.add(found.id);
    const finished = found.status === 'done' || found.status === 'n/a';
    if (!finished && found.due_date !== item.dueDate) {
      move.run(item.dueDate, item.title, found.id);
      audit.record('checklist', `${found.site}/${found.task_key}`, 'dueDate', found.due_date, item.dueDate);
    }
  }
  const remove = statement(db, 'DELETE FROM checklist_items WHERE id = ?');
  for (const row of rows) {
    if (!keep.has(row.id) && row.status === 'todo' && row.note === '') remove.run(row.id);
  }
}

export function updateChecklistItem(
  db: Database.Database,
  id: number,
  patch: { status?: ChecklistStatus; owner?: string; note?: string },
  audit: AuditWriter,
): ChecklistItem | null {
  const before = statement(db, 'SELECT c.*, s.code AS site FROM checklist_items c JOIN sites s ON s.id = c.site_id WHERE c.id = ?').get(id) as ChecklistRow | undefined;
  if (!before) return null;
  const item = fromRow(before);
  const after = { status: patch.status ?? item.status, owner: patch.owner ?? item.owner, note: patch.note ?? item.note };
  const completedAt = after.status === 'done' ? (item.completedAt ?? new Date().toISOString()) : null;
  statement(db, 'UPDATE checklist_items SET status = ?, owner = ?, note = ?, completed_at = ? WHERE id = ?').run(after.status, after.owner, after.note, completedAt, id);
  audit.recordChanges('checklist', `${item.site}/${item.taskKey}`, { status: item.status, owner: item.owner, note: item.note }, after);
  return fromRow(statement(db, 'SELECT c.*, s.code AS site FROM checklist_items c JOIN sites s ON s.id = c.site_id WHERE c.id = ?').get(id) as ChecklistRow);
}
