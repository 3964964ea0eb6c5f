/** Writes a plan's content into SQLite. Callers run these inside one transaction with its audit entries. */
import type Database from 'better-sqlite3';
import type { DateWindow, Erp, PlaybookTask, ReadinessDimension, Site } from '../../../shared/domain';
import type { WavePlan } from '../../../shared/interchange';
import type { PlanSettings } from '../../../shared/settings';
import type { AuditWriter } from './audit';
import { statement } from './statements';

export function writeSettings(db: Database.Database, settings: PlanSettings): void {
  const upsert = statement(db, 'INSERT INTO plan_settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value');
  for (const [key, value] of Object.entries(settings)) upsert.run(key, value);
}

export function writeHolidays(db: Database.Database, holidays: string[]): void {
  statement(db, 'DELETE FROM holidays').run();
  const insert = statement(db, 'INSERT INTO holidays (day) VALUES (?)');
  for (const day of holidays) insert.run(day);
}

export function writeFreezeWindows(db: Database.Database, windows: DateWindow[]): void {
  statement(db, 'DELETE FROM freeze_windows').run();
  const insert = statement(db, 'INSERT INTO freeze_windows (from_date, to_date, reason) VALUES (?, ?, ?)');
  for (const w of windows) insert.run(w.from, w.to, w.reason);
}

export function writeDimensions(db: Database.Database, dimensions: ReadinessDimension[]): void {
  const insert = statement(db, 'INSERT INTO readiness_dimensions (key, label, weight, threshold, position) VALUES (?, ?, ?, ?, ?)');
  dimensions.forEach((d, i) => insert.run(d.key, d.label, d.weight, d.threshold, i));
}

export function insertErp(db: Database.Database, erp: Erp): void {
  statement(db, 
    'INSERT INTO erps (code, name, vendor, version, connector_status, connector_ready_date, notes) VALUES (?, ?, ?, ?, ?, ?, ?)',
  ).run(erp.code, erp.name, erp.vendor, erp.version, erp.connectorStatus, erp.connectorReadyDate, erp.notes);
}

export function updateErpRow(db: Database.Database, code: string, erp: Erp): void {
  statement(db, 
    'UPDATE erps SET code = ?, name = ?, vendor = ?, version = ?, connector_status = ?, connector_ready_date = ?, notes = ? WHERE code = ?',
  ).run(erp.code, erp.name, erp.vendor, erp.version, erp.connectorStatus, erp.connectorReadyDate, erp.notes, code);
}

function erpIdOf(db: Database.Database, code: string): number {
  const row = statement(db, 'SELECT id FROM erps WHERE code = ?').get(code) as { id: number } | undefined;
  if (!row) throw new Error(`unknown ERP ${code}`);
  return row.id;
}

export function siteIdOf(db: Database.Database, code: string): number | undefined {
  return (statement(db, 'SELECT id FROM sites WHERE code = ?').get(code) as { id: number } | undefined)?.id;
}

type SiteAttributes = Omit<Site, 'readiness' | 'blackouts' | 'predecessors'>;

function siteParams(db: Database.Database, site: SiteAttributes): unknown[] {
  return [
    site.code, site.name, site.region, site.country, site.timezone, erpIdOf(db, site.erp), site.headcount,
    site.siteLead.name, site.siteLead.email, site.leadershipWillingness, site.workflowRepresentativeness,
    site.technicalSophistication, site.earliestGoLive, site.pinnedWave, site.pinnedGoLive, site.excluded ? 1 : 0, site.notes,
  ];
}

const SITE_COLUMNS =
  'code, name, region, country, timezone, erp_id, headcount, lead_name, lead_email, leadership_willingness, workflow_representativeness, technical_sophistication, earliest_go_live, pinned_wave, pinned_go_live, excluded, notes';

export function insertSiteRow(db: Database.Database, site: SiteAttributes): number {
  const info = statement(db, `INSERT INTO sites (${SITE_COLUMNS}) VALUES (${SITE_COLUMNS.split(',').map(() => '?').join(', ')})`).run(...siteParams(db, site));
  return Number(info.lastInsertRowid);
}

