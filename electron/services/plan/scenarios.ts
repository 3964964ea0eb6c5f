/**
 * The plan's scenarios: stored with only what they change, scheduled on demand by the plan's own
 * engine (never stored: equal inputs give equal schedules), compared side by side, and adopted into
 * the plan as one step that a re-plan completes.
 */
import type { ScenarioSummary } from '../../../shared/contract';
import type { WavePlan } from '../../../shared/interchange';
import { applyScenario, describeChanges, scenarioChangesSchema, type Scenario, type ScenarioChanges } from '../../../shared/scenario';
import { sideBySide, type SideBySide } from '../../../shared/scenario-compare';
import { scheduleInputFromPlan } from '../../../shared/scheduler/input';
import { generateSchedule } from '../../../shared/scheduler/schedule';
import type { LockedWave, ScheduleInput, WaveSchedule } from '../../../shared/scheduler/types';
import { UserError } from '../errors';
import { exportContent } from './content';
import { saveCrews } from './crews';
import { updateErp } from './erps';
import type { ReadHandle, WriteHandle } from './handles';
import { setErpOrder, updateSettings } from './plan-settings';
import { appendReadiness } from './readiness';
import { lockedWavesOf, readCurrentSchedule, scheduleDay } from './schedules';
import { siteIdOf, updateSite } from './sites';

interface ScenarioRow {
  id: number;
  name: string;
  note: string;
  created_at: string;
  changes_json: string;
}

const toScenario = (row: ScenarioRow): Scenario => ({ name: row.name, note: row.note, createdAt: row.created_at, changes: scenarioChangesSchema.parse(JSON.parse(row.changes_json)) });

export function readScenarios(h: ReadHandle): Scenario[] {
  return h.all<ScenarioRow>('SELECT * FROM scenarios ORDER BY position, name').map(toScenario);
}

function requireRow(h: ReadHandle, name: string): ScenarioRow {
  const row = h.get<ScenarioRow>('SELECT * FROM scenarios WHERE name = ?', name);
  if (row) return row;
  const known = readScenarios(h).map((s) => `"${s.name}"`);
  throw new UserError('not-found', `No scenario named "${name}"${known.length ? ` (there are ${known.join(', ')})` : ' (the plan has none yet)'}.`);
}

const requireScenario = (h: ReadHandle, name: string): Scenario => toScenario(requireRow(h, name));

/** The plan as the scenario has it; refused, naming each change, when the scenario no longer fits the plan. */
function contentOf(content: WavePlan, scenario: Pick<Scenario, 'name' | 'changes'>): WavePlan {
  const applied = applyScenario(content, scenario.changes);
  if (applied.problems.length > 0) {
    const list = applied.problems.map((p) => `${p.path}: ${p.message}`).join('; ');
    throw new UserError('invalid-input', `Scenario "${scenario.name}" does not fit the plan: ${list}. Nothing was changed.`, applied.problems);
  }
  return applied.content;
}

export function listScenarios(h: ReadHandle): ScenarioSummary[] {
  const content = exportContent(h);
  return readScenarios(h).map((s) => ({ ...s, inWords: describeChanges(content, s.changes) }));
}

/**
 * Saves a scenario under its name: a new one, or the named one's changes and note replaced. With
 * `renames`, the scenario of that name is the one saved, under its new name.
 */
export function saveScenario(h: WriteHandle, input: { name: string; note: string; changes: ScenarioChanges; renames?: string }): ScenarioSummary {
  const content = exportContent(h);
  contentOf(content, input);
  const json = JSON.stringify(input.changes);
  const named = h.get<ScenarioRow>('SELECT * FROM scenarios WHERE name = ?', input.name);
  const existing = input.renames === undefined ? named : requireRow(h, input.renames);
  if (named && existing && named.id !== existing.id) throw new UserError('conflict', `A scenario named "${named.name}" already exists; choose another name. Nothing was changed.`);
  const createdAt = existing?.created_at ?? h.audit.context.at;
  if (existing) {
    h.run('UPDATE scenarios SET name = ?, note = ?, changes_json = ? WHERE id = ?', input.name, input.note, json, existing.id);
    h.audit.recordChanges('scenario', existing.name, { name: existing.name, note: existing.note, changes: existing.changes_json }, { name: input.name, note: input.note, changes: json });
  } else {
    const position = h.get<{ n: number }>('SELECT coalesce(max(position) + 1, 0) AS n FROM scenarios')!.n;
    h.run('INSERT INTO scenarios (name, note, created_at, changes_json, position) VALUES (?, ?, ?, ?, ?)', input.name, input.note, createdAt, json, position);
    h.audit.record('scenario', input.name, 'created', null, describeChanges(content, input.changes).join('; ') || 'no changes');
  }
  return { name: input.name, note: input.note, createdAt, changes: input.changes, inWords: describeChanges(content, input.changes) };
}

