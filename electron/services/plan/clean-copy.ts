/**
 * A clean copy of a plan file whose schema was changed outside Wave Planner (schema-check.ts): a fresh
 * plan file of the same version, holding the rows of every table a plan has, and nothing else — no
 * trigger, view, table or index that was added. The original is only read, and left as it is.
 */
import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { UserError } from '../errors';
import { PLAN_APPLICATION_ID } from './database';
import { removeWithJournals } from './journal-files';
import { buildSchema, LATEST_SCHEMA_VERSION } from './migrations';
import { expectedSchema } from './schema-check';

/** Undo data belongs to the sessions that made it; a copy starts without. */
const NOT_COPIED = new Set(['undo_changes']);

function freeCopyPath(path: string): string {
  const stem = basename(path).replace(/\.waveplan$/i, '');
  let candidate = join(dirname(path), `${stem} (clean copy).waveplan`);
  for (let n = 2; existsSync(candidate); n += 1) candidate = join(dirname(path), `${stem} (clean copy ${n}).waveplan`);
  return candidate;
}

const quoted = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** Writes the clean copy beside `path` and returns its path. */
export function writeCleanCopy(path: string): string {
  let source: Database.Database;
  try {
    source = new Database(path, { readonly: true, fileMustExist: true });
  } catch (error) {
    throw new UserError('refused', `Could not read ${path}: ${(error as Error).message}.`);
  }
  const target = freeCopyPath(path);
  let copy: Database.Database | null = null;
  try {
    source.pragma('trusted_schema = OFF');
    const version = source.pragma('user_version', { simple: true }) as number;
    if (source.pragma('application_id', { simple: true }) !== PLAN_APPLICATION_ID || version < 1 || version > LATEST_SCHEMA_VERSION) {
      throw new UserError('refused', `${path} is not a Wave Planner plan this version can copy.`);
    }
    copy = new Database(target);
    buildSchema(copy, version);
    copy.pragma(`user_version = ${version}`);
    copy.pragma(`application_id = ${PLAN_APPLICATION_ID}`);
    const present = new Set((source.prepare("SELECT name FROM sqlite_schema WHERE type = 'table'").all() as { name: string }[]).map((t) => t.name));
    const tables = [...expectedSchema(version).values()].filter((o) => o.type === 'table' && present.has(o.name) && !NOT_COPIED.has(o.name)).map((o) => o.name);
    const into = copy;
    // Tables are copied in name order: their references are checked once all are in.
    into.pragma('foreign_keys = OFF');
    into.transaction(() => {
      for (const table of tables) {
        const have = new Set((source.pragma(`table_info(${quoted(table)})`) as { name: string }[]).map((c) => c.name));
        const columns = (into.pragma(`table_info(${quoted(table)})`) as { name: string }[]).map((c) => c.name).filter((c) => have.has(c));
        const list = columns.map(quoted).join(', ');
        const insert = into.prepare(`INSERT INTO ${quoted(table)} (${list}) VALUES (${columns.map(() => '?').join(', ')})`);
        for (const row of source.prepare(`SELECT ${list} FROM ${quoted(table)}`).raw().iterate()) insert.run(...(row as unknown[]));
      }
    })();
    const broken = into.pragma('foreign_key_check') as unknown[];
    if (broken.length > 0) throw new UserError('refused', `${path} holds ${broken.length} rows whose references do not resolve; restore it from a backup instead.`);
    return target;
  } catch (error) {
    copy?.close();
    copy = null;
    removeWithJournals(target);
    throw error instanceof UserError ? error : new UserError('refused', `Could not make a clean copy of ${path}: ${(error as Error).message}.`);
  } finally {
    copy?.close();
    source.close();
  }
}
