/**
 * One open plan file, and the one write path into it. Every write is a commit: one `BEGIN IMMEDIATE`
 * transaction that applies the change, writes its audit entries, captures its undo data and takes
 * the next revision, then is announced to the plan's listeners. Writes made by other processes on
 * the same file are noticed and announced too. The database handle stays in here; everything else
 * reads through a read handle and writes through `mutate`.
 */
import BetterSqlite from 'better-sqlite3';
import type Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { accessSync, chmodSync, constants, copyFileSync, existsSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { CHANGE_ENTITIES, type Change, type ChangeEvent, type Committed } from '../../../shared/changes';
import type { PlanInfo } from '../../../shared/contract';
import type { AuditSource } from '../../../shared/domain';
import type { WavePlan } from '../../../shared/interchange';
import { diskFullError, isDiskFull } from '../disk-full';
import { UserError } from '../errors';
import { AuditWriter } from './audit';
import { backupPlan, takeBackup } from './backup';
import { CAPTURED_TABLES, installCapture, setCapture } from './change-capture';
import { replaceContent } from './content';
import type { CheckedPlans } from './checked-plans';
import { openPlanDatabase } from './database';
import { removeWithJournals } from './journal-files';
import {
  beginCommit,
  commitsAfter,
  currentRevision,
  discardRedo,
  dropUndoData,
  finishCommit,
  historyOf,
  limitDepth,
  pruneHistory,
  replay,
  setUndoState,
  summarizeChanges,
  type History,
  type HistoryStep,
} from './history';
import { readHandle, writeHandle, type ReadHandle, type WriteHandle } from './handles';
import { LATEST_SCHEMA_VERSION } from './migrations';
import { readCrews } from './crews';
import { erpOrderOf, readFreezeWindows, readHolidays, readPlanRow, readSettings, requirePlanRow } from './plan-settings';

export interface PlanFileOptions {
  actor: string;
  /** How long a write waits for another program's transaction before it gives up. */
  writeWaitMs?: number;
  /** Open without the right to change it, whether or not the file could be written. */
  readOnly?: boolean;
  /** The plans this computer closed cleanly: an unchanged one skips the whole-file integrity check and the schema comparison. */
  checkedPlans?: CheckedPlans;
}

/** What a read-only plan's banner and refusals tell the user to do. */
const TO_CHANGE_IT = 'To change it, save a copy (File › Save a copy) and edit that.';

/** Why the plan at `path` cannot be changed here (a read-only file, or a folder that cannot be written), or null. */
function unwritableReason(path: string): string | null {
  try {
    accessSync(path, constants.W_OK);
  } catch {
    return 'the file is read-only';
  }
  try {
    // SQLite writes its journal beside the plan.
    accessSync(dirname(path), constants.W_OK);
  } catch {
    return 'its folder cannot be written to';
  }
  return null;
}

/** A copy of a team plan is a plan of one's own: it leaves the team's membership and documents behind. */
function withoutTeam(path: string): void {
  const db = new BetterSqlite(path);
  try {
    db.exec('DELETE FROM team_doc_changes; DELETE FROM team_docs; DELETE FROM team_pending; DELETE FROM team_reviews; DELETE FROM team_refusals; DELETE FROM team_link;');
  } finally {
    db.close();
  }
}

export interface CommitOptions {
  /** What the user did, in their words: "Move US-DET to wave 3". Undo and redo name it. */
  label: string;
  source: AuditSource;
  /** For a change made by a team member: their name and when they made it. */
  actor?: string;
  at?: string;
  /**
   * A commit made for the plan's team (changes of other members, a decision in Needs review): it
   * belongs to no one's undo history, so it keeps no undo data and leaves Redo as it was.
   */
  outsideHistory?: boolean;
}

/** The session of commits outside every opening's undo history. */
export const TEAM_SESSION = 'team';

/**
 * Checks an edit inside its commit, once its effect is known (the entities it changed, and its row
 * changes for a closer look); throwing a UserError refuses it and changes nothing.
 */
export type EditGuard = (h: ReadHandle, revision: number, changes: Change[]) => void;

/** What the team link may do inside one transaction: its own tables, and content commits. */
export interface TeamTransaction {
  run(sql: string, ...params: unknown[]): Database.RunResult;
  get<T>(sql: string, ...params: unknown[]): T | undefined;
  all<T>(sql: string, ...params: unknown[]): T[];
  /** A content commit inside the transaction (announced once the transaction is); null when it changed nothing. */
  commit<T>(options: CommitOptions, change: (h: WriteHandle) => T): Committed<T> | null;
}

export const BUSY_MESSAGE = 'The plan is being changed by another program; nothing was changed. Try again.';
const DEFAULT_WRITE_WAIT_MS = 5000;
const RETRY_MS = 40;

const isBusy = (error: unknown) => {
  const code = (error as { code?: unknown })?.code;
  return code === 'SQLITE_BUSY' || code === 'SQLITE_BUSY_SNAPSHOT' || code === 'SQLITE_LOCKED';
};

/** Thrown inside a commit that changed nothing, to roll it back: no revision, no history step. */
class NothingChanged {
  constructor(readonly value: unknown) {}
}

const EVERYTHING: Change[] = CHANGE_ENTITIES.map((entity) => ({ entity, ids: null, count: 0 }));

export class PlanFile {
  /** This opening of the plan: undo and redo reach the edits made in it. */
  readonly session = randomUUID();
  readonly reader: ReadHandle;
  readonly #db: Database.Database;
  readonly #listeners = new Set<(event: ChangeEvent) => void>();
  #editGuard: EditGuard | null = null;
  #actor: string;
  /** Inside a team transaction: commits are announced when it is committed, not before. */
  #holdAnnouncements = false;
  #announcedRevision: number;
  #dataVersion: number;
  #watcher: ReturnType<typeof setInterval> | null = null;

  /** Why this plan cannot be changed, when it was opened read-only. */
  readonly readOnly: string | null;
  /** Where the read-only snapshot lives, removed on close. */
  #snapshotDir: string | null = null;

  private constructor(
    readonly path: string,
    db: Database.Database,
    private readonly options: PlanFileOptions,
    readonly warnings: string[],
    readOnly: string | null = null,
  ) {
    this.readOnly = readOnly;
    this.#actor = options.actor;
    this.#db = db;
    this.reader = readHandle(db);
    installCapture(db);
    try {
      db.transaction(() => pruneHistory(db, this.session, new Date())).immediate();
    } catch (error) {
      // Another program is writing: pruning can wait for the next opening.
      if (!isBusy(error)) throw error;
    }
    this.#announcedRevision = currentRevision(this.reader);
    this.#dataVersion = this.#readDataVersion();
  }

  /** Opens an existing plan file, migrating it to the current schema if it is older. */
  static open(path: string, options: PlanFileOptions): PlanFile {
    if (!existsSync(path)) throw new UserError('not-found', `No plan file at ${path}.`);
    const reason = options.readOnly ? 'it was opened read-only' : unwritableReason(path);
    if (reason) return PlanFile.#openSnapshot(path, options, reason);
    const checked = options.checkedPlans;
    let opened: ReturnType<typeof openPlanDatabase>;
    try {
      opened = openPlanDatabase(path, { create: false, unchangedSinceClose: checked?.unchangedSinceClose(path) ?? false });
    } catch (error) {
      checked?.forget(path);
      throw error;
    }
    return PlanFile.#fromOpened(path, opened, options, [], null);
  }

  /**
   * The plan in a database just opened (the plan's file, or its read-only snapshot): refused when it
   * holds no plan, and never leaving the connection open behind a failed opening (a retry would add
   * another).
   */
  static #fromOpened(path: string, opened: ReturnType<typeof openPlanDatabase>, options: PlanFileOptions, warnings: string[], readOnly: string | null): PlanFile {
    try {
      if (!readPlanRow(readHandle(opened.db))) throw new UserError('refused', `${path} has no plan in it; it may have been left half-made. Create a new plan instead.`);
      return new PlanFile(path, opened.db, options, [...warnings, ...opened.warnings], readOnly);
    } catch (error) {
      opened.db.close();
      throw error;
    }
  }

  /**
   * A plan that cannot be written here is read from a private snapshot: SQLite would otherwise need
   * its journal files beside the plan (impossible in a read-only folder) or leave them behind. The
   * snapshot gets every check an opening gets (and a migration, if it is older); the plan itself is
   * only read.
   */
  static #openSnapshot(path: string, options: PlanFileOptions, reason: string): PlanFile {
    const dir = mkdtempSync(join(tmpdir(), 'wave-planner-read-only-'));
    const copy = join(dir, basename(path));
    try {
      copyFileSync(path, copy);
      if (existsSync(`${path}-wal`)) copyFileSync(`${path}-wal`, `${copy}-wal`);
      // The copies take the plan's read-only mode: the snapshot itself must be writable by SQLite.
      for (const file of [copy, `${copy}-wal`]) if (existsSync(file)) chmodSync(file, 0o600);
      const warning = `This plan is read-only (${reason}): you can look at it and export it. ${TO_CHANGE_IT}`;
      const file = PlanFile.#fromOpened(path, openPlanDatabase(copy, { create: false }), options, [warning], reason);
      file.#snapshotDir = dir;
      return file;
    } catch (error) {
      rmSync(dir, { recursive: true, force: true });
      // A refusal names the plan, not its snapshot.
      if (error instanceof UserError) throw new UserError(error.code, error.message.replaceAll(copy, path), error.problems);
      throw error;
    }
  }

  /** Refuses a change to a plan opened read-only, in words a person understands. */
  #writable(): void {
    if (this.readOnly) throw new UserError('refused', `This plan is read-only (${this.readOnly}): nothing was changed. ${TO_CHANGE_IT}`);
  }

  /** Creates a new plan file holding `content`. */
  /** `andThen` runs inside the creating commit, on the new plan's content (the sample's first schedule). */
  static create(path: string, content: WavePlan, options: PlanFileOptions & { source: AuditSource; andThen?: (h: WriteHandle) => void }): PlanFile {
    const existed = existsSync(path);
    let opened: ReturnType<typeof openPlanDatabase>;
    try {
      opened = openPlanDatabase(path, { create: true });
    } catch (error) {
      if (!existed) removeWithJournals(path);
      throw isDiskFull(error) ? diskFullError(path, 'no plan was created') : error;
    }
    if (readPlanRow(readHandle(opened.db))) {
      opened.db.close();
      throw new UserError('refused', `${path} already holds a plan; open it, or choose another file name.`);
    }
    const file = new PlanFile(path, opened.db, options, opened.warnings);
    try {
      file.#commit({ label: `Create ${content.plan.name}`, source: options.source, kind: 'create' }, (h) => {
        h.run('INSERT INTO plan (id, uid, name, start_date, created_at) VALUES (1, ?, ?, ?, ?)', content.plan.id ?? randomUUID(), content.plan.name, content.plan.startDate, h.audit.context.at);
        replaceContent(h, content);
        h.audit.record('plan', content.plan.name, 'created', null, basename(path));
        options.andThen?.(h);
      });
    } catch (error) {
      file.close();
      // A plan that could not be made whole is not left behind half-made.
      if (!existed) removeWithJournals(path);
      throw isDiskFull(error) ? diskFullError(path, 'no plan was created') : error;
    }
    return file;
  }

  get actor(): string {
    return this.#actor;
  }

  /** Who the plan's edits are by from now on (a team plan's: the member's name, as the team knows them). */
  setActor(actor: string): void {
    this.#actor = actor;
  }

  get isOpen(): boolean {
    return this.#db.open;
  }

  /** Closes the file; never throws (a busy or read-only file closes without its statistics refreshed). */
  close(): void {
    this.stopWatching();
    if (this.#db.open) {
      try {
        this.#db.pragma('optimize');
      } catch {
        // Refreshing the query planner's statistics is a courtesy, not a duty.
      }
      this.#db.close();
      // Checked at this opening, or unchanged since the last and changed only by this connection since.
      if (!this.readOnly) this.options.checkedPlans?.rememberClosed(this.path);
    }
    if (this.#snapshotDir) rmSync(this.#snapshotDir, { recursive: true, force: true });
    this.#snapshotDir = null;
  }

  /** How the connection is set up (shown in diagnostics, checked by tests). */
  connectionSettings(): { journalMode: string; synchronous: number; foreignKeys: number; trustedSchema: number; userVersion: number; applicationId: number } {
    const get = (name: string) => this.#db.pragma(name, { simple: true }) as never;
    return { journalMode: get('journal_mode'), synchronous: get('synchronous'), foreignKeys: get('foreign_keys'), trustedSchema: get('trusted_schema'), userVersion: get('user_version'), applicationId: get('application_id') };
  }

  /** The plan's revision: the number of its latest commit. */
  revision(): number {
    return currentRevision(this.reader);
  }

  info(): PlanInfo {
    const row = requirePlanRow(this.reader);
    const counts = this.reader.get<PlanInfo['counts']>(
      'SELECT count(*) AS sites, coalesce(sum(excluded = 0), 0) AS activeSites, (SELECT count(*) FROM erps) AS erps FROM sites',
    )!;
    return {
      path: this.path,
      fileName: basename(this.path),
      uid: row.uid,
      name: row.name,
      startDate: row.start_date,
      settings: readSettings(this.reader),
      holidays: readHolidays(this.reader),
      freezeWindows: readFreezeWindows(this.reader),
      lighthouseOverride: row.lighthouse_override,
      erpOrder: erpOrderOf(row),
      crews: readCrews(this.reader),
      counts,
      schemaVersion: LATEST_SCHEMA_VERSION,
      actor: this.#actor,
      warnings: this.warnings,
      readOnly: this.readOnly !== null,
      revision: this.revision(),
    };
  }

  /**
   * The one write path: runs `change` as one commit (all of it is written, or none) and announces
   * it. A change that alters nothing leaves no commit. Waits for another program's transaction
   * up to a few seconds, then refuses with a message a person understands.
   */
  async mutate<T>(options: CommitOptions, change: (h: WriteHandle) => T): Promise<Committed<T>> {
    this.#writable();
    return this.#whenWritable(() => this.#commit({ ...options, kind: 'edit' }, change));
  }

  /** Sets the check every edit of this opening passes (a team plan's: a site lead changes only their sites' readiness and checklists). */
  setEditGuard(guard: EditGuard | null): void {
    this.#editGuard = guard;
  }

  /**
   * For the team link: runs `work` in one transaction that holds both the link's bookkeeping and,
   * through `tx.commit`, content commits, so that what the plan shows and what the link recorded of
   * the team's documents never part. Waits for another program's transaction like every write.
   */
  async teamTransaction<T>(work: (tx: TeamTransaction) => T): Promise<T> {
    this.#writable();
    const db = this.#db;
    const tx: TeamTransaction = {
      run: (sql, ...params) => db.prepare(sql).run(...params),
      get: <R,>(sql: string, ...params: unknown[]) => db.prepare(sql).get(...params) as R | undefined,
      all: <R,>(sql: string, ...params: unknown[]) => db.prepare(sql).all(...params) as R[],
      commit: (options, change) => {
        const committed = this.#commit({ ...options, kind: 'edit' }, change);
        return committed.changes.length === 0 ? null : committed;
      },
    };
    const result = await this.#whenWritable(() => {
      this.#holdAnnouncements = true;
      try {
        return db.transaction(() => work(tx)).immediate();
      } finally {
        this.#holdAnnouncements = false;
      }
    });
    this.#announceUpTo(Number.POSITIVE_INFINITY);
    return result;
  }

  /** What Undo and Redo would do in this opening of the plan. */
  history(): History {
    return historyOf(this.reader, this.session);
  }

  /** Takes back the newest edit of this opening that is not undone yet. */
  async undo(source: AuditSource): Promise<Committed<HistoryStep>> {
    this.#writable();
    return this.#whenWritable(() => {
      const step = this.history().undo[0];
      if (!step) throw new UserError('refused', 'There is nothing to undo.');
      return this.#replayCommit(step, 'undo', source);
    });
  }

  /** Does again the edit undone last. */
  async redo(source: AuditSource): Promise<Committed<HistoryStep>> {
    this.#writable();
    return this.#whenWritable(() => {
      const step = this.history().redo[0];
      if (!step) throw new UserError('refused', 'There is nothing to redo.');
      return this.#replayCommit(step, 'redo', source);
    });
  }

  /** Listens to every commit on the plan (this process's and, once watching, other processes'). */
  onChange(listener: (event: ChangeEvent) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Checks every `intervalMs` whether another process committed to the file, and announces what it did. */
  watchOtherProcesses(intervalMs = 250): void {
    if (this.#watcher) return;
    this.#watcher = setInterval(() => this.pollOtherProcesses(), intervalMs);
    this.#watcher.unref?.();
  }

  stopWatching(): void {
    if (this.#watcher) clearInterval(this.#watcher);
    this.#watcher = null;
  }

  /** Announces the commits other processes made since the last look. */
  pollOtherProcesses(): void {
    if (!this.#db.open) return;
    const version = this.#readDataVersion();
    if (version === this.#dataVersion) return;
    this.#dataVersion = version;
    this.#announceUpTo(Number.POSITIVE_INFINITY);
  }

  /** A backup through SQLite's online backup API, checked and pruned. */
  async takeBackup(reason: string): Promise<string> {
    this.#writable();
    return takeBackup(this.#db, this.path, reason);
  }

  /** A backup taken at once (VACUUM INTO), before an import replaces content. */
  backupNow(reason: string): string {
    this.#writable();
    return backupPlan(this.#db, this.path, reason);
  }

  /**
   * Makes the plan's content that of another plan file (a backup), as one undoable commit: every
   * content table is replaced by the other file's rows. `other` must be at the current schema.
   */
  replaceContentFrom(other: string, options: CommitOptions, record: (h: WriteHandle) => void): Promise<Committed<null>> {
    const db = this.#db;
    const tables = CAPTURED_TABLES;
    db.prepare('ATTACH DATABASE ? AS restored').run(other);
    const detach = () => db.exec('DETACH DATABASE restored');
    return this.mutate(options, (h) => {
      for (const table of [...tables].reverse()) h.run(`DELETE FROM main.${table}`);
      for (const table of tables) {
        const columns = (db.pragma(`main.table_info(${table})`) as { name: string }[]).map((c) => `"${c.name}"`).join(', ');
        h.run(`INSERT INTO main.${table} (rowid, ${columns}) SELECT rowid, ${columns} FROM restored.${table}`);
      }
      record(h);
      return null;
    }).finally(detach);
  }

  /**
   * A consistent copy of the plan at `target` (given the .waveplan extension if it lacks one); the
   * open plan stays where it is. An existing file is replaced only when `replace` says so, and is
   * kept beside the copy as "NAME.replaced-TIME.waveplan"; the open plan itself is never replaced.
   * Returns the path written.
   */
  saveCopy(target: string, options: { replace?: boolean } = {}): string {
    const path = /\.waveplan$/i.test(target) ? target : `${target}.waveplan`;
    if (resolve(path) === resolve(this.path)) throw new UserError('refused', 'A copy cannot replace the open plan itself; choose another name.');
    const exists = existsSync(path);
    if (exists && !options.replace) throw new UserError('conflict', `${path} already exists. Replace it? The file there now is kept beside the copy.`);
    // VACUUM INTO refuses an existing file: write beside it, then swap it in whole.
    const temporary = `${path}.${process.pid}.partial`;
    rmSync(temporary, { force: true });
    try {
      this.#db.prepare('VACUUM INTO ?').run(temporary);
      withoutTeam(temporary);
      if (exists) renameSync(path, path.replace(/\.waveplan$/i, `.replaced-${new Date().toISOString().replace(/[:.]/g, '-')}.waveplan`));
      renameSync(temporary, path);
      return path;
    } catch (error) {
      rmSync(temporary, { force: true });
      throw new UserError('refused', `Could not save a copy to ${path}: ${(error as Error).message}.`);
    }
  }

  #readDataVersion(): number {
    return this.#db.pragma('data_version', { simple: true }) as number;
  }

  /** Retries `attempt` while another connection holds the write lock, up to the wait. */
  async #whenWritable<R>(attempt: () => R): Promise<R> {
    const deadline = Date.now() + (this.options.writeWaitMs ?? DEFAULT_WRITE_WAIT_MS);
    for (;;) {
      try {
        return attempt();
      } catch (error) {
        // The transaction was rolled back: the plan is as it was.
        if (isDiskFull(error)) throw diskFullError(this.path);
        if (!isBusy(error)) throw error;
        if (Date.now() >= deadline) throw new UserError('busy', BUSY_MESSAGE);
        await delay(RETRY_MS);
      }
    }
  }

  #commit<T>(request: CommitOptions & { kind: 'edit' | 'create' }, change: (h: WriteHandle) => T): Committed<T> {
    const db = this.#db;
    const context = { actor: request.actor ?? this.#actor, source: request.source, at: request.at ?? new Date().toISOString() };
    const capture = request.kind === 'edit';
    const own = !request.outsideHistory;
    const run = db.transaction(() => {
      const revision = beginCommit(db, { ...context, label: request.label, kind: request.kind, session: own ? this.session : TEAM_SESSION });
      const handle = writeHandle(db, new AuditWriter(db, { ...context, revision }), revision);
      if (capture) setCapture(db, revision);
      let value: T;
      try {
        value = change(handle);
      } finally {
        if (capture) setCapture(db, null);
      }
      const changes = capture ? summarizeChanges(db, revision) : EVERYTHING;
      if (changes.length === 0) throw new NothingChanged(value);
      if (capture && own) {
        this.#editGuard?.(this.reader, revision, changes);
        discardRedo(db, this.session);
        limitDepth(db, this.session);
      }
      finishCommit(db, revision, changes);
      if (!own) dropUndoData(db, revision);
      return { value, revision, changes };
    });
    let committed: Committed<T>;
    try {
      committed = run.immediate();
    } catch (error) {
      if (error instanceof NothingChanged) return { value: error.value as T, revision: this.revision(), changes: [] };
      throw error;
    }
    this.#announceUpTo(committed.revision);
    return committed;
  }

  #replayCommit(step: HistoryStep, action: 'undo' | 'redo', source: AuditSource): Committed<HistoryStep> {
    const db = this.#db;
    const context = { actor: this.#actor, source, at: new Date().toISOString() };
    // The row images already hold every cascade: replay them exactly, then check every reference.
    db.pragma('foreign_keys = OFF');
    let committed: Committed<HistoryStep>;
    try {
      committed = db
        .transaction(() => {
          const revision = beginCommit(db, { ...context, label: step.label, kind: action, session: this.session, target: step.revision });
          replay(db, step, action);
          new AuditWriter(db, { ...context, revision }).recordReplay(step.revision, action);
          setUndoState(db, step.revision, action === 'undo' ? 'undone' : 'done');
          const changes = JSON.parse(this.reader.get<{ changes_json: string }>('SELECT changes_json FROM commits WHERE revision = ?', step.revision)!.changes_json) as Change[];
          finishCommit(db, revision, changes);
          return { value: step, revision, changes };
        })
        .immediate();
    } finally {
      db.pragma('foreign_keys = ON');
    }
    this.#announceUpTo(committed.revision);
    return committed;
  }

  /** Announces every commit not announced yet, up to `revision`, in order. */
  #announceUpTo(revision: number): void {
    if (this.#holdAnnouncements) return;
    this.#dataVersion = this.#readDataVersion();
    for (const event of commitsAfter(this.reader, this.#announcedRevision)) {
      if (event.type !== 'commit' || event.revision > revision) break;
      this.#announcedRevision = event.revision;
      for (const listener of this.#listeners) {
        try {
          listener(event);
        } catch (error) {
          // A listener's failure (a closed window, a dropped connection) must not undo a saved write.
          console.error('A change listener failed:', error);
        }
      }
    }
  }
}
