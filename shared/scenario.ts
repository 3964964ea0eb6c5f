/**
 * Scenarios: named variants of a plan's scheduling inputs ("what if 4 sites a month", "what if the
 * Oracle connector slips"), scheduled by the same engine as the plan. A scenario holds only what it
 * changes; the rest comes from the plan as it is when the scenario is scheduled.
 */
import { z } from 'zod';
import { codeSchema, connectorStatusSchema, crewSchema, isoDateSchema, longTextSchema, nameSchema, type Crew, type Site } from './domain';
import { erpOrderProblems } from './erp-order';
import type { WavePlan } from './interchange';
import { settingsConflicts, settingsPatchSchema, SETTING_SPECS, type SettingKey } from './settings';

const siteChangeSchema = z.strictObject({
  code: codeSchema,
  excluded: z.boolean({ error: 'must be true or false' }).optional(),
  pinnedWave: z.number({ error: 'must be a wave number or null' }).int('must be a whole number').min(0, 'must not be negative').nullable().optional(),
  pinnedGoLive: isoDateSchema.nullable().optional(),
  /** Per readiness dimension, the day the site will reach its threshold (null: no target). */
  readinessTargets: z.record(z.string().max(60), isoDateSchema.nullable()).optional(),
});

const erpChangeSchema = z.strictObject({
  code: codeSchema,
  connectorStatus: connectorStatusSchema.optional(),
  connectorReadyDate: isoDateSchema.nullable().optional(),
});

export const scenarioChangesSchema = z.strictObject({
  settings: settingsPatchSchema.default({}),
  erps: z.array(erpChangeSchema).max(1_000).default([]),
  sites: z.array(siteChangeSchema).max(100_000).default([]),
  /** The crews the scenario works with, in place of the plan's (absent: the plan's). */
  crews: z.array(crewSchema).max(200).optional(),
  /** The order ERPs are brought in (the optimised sequence); empty: rule 10's; absent: the plan's. */
  erpOrder: z.array(codeSchema).max(1_000).optional(),
});
export type ScenarioChanges = z.infer<typeof scenarioChangesSchema>;

export const scenarioSchema = z.strictObject({
  name: nameSchema,
  note: longTextSchema.default(''),
  createdAt: z.string().max(40),
  changes: scenarioChangesSchema,
});
export type Scenario = z.infer<typeof scenarioSchema>;

export interface ScenarioProblem {
  /** Where in the scenario's changes ("erps[0].code", "settings.maxSitesPerWave"). */
  path: string;
  message: string;
}

/**
 * The plan's content as the scenario would have it, or the changes that do not fit this plan (a site
 * or ERP it no longer has, a dimension it does not know, settings that contradict each other).
 */
export function applyScenario(content: WavePlan, changes: ScenarioChanges): { content: WavePlan; problems: ScenarioProblem[] } {
  const problems: ScenarioProblem[] = [];
  const settings = { ...content.plan.settings, ...changes.settings };
  for (const conflict of settingsConflicts(settings)) {
    const key = (conflict.key in changes.settings ? conflict.key : conflict.with) as SettingKey;
    problems.push({ path: `settings.${key}`, message: conflict.message });
  }
  const erps = content.erps.map((erp) => ({ ...erp }));
  const erpByCode = new Map(erps.map((erp) => [erp.code.toLowerCase(), erp]));
  changes.erps.forEach((change, i) => {
    const erp = erpByCode.get(change.code.toLowerCase());
    if (!erp) return problems.push({ path: `erps[${i}].code`, message: `the plan has no ERP "${change.code}"` });
    if (change.connectorStatus !== undefined) erp.connectorStatus = change.connectorStatus;
    if (change.connectorReadyDate !== undefined) erp.connectorReadyDate = change.connectorReadyDate;
  });
  const dimensions = new Set(content.readinessDimensions.map((d) => d.key));
  const sites: Site[] = content.sites.map((site) => ({ ...site, readiness: { ...site.readiness } }));
  const siteByCode = new Map(sites.map((site) => [site.code.toLowerCase(), site]));
  changes.sites.forEach((change, i) => {
    const site = siteByCode.get(change.code.toLowerCase());
    if (!site) return problems.push({ path: `sites[${i}].code`, message: `the plan has no site "${change.code}"` });
    if (change.excluded !== undefined) site.excluded = change.excluded;
    if (change.pinnedWave !== undefined) site.pinnedWave = change.pinnedWave;
    if (change.pinnedGoLive !== undefined) site.pinnedGoLive = change.pinnedGoLive;
    for (const [key, targetDate] of Object.entries(change.readinessTargets ?? {})) {
      if (!dimensions.has(key)) {
        problems.push({ path: `sites[${i}].readinessTargets.${key}`, message: `the plan has no readiness dimension "${key}"` });
        continue;
      }
      site.readiness[key] = { score: site.readiness[key]?.score ?? null, targetDate };
    }
  });
  if (changes.erpOrder) {
    for (const problem of erpOrderProblems(changes.erpOrder, new Set(erpByCode.keys()), 'erpOrder')) problems.push({ path: problem.path, message: problem.message.replace(' (not in erps)', '') });
  }
  return {
    content: { ...content, plan: { ...content.plan, settings, crews: changes.crews ?? content.plan.crews, erpOrder: changes.erpOrder ?? content.plan.erpOrder }, erps, sites },
    problems,
  };
}

