/**
 * Typed handles on a plan's database. A read handle runs only statements that change nothing; a
 * write handle exists only inside a commit (one transaction) and carries the commit's audit writer.
 * Entity modules take one or the other, so a read can never write by accident.
 */
import type Database from 'better-sqlite3';
import type { AuditWriter } from './audit';
import { statement } from './statements';

export interface ReadHandle {
  get<T>(sql: string, ...params: unknown[]): T | undefined;
  all<T>(sql: string, ...params: unknown[]): T[];
  /**
   * Memory shared by every handle on this database, for values that are costly to rebuild and keyed
   * by what identifies their data exactly (a read never trusts it without that key).
   */
  readonly memo: Map<string, unknown>;
}

export interface WriteHandle extends ReadHandle {
  run(sql: string, ...params: unknown[]): Database.RunResult;
  readonly audit: AuditWriter;
  /** The commit this write belongs to. */
  readonly revision: number;
}

function readOnly(db: Database.Database, sql: string): Database.Statement {
  const prepared = statement(db, sql);
  if (!prepared.readonly) throw new Error(`A read handle cannot run a statement that writes: ${sql.slice(0, 80)}`);
  return prepared;
}

const memos = new WeakMap<Database.Database, Map<string, unknown>>();

export function readHandle(db: Database.Database): ReadHandle {
  let memo = memos.get(db);
  if (!memo) {
    memo = new Map();
    memos.set(db, memo);
  }
  return {
    get: <T>(sql: string, ...params: unknown[]) => readOnly(db, sql).get(...params) as T | undefined,
    all: <T>(sql: string, ...params: unknown[]) => readOnly(db, sql).all(...params) as T[],
    memo,
  };
}

export function writeHandle(db: Database.Database, audit: AuditWriter, revision: number): WriteHandle {
  return {
    ...readHandle(db),
    run: (sql, ...params) => statement(db, sql).run(...params),
    audit,
    revision,
  };
}
