/** Reads a plan's content out of SQLite into the domain shapes of `shared/`. */
import type Database from 'better-sqlite3';
import type { DateWindow, Erp, PlaybookTask, ReadinessDimension, ReadinessHistoryEntry, Site } from '../../../shared/domain';
import { DEFAULT_SETTINGS, SETTING_KEYS, type PlanSettings } from '../../../shared/settings';
import { statement } from './statements';

export interface PlanRow {
  uid: string;
  name: string;
  start_date: string;
  created_at: string;
  lighthouse_override: string | null;
}

export function readPlanRow(db: Database.Database): PlanRow | undefined {
  return statement(db, 'SELECT uid, name, start_date, created_at, lighthouse_override FROM plan WHERE id = 1').get() as PlanRow | undefined;
}

export function readSettings(db: Database.Database): PlanSettings {
  const settings = { ...DEFAULT_SETTINGS };
  const rows = statement(db, 'SELECT key, value FROM plan_settings').all() as { key: string; value: number }[];
  for (const row of rows) {
    if ((SETTING_KEYS as string[]).includes(row.key)) settings[row.key as keyof PlanSettings] = row.value;
  }
  return settings;
}

export function readHolidays(db: Database.Database): string[] {
  return (statement(db, 'SELECT day FROM holidays ORDER BY day').all() as { day: string }[]).map((r) => r.day);
}

export function readFreezeWindows(db: Database.Database): DateWindow[] {
  return statement(db, 'SELECT from_date AS "from", to_date AS "to", reason FROM freeze_windows ORDER BY id').all() as DateWindow[];
}

export function readDimensions(db: Database.Database): ReadinessDimension[] {
  return statement(db, 'SELECT key, label, weight, threshold FROM readiness_dimensions ORDER BY position')
    .all() as ReadinessDimension[];
}

interface ErpRow {
  id: number;
  code: string;
  name: string;
  vendor: string;
  version: string;
  connector_status: Erp['connectorStatus'];
  connector_ready_date: string | null;
  notes: string;
}

function erpFromRow(r: ErpRow): Erp {
  return {
    code: r.code,
    name: r.name,
    vendor: r.vendor,
    version: r.version,
    connectorStatus: r.connector_status,
    connectorReadyDate: r.connector_ready_date,
    notes: r.notes,
  };
}

export function readErps(db: Database.Database, code?: string): Erp[] {
  const rows = (
    code === undefined
      ? statement(db, 'SELECT * FROM erps ORDER BY id').all()
      : statement(db, 'SELECT * FROM erps WHERE code = ?').all(code)
  ) as ErpRow[];
  return rows.map(erpFromRow);
}

interface SiteRow {
  id: number;
  code: string;
  name: string;
  region: string;
  country: string;
  timezone: string;
  erp_code: string;
  headcount: number;
  lead_name: string;
  lead_email: string;
  leadership_willingness: number;
  workflow_representativeness: number;
  technical_sophistication: number;
  earliest_go_live: string | null;
  pinned_wave: number | null;
  pinned_go_live: string | null;
  excluded: number;
  notes: string;
}

/** Sites with their blackouts, predecessors and current readiness; all sites, or the one with `code`. */
export function readSites(db: Database.Database, code?: string): Site[] {
  const filter = code === undefined ? '' : 'WHERE s.code = ?';
  const params = code === undefined ? [] : [code];
  const rows = statement(db, `SELECT s.*, e.code AS erp_code FROM sites s JOIN erps e ON e.id = s.erp_id ${filter} ORDER BY s.id`)
    .all(...params) as SiteRow[];
  const byId = new Map<number, Site>();
  for (const r of rows) {
    byId.set(r.id, {
      code: r.code,
      name: r.name,
      region: r.region,
      country: r.country,
      timezone: r.timezone,
      erp: r.erp_code,
      headcount: r.headcount,
      siteLead: { name: r.lead_name, email: r.lead_email },
      leadershipWillingness: r.leadership_willingness,
      workflowRepresentativeness: r.workflow_representativeness,
      technicalSophistication: r.technical_sophistication,
      earliestGoLive: r.earliest_go_live,
      blackouts: [],
      predecessors: [],
      pinnedWave: r.pinned_wave,
      pinnedGoLive: r.pinned_go_live,
      excluded: r.excluded === 1,
      notes: r.notes,
      readiness: {},
    });
  }
  if (byId.size === 0) return [];
  const siteFilter = code === undefined ? '' : `WHERE site_id = ${rows[0]!.id}`;

  const blackouts = statement(db, `SELECT site_id, from_date, to_date, reason FROM site_blackouts ${siteFilter} ORDER BY id`)
    .all() as { site_id: number; from_date: string; to_date: string; reason: string }[];
  for (const b of blackouts) byId.get(b.site_id)?.blackouts.push({ from: b.from_date, to: b.to_date, reason: b.reason });

  const predecessors = statement(db, 
      `SELECT p.site_id, s.code FROM site_predecessors p JOIN sites s ON s.id = p.predecessor_id ${siteFilter.replace('site_id', 'p.site_id')} ORDER BY p.site_id, p.position`,
    )
    .all() as { site_id: number; code: string }[];
  for (const p of predecessors) byId.get(p.site_id)?.predecessors.push(p.code);

  // Dimension order first, so every site's readiness object lists keys in the plan's order.
  const current = statement(db, 
      `SELECT e.site_id, e.dimension_key, e.score, e.target_date
         FROM readiness_entries e
         JOIN readiness_dimensions d ON d.key = e.dimension_key
        WHERE e.id IN (SELECT max(id) FROM readiness_entries ${siteFilter} GROUP BY site_id, dimension_key)
        ORDER BY e.site_id, d.position`,
    )
    .all() as { site_id: number; dimension_key: string; score: number | null; target_date: string | null }[];
  for (const c of current) {
    const site = byId.get(c.site_id);
    if (site) site.readiness[c.dimension_key] = { score: c.score, targetDate: c.target_date };
  }
  return [...byId.values()];
}

export function readReadinessHistory(db: Database.Database, siteCode: string, dimension?: string): ReadinessHistoryEntry[] {
  const rows = statement(db, 
      `SELECT e.id, s.code AS site, e.dimension_key AS dimension, e.score, e.target_date AS targetDate,
              e.comment, e.actor, e.recorded_at AS recordedAt, e.source
         FROM readiness_entries e JOIN sites s ON s.id = e.site_id
        WHERE s.code = ? ${dimension ? 'AND e.dimension_key = ?' : ''}
        ORDER BY e.id DESC`,
    )
    .all(...(dimension ? [siteCode, dimension] : [siteCode])) as ReadinessHistoryEntry[];
  return rows;
}

export function readPlaybook(db: Database.Database): { version: number; tasks: PlaybookTask[] } {
  const latest = statement(db, 'SELECT id, version FROM playbook_versions ORDER BY version DESC LIMIT 1').get() as
    | { id: number; version: number }
    | undefined;
  if (!latest) return { version: 1, tasks: [] };
  const tasks = statement(db, 
      `SELECT task_key AS id, title, phase, owner_role AS ownerRole, offset_days AS offsetDays,
              duration_days AS durationDays, applies_to AS appliesTo, gate
         FROM playbook_tasks WHERE playbook_version_id = ? ORDER BY position`,
    )
    .all(latest.id) as (Omit<PlaybookTask, 'gate'> & { gate: number })[];
  return { version: latest.version, tasks: tasks.map((t) => ({ ...t, gate: t.gate === 1 })) };
}
