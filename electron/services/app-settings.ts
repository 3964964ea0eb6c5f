/** The app's own small settings (recent plans, the user's display name), kept as JSON in the data folder. */
import { mkdirSync, readFileSync } from 'node:fs';
import { homedir, userInfo } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { replaceFile } from './atomic-file';
import type { RecentPlan } from '../../shared/contract';

const MAX_RECENT = 10;

const appSettingsSchema = z.object({
  actorName: z.string().max(200).default(''),
  recentPlans: z.array(z.object({ path: z.string(), name: z.string(), openedAt: z.string() })).default([]),
  window: z
    .object({ x: z.number().int().optional(), y: z.number().int().optional(), width: z.number().int().min(400), height: z.number().int().min(300), maximized: z.boolean() })
    .optional(),
});
export type AppSettings = z.infer<typeof appSettingsSchema>;

/** Where plans and settings live when no folder is given: WAVE_PLANNER_HOME, else the XDG data folder. */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.WAVE_PLANNER_HOME) return env.WAVE_PLANNER_HOME;
  const xdg = env.XDG_DATA_HOME || join(homedir(), '.local', 'share');
  return join(xdg, 'wave-planner');
}

export function osUserName(): string {
  try {
    return userInfo().username || 'unknown';
  } catch {
    return 'unknown';
  }
}

export class AppSettingsStore {
  private settings: AppSettings;
  private readonly file: string;

  constructor(readonly dataDir: string) {
    mkdirSync(dataDir, { recursive: true });
    this.file = join(dataDir, 'settings.json');
    this.settings = this.load();
  }

  private load(): AppSettings {
    try {
      const parsed = appSettingsSchema.safeParse(JSON.parse(readFileSync(this.file, 'utf8')));
      if (parsed.success) return parsed.data;
    } catch {
      // A missing or unreadable settings file only loses recents and window size: start afresh.
    }
    return appSettingsSchema.parse({});
  }

  private save(): void {
    replaceFile(this.file, `${JSON.stringify(this.settings, null, 2)}\n`);
  }

  get actor(): string {
    return this.settings.actorName || osUserName();
  }

  get recentPlans(): RecentPlan[] {
    return this.settings.recentPlans;
  }

  get window(): AppSettings['window'] {
    return this.settings.window;
  }

  rememberWindow(window: NonNullable<AppSettings['window']>): void {
    this.settings.window = window;
    this.save();
  }

  rememberPlan(path: string, name: string, now = new Date()): void {
    const rest = this.settings.recentPlans.filter((p) => p.path !== path);
    this.settings.recentPlans = [{ path, name, openedAt: now.toISOString() }, ...rest].slice(0, MAX_RECENT);
    this.save();
  }

  forgetPlan(path: string): void {
    this.settings.recentPlans = this.settings.recentPlans.filter((p) => p.path !== path);
    this.save();
  }
}
