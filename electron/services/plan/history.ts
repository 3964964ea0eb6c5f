/**
 * The commit log and undo history of a plan file. Every write is a commit (its number is the plan's
 * revision) with the row images it changed (see change-capture.ts). Undo and redo are commits too:
 * they replay an edit's row images backwards or forwards, after checking that every row is still
 * as that edit left it, so an undo never overwrites what was changed since.
 */
import type Database from 'better-sqlite3';
import { CHANGE_ENTITIES, type Change, type ChangeEntity, type ChangeEvent, type CommitKind } from '../../../shared/changes';
import type { History, HistoryStep } from '../../../shared/contract';
import type { AuditSource } from '../../../shared/domain';
import { UserError } from '../errors';
import { recordCalendarEventDays } from './calendar-events';
import { CAPTURED_TABLES, columnsOf, currentImage, writeImage, type CapturedTable } from './change-capture';
import type { ReadHandle, WriteHandle } from './handles';
import { statement } from './statements';

/** How many edits of one opening of the plan can be undone. */
export const UNDO_DEPTH = 200;
/** Undo data of other openings is kept this long, in case they are still open elsewhere. */
const FOREIGN_UNDO_KEPT_MS = 24 * 60 * 60 * 1000;
/** The commit log (not its undo data) is kept this long. */
const COMMITS_KEPT_MS = 90 * 24 * 60 * 60 * 1000;
/** A change names at most this many ids; beyond, it says "many". */
const MAX_IDS = 500;

export interface CommitRequest {
  label: string;
  kind: CommitKind;
  source: AuditSource;
  actor: string;
  at: string;
  session: string;
  target?: number;
}

export function beginCommit(db: Database.Database, request: CommitRequest): number {
  const undoState = request.kind === 'edit' ? 'done' : null;
  const info = statement(db, 'INSERT INTO commits (at, actor, source, label, kind, target, session, undo_state) VALUES (?, ?, ?, ?, ?, ?, ?, ?)').run(
    request.at, request.actor, request.source, request.label, request.kind, request.target ?? null, request.session, undoState,
  );
  return Number(info.lastInsertRowid);
}

export function capturedCount(db: Database.Database, revision: number): number {
  return (statement(db, 'SELECT count(*) AS n FROM undo_changes WHERE revision = ?').get(revision) as { n: number }).n;
}

const ENTITY_OF: Record<CapturedTable, ChangeEntity> = {
  plan: 'plan',
  holidays: 'plan',
  freeze_windows: 'plan',
  plan_settings: 'settings',
  crews: 'crews',
  erps: 'erps',
  sites: 'sites',
  site_blackouts: 'sites',
  site_predecessors: 'sites',
  readiness_dimensions: 'dimensions',
  readiness_entries: 'readiness',
  schedules: 'schedule',
  waves: 'schedule',
  schedule_entries: 'schedule',
  playbook_versions: 'playbook',
  playbook_tasks: 'playbook',
  checklist_items: 'checklist',
  baselines: 'baselines',
  baseline_entries: 'baselines',
  // A packet sent or merged is news about its site.
  sent_packets: 'sites',
  scenarios: 'scenarios',
};

/** Per table, the column that names what changed: a site (by its id), or the row's own key. */
const KEY_OF: Partial<Record<CapturedTable, { column: string; site: boolean }>> = {
  sites: { column: 'id', site: true },
  site_blackouts: { column: 'site_id', site: true },
  site_predecessors: { column: 'site_id', site: true },
  readiness_entries: { column: 'site_id', site: true },
  checklist_items: { column: 'site_id', site: true },
  sent_packets: { column: 'site_id', site: true },
  erps: { column: 'code', site: false },
  plan_settings: { column: 'key', site: false },
  crews: { column: 'name', site: false },
  baselines: { column: 'name', site: false },
  scenarios: { column: 'name', site: false },
};

