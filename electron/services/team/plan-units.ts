/**
 * The plan's content as cells, unit by unit: a unit is a map of the program document and one group
 * of its keys (one site's facts, one ERP, the settings, …). Reading a unit from the plan file gives
 * the value each of its cells should hold; the team link compares them with the documents.
 * Keys are in program terms (see doc-model.ts); codes are written in lower case.
 */
import { createHash } from 'node:crypto';
import type { Change } from '../../../shared/changes';
import { canonicalJson } from '../../../shared/team';
import { listBaselines, readBaseline } from '../plan/baselines';
import { readChecklist } from '../plan/checklists';
import { readCrews } from '../plan/crews';
import { readErps } from '../plan/erps';
import type { ReadHandle } from '../plan/handles';
import { erpOrderOf, readFreezeWindows, readHolidays, readSettings, requirePlanRow } from '../plan/plan-settings';
import { readPlaybookVersions } from '../plan/playbooks';
import { readDimensions } from '../plan/readiness';
import { readScenarios } from '../plan/scenarios';
import { lockedWavesOf, readCurrentSchedule } from '../plan/schedules';
import { readSites } from '../plan/sites';
import { GROUPED, type ProgramMap } from './addresses';

export { GROUPED };

export interface Unit {
  map: ProgramMap;
  /** The site or ERP (lower-case code) for per-site and per-ERP maps; '' for the others. */
  group: string;
}

export const unitText = (u: Unit): string => `${u.map}:${u.group}`;

/** The plan-wide units, always the same. */
export const PLAN_WIDE: readonly Unit[] = (['plan', 'settings', 'playbook', 'baselines', 'scenarios', 'locks'] as const).map((map) => ({ map, group: '' }));

export const lower = (code: string): string => code.toLowerCase();

/** The fields of a site's facts, as the program document names them. */
export const SITE_FIELDS = [
  'code', 'name', 'region', 'country', 'timezone', 'erp', 'headcount', 'leadName', 'leadEmail', 'leadershipWillingness', 'workflowRepresentativeness',
  'technicalSophistication', 'earliestGoLive', 'blackouts', 'predecessors', 'pinnedWave', 'pinnedGoLive', 'excluded', 'notes', 'position', 'removed',
] as const;
export const ERP_FIELDS = ['code', 'name', 'vendor', 'version', 'connectorStatus', 'connectorReadyDate', 'notes', 'position', 'removed'] as const;
export const PLAN_FIELDS = ['name', 'startDate', 'createdAt', 'lighthouseOverride', 'erpOrder', 'holidays', 'freezeWindows', 'crews', 'dimensions'] as const;
/** The fields of a checklist item that people set (the rest, in the item's own cell, follow the schedule). */
export const CHECKLIST_WORK = ['status', 'owner', 'note'] as const;

/** A readiness assessment as the team keeps it: never changed once made, so its key is its content. */
export interface TeamAssessment {
  dimension: string;
  score: number | null;
  targetDate: string | null;
  comment: string;
  by: string;
  at: string;
}

export function assessmentKey(entry: TeamAssessment): string {
  return createHash('sha256').update(canonicalJson(entry)).digest('hex').slice(0, 24);
}

/** The order every member keeps one site's assessments in: by time, then by who and what. */
export function assessmentOrder(a: TeamAssessment, b: TeamAssessment): number {
  const ka = `${a.at}\u0000${a.by}\u0000${a.dimension}\u0000${assessmentKey(a)}`;
  const kb = `${b.at}\u0000${b.by}\u0000${b.dimension}\u0000${assessmentKey(b)}`;
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}

/** A checklist item's own cell: what its schedule and playbook made of it. */
export interface ItemBasis {
  dueDate: string;
  title: string;
  playbookVersion: number;
  completedAt: string | null;
}

/** The units a commit touched, from the changes it announced; `all` lists every unit of a map when a change names too many to list. */
export function unitsOfChanges(changes: readonly Change[], all: (map: ProgramMap) => string[]): Unit[] {
  const units = new Map<string, Unit>();
  const add = (map: ProgramMap, group = '') => units.set(`${map}:${group}`, { map, group });
  const each = (map: ProgramMap, ids: string[] | null) => (ids ?? all(map)).forEach((id) => add(map, lower(id)));
  for (const change of changes) {
    switch (change.entity) {
      case 'plan':
      case 'crews':
      case 'dimensions':
        add('plan');
        break;
      case 'settings':
        add('settings');
        break;
      case 'erps':
        each('erps', change.ids);
        break;
      case 'sites':
        each('facts', change.ids);
        break;
      case 'readiness':
        each('readiness', change.ids);
        break;
      case 'checklist':
        each('checklist', change.ids);
        break;
      case 'schedule':
        add('locks');
        break;
      case 'playbook':
        add('playbook');
        break;
      case 'baselines':
        add('baselines');
        break;
      case 'scenarios':
        add('scenarios');
        break;
    }
  }
  return [...units.values()];
}

