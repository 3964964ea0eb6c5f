/**
 * What the team's documents say, written into the plan file: unit by unit, through the same entity
 * functions the screens use (so every value is checked and audited), each unit on its own savepoint.
 * A value the plan cannot take (a site that others still wait for, settings that contradict each
 * other once both members' edits meet) is refused without stopping the rest, and reported.
 */
import { erpSchema, siteSchema, type ChecklistStatus, type Site } from '../../../shared/domain';
import { parseWithProblems } from '../../../shared/interchange';
import type { Scenario } from '../../../shared/scenario';
import type { PlanSettings } from '../../../shared/settings';
import { sameValue } from '../../../shared/team';
import { UserError } from '../errors';
import { saveCrews } from '../plan/crews';
import { erpIdOf, insertErp, readErps, updateErp } from '../plan/erps';
import type { WriteHandle } from '../plan/handles';
import { setErpOrder, setLighthouseOverride, updatePlanFields, updateSettings } from '../plan/plan-settings';
import { writePlaybookVersion } from '../plan/playbooks';
import { readDimensions, saveDimensions } from '../plan/readiness';
import { lockedWavesOf, readCurrentSchedule, scheduleDay, setWaveLock, storeLockedSchedule } from '../plan/schedules';
import { exportContent } from '../plan/content';
import { deleteSites, insertSite, siteIdOf, updateSite } from '../plan/sites';
import type { LockedWave } from '../../../shared/scheduler/types';
import { assessmentOrder, readAssessments, readUnit, type ItemBasis, type TeamAssessment, type Unit } from './plan-units';

/** A unit as the documents have it: each key's value, and who set it when. */
export interface UnitTarget {
  unit: Unit;
  values: Map<string, unknown>;
  authors: Map<string, { by: string; at: string }>;
}

/** A value the plan refused: the keys it covers and why. */
export interface Refusal {
  unit: Unit;
  keys: string[];
  message: string;
}

const ORDER: readonly Unit['map'][] = ['plan', 'settings', 'erps', 'facts', 'readiness', 'playbook', 'checklist', 'baselines', 'scenarios', 'locks'];