/** What the commit `revision` changed, per entity, from the rows it captured. */
export function summarizeChanges(db: Database.Database, revision: number): Change[] {
  const counts = statement(db, 'SELECT tbl, count(*) AS n FROM undo_changes WHERE revision = ? GROUP BY tbl').all(revision) as { tbl: CapturedTable; n: number }[];
  if (counts.length === 0) return [];
  // Site ids → codes: the sites there now, and those this commit removed.
  const siteCode = new Map<number, string>();
  const codeIndex = columnsOf(db, 'sites').indexOf('code');
  for (const row of statement(db, `SELECT row_id, json_extract(coalesce(after_json, before_json), '$[${codeIndex}]') AS code FROM undo_changes WHERE revision = ? AND tbl = 'sites'`).all(revision) as { row_id: number; code: string }[]) {
    siteCode.set(row.row_id, row.code);
  }
  const byEntity = new Map<ChangeEntity, { ids: Set<string>; many: boolean; count: number }>();
  for (const { tbl, n } of counts) {
    const entity = ENTITY_OF[tbl];
    const entry = byEntity.get(entity) ?? { ids: new Set<string>(), many: false, count: 0 };
    byEntity.set(entity, entry);
    // Readiness counts assessments recorded; other entities count rows written.
    entry.count += n;
    const key = KEY_OF[tbl];
    if (!key) {
      entry.many = true;
      continue;
    }
    const index = columnsOf(db, tbl).indexOf(key.column);
    const values = statement(db, `SELECT DISTINCT json_extract(coalesce(after_json, before_json), '$[${index}]') AS v FROM undo_changes WHERE revision = ? AND tbl = ? LIMIT ${MAX_IDS + 1}`).all(revision, tbl) as { v: string | number }[];
    if (values.length > MAX_IDS) {
      entry.many = true;
      continue;
    }
    for (const { v } of values) {
      if (!key.site) {
        entry.ids.add(String(v));
        continue;
      }
      const id = Number(v);
      let code = siteCode.get(id);
      if (code === undefined) {
        code = (statement(db, 'SELECT code FROM sites WHERE id = ?').get(id) as { code: string } | undefined)?.code;
        if (code !== undefined) siteCode.set(id, code);
      }
      if (code !== undefined) entry.ids.add(code);
    }
  }
  return CHANGE_ENTITIES.filter((e) => byEntity.has(e)).map((entity) => {
    const entry = byEntity.get(entity)!;
    const ids = entry.many || entry.ids.size > MAX_IDS ? null : [...entry.ids].sort();
    return { entity, ids, count: entry.count };
  });
}

/** Entities whose change can move a calendar event's day. */
const CALENDAR_SOURCES: readonly ChangeEntity[] = ['schedule', 'checklist', 'playbook'];

export function finishCommit(db: Database.Database, revision: number, changes: Change[]): void {
  statement(db, 'UPDATE commits SET changes_json = ? WHERE revision = ?').run(JSON.stringify(changes), revision);
  if (changes.some((c) => CALENDAR_SOURCES.includes(c.entity))) recordCalendarEventDays(db, revision);
}

interface CommitRow {
  revision: number;
  at: string;
  actor: string;
  source: AuditSource;
  label: string;
  kind: CommitKind;
  target: number | null;
  session: string;
  undo_state: 'done' | 'undone' | null;
  changes_json: string;
}

export function currentRevision(h: ReadHandle): number {
  return h.get<{ r: number | null }>('SELECT max(revision) AS r FROM commits')?.r ?? 0;
}

/**
 * Inside a commit: the revision the plan had when it began (the commit's own row is already there),
 * to tell whether anything changed since a snapshot taken outside it.
 */
export function revisionBefore(h: WriteHandle): number {
  return h.get<{ r: number | null }>('SELECT max(revision) AS r FROM commits WHERE revision < ?', h.revision)?.r ?? 0;
}

function eventOf(row: CommitRow): ChangeEvent {
  return { type: 'commit', revision: row.revision, changes: JSON.parse(row.changes_json) as Change[], source: row.source, actor: row.actor, label: row.label, kind: row.kind, at: row.at };
}

/** The commits after `revision`, oldest first: what another process wrote since we last looked. */
export function commitsAfter(h: ReadHandle, revision: number): ChangeEvent[] {
  return h.all<CommitRow>('SELECT * FROM commits WHERE revision > ? ORDER BY revision', revision).map(eventOf);
}

export type { History, HistoryStep };