/** Every unit the plan file has content for. */
export function unitsOfPlan(h: ReadHandle): Unit[] {
  const sites = h.all<{ code: string }>('SELECT code FROM sites').map((s) => lower(s.code));
  const erps = h.all<{ code: string }>('SELECT code FROM erps').map((e) => lower(e.code));
  return [
    ...PLAN_WIDE,
    ...erps.map((group) => ({ map: 'erps' as const, group })),
    ...sites.flatMap((group) => (['facts', 'readiness', 'checklist'] as const).map((map) => ({ map, group }))),
  ];
}

/** What a unit's cells hold in the plan file, by key. A site or ERP the plan lacks reads as removed. */
export function readUnit(h: ReadHandle, unit: Unit): Map<string, unknown> {
  const cells = new Map<string, unknown>();
  const put = (key: string, value: unknown) => cells.set(key, value ?? null);
  switch (unit.map) {
    case 'plan': {
      const row = requirePlanRow(h);
      put('name', row.name);
      put('startDate', row.start_date);
      put('createdAt', row.created_at);
      put('lighthouseOverride', row.lighthouse_override);
      put('erpOrder', erpOrderOf(row));
      put('holidays', readHolidays(h));
      put('freezeWindows', readFreezeWindows(h));
      put('crews', readCrews(h));
      put('dimensions', readDimensions(h));
      break;
    }
    case 'settings':
      for (const [key, value] of Object.entries(readSettings(h))) put(key, value);
      break;
    case 'erps': {
      const erp = readErps(h, unit.group)[0];
      if (!erp) {
        put(`${unit.group}/removed`, true);
        break;
      }
      const position = h.get<{ position: number }>('SELECT position FROM erps WHERE code = ?', erp.code)!.position;
      const values: Record<(typeof ERP_FIELDS)[number], unknown> = { ...erp, position, removed: false };
      for (const field of ERP_FIELDS) put(`${unit.group}/${field}`, values[field]);
      break;
    }
    case 'facts': {
      const row = h.get<{ code: string; position: number }>('SELECT code, position FROM sites WHERE code = ?', unit.group);
      if (!row) {
        put(`${unit.group}/removed`, true);
        break;
      }
      const site = readSites(h, row.code)[0]!;
      const values: Record<(typeof SITE_FIELDS)[number], unknown> = {
        ...site,
        leadName: site.siteLead.name,
        leadEmail: site.siteLead.email,
        position: row.position,
        removed: false,
      };
      for (const field of SITE_FIELDS) put(`${unit.group}/${field}`, values[field]);
      break;
    }
    case 'readiness':
      for (const entry of readAssessments(h, unit.group)) put(`${unit.group}/${assessmentKey(entry)}`, entry);
      break;
    case 'checklist':
      for (const item of readChecklist(h, unit.group)) {
        const basis: ItemBasis = { dueDate: item.dueDate, title: item.title, playbookVersion: item.playbookVersion, completedAt: item.completedAt };
        put(`${unit.group}/${item.taskKey}`, basis);
        for (const field of CHECKLIST_WORK) put(`${unit.group}/${item.taskKey}/${field}`, item[field]);
      }
      break;
    case 'playbook':
      for (const v of readPlaybookVersions(h)) put(String(v.version), { note: v.note, createdAt: v.createdAt, tasks: v.tasks });
      break;
    case 'baselines':
      for (const b of listBaselines(h)) put(b.name, { savedAt: b.createdAt, asOf: b.asOf, sites: readBaseline(h, b.name).entries });
      break;
    case 'scenarios':
      readScenarios(h).forEach((s, position) => put(s.name, { note: s.note, createdAt: s.createdAt, changes: s.changes, position }));
      break;
    case 'locks':
      for (const lock of lockedWavesOf(readCurrentSchedule(h))) put(String(lock.number), { windowStart: lock.windowStart, windowEnd: lock.windowEnd, prepLeadDays: lock.prepLeadDays, sites: lock.sites });
      break;
    case 'desks':
      break;
  }
  return cells;
}

/** One site's assessments (lower-case code), oldest first. */
export function readAssessments(h: ReadHandle, site: string): TeamAssessment[] {
  return h.all<TeamAssessment>(
    `SELECT e.dimension_key AS dimension, e.score, e.target_date AS targetDate, e.comment, e.actor AS by, e.recorded_at AS at
       FROM readiness_entries e JOIN sites s ON s.id = e.site_id WHERE s.code = ? ORDER BY e.id`,
    site,
  );
}

/**
 * What a key missing from the plan file's reading means for the cell the documents hold: an item,
 * version, baseline, scenario or lock removed here (null); for other cells, nothing (they stay).
 */
export function absentValue(unit: Unit, key: string): { value: unknown } | null {
  if (unit.map === 'checklist') return key.split('/').length === 2 ? { value: null } : null;
  if (unit.map === 'playbook' || unit.map === 'baselines' || unit.map === 'scenarios' || unit.map === 'locks') return { value: null };
  return null;
}