/** Writes every unit's changed keys; returns what was refused. */
export function applyUnits(h: WriteHandle, targets: UnitTarget[]): Refusal[] {
  const refusals: Refusal[] = [];
  const sorted = [...targets].sort((a, b) => ORDER.indexOf(a.unit.map) - ORDER.indexOf(b.unit.map));
  const predecessors: { code: string; target: UnitTarget; value: string[] }[] = [];
  for (const target of sorted) {
    const local = readUnit(h, target.unit);
    const changed = [...target.values.keys()].filter((key) => !sameValue(local.get(key), target.values.get(key)));
    if (changed.length === 0) continue;
    const author = newestAuthor(target, changed);
    const attempt = (keys: string[], write: () => void) => {
      h.run('SAVEPOINT team_unit');
      try {
        h.audit.speaking(author.by, author.at, write);
        h.run('RELEASE team_unit');
      } catch (error) {
        h.run('ROLLBACK TO team_unit');
        h.run('RELEASE team_unit');
        if (!(error instanceof UserError)) throw error;
        refusals.push({ unit: target.unit, keys, message: error.message });
      }
    };
    const value = (key: string) => target.values.get(key);
    switch (target.unit.map) {
      case 'plan':
        applyPlan(changed, value, attempt);
        break;
      case 'settings':
        attempt(changed, () => updateSettings(h, Object.fromEntries(changed.map((k) => [k, value(k)])) as Partial<PlanSettings>));
        break;
      case 'erps':
        attempt(changed, () => applyErp(h, target.unit.group, value, changed));
        break;
      case 'facts': {
        const group = target.unit.group;
        const predecessorKey = `${group}/predecessors`;
        const rest = changed.filter((k) => k !== predecessorKey);
        if (rest.length > 0) attempt(rest, () => applySite(h, group, value, rest));
        if (changed.includes(predecessorKey) && value(`${group}/removed`) !== true) predecessors.push({ code: String(value(`${group}/code`) ?? group), target, value: (value(predecessorKey) as string[]) ?? [] });
        break;
      }
      case 'readiness':
        attempt(changed, () => applyReadiness(h, target.unit.group, changed.map((k) => value(k) as TeamAssessment)));
        break;
      case 'checklist':
        attempt(changed, () => applyChecklist(h, target.unit.group, value, changed));
        break;
      case 'playbook':
        for (const key of changed) attempt([key], () => applyPlaybookVersion(h, Number(key), value(key) as PlaybookValue | null));
        break;
      case 'baselines':
        for (const key of changed) attempt([key], () => applyBaseline(h, key, value(key) as BaselineValue | null));
        break;
      case 'scenarios':
        for (const key of changed) attempt([key], () => applyScenario(h, key, value(key) as ScenarioValue | null));
        break;
      case 'locks':
        attempt(changed, () => applyLocks(h, target.values));
        break;
      default:
        break;
    }
  }
  // Predecessors once every site of the batch exists, so that a new site may wait for another new one.
  for (const { code, target, value } of predecessors) {
    const key = `${target.unit.group}/predecessors`;
    const author = newestAuthor(target, [key]);
    h.run('SAVEPOINT team_unit');
    try {
      h.audit.speaking(author.by, author.at, () => updateSite(h, code, { predecessors: value }));
      h.run('RELEASE team_unit');
    } catch (error) {
      h.run('ROLLBACK TO team_unit');
      h.run('RELEASE team_unit');
      if (!(error instanceof UserError)) throw error;
      refusals.push({ unit: target.unit, keys: [key], message: error.message });
    }
  }
  return refusals;

  function applyPlan(changed: string[], value: (key: string) => unknown, attempt: (keys: string[], write: () => void) => void) {
    // Dimensions first: assessments name them.
    const order = ['dimensions', 'crews', 'name', 'startDate', 'createdAt', 'holidays', 'freezeWindows', 'erpOrder', 'lighthouseOverride'];
    for (const key of [...changed].sort((a, b) => order.indexOf(a) - order.indexOf(b))) {
      const v = value(key);
      attempt([key], () => {
        switch (key) {
          case 'dimensions':
            saveDimensions(h, v as unknown[]);
            break;
          case 'crews':
            saveCrews(h, v as unknown[]);
            break;
          case 'name':
          case 'startDate':
          case 'holidays':
          case 'freezeWindows':
            updatePlanFields(h, { [key]: v });
            break;
          case 'createdAt':
            h.run('UPDATE plan SET created_at = ? WHERE id = 1', v);
            break;
          case 'erpOrder':
            setErpOrder(h, (v as string[]) ?? []);
            break;
          case 'lighthouseOverride':
            setLighthouseOverride(h, (v as string | null) ?? null);
            break;
        }
      });
    }
  }
}

function newestAuthor(target: UnitTarget, keys: string[]): { by: string; at: string } {
  let newest = { by: 'a team member', at: new Date(0).toISOString() };
  for (const key of keys) {
    const author = target.authors.get(key);
    if (author && author.at > newest.at) newest = author;
  }
  return newest;
}

const field = (group: string, key: string) => key.slice(group.length + 1);

function applyErp(h: WriteHandle, group: string, value: (key: string) => unknown, changed: string[]): void {
  const get = (f: string) => value(`${group}/${f}`);
  const existing = readErps(h, group)[0];
  if (get('removed') === true) {
    if (!existing) return;
    if (h.get('SELECT 1 FROM sites WHERE erp_id = ?', erpIdOf(h, existing.code))) throw new UserError('refused', `ERP ${existing.code} was removed by a team member, but sites here still run on it.`);
    h.run('DELETE FROM erps WHERE code = ?', existing.code);
    h.audit.record('erp', existing.code, 'deleted', existing.name, null);
    return;
  }
  const fields = ['name', 'vendor', 'version', 'connectorStatus', 'connectorReadyDate', 'notes'] as const;
  if (!existing) {
    const parsed = parseWithProblems(erpSchema, { code: get('code'), ...Object.fromEntries(fields.map((f) => [f, get(f) ?? undefined])) });
    if (!parsed.ok) throw new UserError('invalid-input', `ERP ${group}: ${parsed.problems[0]!.path} ${parsed.problems[0]!.message}`);
    insertErp(h, parsed.value, Number(get('position') ?? 0));
    h.audit.record('erp', parsed.value.code, 'created', null, parsed.value.name);
    return;
  }
  const patch = Object.fromEntries(changed.map((k) => field(group, k)).filter((f) => (fields as readonly string[]).includes(f)).map((f) => [f, get(f)]));
  if (Object.keys(patch).length > 0) updateErp(h, existing.code, patch);
  if (changed.includes(`${group}/position`)) h.run('UPDATE erps SET position = ? WHERE code = ?', Number(get('position') ?? 0), existing.code);
}