/** What a scenario changes, in words, one line each ("Max sites per wave: 4 → 5"). */
export function describeChanges(content: WavePlan, changes: ScenarioChanges): string[] {
  const lines: string[] = [];
  for (const key of Object.keys(changes.settings) as SettingKey[]) {
    lines.push(`${SETTING_SPECS[key].label}: ${content.plan.settings[key]} → ${changes.settings[key]}`);
  }
  for (const change of changes.erps) {
    const erp = content.erps.find((e) => e.code.toLowerCase() === change.code.toLowerCase());
    const parts: string[] = [];
    if (change.connectorStatus !== undefined) parts.push(`status ${erp?.connectorStatus ?? '?'} → ${change.connectorStatus}`);
    if (change.connectorReadyDate !== undefined) parts.push(`ready ${erp?.connectorReadyDate ?? 'no date'} → ${change.connectorReadyDate ?? 'no date'}`);
    if (parts.length) lines.push(`${erp?.name ?? change.code} connector: ${parts.join(', ')}`);
  }
  for (const change of changes.sites) {
    const parts: string[] = [];
    if (change.excluded !== undefined) parts.push(change.excluded ? 'excluded' : 'back in scope');
    if (change.pinnedWave !== undefined) parts.push(change.pinnedWave === null ? 'unpinned' : `pinned in ${change.pinnedWave === 0 ? 'the lighthouse wave' : `wave ${change.pinnedWave}`}${change.pinnedGoLive ? ` on ${change.pinnedGoLive}` : ''}`);
    for (const [key, day] of Object.entries(change.readinessTargets ?? {})) {
      const label = content.readinessDimensions.find((d) => d.key === key)?.label ?? key;
      parts.push(`${label} target ${day ?? 'none'}`);
    }
    if (parts.length) lines.push(`${change.code}: ${parts.join(', ')}`);
  }
  if (changes.crews) lines.push(...crewLines(content.plan.crews, changes.crews));
  if (changes.erpOrder) {
    const name = (code: string) => content.erps.find((e) => e.code.toLowerCase() === code.toLowerCase())?.name ?? code;
    lines.push(changes.erpOrder.length ? `ERPs brought in in this order: ${changes.erpOrder.map(name).join(', ')}` : "ERPs brought in in rule 10's order");
  }
  return lines;
}

/** The crews against the plan's: a size that differs said as such, otherwise the whole list. */
function crewLines(plan: Crew[], scenario: Crew[]): string[] {
  const sameCrews = plan.length === scenario.length && scenario.every((c, i) => c.name === plan[i]!.name && c.phase === plan[i]!.phase);
  if (!sameCrews) return [scenario.length === 0 ? 'No crews' : `Crews: ${scenario.map((c) => `${c.name} (${c.size} at a time, ${c.phase})`).join(', ')}`];
  return scenario.flatMap((c, i) => (c.size === plan[i]!.size ? [] : [`${c.name}: ${plan[i]!.size} → ${c.size} at a time`]));
}