/** What Undo would take back (newest first) and Redo do again (the last undone first) in `session`. */
export function historyOf(h: ReadHandle, session: string): History {
  const undo = h.all<HistoryStep>("SELECT revision, label, at FROM commits WHERE session = ? AND undo_state = 'done' ORDER BY revision DESC", session);
  // Redo follows the order the edits were undone in: the last one undone comes back first.
  const redo = h
    .all<HistoryStep & { undone_at: number }>(
      `SELECT c.revision, c.label, c.at, (SELECT max(u.revision) FROM commits u WHERE u.kind = 'undo' AND u.target = c.revision) AS undone_at
         FROM commits c WHERE c.session = ? AND c.undo_state = 'undone' ORDER BY undone_at DESC`,
      session,
    )
    .map(({ revision, label, at }) => ({ revision, label, at }));
  return { undo, redo };
}

/** A new edit starts a new branch: what was undone in this session can no longer be redone. */
export function discardRedo(db: Database.Database, session: string): void {
  statement(db, "DELETE FROM undo_changes WHERE revision IN (SELECT revision FROM commits WHERE session = ? AND undo_state = 'undone')").run(session);
  statement(db, "UPDATE commits SET undo_state = NULL WHERE session = ? AND undo_state = 'undone'").run(session);
}

/** Keeps the undo data of this session's newest UNDO_DEPTH edits. */
export function limitDepth(db: Database.Database, session: string): void {
  const beyond = `SELECT revision FROM commits WHERE session = ? AND undo_state = 'done' ORDER BY revision DESC LIMIT -1 OFFSET ${UNDO_DEPTH}`;
  statement(db, `DELETE FROM undo_changes WHERE revision IN (${beyond})`).run(session);
  statement(db, `UPDATE commits SET undo_state = NULL WHERE revision IN (${beyond})`).run(session);
}

/** A commit no undo will reach (the team's): its row images are not kept. */
export function dropUndoData(db: Database.Database, revision: number): void {
  statement(db, 'DELETE FROM undo_changes WHERE revision = ?').run(revision);
  statement(db, 'UPDATE commits SET undo_state = NULL WHERE revision = ?').run(revision);
}

export function setUndoState(db: Database.Database, revision: number, state: 'done' | 'undone'): void {
  statement(db, 'UPDATE commits SET undo_state = ? WHERE revision = ?').run(state, revision);
}

/** On opening: undo data of other, older openings goes, and commit entries older than 90 days. */
export function pruneHistory(db: Database.Database, session: string, now: Date): void {
  const foreign = new Date(now.getTime() - FOREIGN_UNDO_KEPT_MS).toISOString();
  const old = `SELECT revision FROM commits WHERE session <> ? AND undo_state IS NOT NULL AND at < ?`;
  statement(db, `DELETE FROM undo_changes WHERE revision IN (${old})`).run(session, foreign);
  statement(db, `UPDATE commits SET undo_state = NULL WHERE revision IN (${old})`).run(session, foreign);
  // The newest commit stays whatever its age: it carries the plan's revision.
  statement(db, 'DELETE FROM commits WHERE at < ? AND revision < (SELECT max(revision) FROM commits)').run(new Date(now.getTime() - COMMITS_KEPT_MS).toISOString());
}

export function stepOf(h: ReadHandle, revision: number): (HistoryStep & { session: string; undoState: string | null }) | undefined {
  const row = h.get<CommitRow>('SELECT * FROM commits WHERE revision = ?', revision);
  return row && { revision: row.revision, label: row.label, at: row.at, session: row.session, undoState: row.undo_state };
}

const DOORS: Record<AuditSource, string> = {
  ui: 'in the app',
  cli: 'on the command line',
  import: 'by an import',
  packet: "from a site lead's packet",
  sync: 'by a team member',
};