function siteOf(value: (f: string) => unknown): unknown {
  return {
    code: value('code'),
    name: value('name'),
    region: value('region') ?? undefined,
    country: value('country') ?? undefined,
    timezone: value('timezone') ?? undefined,
    erp: value('erp'),
    headcount: value('headcount') ?? undefined,
    siteLead: { name: value('leadName') ?? '', email: value('leadEmail') ?? '' },
    leadershipWillingness: value('leadershipWillingness'),
    workflowRepresentativeness: value('workflowRepresentativeness'),
    technicalSophistication: value('technicalSophistication'),
    earliestGoLive: value('earliestGoLive') ?? null,
    blackouts: value('blackouts') ?? [],
    predecessors: [],
    pinnedWave: value('pinnedWave') ?? null,
    pinnedGoLive: value('pinnedGoLive') ?? null,
    excluded: value('excluded') ?? false,
    notes: value('notes') ?? '',
  };
}

const SITE_PATCH: Record<string, (v: (f: string) => unknown) => Record<string, unknown>> = {
  leadName: (v) => ({ siteLead: { name: v('leadName') ?? '', email: v('leadEmail') ?? '' } }),
  leadEmail: (v) => ({ siteLead: { name: v('leadName') ?? '', email: v('leadEmail') ?? '' } }),
};

function applySite(h: WriteHandle, group: string, value: (key: string) => unknown, changed: string[]): void {
  const get = (f: string) => value(`${group}/${f}`);
  const exists = siteIdOf(h, group) !== undefined;
  if (get('removed') === true) {
    if (exists) deleteSites(h, [group]);
    return;
  }
  if (!exists) {
    const parsed = parseWithProblems(siteSchema, siteOf(get));
    if (!parsed.ok) throw new UserError('invalid-input', `Site ${group}: ${parsed.problems[0]!.path} ${parsed.problems[0]!.message}`);
    insertSite(h, parsed.value as Site, { predecessors: false, position: Number(get('position') ?? 0) });
    h.audit.record('site', parsed.value.code, 'created', null, parsed.value.name);
    return;
  }
  const patch: Record<string, unknown> = {};
  for (const key of changed) {
    const f = field(group, key);
    if (f === 'position' || f === 'removed' || f === 'code') continue;
    Object.assign(patch, SITE_PATCH[f]?.(get) ?? { [f]: get(f) });
  }
  if (Object.keys(patch).length > 0) updateSite(h, group, patch);
  if (changed.includes(`${group}/position`)) h.run('UPDATE sites SET position = ? WHERE code = ?', Number(get('position') ?? 0), group);
}

/**
 * Takes assessments made elsewhere. The plan reads a site's current readiness as its newest
 * assessment (by row order), so the site's assessments are put back in time order when one older
 * than those here arrives: every member then holds them in the same order.
 */
