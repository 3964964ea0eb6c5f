/**
 * Opening a plan file: SQLite with durable settings, an integrity check, identification as a
 * Wave Planner plan, and migrations to the current schema (after a backup).
 */
import Database from 'better-sqlite3';
import { existsSync, statSync } from 'node:fs';
import { diskFullError, isDiskFull } from '../disk-full';
import { UserError } from '../errors';
import { backupPlan } from './backup';
import { networkFileSystemOf } from './network-drive';
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from './migrations';
import { schemaDifferences } from './schema-check';

/** `PRAGMA application_id` of every plan file: "WAVE" in ASCII. */
export const PLAN_APPLICATION_ID = 0x57415645;

export interface OpenedDatabase {
  db: Database.Database;
  /** Conditions the user should know about, such as WAL being unavailable. */
  warnings: string[];
}

/**
 * How long one statement waits, blocking, for another connection's lock. Kept short: a write that
 * meets another program's transaction waits longer by retrying without blocking (PlanFile.mutate).
 */
const BUSY_TIMEOUT_MS = 200;

function requirePragma(db: Database.Database, statement: string, expected: string | number, what: string): void {
  db.pragma(statement);
  const name = statement.split('=')[0]!.trim();
  const actual = db.pragma(name, { simple: true }) as string | number;
  if (String(actual).toLowerCase() !== String(expected)) {
    throw new UserError('refused', `Could not set ${what} on the plan file (${name} is ${String(actual)}).`);
  }
}

export interface OpenOptions {
  create: boolean;
  /**
   * The file is as Wave Planner closed it (CheckedPlans): its pages need not all be read again, nor
   * its schema compared, since both were checked when it was opened and only Wave Planner wrote it since.
   */
  unchangedSinceClose?: boolean;
}

export function openPlanDatabase(path: string, options: OpenOptions): OpenedDatabase {
  const exists = existsSync(path);
  if (!exists && !options.create) throw new UserError('not-found', `No plan file at ${path}.`);
  // SQLite would take an empty file for a new database and write a plan into it: refuse, and leave it be.
  if (exists && !options.create && statSync(path).size === 0) throw new UserError('refused', `${path} is empty (0 bytes): it holds no plan. It was left as it is.`);
  let db: Database.Database;
  try {
    db = new Database(path, { fileMustExist: !options.create });
  } catch (error) {
    throw new UserError('refused', `Could not open ${path}: ${(error as Error).message}.`);
  }
  try {
    return prepareDatabase(db, path, options);
  } catch (error) {
    db.close();
    if (error instanceof UserError) throw error;
    if (isDiskFull(error)) throw diskFullError(path, 'the plan was not opened');
    const message = (error as Error).message;
    if (/not a database|malformed|corrupt/i.test(message)) {
      throw new UserError('refused', `${path} is not a Wave Planner plan, or it is damaged (${message}).`);
    }
    throw error;
  }
}

function prepareDatabase(db: Database.Database, path: string, options: OpenOptions): OpenedDatabase {
  // Before anything is read: functions in a file's own schema (views, triggers) get no trust.
  db.pragma('trusted_schema = OFF');
  const applicationId = db.pragma('application_id', { simple: true }) as number;
  const version = db.pragma('user_version', { simple: true }) as number;
  const tableCount = (db.prepare("SELECT count(*) AS n FROM sqlite_schema WHERE type = 'table'").get() as { n: number }).n;
  const isEmpty = version === 0 && tableCount === 0;
  if (!isEmpty && applicationId !== PLAN_APPLICATION_ID) {
    throw new UserError('refused', `${path} is an SQLite database but not a Wave Planner plan.`);
  }
  if (version > LATEST_SCHEMA_VERSION) {
    throw new UserError(
      'refused',
      `${path} was saved by a newer Wave Planner (plan format ${version}; this version reads up to ${LATEST_SCHEMA_VERSION}). Update Wave Planner to open it.`,
    );
  }
  if (isEmpty && !options.create) throw new UserError('refused', `${path} holds no plan (an empty database). It was left as it is.`);

  // Every check that can refuse the file comes before anything that writes to it.
  const check = options.unchangedSinceClose ? 'ok' : (db.pragma('quick_check', { simple: true }) as string);
  if (check !== 'ok') throw new UserError('refused', `${path} is damaged (${check}). Restore it from a backup.`);
  if (!isEmpty && !options.unchangedSinceClose) {
    const differences = schemaDifferences(db, version);
    if (differences.length > 0) {
      throw new UserError(
        'refused',
        `${path} was changed outside Wave Planner: it has ${differences.slice(0, 3).join('; ')}${differences.length > 3 ? ` and ${differences.length - 3} more` : ''}. It was not opened for changes, since those could run with every edit. Open a clean copy instead (File › Open a clean copy, or wave-planner clean-copy): its data in a fresh plan file, without them.`,
      );
    }
  }

  const warnings: string[] = [];
  const network = networkFileSystemOf(path);
  if (network) warnings.push(`This plan is on a network drive (${network}). SQLite cannot protect a plan there against two people or a dropped connection; keep plans on a local disk and share copies or exports.`);
  db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  const journal = String(db.pragma('journal_mode = WAL', { simple: true })).toLowerCase();
  if (journal !== 'wal') {
    warnings.push(`Write-ahead logging is unavailable for this file (journal mode ${journal}); is it on a network drive? Keep plans on a local disk.`);
  }
  requirePragma(db, 'synchronous = FULL', 2, 'full synchronous writes');
  requirePragma(db, 'foreign_keys = ON', 1, 'foreign keys');
  requirePragma(db, 'trusted_schema = OFF', 0, 'untrusted schema');

  if (version < LATEST_SCHEMA_VERSION) {
    if (!isEmpty) backupPlan(db, path, `migration-to-v${LATEST_SCHEMA_VERSION}`);
    migrate(db, version);
  }
  return { db, warnings };
}

/** Runs every migration above `fromVersion` in one transaction: all of them, or none. */
export function migrate(db: Database.Database, fromVersion: number): void {
  const pending = MIGRATIONS.filter((m) => m.version > fromVersion);
  db.transaction(() => {
    for (const migration of pending) {
      migration.up(db);
      db.pragma(`user_version = ${migration.version}`);
    }
    db.pragma(`application_id = ${PLAN_APPLICATION_ID}`);
  })();
}
