/**
 * The open plan and the app settings around it, for one transport (IPC, HTTP or the CLI), and the
 * change feed the transports pass on: every commit on the open plan (this process's and, in the
 * app and web mode, other processes'), and every switch to another plan.
 * Opening a plan is not an edit: it is remembered in the recent list, not in the audit log.
 */
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import type { ChangeEvent, Committed } from '../../shared/changes';
import type { BackupInfo, PlanInfo } from '../../shared/contract';
import type { AuditSource } from '../../shared/domain';
import type { WavePlan } from '../../shared/interchange';
import { todayIso } from '../../shared/dates';
import { AppSettingsStore } from './app-settings';
import { UserError } from './errors';
import { EDITING_INTERVAL_MS, isIntact, listBackups, replaceWithBackup } from './plan/backup';
import { writeCleanCopy } from './plan/clean-copy';
import { CheckedPlans } from './plan/checked-plans';
import { openPlanDatabase } from './plan/database';
import { requirePlanRow } from './plan/plan-settings';
import { PlanFile } from './plan/plan-file';
import { scheduleOnCreation } from './plan/scheduling';
import type { WriteHandle } from './plan/handles';
import { emptyPlan, samplePlan } from './sample-plan';
import type { TeamStatus } from '../../shared/team';
import { Keyring } from './team/keyring';
import type { JoinInput, ShareInput } from './team/team-join';
import type { TeamLink } from './team/team-link';
import { offlineStatus } from './team/offline-status';
import { guardTeamEdits } from './team/edit-guards';
import { readLink } from './team/team-records';

export const PLAN_EXTENSION = '.waveplan';

function newestIntactBackup(planPath: string): BackupInfo | null {
  return listBackups(planPath).find((b) => isIntact(b.path)) ?? null;
}

export interface WorkspaceOptions {
  /** Notice commits other processes make on the open plan (the app and web mode). */
  watchOtherProcesses?: boolean;
  /** Remember opened plans in the recent list and back each up when it opens (not the command line). */
  interactive?: boolean;
  /** How long a write waits for another program's transaction. */
  writeWaitMs?: number;
  /** Who makes the changes (default: the app settings' name, else the operating system's user). */
  actor?: string;
  /** Keep a team plan in step with its team server while it is open (the app, web mode, `team sync`). */
  teamSync?: boolean;
}

export class Workspace {
  readonly appSettings: AppSettingsStore;
  private current: PlanFile | null = null;
  private unsubscribe: (() => void) | null = null;
  private readonly listeners = new Set<(event: ChangeEvent) => void>();
  private readonly options: Required<Omit<WorkspaceOptions, 'actor'>> & Pick<WorkspaceOptions, 'actor'>;
  private teamLink: TeamLink | null = null;
  private readonly checkedPlans: CheckedPlans;
  /** The team link being loaded (the sync engine is loaded only for a team plan). */
  private teamStarting: Promise<TeamLink | null> | null = null;