function applyReadiness(h: WriteHandle, group: string, incoming: TeamAssessment[]): void {
  const siteId = siteIdOf(h, group);
  if (siteId === undefined) return;
  const dimensions = new Set(readDimensions(h).map((d) => d.key));
  const fresh = incoming.filter((e) => e && dimensions.has(e.dimension));
  if (fresh.length === 0) return;
  const code = h.get<{ code: string }>('SELECT code FROM sites WHERE id = ?', siteId)!.code;
  const rows = h.all<TeamAssessment & { id: number; source: string }>(
    'SELECT id, dimension_key AS dimension, score, target_date AS targetDate, comment, actor AS by, recorded_at AS at, source FROM readiness_entries WHERE site_id = ? ORDER BY id',
    siteId,
  );
  const before = currentOf(readAssessments(h, group));
  const merged = [...rows, ...fresh.map((e) => ({ ...e, id: 0, source: 'sync' }))].sort(assessmentOrder);
  const firstMoved = merged.findIndex((e, i) => e.id !== (rows[i]?.id ?? -1));
  // Rows already in order stay; the rest are written again after them.
  for (const row of rows.slice(firstMoved)) h.run('DELETE FROM readiness_entries WHERE id = ?', row.id);
  for (const e of merged.slice(firstMoved)) {
    h.run(
      'INSERT INTO readiness_entries (site_id, dimension_key, score, target_date, comment, actor, recorded_at, source) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      siteId, e.dimension, e.score, e.targetDate, e.comment, e.by, e.at, e.source,
    );
  }
  const after = currentOf(readAssessments(h, group));
  for (const dimension of new Set([...before.keys(), ...after.keys()])) {
    const was = before.get(dimension);
    const now = after.get(dimension);
    if (!now || sameValue(was, now)) continue;
    h.audit.speaking(now.by, now.at, () =>
      h.audit.recordChanges('readiness', `${code}/${dimension}`, { score: was?.score ?? null, targetDate: was?.targetDate ?? null }, { score: now.score, targetDate: now.targetDate }),
    );
  }
}

function currentOf(entries: TeamAssessment[]): Map<string, TeamAssessment> {
  const current = new Map<string, TeamAssessment>();
  for (const e of entries) current.set(e.dimension, e);
  return current;
}

function applyChecklist(h: WriteHandle, group: string, value: (key: string) => unknown, changed: string[]): void {
  const site = h.get<{ id: number; code: string }>('SELECT id, code FROM sites WHERE code = ?', group);
  if (!site) return;
  const tasks = new Set(changed.map((k) => k.split('/')[1]!));
  for (const task of tasks) {
    const basis = value(`${group}/${task}`) as ItemBasis | null | undefined;
    const work = { status: value(`${group}/${task}/status`) as ChecklistStatus | undefined, owner: value(`${group}/${task}/owner`) as string | undefined, note: value(`${group}/${task}/note`) as string | undefined };
    const row = h.get<{ id: number; due_date: string; title: string; playbook_version: number; status: ChecklistStatus; owner: string; note: string; completed_at: string | null }>(
      'SELECT id, due_date, title, playbook_version, status, owner, note, completed_at FROM checklist_items WHERE site_id = ? AND task_key = ?',
      site.id, task,
    );
    const entityId = `${site.code}/${task}`;
    if (!basis) {
      if (row) {
        h.run('DELETE FROM checklist_items WHERE id = ?', row.id);
        h.audit.record('checklist', entityId, 'removed', row.title, null);
      }
      continue;
    }
    const next = { dueDate: basis.dueDate, title: basis.title, playbookVersion: basis.playbookVersion, completedAt: basis.completedAt, status: work.status ?? 'todo', owner: work.owner ?? '', note: work.note ?? '' };
    if (!row) {
      h.run(
        'INSERT INTO checklist_items (site_id, task_key, playbook_version, title, due_date, status, owner, note, completed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
        site.id, task, next.playbookVersion, next.title, next.dueDate, next.status, next.owner, next.note, next.completedAt,
      );
      continue;
    }
    const was = { dueDate: row.due_date, title: row.title, playbookVersion: row.playbook_version, completedAt: row.completed_at, status: row.status, owner: row.owner, note: row.note };
    h.run('UPDATE checklist_items SET due_date = ?, title = ?, playbook_version = ?, completed_at = ?, status = ?, owner = ?, note = ? WHERE id = ?', next.dueDate, next.title, next.playbookVersion, next.completedAt, next.status, next.owner, next.note, row.id);
    h.audit.recordChanges('checklist', entityId, { dueDate: was.dueDate, status: was.status, owner: was.owner, note: was.note }, { dueDate: next.dueDate, status: next.status, owner: next.owner, note: next.note });
  }
}