export function removeScenario(h: WriteHandle, name: string): void {
  const scenario = requireScenario(h, name);
  h.run('DELETE FROM scenarios WHERE name = ?', name);
  h.audit.record('scenario', scenario.name, 'removed', JSON.stringify(scenario.changes), null);
}

/** The scenarios of an imported plan, written into an emptied table. */
export function insertScenarios(h: WriteHandle, scenarios: Scenario[]): void {
  scenarios.forEach((s, position) => h.run('INSERT INTO scenarios (name, note, created_at, changes_json, position) VALUES (?, ?, ?, ?, ?)', s.name, s.note, s.createdAt, JSON.stringify(s.changes), position));
}

/**
 * What the plan's schedules and its scenarios' start from: the plan's content, the day (the one asked
 * for, else the stored schedule's, else today) and the plan's locked waves, the stored schedule read once.
 */
function basisOf(h: ReadHandle, asOf: string | undefined): { content: WavePlan; asOf: string; locks: LockedWave[] } {
  const stored = readCurrentSchedule(h);
  return { content: exportContent(h), asOf: asOf ?? scheduleDay(stored), locks: lockedWavesOf(stored) };
}

const inputOf = (basis: ReturnType<typeof basisOf>, content: WavePlan): ScheduleInput => scheduleInputFromPlan(content, basis.asOf, basis.locks);

/** What the scheduler reads of the plan as of a day (that of the stored schedule unless given): for the optimiser, which runs where it does not hold up the screen. */
export function planScheduleInput(h: ReadHandle, asOf?: string): ScheduleInput {
  const basis = basisOf(h, asOf);
  return inputOf(basis, basis.content);
}

/** A scenario's schedule as of a day, as the plan's engine computes it (with the plan's locked waves). */
export function scenarioSchedule(h: ReadHandle, name: string, asOf?: string): WaveSchedule {
  const basis = basisOf(h, asOf);
  return generateSchedule(inputOf(basis, contentOf(basis.content, requireScenario(h, name))));
}

/** The plan and up to three scenarios, each scheduled as of the same day, side by side. */
export function compareScenarios(h: ReadHandle, names: string[], asOf?: string): SideBySide {
  const basis = basisOf(h, asOf);
  const scenarios = names.map((name) => requireScenario(h, name));
  return sideBySide([
    { name: 'Plan', scenario: false, changes: [], schedule: generateSchedule(inputOf(basis, basis.content)) },
    ...scenarios.map((s) => ({ name: s.name, scenario: true, changes: describeChanges(basis.content, s.changes), schedule: generateSchedule(inputOf(basis, contentOf(basis.content, s))) })),
  ]);
}

/**
 * Makes the scenario's changes the plan's own, through the same entity writes as the screens use
 * (audited field by field; a readiness target becomes a new assessment with the score unchanged).
 * The caller re-plans in the same step.
 */
export function adoptScenario(h: WriteHandle, name: string): Scenario {
  const scenario = requireScenario(h, name);
  const content = exportContent(h);
  contentOf(content, scenario);
  const { changes } = scenario;
  if (Object.keys(changes.settings).length > 0) updateSettings(h, changes.settings);
  for (const erp of changes.erps) {
    const patch = { ...(erp.connectorStatus !== undefined && { connectorStatus: erp.connectorStatus }), ...(erp.connectorReadyDate !== undefined && { connectorReadyDate: erp.connectorReadyDate }) };
    if (Object.keys(patch).length > 0) updateErp(h, erp.code, patch);
  }
  const sites = new Map(content.sites.map((s) => [s.code.toLowerCase(), s]));
  for (const change of changes.sites) {
    const site = sites.get(change.code.toLowerCase())!;
    const patch = {
      ...(change.excluded !== undefined && { excluded: change.excluded }),
      ...(change.pinnedWave !== undefined && { pinnedWave: change.pinnedWave, pinnedGoLive: change.pinnedWave === null ? null : (change.pinnedGoLive ?? site.pinnedGoLive) }),
      ...(change.pinnedWave === undefined && change.pinnedGoLive !== undefined && { pinnedGoLive: change.pinnedGoLive }),
    };
    if (Object.keys(patch).length > 0) updateSite(h, site.code, patch);
    for (const [dimension, targetDate] of Object.entries(change.readinessTargets ?? {})) {
      const before = site.readiness[dimension] ?? { score: null, targetDate: null };
      if (before.targetDate === targetDate) continue;
      appendReadiness(h, { siteId: siteIdOf(h, site.code)!, dimension, score: before.score, targetDate, comment: `Target from scenario "${scenario.name}"` });
      h.audit.recordChanges('readiness', `${site.code}/${dimension}`, { targetDate: before.targetDate }, { targetDate });
    }
  }
  if (changes.crews) saveCrews(h, changes.crews);
  if (changes.erpOrder) setErpOrder(h, changes.erpOrder);
  h.audit.record('scenario', scenario.name, 'adopted', null, describeChanges(content, changes).join('; ') || 'no changes');
  return scenario;
}
