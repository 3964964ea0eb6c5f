/** Point-in-time copies of a plan file, taken before anything that replaces or reshapes its content. */
import type Database from 'better-sqlite3';
import { existsSync, mkdirSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

export function backupFolderOf(planPath: string): string {
  return join(dirname(planPath), `${basename(planPath)}.backups`);
}

/**
 * Writes a consistent copy of the open database (`VACUUM INTO`: transactionally consistent, compact)
 * and returns its path.
 */
export function backupPlan(db: Database.Database, planPath: string, reason: string, now = new Date()): string {
  const folder = backupFolderOf(planPath);
  mkdirSync(folder, { recursive: true });
  const stamp = now.toISOString().replace(/[:.]/g, '-');
  const safeReason = reason.replace(/[^a-z0-9-]+/gi, '-');
  let target = join(folder, `${stamp}-before-${safeReason}.waveplan`);
  for (let n = 2; existsSync(target); n += 1) target = join(folder, `${stamp}-before-${safeReason}-${n}.waveplan`);
  db.prepare('VACUUM INTO ?').run(target);
  return target;
}