/** "site US-DET", "the schedule", …: what a row is, in words. */
function describeRow(db: Database.Database, table: CapturedTable, image: string | null, knownSites = new Map<number, string>()): string {
  const values = image ? (JSON.parse(image) as unknown[]) : [];
  const column = (name: string) => values[columnsOf(db, table).indexOf(name)];
  const siteById = (id: unknown) => (statement(db, 'SELECT code FROM sites WHERE id = ?').get(id) as { code: string } | undefined)?.code ?? knownSites.get(Number(id));
  switch (ENTITY_OF[table]) {
    case 'sites':
      return `site ${String(table === 'sites' ? column('code') : (siteById(column('site_id')) ?? ''))}`.trim();
    case 'readiness':
      return `the readiness of ${siteById(column('site_id')) ?? 'a site'}`;
    case 'checklist':
      return `a checklist item of ${siteById(column('site_id')) ?? 'a site'}`;
    case 'erps':
      return `ERP ${String(column('code'))}`;
    case 'settings':
      return `the setting ${String(column('key'))}`;
    case 'crews':
      return `crew ${String(column('name'))}`;
    case 'schedule':
      return 'the schedule';
    case 'playbook':
      return 'the playbook';
    case 'baselines':
      return 'a baseline';
    case 'scenarios':
      return `scenario ${String(column('name'))}`;
    case 'dimensions':
      return 'the readiness dimensions';
    default:
      return "the plan's dates";
  }
}

function conflictMessage(db: Database.Database, action: 'undo' | 'redo', step: HistoryStep, what: string, entity: ChangeEntity): string {
  const later = (statement(db, "SELECT * FROM commits WHERE revision > ? AND kind <> 'create' ORDER BY revision DESC").all(step.revision) as CommitRow[]).find((c) =>
    (JSON.parse(c.changes_json) as Change[]).some((x) => x.entity === entity),
  );
  const since = later ? ` since ("${later.label}", by ${later.actor} ${DOORS[later.source]})` : ' since';
  return `Cannot ${action} "${step.label}": ${what} was changed${since}. Nothing was changed.`;
}

const isConstraintError = (error: unknown) => typeof (error as { code?: unknown })?.code === 'string' && (error as { code: string }).code.startsWith('SQLITE_CONSTRAINT');

/**
 * Replays the row images of `step` backwards (undo) or forwards (redo). Must run inside a
 * transaction with foreign keys off (the images already hold every cascade); refuses, naming what
 * changed, when a row is no longer as the step left it or a reference would dangle.
 */
export function replay(db: Database.Database, step: HistoryStep, action: 'undo' | 'redo'): void {
  const rows = statement(db, `SELECT tbl, row_id, before_json, after_json FROM undo_changes WHERE revision = ? ORDER BY id ${action === 'undo' ? 'DESC' : 'ASC'}`).all(step.revision) as {
    tbl: CapturedTable;
    row_id: number;
    before_json: string | null;
    after_json: string | null;
  }[];
  for (const row of rows) {
    if (!(CAPTURED_TABLES as readonly string[]).includes(row.tbl)) throw new Error(`unknown table ${row.tbl} in the undo data`);
    const [expected, target] = action === 'undo' ? [row.after_json, row.before_json] : [row.before_json, row.after_json];
    const now = currentImage(db, row.tbl, row.row_id);
    if ((now ?? null) !== expected) throw new UserError('conflict', conflictMessage(db, action, step, describeRow(db, row.tbl, now ?? expected), ENTITY_OF[row.tbl]));
    try {
      writeImage(db, row.tbl, row.row_id, target, now !== undefined);
    } catch (error) {
      if (!isConstraintError(error)) throw error;
      throw new UserError('conflict', conflictMessage(db, action, step, describeRow(db, row.tbl, target), ENTITY_OF[row.tbl]));
    }
  }
  const dangling = db.pragma('foreign_key_check') as { table: string; rowid: number; parent: string }[];
  if (dangling.length > 0) {
    const first = dangling[0]!;
    const table = first.table as CapturedTable;
    const image = (CAPTURED_TABLES as readonly string[]).includes(table) ? (currentImage(db, table, first.rowid) ?? null) : null;
    // The sites this step removes are gone by now: name them from their images.
    const codeIndex = columnsOf(db, 'sites').indexOf('code');
    const stepSites = new Map(rows.filter((r) => r.tbl === 'sites').map((r) => [r.row_id, String((JSON.parse((r.before_json ?? r.after_json)!) as unknown[])[codeIndex])]));
    const what = image ? describeRow(db, table, image, stepSites) : first.table;
    throw new UserError('conflict', `Cannot ${action} "${step.label}": ${what} was added since and depends on it. Nothing was changed.`);
  }
}
