/**
 * The open plan and the app settings around it, for one transport (IPC, HTTP or the CLI).
 * Opening a plan is not an edit: it is remembered in the recent list, not in the audit log.
 */
import { existsSync, mkdirSync, renameSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { BackupInfo, PlanInfo } from '../../shared/contract';
import type { AuditSource } from '../../shared/domain';
import { AppSettingsStore } from './app-settings';
import { UserError } from './errors';
import { EDITING_INTERVAL_MS, isIntact, listBackups, replaceWithBackup, takeBackup } from './plan/backup';
import { PlanFile } from './plan/plan-file';
import { emptyPlan, samplePlan } from './sample-plan';

export const PLAN_EXTENSION = '.waveplan';

function newestIntactBackup(planPath: string): BackupInfo | null {
  return listBackups(planPath).find((b) => isIntact(b.path)) ?? null;
}

/** Writes made on the plan's connection so far: a backup is due when this moved. */
function changesOf(plan: PlanFile): number {
  return (plan.db.prepare('SELECT total_changes() AS n').get() as { n: number }).n;
}

export class Workspace {
  readonly appSettings: AppSettingsStore;
  private current: PlanFile | null = null;

  constructor(
    readonly dataDir: string,
    readonly source: AuditSource,
  ) {
    this.appSettings = new AppSettingsStore(dataDir);
  }

  get plansDir(): string {
    return join(this.dataDir, 'plans');
  }

  get plan(): PlanFile | null {
    return this.current;
  }

  requirePlan(): PlanFile {
    if (!this.current) throw new UserError('no-plan', 'No plan is open. Open a plan or create a new one.');
    return this.current;
  }

  private adopt(file: PlanFile): PlanInfo {
    this.current?.close();
    this.current = file;
    const info = file.info();
    this.appSettings.rememberPlan(file.path, info.name);
    this.changesAtBackup = -1;
    // A backup of the plan as it was opened; a failure is reported, the plan stays open.
    void this.backup('open').catch((error: Error) => (this.backupProblem = error.message));
    return info;
  }

  /** The last backup problem, if any (shown by the Backups screen). */
  backupProblem: string | null = null;
  private changesAtBackup = -1;
  private backupTimer: ReturnType<typeof setInterval> | null = null;

  /** Takes a backup of the open plan now (SQLite's backup API, checked, pruned). */
  async backup(reason: string): Promise<BackupInfo> {
    const plan = this.requirePlan();
    const path = await takeBackup(plan.db, plan.path, reason);
    this.changesAtBackup = changesOf(plan);
    this.backupProblem = null;
    return listBackups(plan.path).find((b) => b.path === path)!;
  }

  /** Backs up when the plan changed since the last backup: run every 15 minutes while the app is open. */
  async backupIfEdited(): Promise<BackupInfo | null> {
    const plan = this.current;
    if (!plan || changesOf(plan) === this.changesAtBackup) return null;
    return this.backup('editing');
  }

  /** Starts the 15-minute backup of edits (the desktop app and web mode; not the command line). */
  startBackupTimer(): void {
    if (this.backupTimer) return;
    this.backupTimer = setInterval(() => void this.backupIfEdited().catch((error: Error) => (this.backupProblem = error.message)), EDITING_INTERVAL_MS);
    this.backupTimer.unref?.();
  }

  backups(): BackupInfo[] {
    return listBackups(this.requirePlan().path);
  }

  /**
   * Puts a backup in place of the open plan, after backing up the current state (so the restore can
   * itself be undone by restoring that backup).
   */
  async restoreBackup(file: string): Promise<PlanInfo> {
    const plan = this.requirePlan();
    const chosen = listBackups(plan.path).find((b) => b.file === file);
    if (!chosen) throw new UserError('not-found', `There is no backup "${file}" of this plan.`);
    if (!isIntact(chosen.path)) throw new UserError('refused', `${chosen.file} does not pass its integrity check; choose another backup.`);
    await this.backup('before restore');
    const path = plan.path;
    this.close();
    try {
      replaceWithBackup(path, chosen.path);
    } finally {
      // The plan is open again whatever happened: restored, or as it was.
      this.openPlan(path);
    }
    return this.requirePlan().info();
  }

  openPlan(path: string): PlanInfo {
    const full = resolve(path);
    if (this.current && resolve(this.current.path) === full) return this.current.info();
    try {
      return this.adopt(PlanFile.open(full, { actor: this.appSettings.actor }));
    } catch (error) {
      // A plan that will not open: say whether a good backup can replace it.
      const good = existsSync(full) ? newestIntactBackup(full) : null;
      if (error instanceof UserError && good) {
        throw new UserError(error.code, `${error.message} Its newest good backup is from ${good.takenAt.slice(0, 16).replace('T', ' ')} UTC (${good.reason}): choose "Restore a damaged plan from its newest backup" to put it in place; the damaged file is kept beside it.`);
      }
      throw error;
    }
  }

  /**
   * Puts the newest backup that passes its integrity check in place of a plan file that will not
   * open. The damaged file is renamed aside, never deleted.
   */
  restoreNewestBackup(path: string): PlanInfo {
    const full = resolve(path);
    const good = newestIntactBackup(full);
    if (!good) throw new UserError('not-found', `There is no good backup of ${full} to restore.`);
    if (this.current && resolve(this.current.path) === full) this.close();
    if (existsSync(full)) renameSync(full, `${full}.damaged-${new Date().toISOString().replace(/[:.]/g, '-')}`);
    replaceWithBackup(full, good.path);
    return this.openPlan(full);
  }

  /** A free path for a new plan called `name` in the plans folder. */
  private freePlanPath(name: string): string {
    mkdirSync(this.plansDir, { recursive: true });
    const stem = name.replace(/[^\p{L}\p{N} ._-]+/gu, '-').trim() || 'Plan';
    let candidate = join(this.plansDir, `${stem}${PLAN_EXTENSION}`);
    for (let n = 2; existsSync(candidate); n += 1) candidate = join(this.plansDir, `${stem} (${n})${PLAN_EXTENSION}`);
    return candidate;
  }

  newPlan(input: { path?: string | undefined; name: string; sample: boolean }): PlanInfo {
    let path = input.path ? resolve(input.path) : this.freePlanPath(input.name);
    if (!path.endsWith(PLAN_EXTENSION)) path += PLAN_EXTENSION;
    if (existsSync(path)) throw new UserError('conflict', `${path} already exists; open it, or choose another name.`);
    mkdirSync(dirname(path), { recursive: true });
    const sample = input.sample ? samplePlan() : null;
    const content = sample ? { ...sample, plan: { ...sample.plan, name: input.name } } : emptyPlan(input.name);
    return this.adopt(PlanFile.create(path, content, { actor: this.appSettings.actor, source: this.source }));
  }

  /** First start: reopen the last plan that still opens; failing that, create the sample plan. */
  openLastOrSample(): PlanInfo {
    for (const recent of this.appSettings.recentPlans) {
      if (!existsSync(recent.path)) continue;
      try {
        return this.openPlan(recent.path);
      } catch {
        // Try the next one; the Open recent list still shows it for the user to see why it fails.
      }
    }
    const samplePath = join(this.plansDir, `Sample plan${PLAN_EXTENSION}`);
    if (existsSync(samplePath)) return this.openPlan(samplePath);
    return this.newPlan({ path: samplePath, name: samplePlan().plan.name, sample: true });
  }

  close(): void {
    this.current?.close();
    this.current = null;
    if (this.backupTimer) clearInterval(this.backupTimer);
    this.backupTimer = null;
  }
}
