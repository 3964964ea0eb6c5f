/** The plan's own row (name, start, lighthouse choice), its scheduling settings, holidays and freeze windows. */
import type { DateWindow } from '../../../shared/domain';
import { erpOrderProblems } from '../../../shared/erp-order';
import { DEFAULT_SETTINGS, SETTING_KEYS, settingsConflicts, type PlanSettings } from '../../../shared/settings';
import { UserError } from '../errors';
import type { ReadHandle, WriteHandle } from './handles';
import { siteIdOf } from './sites';

export interface PlanRow {
  uid: string;
  name: string;
  start_date: string;
  created_at: string;
  lighthouse_override: string | null;
  erp_order_json: string;
}

export function readPlanRow(h: ReadHandle): PlanRow | undefined {
  return h.get<PlanRow>('SELECT uid, name, start_date, created_at, lighthouse_override, erp_order_json FROM plan WHERE id = 1');
}

export function requirePlanRow(h: ReadHandle): PlanRow {
  const row = readPlanRow(h);
  if (!row) throw new Error('the plan row is missing');
  return row;
}

export function readSettings(h: ReadHandle): PlanSettings {
  const settings = { ...DEFAULT_SETTINGS };
  for (const row of h.all<{ key: string; value: number }>('SELECT key, value FROM plan_settings')) {
    if ((SETTING_KEYS as string[]).includes(row.key)) settings[row.key as keyof PlanSettings] = row.value;
  }
  return settings;
}

export function readHolidays(h: ReadHandle): string[] {
  return h.all<{ day: string }>('SELECT day FROM holidays ORDER BY day').map((r) => r.day);
}

export function readFreezeWindows(h: ReadHandle): DateWindow[] {
  return h.all<DateWindow>('SELECT from_date AS "from", to_date AS "to", reason FROM freeze_windows ORDER BY id');
}

export function writeSettings(h: WriteHandle, settings: PlanSettings): void {
  for (const [key, value] of Object.entries(settings)) {
    h.run('INSERT INTO plan_settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value', key, value);
  }
}

/** Writes the holidays that differ, so that an unchanged list changes no row. */
export function writeHolidays(h: WriteHandle, holidays: string[]): void {
  const wanted = new Set(holidays);
  const present = new Set(readHolidays(h));
  for (const day of present) if (!wanted.has(day)) h.run('DELETE FROM holidays WHERE day = ?', day);
  for (const day of wanted) if (!present.has(day)) h.run('INSERT INTO holidays (day) VALUES (?)', day);
}

export function writeFreezeWindows(h: WriteHandle, windows: DateWindow[]): void {
  if (JSON.stringify(readFreezeWindows(h)) === JSON.stringify(windows)) return;
  h.run('DELETE FROM freeze_windows');
  for (const w of windows) h.run('INSERT INTO freeze_windows (from_date, to_date, reason) VALUES (?, ?, ?)', w.from, w.to, w.reason);
}

export interface PlanFieldsPatch {
  name?: string | undefined;
  startDate?: string | undefined;
  holidays?: string[] | undefined;
  freezeWindows?: DateWindow[] | undefined;
  lighthouseOverride?: string | null | undefined;
  erpOrder?: string[] | undefined;
}

export function updatePlanFields(h: WriteHandle, patch: PlanFieldsPatch): void {
  const before = requirePlanRow(h);
  if (patch.name !== undefined || patch.startDate !== undefined) {
    const name = patch.name ?? before.name;
    const startDate = patch.startDate ?? before.start_date;
    h.run('UPDATE plan SET name = ?, start_date = ? WHERE id = 1', name, startDate);
    h.audit.recordChanges('plan', before.uid, { name: before.name, startDate: before.start_date }, { name, startDate });
  }
  if (patch.holidays !== undefined) {
    const previous = readHolidays(h);
    const holidays = [...new Set(patch.holidays)].sort();
    writeHolidays(h, holidays);
    h.audit.recordChanges('plan', before.uid, { holidays: previous }, { holidays });
  }
  if (patch.lighthouseOverride !== undefined) setLighthouseOverride(h, patch.lighthouseOverride);
  if (patch.erpOrder !== undefined) setErpOrder(h, patch.erpOrder);
  if (patch.freezeWindows !== undefined) {
    const previous = readFreezeWindows(h);
    writeFreezeWindows(h, patch.freezeWindows);
    h.audit.recordChanges('plan', before.uid, { freezeWindows: previous }, { freezeWindows: patch.freezeWindows });
  }
}

/** The plan's ERP order, as its row keeps it (JSON). */
export function erpOrderOf(row: PlanRow): string[] {
  return JSON.parse(row.erp_order_json) as string[];
}

/** Sets the order in which ERPs are brought in (empty: rule 10's order), each ERP of the plan at most once. */
export function setErpOrder(h: WriteHandle, codes: string[]): void {
  const before = requirePlanRow(h);
  const known = new Map(h.all<{ code: string }>('SELECT code FROM erps').map((e) => [e.code.toLowerCase(), e.code]));
  const problems = erpOrderProblems(codes, new Set(known.keys()), 'erpOrder');
  if (problems.length > 0) throw new UserError('invalid-input', `The ERP order cannot be used: ${problems.map((p) => p.message).join('; ')}. Nothing was changed.`, problems);
  const order = codes.map((code) => known.get(code.toLowerCase())!);
  h.run('UPDATE plan SET erp_order_json = ? WHERE id = 1', JSON.stringify(order));
  h.audit.recordChanges('plan', before.uid, { erpOrder: erpOrderOf(before) }, { erpOrder: order });
}

export function setLighthouseOverride(h: WriteHandle, code: string | null): void {
  const before = requirePlanRow(h);
  if (code !== null && siteIdOf(h, code) === undefined) throw new UserError('invalid-input', `No site with code "${code}" to be the lighthouse.`);
  h.run('UPDATE plan SET lighthouse_override = ? WHERE id = 1', code);
  h.audit.recordChanges('plan', before.uid, { lighthouseOverride: before.lighthouse_override }, { lighthouseOverride: code });
}

export function updateSettings(h: WriteHandle, patch: Partial<PlanSettings>): void {
  const before = readSettings(h);
  const after = { ...before, ...patch };
  const conflicts = settingsConflicts(after);
  if (conflicts.length > 0) throw new UserError('invalid-input', `These settings contradict each other: ${conflicts.map((c) => c.message).join('; ')}. Nothing was changed.`);
  writeSettings(h, after);
  h.audit.recordChanges('settings', 'plan', before, after);
}
