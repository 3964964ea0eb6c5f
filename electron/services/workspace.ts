/**
 * The open plan and the app settings around it, for one transport (IPC, HTTP or the CLI).
 * Opening a plan is not an edit: it is remembered in the recent list, not in the audit log.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { PlanInfo } from '../../shared/contract';
import type { AuditSource } from '../../shared/domain';
import { AppSettingsStore } from './app-settings';
import { UserError } from './errors';
import { PlanFile } from './plan/plan-file';
import { emptyPlan, samplePlan } from './sample-plan';

export const PLAN_EXTENSION = '.waveplan';

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
    return info;
  }

  openPlan(path: string): PlanInfo {
    const full = resolve(path);
    if (this.current && resolve(this.current.path) === full) return this.current.info();
    return this.adopt(PlanFile.open(full, { actor: this.appSettings.actor }));
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
  }
}
