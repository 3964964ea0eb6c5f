/** Named baselines: a snapshot of every site's wave and go-live, to show slippage later. */
import type { AuditSource } from '../../../shared/domain';
import { slipAgainstBaseline, type BaselineEntry } from '../../../shared/report/report-model';
import { UserError } from '../errors';
import type { PlanFile } from './plan-file';
import { readCurrentSchedule } from './schedule-store';

import type { BaselineComparison, BaselineSummary } from '../../../shared/contract';
import { statement } from './statements';

export function saveBaseline(plan: PlanFile, name: string, source: AuditSource): BaselineSummary {
  const current = readCurrentSchedule(plan.db);
  if (!current) throw new UserError('not-found', 'There is no schedule to take a baseline of: generate one first.');
  if (statement(plan.db, 'SELECT 1 FROM baselines WHERE name = ?').get(name)) throw new UserError('conflict', `A baseline named "${name}" already exists.`);
  const createdAt = new Date().toISOString();
  const placed = new Map(current.schedule.waves.flatMap((w) => w.sites.map((s) => [s.site, { wave: w.number, goLive: s.goLive }] as const)));
  const sites = plan.listSites().filter((s) => !s.excluded);
  plan.write(source, (audit) => {
    const id = statement(plan.db, 'INSERT INTO baselines (name, created_at, as_of) VALUES (?, ?, ?)').run(name, createdAt, current.schedule.asOf).lastInsertRowid;
    const insert = statement(plan.db, 'INSERT INTO baseline_entries (baseline_id, site_code, wave_number, go_live) VALUES (?, ?, ?, ?)');
    for (const site of sites) insert.run(id, site.code, placed.get(site.code)?.wave ?? null, placed.get(site.code)?.goLive ?? null);
    audit.record('baseline', name, 'created', null, `as of ${current.schedule.asOf}: ${placed.size} sites placed`);
  });
  return { name, createdAt, asOf: current.schedule.asOf, sites: sites.length };
}

export function listBaselines(plan: PlanFile): BaselineSummary[] {
  return plan.db
    .prepare('SELECT b.name, b.created_at AS createdAt, b.as_of AS asOf, count(e.site_code) AS sites FROM baselines b LEFT JOIN baseline_entries e ON e.baseline_id = b.id GROUP BY b.id ORDER BY b.id')
    .all() as BaselineSummary[];
}

export function readBaseline(plan: PlanFile, name: string): { name: string; entries: BaselineEntry[] } {
  const row = statement(plan.db, 'SELECT id FROM baselines WHERE name = ?').get(name) as { id: number } | undefined;
  if (!row) {
    const known = listBaselines(plan).map((b) => `"${b.name}"`);
    throw new UserError('not-found', `No baseline named "${name}"${known.length ? ` (there are ${known.join(', ')})` : ' (the plan has none yet)'}.`);
  }
  const entries = statement(plan.db, 'SELECT site_code AS site, wave_number AS wave, go_live AS goLive FROM baseline_entries WHERE baseline_id = ? ORDER BY site_code').all(row.id) as BaselineEntry[];
  return { name, entries };
}

/** Current go-lives against a baseline's. */
export function compareBaseline(plan: PlanFile, name: string): BaselineComparison {
  const baseline = readBaseline(plan, name);
  const current = readCurrentSchedule(plan.db);
  if (!current) throw new UserError('not-found', 'There is no schedule to compare: generate one first.');
  const asOf = (statement(plan.db, 'SELECT as_of AS asOf FROM baselines WHERE name = ?').get(name) as { asOf: string }).asOf;
  const rows = slipAgainstBaseline(baseline.entries, current.schedule);
  return { name, asOf, rows, unchanged: baseline.entries.length - rows.length };
}