  constructor(
    readonly dataDir: string,
    readonly source: AuditSource,
    options: WorkspaceOptions = {},
  ) {
    this.appSettings = new AppSettingsStore(dataDir);
    this.checkedPlans = new CheckedPlans(dataDir);
    this.options = { watchOtherProcesses: options.watchOtherProcesses ?? true, interactive: options.interactive ?? true, writeWaitMs: options.writeWaitMs ?? 5000, actor: options.actor, teamSync: options.teamSync ?? (options.interactive ?? true) };
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

  /** Listens to the change feed: commits on the open plan, and switches to another plan. */
  onChange(listener: (event: ChangeEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private publish(event: ChangeEvent): void {
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch (error) {
        console.error('A change-feed listener failed:', error);
      }
    }
  }

  private planOptions() {
    return { actor: this.options.actor ?? this.appSettings.actor, writeWaitMs: this.options.writeWaitMs, checkedPlans: this.checkedPlans };
  }

  private adopt(file: PlanFile): PlanInfo {
    this.detach();
    this.current = file;
    this.unsubscribe = file.onChange((event) => this.publish(event));
    if (this.options.watchOtherProcesses) file.watchOtherProcesses();
    guardTeamEdits(file);
    if (this.options.teamSync) this.startTeam(file);
    const info = file.info();
    if (this.options.interactive) {
      this.appSettings.rememberPlan(file.path, info.name);
      this.revisionAtBackup = -1;
      // A backup of the plan as it was opened (not of a read-only one, which cannot change); a failure is reported, the plan stays open.
      if (!file.readOnly) void this.backup('open').catch((error: Error) => (this.backupProblem = error.message));
    }
    this.publish({ type: 'plan', path: file.path });
    return info;
  }

  /** The open plan's team link, once loaded, when it belongs to a team (and this workspace keeps it in step). */
  async team(): Promise<TeamLink | null> {
    return (await this.teamStarting) ?? this.teamLink;
  }

  /** Where the open plan stands with its team; null for a plan of one's own. */
  teamStatus(): TeamStatus | null {
    const plan = this.current;
    if (!plan) return null;
    if (this.teamLink) return this.teamLink.status();
    return offlineStatus(plan, this.teamStarting !== null);
  }

  private startTeam(file: PlanFile): void {
    const link = readLink(file.reader);
    if (!link) return;
    const key = new Keyring(this.dataDir).get(link.member_id);
    if (!key) return; // The plan came from another computer: its member's key is not here. teamStatus says so.
    this.teamStarting = import('./team/team-link').then(({ TeamLink }) => {
      // Another plan may have been opened meanwhile.
      if (this.current !== file || !file.isOpen) return null;
      this.teamLink = TeamLink.start(file, { key: key.key, onStatus: (status) => this.publish({ type: 'team', status }) });
      return this.teamLink;
    });
  }

  /** Shares the open plan with a team server, then keeps it in step. */
  async shareWithTeam(input: ShareInput): Promise<TeamStatus> {
    const plan = this.requirePlan();
    const { sharePlan } = await import('./team/team-join');
    await sharePlan(plan, input, this.dataDir);
    guardTeamEdits(plan);
    this.startTeam(plan);
    await this.team();
    return this.teamStatus()!;
  }

  /** Makes a plan file from a team's plan and opens it. */
  async joinTeam(input: Omit<JoinInput, 'path'> & { path?: string | undefined }): Promise<PlanInfo> {
    let path = input.path ? resolve(input.path) : this.freePlanPath('Team plan');
    if (!path.endsWith(PLAN_EXTENSION)) path += PLAN_EXTENSION;
    if (existsSync(path)) throw new UserError('conflict', `${path} already exists; choose another name for the team's plan.`);
    mkdirSync(dirname(path), { recursive: true });
    const { joinTeam } = await import('./team/team-join');
    const file = await joinTeam({ ...input, path }, this.dataDir, this.planOptions());
    return this.adopt(file);
  }

  private detach(): void {
    void this.teamLink?.close();
    this.teamLink = null;
    this.teamStarting = null;
    this.unsubscribe?.();
    this.unsubscribe = null;
    this.current?.close();
    this.current = null;
  }

  /** The last backup problem, if any (shown by the Backups screen). */
  backupProblem: string | null = null;
  private revisionAtBackup = -1;
  private backupTimer: ReturnType<typeof setInterval> | null = null;

  /** Takes a backup of the open plan now (SQLite's backup API, checked, pruned). */
  async backup(reason: string): Promise<BackupInfo> {
    const plan = this.requirePlan();
    const path = await plan.takeBackup(reason);
    this.revisionAtBackup = plan.revision();
    this.backupProblem = null;
    return listBackups(plan.path).find((b) => b.path === path)!;
  }

  /** Backs up when the plan changed since the last backup: run every 15 minutes while the app is open. */
  async backupIfEdited(): Promise<BackupInfo | null> {
    const plan = this.current;
    if (!plan || plan.revision() === this.revisionAtBackup) return null;
    return this.backup('editing');
  }

  /** Whether the 15-minute backup of edits is running. */
  get backupTimerRunning(): boolean {
    return this.backupTimer !== null;
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
   * Puts a backup's content in place of the open plan's, as one undoable step, after backing up the
   * plan as it is. A backup made by an older version is brought up to date on a copy first.
   */
  async restoreBackup(file: string): Promise<Committed<PlanInfo>> {
    const plan = this.requirePlan();
    const chosen = listBackups(plan.path).find((b) => b.file === file);
    if (!chosen) throw new UserError('not-found', `There is no backup "${file}" of this plan.`);
    if (!isIntact(chosen.path)) throw new UserError('refused', `${chosen.file} does not pass its integrity check; choose another backup.`);
    await this.backup('before restore');
    const scratch = mkdtempSync(join(tmpdir(), 'wave-planner-restore-'));
    try {
      const copy = join(scratch, 'backup.waveplan');
      copyFileSync(chosen.path, copy);
      const opened = openPlanDatabase(copy, { create: false });
      const uid = opened.db.prepare('SELECT uid FROM plan WHERE id = 1').get() as { uid: string } | undefined;
      opened.db.close();
      if (uid?.uid !== requirePlanRow(plan.reader).uid) throw new UserError('refused', `${chosen.file} is a backup of another plan.`);
      const committed = await plan.replaceContentFrom(copy, { label: `Restore the backup of ${chosen.takenAt.slice(0, 16).replace('T', ' ')} UTC`, source: this.source }, (h) =>
        h.audit.record('plan', uid.uid, 'restored', null, `${chosen.file} (${chosen.reason})`),
      );
      return { ...committed, value: plan.info() };
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  }

  openPlan(path: string): PlanInfo {
    const full = resolve(path);
    if (this.current && resolve(this.current.path) === full) return this.current.info();
    try {
      return this.adopt(PlanFile.open(full, this.planOptions()));
    } catch (error) {
      // A plan that will not open: say whether a good backup can replace it.
      const damaged = error instanceof UserError && /is damaged|not a Wave Planner plan/.test(error.message);
      const good = damaged && existsSync(full) ? newestIntactBackup(full) : null;
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
    // Closing the plan stops the 15-minute backups; the restored plan gets them again.
    const timed = this.backupTimer !== null;
    if (this.current && resolve(this.current.path) === full) this.close();
    if (existsSync(full)) renameSync(full, `${full}.damaged-${new Date().toISOString().replace(/[:.]/g, '-')}`);
    replaceWithBackup(full, good.path);
    const info = this.openPlan(full);
    if (timed) this.startBackupTimer();
    return info;
  }

  /**
   * Opens a clean copy of a plan file that was changed outside Wave Planner: its data in a fresh
   * file beside it, without the triggers, views or tables that were added. The original stays as it is.
   */
  openCleanCopy(path: string): PlanInfo {
    return this.openPlan(writeCleanCopy(resolve(path)));
  }

  /** A free path for a new plan called `name` in the plans folder. */
  private freePlanPath(name: string): string {
    mkdirSync(this.plansDir, { recursive: true });
    const stem = name.replace(/[^\p{L}\p{N} ._-]+/gu, '-').trim() || 'Plan';
    let candidate = join(this.plansDir, `${stem}${PLAN_EXTENSION}`);
    for (let n = 2; existsSync(candidate); n += 1) candidate = join(this.plansDir, `${stem} (${n})${PLAN_EXTENSION}`);
    return candidate;
  }

  /** Creates a plan: empty, the sample, or `content` (a validated wave-plan document). */
  newPlan(input: { path?: string | undefined; name: string; sample: boolean; content?: WavePlan }): PlanInfo {
    let path = input.path ? resolve(input.path) : this.freePlanPath(input.name);
    if (!path.endsWith(PLAN_EXTENSION)) path += PLAN_EXTENSION;
    if (existsSync(path)) throw new UserError('conflict', `${path} already exists; open it, or choose another name.`);
    mkdirSync(dirname(path), { recursive: true });
    const sample = input.sample ? samplePlan() : null;
    const content = input.content ?? (sample ? { ...sample, plan: { ...sample.plan, name: input.name } } : emptyPlan(input.name));
    // The sample opens with its schedule computed, as a program manager would find a demo plan.
    const andThen = sample && !input.content ? (h: WriteHandle) => scheduleOnCreation(h, todayIso()) : undefined;
    return this.adopt(PlanFile.create(path, content, { ...this.planOptions(), source: this.source, andThen }));
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
    const hadPlan = this.current !== null;
    this.detach();
    if (this.backupTimer) clearInterval(this.backupTimer);
    this.backupTimer = null;
    if (hadPlan) this.publish({ type: 'plan', path: null });
  }
}