interface PlaybookValue {
  note: string;
  createdAt: string;
  tasks: Parameters<typeof writePlaybookVersion>[2];
}

function applyPlaybookVersion(h: WriteHandle, version: number, value: PlaybookValue | null): void {
  const existing = h.get<{ id: number }>('SELECT id FROM playbook_versions WHERE version = ?', version);
  if (!value) return; // A version, once made, stays: checklists name it.
  if (existing) {
    h.run('DELETE FROM playbook_tasks WHERE playbook_version_id = ?', existing.id);
    h.run('DELETE FROM playbook_versions WHERE id = ?', existing.id);
  }
  writePlaybookVersion(h, version, value.tasks, value.note, value.createdAt);
  h.audit.record('playbook', String(version), existing ? 'replaced' : 'created', null, value.note || `${value.tasks.length} tasks`);
}

interface BaselineValue {
  savedAt: string;
  asOf: string;
  sites: { site: string; wave: number | null; goLive: string | null }[];
}

function applyBaseline(h: WriteHandle, name: string, value: BaselineValue | null): void {
  h.run('DELETE FROM baselines WHERE name = ?', name);
  if (!value) {
    h.audit.record('baseline', name, 'deleted', name, null);
    return;
  }
  const id = h.run('INSERT INTO baselines (name, created_at, as_of) VALUES (?, ?, ?)', name, value.savedAt, value.asOf).lastInsertRowid;
  for (const s of value.sites) h.run('INSERT INTO baseline_entries (baseline_id, site_code, wave_number, go_live) VALUES (?, ?, ?, ?)', id, s.site, s.wave, s.goLive);
  h.audit.record('baseline', name, 'created', null, `as of ${value.asOf}`);
}

type ScenarioValue = Omit<Scenario, 'name'> & { position: number };

function applyScenario(h: WriteHandle, name: string, value: ScenarioValue | null): void {
  const existing = h.get<{ id: number }>('SELECT id FROM scenarios WHERE name = ?', name);
  if (!value) {
    if (existing) {
      h.run('DELETE FROM scenarios WHERE id = ?', existing.id);
      h.audit.record('scenario', name, 'deleted', name, null);
    }
    return;
  }
  const changes = JSON.stringify(value.changes);
  if (existing) h.run('UPDATE scenarios SET note = ?, created_at = ?, changes_json = ?, position = ? WHERE id = ?', value.note, value.createdAt, changes, value.position, existing.id);
  else h.run('INSERT INTO scenarios (name, note, created_at, changes_json, position) VALUES (?, ?, ?, ?, ?)', name, value.note, value.createdAt, changes, value.position);
  h.audit.record('scenario', name, existing ? 'changed' : 'created', null, value.note);
}

/** Makes the stored schedule keep exactly the locked waves the team has. */
function applyLocks(h: WriteHandle, values: Map<string, unknown>): void {
  const wanted: LockedWave[] = [...values.entries()]
    .filter(([, v]) => v)
    .map(([number, v]) => ({ number: Number(number), ...(v as Omit<LockedWave, 'number'>) }))
    .sort((a, b) => a.number - b.number);
  const stored = readCurrentSchedule(h);
  const present = lockedWavesOf(stored);
  if (sameValue(present, wanted)) return;
  const keepsSchedule = stored && wanted.every((w) => present.some((p) => sameValue(p, w)));
  if (stored && keepsSchedule) {
    // Only unlocks: the schedule stays as it is.
    for (const p of present) if (!wanted.some((w) => w.number === p.number)) setWaveLock(h, stored.id, p.number, false);
  } else {
    storeLockedSchedule(h, exportContent(h), wanted, scheduleDay(stored));
  }
  h.audit.record('schedule', 'locks', 'lockedWaves', present.map((l) => l.number).join(', ') || null, wanted.map((l) => l.number).join(', ') || null);
}
