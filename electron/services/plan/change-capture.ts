/**
 * Row-level capture of every write to the plan's content, which is what makes every write undoable:
 * temporary triggers (on this connection only, never stored in the file) record the image of each
 * row a commit inserts, updates or deletes, before and after, as `undo_changes` rows of the commit.
 * Undo replays them backwards, redo forwards. The audit log and the commit log are not captured:
 * they record history, and history is not undone.
 */
import type Database from 'better-sqlite3';
import { statement } from './statements';

/** The tables that hold the plan's content, parents before children. */
export const CAPTURED_TABLES = [
  'plan',
  'plan_settings',
  'crews',
  'holidays',
  'freeze_windows',
  'erps',
  'sites',
  'site_blackouts',
  'site_predecessors',
  'readiness_dimensions',
  'readiness_entries',
  'playbook_versions',
  'playbook_tasks',
  'schedules',
  'waves',
  'schedule_entries',
  'checklist_items',
  'baselines',
  'baseline_entries',
  'sent_packets',
  'scenarios',
] as const;
export type CapturedTable = (typeof CAPTURED_TABLES)[number];

export interface RowChange {
  tbl: CapturedTable;
  op: 'insert' | 'update' | 'delete';
  row_id: number;
  before_json: string | null;
  after_json: string | null;
}

const columnCache = new WeakMap<Database.Database, Map<string, string[]>>();

/** The columns of a captured table, in the order its row images list them. */
export function columnsOf(db: Database.Database, table: CapturedTable): string[] {
  let byTable = columnCache.get(db);
  if (!byTable) {
    byTable = new Map();
    columnCache.set(db, byTable);
  }
  let columns = byTable.get(table);
  if (!columns) {
    columns = (db.pragma(`table_info(${table})`) as { name: string }[]).map((c) => c.name);
    byTable.set(table, columns);
  }
  return columns;
}

const quoted = (name: string) => `"${name}"`;

/** The SQL expression of a row's image, for `NEW`, `OLD` or the table itself. */
export function imageSql(db: Database.Database, table: CapturedTable, row?: 'NEW' | 'OLD'): string {
  return `json_array(${columnsOf(db, table).map((c) => (row ? `${row}.${quoted(c)}` : quoted(c))).join(', ')})`;
}

/**
 * Installs the capture on this connection: a one-row temp table holding the revision being written
 * (NULL: nothing is captured), and three triggers per content table.
 */
export function installCapture(db: Database.Database): void {
  db.exec('CREATE TEMP TABLE IF NOT EXISTS capture_state (revision INTEGER)');
  if (!db.prepare('SELECT 1 FROM temp.capture_state').get()) db.exec('INSERT INTO temp.capture_state VALUES (NULL)');
  const revision = '(SELECT revision FROM temp.capture_state)';
  for (const table of CAPTURED_TABLES) {
    const before = imageSql(db, table, 'OLD');
    const after = imageSql(db, table, 'NEW');
    // Compared column by column: cheaper than building both images of an unchanged row.
    const changed = columnsOf(db, table).map((c) => `OLD.${quoted(c)} IS NOT NEW.${quoted(c)}`).join(' OR ');
    db.exec(`
      CREATE TEMP TRIGGER IF NOT EXISTS capture_${table}_insert AFTER INSERT ON main.${table} WHEN ${revision} IS NOT NULL
      BEGIN INSERT INTO main.undo_changes (revision, tbl, op, row_id, after_json) VALUES (${revision}, '${table}', 'insert', NEW.rowid, ${after}); END;
      CREATE TEMP TRIGGER IF NOT EXISTS capture_${table}_update AFTER UPDATE ON main.${table} WHEN ${revision} IS NOT NULL AND (${changed})
      BEGIN INSERT INTO main.undo_changes (revision, tbl, op, row_id, before_json, after_json) VALUES (${revision}, '${table}', 'update', NEW.rowid, ${before}, ${after}); END;
      CREATE TEMP TRIGGER IF NOT EXISTS capture_${table}_delete AFTER DELETE ON main.${table} WHEN ${revision} IS NOT NULL
      BEGIN INSERT INTO main.undo_changes (revision, tbl, op, row_id, before_json) VALUES (${revision}, '${table}', 'delete', OLD.rowid, ${before}); END;
    `);
  }
}

/** Starts capturing into `revision`, or stops (null). Inside the commit's transaction. */
export function setCapture(db: Database.Database, revision: number | null): void {
  statement(db, 'UPDATE temp.capture_state SET revision = ?').run(revision);
}

/** The row's image now, or undefined when the row does not exist. */
export function currentImage(db: Database.Database, table: CapturedTable, rowId: number): string | undefined {
  const row = statement(db, `SELECT ${imageSql(db, table)} AS image FROM main.${table} WHERE rowid = ?`).get(rowId) as { image: string } | undefined;
  return row?.image;
}

/** Puts a row in the state of `image` (undefined: no row), whatever state it is in now. */
export function writeImage(db: Database.Database, table: CapturedTable, rowId: number, image: string | null | undefined, exists: boolean): void {
  const columns = columnsOf(db, table);
  if (image === null || image === undefined) {
    statement(db, `DELETE FROM main.${table} WHERE rowid = ?`).run(rowId);
    return;
  }
  const values = JSON.parse(image) as unknown[];
  if (exists) {
    statement(db, `UPDATE main.${table} SET ${columns.map((c) => `${quoted(c)} = ?`).join(', ')} WHERE rowid = ?`).run(...values, rowId);
  } else {
    statement(db, `INSERT INTO main.${table} (rowid, ${columns.map(quoted).join(', ')}) VALUES (?, ${columns.map(() => '?').join(', ')})`).run(rowId, ...values);
  }
}
