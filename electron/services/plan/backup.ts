/**
 * The plan's backups, in `<plan>.backups/` beside it: taken on open, every 15 minutes of editing, and
 * before every migration, import, packet merge and restore. Each is checked with `integrity_check`
 * before it is kept; the set is pruned to at most three from today, the newest one of each earlier
 * day, and ten in all. Restoring one backs up the current state first, so a restore can be undone.
 */
import Database from 'better-sqlite3';
import { copyFileSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { BackupInfo } from '../../../shared/contract';
import { UserError } from '../errors';
import { diskFullError, isDiskFull } from '../disk-full';
import { removeWithJournals } from './journal-files';

export function backupFolderOf(planPath: string): string {
  return join(dirname(planPath), `${basename(planPath)}.backups`);
}

export const KEEP_TODAY = 3;
export const KEEP_TOTAL = 10;
export const EDITING_INTERVAL_MS = 15 * 60 * 1000;

/** `2026-11-23T09-40-12-345Z-before-import.waveplan` → its time and reason. */
function describe(file: string): { takenAt: string; reason: string } | null {
  const match = /^(\d{4}-\d{2}-\d{2})T(\d{2})-(\d{2})-(\d{2})-(\d{3})Z-(.+?)(?:-\d+)?\.waveplan$/.exec(file);
  if (!match) return null;
  return { takenAt: `${match[1]}T${match[2]}:${match[3]}:${match[4]}.${match[5]}Z`, reason: match[6]!.replace(/-/g, ' ') };
}

export function listBackups(planPath: string): BackupInfo[] {
  const folder = backupFolderOf(planPath);
  if (!existsSync(folder)) return [];
  return readdirSync(folder)
    .flatMap((file) => {
      const about = describe(file);
      return about ? [{ file, path: join(folder, file), ...about, bytes: statSync(join(folder, file)).size }] : [];
    })
    .sort((a, b) => (a.takenAt < b.takenAt ? 1 : -1));
}

/** True when the file opens as SQLite and passes `integrity_check`. */
export function isIntact(path: string): boolean {
  try {
    const db = new Database(path, { readonly: true, fileMustExist: true });
    try {
      const rows = db.pragma('integrity_check') as { integrity_check: string }[];
      return rows.length === 1 && rows[0]!.integrity_check === 'ok';
    } finally {
      db.close();
    }
  } catch {
    return false;
  }
}

/**
 * Which backups to keep, newest first: up to three from `today`, the newest of each earlier day,
 * ten in all. The rest are deleted.
 */
export function backupsToKeep(backups: BackupInfo[], today: string): BackupInfo[] {
  const kept: BackupInfo[] = [];
  const days = new Set<string>();
  let fromToday = 0;
  for (const b of backups) {
    const day = b.takenAt.slice(0, 10);
    if (day >= today) {
      if (fromToday >= KEEP_TODAY) continue;
      fromToday += 1;
    } else {
      if (days.has(day)) continue;
      days.add(day);
    }
    kept.push(b);
    if (kept.length >= KEEP_TOTAL) break;
  }
  return kept;
}

export function pruneBackups(planPath: string, now = new Date()): void {
  const all = listBackups(planPath);
  const keep = new Set(backupsToKeep(all, now.toISOString().slice(0, 10)).map((b) => b.file));
  for (const b of all) if (!keep.has(b.file)) rmSync(b.path, { force: true });
}

function targetFor(planPath: string, reason: string, now: Date): string {
  const folder = backupFolderOf(planPath);
  mkdirSync(folder, { recursive: true });
  const stamp = now.toISOString().replace(/[:.]/g, '-');
  const safe = reason.replace(/[^a-z0-9]+/gi, '-');
  let target = join(folder, `${stamp}-${safe}.waveplan`);
  for (let n = 2; existsSync(target); n += 1) target = join(folder, `${stamp}-${safe}-${n}.waveplan`);
  return target;
}

/**
 * A backup taken synchronously, where the caller cannot wait (before a migration while the plan
 * opens, before an import replaces content): `VACUUM INTO` writes a transactionally consistent copy.
 * Checked and pruned like every backup. Returns its path.
 */
export function backupPlan(db: Database.Database, planPath: string, reason: string, now = new Date()): string {
  const target = targetFor(planPath, `before ${reason}`, now);
  const partial = `${target}.partial`;
  removeWithJournals(partial);
  try {
    db.prepare('VACUUM INTO ?').run(partial);
  } catch (error) {
    removeWithJournals(partial);
    throw isDiskFull(error) ? diskFullError(target, 'no backup was taken and nothing was changed') : error;
  }
  keepIfIntact(planPath, partial, target, now);
  return target;
}

function keepIfIntact(planPath: string, partial: string, target: string, now: Date): void {
  // A copy of a WAL-mode plan is in WAL mode too: settle it into one file, or its -wal and -shm stay behind.
  try {
    const settle = new Database(partial, { fileMustExist: true });
    try {
      settle.pragma('journal_mode = DELETE');
    } finally {
      settle.close();
    }
  } catch (error) {
    removeWithJournals(partial);
    throw isDiskFull(error) ? diskFullError(partial, 'no backup was taken and nothing was changed') : error;
  }
  if (!isIntact(partial)) {
    removeWithJournals(partial);
    throw new UserError('refused', `The backup of ${basename(planPath)} failed its integrity check and was not kept; nothing was changed.`);
  }
  renameSync(partial, target);
  pruneBackups(planPath, now);
}

/**
 * A backup through SQLite's online backup API (consistent while the plan stays open and in use),
 * checked before it is kept. Resolves to its path.
 */
export async function takeBackup(db: Database.Database, planPath: string, reason: string, now = new Date()): Promise<string> {
  const target = targetFor(planPath, reason, now);
  const partial = `${target}.partial`;
  removeWithJournals(partial);
  try {
    await db.backup(partial);
  } catch (error) {
    removeWithJournals(partial);
    throw isDiskFull(error) ? diskFullError(target, 'no backup was taken') : error;
  }
  keepIfIntact(planPath, partial, target, now);
  return target;
}

/** Puts a backup in place of the plan file (which must be closed); the caller backs up the current state first. */
export function replaceWithBackup(planPath: string, backupPath: string): void {
  if (!isIntact(backupPath)) throw new UserError('refused', `${basename(backupPath)} does not pass its integrity check; choose another backup.`);
  for (const suffix of ['-wal', '-shm']) rmSync(`${planPath}${suffix}`, { force: true });
  const partial = `${planPath}.restoring`;
  copyFileSync(backupPath, partial);
  renameSync(partial, planPath);
}
