/** Named baselines: a snapshot of every site's wave and go-live, to show slippage later. */
import type { BaselineComparison, BaselineSummary } from '../../../shared/contract';
import { slipAgainstBaseline, type BaselineEntry } from '../../../shared/report/report-model';
import { UserError } from '../errors';
import type { ReadHandle, WriteHandle } from './handles';
import { readCurrentSchedule } from './schedules';
import { readSites } from './sites';

export function saveBaseline(h: WriteHandle, name: string): BaselineSummary {
  const current = readCurrentSchedule(h);
  if (!current) throw new UserError('not-found', 'There is no schedule to take a baseline of: generate one first.');
  if (h.get('SELECT 1 FROM baselines WHERE name = ?', name)) throw new UserError('conflict', `A baseline named "${name}" already exists.`);
  const createdAt = h.audit.context.at;
  const placed = new Map(current.schedule.waves.flatMap((w) => w.sites.map((s) => [s.site, { wave: w.number, goLive: s.goLive }] as const)));
  const sites = readSites(h).filter((s) => !s.excluded);
  const id = h.run('INSERT INTO baselines (name, created_at, as_of) VALUES (?, ?, ?)', name, createdAt, current.schedule.asOf).lastInsertRowid;
  for (const site of sites) h.run('INSERT INTO baseline_entries (baseline_id, site_code, wave_number, go_live) VALUES (?, ?, ?, ?)', id, site.code, placed.get(site.code)?.wave ?? null, placed.get(site.code)?.goLive ?? null);
  h.audit.record('baseline', name, 'created', null, `as of ${current.schedule.asOf}: ${placed.size} sites placed`);
  return { name, createdAt, asOf: current.schedule.asOf, sites: sites.length };
}

export function listBaselines(h: ReadHandle): BaselineSummary[] {
  return h.all<BaselineSummary>('SELECT b.name, b.created_at AS createdAt, b.as_of AS asOf, count(e.site_code) AS sites FROM baselines b LEFT JOIN baseline_entries e ON e.baseline_id = b.id GROUP BY b.id ORDER BY b.created_at, b.name');
}

export function readBaseline(h: ReadHandle, name: string): { name: string; asOf: string; entries: BaselineEntry[] } {
  const row = h.get<{ id: number; as_of: string }>('SELECT id, as_of FROM baselines WHERE name = ?', name);
  if (!row) {
    const known = listBaselines(h).map((b) => `"${b.name}"`);
    throw new UserError('not-found', `No baseline named "${name}"${known.length ? ` (there are ${known.join(', ')})` : ' (the plan has none yet)'}.`);
  }
  const entries = h.all<BaselineEntry>('SELECT site_code AS site, wave_number AS wave, go_live AS goLive FROM baseline_entries WHERE baseline_id = ? ORDER BY site_code', row.id);
  return { name, asOf: row.as_of, entries };
}

/** Current go-lives against a baseline's. */
export function compareBaseline(h: ReadHandle, name: string): BaselineComparison {
  const baseline = readBaseline(h, name);
  const current = readCurrentSchedule(h);
  if (!current) throw new UserError('not-found', 'There is no schedule to compare: generate one first.');
  const rows = slipAgainstBaseline(baseline.entries, current.schedule);
  return { name, asOf: baseline.asOf, rows, unchanged: baseline.entries.length - rows.length };
}