export function updateSiteRow(db: Database.Database, id: number, site: SiteAttributes): void {
  const assignments = SITE_COLUMNS.split(',').map((c) => `${c.trim()} = ?`).join(', ');
  statement(db, `UPDATE sites SET ${assignments} WHERE id = ?`).run(...siteParams(db, site), id);
}

export function writeBlackouts(db: Database.Database, siteId: number, blackouts: DateWindow[]): void {
  statement(db, 'DELETE FROM site_blackouts WHERE site_id = ?').run(siteId);
  const insert = statement(db, 'INSERT INTO site_blackouts (site_id, from_date, to_date, reason) VALUES (?, ?, ?, ?)');
  for (const b of blackouts) insert.run(siteId, b.from, b.to, b.reason);
}

export function writePredecessors(db: Database.Database, siteId: number, codes: string[]): void {
  statement(db, 'DELETE FROM site_predecessors WHERE site_id = ?').run(siteId);
  const insert = statement(db, 'INSERT INTO site_predecessors (site_id, predecessor_id, position) VALUES (?, ?, ?)');
  codes.forEach((code, position) => {
    const predecessorId = siteIdOf(db, code);
    if (predecessorId === undefined) throw new Error(`unknown predecessor ${code}`);
    insert.run(siteId, predecessorId, position);
  });
}

export function appendReadiness(
  db: Database.Database,
  entry: { siteId: number; dimension: string; score: number | null; targetDate: string | null; comment: string },
  audit: AuditWriter,
): void {
  statement(db, 
    'INSERT INTO readiness_entries (site_id, dimension_key, score, target_date, comment, actor, recorded_at, source) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  ).run(entry.siteId, entry.dimension, entry.score, entry.targetDate, entry.comment, audit.context.actor, new Date().toISOString(), audit.context.source);
}

export function writePlaybookVersion(db: Database.Database, version: number, tasks: PlaybookTask[], note: string): void {
  const info = statement(db, 'INSERT INTO playbook_versions (version, created_at, note) VALUES (?, ?, ?)').run(version, new Date().toISOString(), note);
  const insert = statement(db, 
    'INSERT INTO playbook_tasks (playbook_version_id, task_key, title, phase, owner_role, offset_days, duration_days, applies_to, gate, position) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  tasks.forEach((t, i) =>
    insert.run(info.lastInsertRowid, t.id, t.title, t.phase, t.ownerRole, t.offsetDays, t.durationDays, t.appliesTo, t.gate ? 1 : 0, i),
  );
}

/**
 * Replaces everything the interchange format carries with `plan`. The plan's identity (uid, creation
 * time) and its audit log stay: an import is itself an audited event, not a new history.
 */
export function replaceContent(db: Database.Database, plan: WavePlan, audit: AuditWriter): void {
  for (const table of [
    'checklist_items', 'wave_placements', 'waves', 'schedules', 'baseline_entries', 'baselines', 'readiness_entries',
    'site_predecessors', 'site_blackouts', 'sites', 'erps', 'readiness_dimensions', 'playbook_tasks', 'playbook_versions',
    'holidays', 'freeze_windows', 'plan_settings',
  ]) {
    statement(db, `DELETE FROM ${table}`).run();
  }
  statement(db, 'UPDATE plan SET name = ?, start_date = ?, lighthouse_override = ? WHERE id = 1').run(plan.plan.name, plan.plan.startDate, plan.plan.lighthouseOverride);
  writeSettings(db, plan.plan.settings);
  writeHolidays(db, plan.plan.holidays);
  writeFreezeWindows(db, plan.plan.freezeWindows);
  writeDimensions(db, plan.readinessDimensions);
  for (const erp of plan.erps) insertErp(db, erp);
  const ids = plan.sites.map((site) => insertSiteRow(db, site));
  plan.sites.forEach((site, i) => {
    const siteId = ids[i]!;
    writeBlackouts(db, siteId, site.blackouts);
    writePredecessors(db, siteId, site.predecessors);
    for (const dimension of plan.readinessDimensions) {
      const value = site.readiness[dimension.key];
      if (value) appendReadiness(db, { siteId, dimension: dimension.key, score: value.score, targetDate: value.targetDate, comment: '' }, audit);
    }
  });
  writePlaybookVersion(db, plan.playbook.version, plan.playbook.tasks, 'imported');
}
