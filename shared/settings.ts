/** Scheduling settings of PRODUCT.md section 3: key, default, bounds and meaning, in one place. */
import { z } from 'zod';

interface SettingSpec {
  readonly default: number;
  readonly min: number;
  readonly max: number;
  readonly integer: boolean;
  readonly label: string;
  readonly meaning: string;
}

function days(defaultValue: number, min: number, max: number, label: string, meaning: string): SettingSpec {
  return { default: defaultValue, min, max, integer: true, label, meaning };
}

export const SETTING_SPECS = {
  hypercareDays: days(14, 0, 365, 'Hypercare (days)', 'Days after a go-live that must stay clear of blackouts and freezes.'),
  lighthousePrepDays: days(60, 0, 730, 'Lighthouse prep lead (days)', 'Preparation time before the lighthouse site can go live.'),
  lighthouseCandidateDays: days(45, 0, 730, 'Lighthouse candidate window (days)', 'Sites able to go live within this many days of the earliest site are lighthouse candidates.'),
  signoffDays: days(30, 0, 365, 'Lighthouse sign-off (days)', 'Learning gap after lighthouse hypercare before wave 1 opens.'),
  waveWindowDays: days(30, 1, 365, 'Wave window (days)', 'Length of each wave window.'),
  waveIntervalDays: days(30, 1, 365, 'Wave interval (days)', 'Days from one wave window start to the next.'),
  staggerDays: days(7, 0, 90, 'Stagger (days)', 'Minimum days between two go-lives in the same wave.'),
  maxSitesPerWave: days(4, 1, 100, 'Max sites per wave', 'A wave never holds more sites than this.'),
  minSitesPerWave: days(3, 1, 100, 'Min sites per wave', 'A wave with fewer sites is flagged with a warning.'),
  minPrepDays: days(21, 0, 365, 'Minimum prep lead (days)', 'The prep lead never shrinks below this.'),
  basePrepDays: days(45, 0, 730, 'Wave 1 prep lead (days)', 'Preparation time before a go-live in wave 1.'),
  prepDecay: { default: 0.9, min: 0.1, max: 1, integer: false, label: 'Prep lead decay', meaning: 'Each later wave needs this fraction of the previous prep lead as the playbook matures.' },
  maxNewErpsPerWave: days(1, 0, 20, 'New ERPs per wave', 'A wave brings at most this many ERPs that have not gone live before.'),
} as const satisfies Record<string, SettingSpec>;

export type SettingKey = keyof typeof SETTING_SPECS;
export type PlanSettings = { [K in SettingKey]: number };

export const SETTING_KEYS = Object.keys(SETTING_SPECS) as SettingKey[];

export const DEFAULT_SETTINGS: PlanSettings = Object.fromEntries(
  SETTING_KEYS.map((key) => [key, SETTING_SPECS[key].default]),
) as PlanSettings;

function settingSchema(spec: SettingSpec): z.ZodNumber {
  let schema = z.number({ error: 'must be a number' });
  if (spec.integer) schema = schema.int('must be a whole number');
  return schema
    .min(spec.min, `must be between ${spec.min} and ${spec.max}`)
    .max(spec.max, `must be between ${spec.min} and ${spec.max}`);
}

/** Every setting, each optional: a missing one takes its default. */
export const settingsPatchSchema = z.strictObject(
  Object.fromEntries(SETTING_KEYS.map((key) => [key, settingSchema(SETTING_SPECS[key]).optional()])) as {
    [K in SettingKey]: z.ZodOptional<z.ZodNumber>;
  },
);

export function withDefaultSettings(patch: Partial<PlanSettings>): PlanSettings {
  const result = { ...DEFAULT_SETTINGS };
  for (const key of SETTING_KEYS) {
    const value = patch[key];
    if (value !== undefined) result[key] = value;
  }
  return result;
}

export interface SettingsConflict {
  /** The setting the message is attached to; the other one it names is `with`. */
  key: SettingKey;
  with: SettingKey;
  message: string;
}

/** Settings that cannot all hold at once: each message names both settings and their values. */
export function settingsConflicts(s: PlanSettings): SettingsConflict[] {
  const label = (key: SettingKey) => `${SETTING_SPECS[key].label} (${s[key]})`;
  const conflicts: SettingsConflict[] = [];
  if (s.minSitesPerWave > s.maxSitesPerWave) {
    conflicts.push({ key: 'minSitesPerWave', with: 'maxSitesPerWave', message: `${label('minSitesPerWave')} is above ${label('maxSitesPerWave')}` });
  }
  if (s.minPrepDays > s.basePrepDays) {
    conflicts.push({ key: 'minPrepDays', with: 'basePrepDays', message: `${label('minPrepDays')} is above ${label('basePrepDays')}: wave 1 would get less than the minimum` });
  }
  return conflicts;
}
