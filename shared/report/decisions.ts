/**
 * What the steering committee must decide: the sites that cannot be scheduled, grouped by what
 * blocks them (one ERP connector, one readiness dimension without a target date, …), largest group
 * first, each with the first go-live that settling it today would bring (a what-if run of the
 * scheduler with that one blocker settled).
 */
import type { Site } from '../domain';
import type { WavePlan } from '../interchange';
import { scheduleInputFromPlan } from '../scheduler/input';
import { generateSchedule } from '../scheduler/schedule';
import type { LockedWave, ScheduleRule, WaveSchedule } from '../scheduler/types';

export interface Decision {
  /** What blocks the sites, in plain words: "Dynamics 365 connector is not-started with no ready date". */
  cause: string;
  /** What would unblock them. */
  action: string;
  rule: ScheduleRule;
  sites: string[];
  /** The first go-live among these sites were the decision made today; null when something else still blocks them. */
  earliestGoLive: string | null;
  /** Whether the what-if run was made (only for the largest groups whose blocker can be settled by a date). */
  tried: boolean;
  /** What else blocks these sites once this is settled (the causes of other groups). */
  alsoBlockedBy: string[];
}

/** How many groups get a what-if run: each is a whole scheduler run. */
const WHAT_IF_GROUPS = 6;

interface Group {
  key: string;
  cause: string;
  action: string;
  rule: ScheduleRule;
  sites: string[];
  /** The plan with this blocker settled as of `asOf`, when a date settles it. */
  settle?: (plan: WavePlan, asOf: string) => WavePlan;
}

/** The first readiness dimension that leaves `site` without a ready date (below threshold or never assessed, no target). */
/** What grouping reads of a plan: its sites, ERPs and readiness dimensions. */
export type PlanParts = Pick<WavePlan, 'sites' | 'erps' | 'readinessDimensions'>;

function blockingDimension(site: Site, plan: PlanParts) {
  return plan.readinessDimensions.find((d) => {
    const value = site.readiness[d.key];
    const score = value?.score ?? null;
    return (score === null || score < d.threshold) && !value?.targetDate;
  });
}

function groupOf(rule: ScheduleRule, reason: string, site: Site | undefined, plan: PlanParts): Omit<Group, 'sites'> {
  if (rule === 'readiness' && site) {
    const dimension = blockingDimension(site, plan);
    if (dimension) {
      return {
        key: `readiness:${dimension.key}`,
        rule,
        cause: `${dimension.label} has no target date`,
        action: `assess ${dimension.label.toLowerCase()} and set a target date for each site`,
        settle: (p, asOf) => ({
          ...p,
          sites: p.sites.map((s) => (blockingDimension(s, p)?.key === dimension.key ? { ...s, readiness: { ...s.readiness, [dimension.key]: { score: s.readiness[dimension.key]?.score ?? null, targetDate: asOf } } } : s)),
        }),
      };
    }
  }
  if (rule === 'erp-connector' && site) {
    const erp = plan.erps.find((e) => e.code.toLowerCase() === site.erp.toLowerCase());
    if (!erp) return { key: `erp-missing:${site.erp.toLowerCase()}`, rule, cause: `ERP "${site.erp}" is not in the plan`, action: 'add the ERP or change these sites\' ERP' };
    return {
      key: `erp:${erp.code.toLowerCase()}`,
      rule,
      cause: `${erp.name} connector is ${erp.connectorStatus} with no ready date`,
      action: `agree a ready date for the ${erp.name} connector`,
      settle: (p, asOf) => ({ ...p, erps: p.erps.map((e) => (e.code === erp.code ? { ...e, connectorReadyDate: asOf } : e)) }),
    };
  }
  if (rule === 'predecessor') return { key: 'predecessor', rule, cause: 'They wait for a predecessor that cannot be scheduled', action: 'settle the predecessor\'s blocker, or remove the link' };
  if (rule === 'predecessor-cycle') return { key: 'predecessor-cycle', rule, cause: 'They wait for each other (a predecessor cycle)', action: 'remove one link of each cycle' };
  return { key: `rule:${rule}`, rule, cause: reason, action: '' };
}

/** The unscheduled sites grouped by what blocks them, largest group first (no what-if runs: cheap enough for a screen). */
export function unscheduledByCause(plan: PlanParts, schedule: Pick<WaveSchedule, 'unscheduled'>): { key: string; cause: string; action: string; rule: ScheduleRule; sites: string[] }[] {
  return groupsOf(plan, schedule).map(({ settle: _settle, ...group }) => group);
}

function groupsOf(plan: PlanParts, schedule: Pick<WaveSchedule, 'unscheduled'>): Group[] {
  const sites = new Map(plan.sites.map((s) => [s.code.toLowerCase(), s]));
  const groups = new Map<string, Group>();
  for (const u of schedule.unscheduled) {
    const group = groupOf(u.rule, u.reason, sites.get(u.site.toLowerCase()), plan);
    const found = groups.get(group.key);
    if (found) found.sites.push(u.site);
    else groups.set(group.key, { ...group, sites: [u.site] });
  }
  return [...groups.values()].sort((a, b) => b.sites.length - a.sites.length || (a.cause < b.cause ? -1 : 1));
}

export function decisionsOf(plan: WavePlan, schedule: WaveSchedule, lockedWaves: LockedWave[] = []): Decision[] {
  return groupsOf(plan, schedule).map((group, i) => {
    const tried = group.settle !== undefined && i < WHAT_IF_GROUPS;
    let earliestGoLive: string | null = null;
    const alsoBlockedBy = new Set<string>();
    if (tried) {
      const settledPlan = group.settle!(plan, schedule.asOf);
      const settled = generateSchedule(scheduleInputFromPlan(settledPlan, schedule.asOf, lockedWaves));
      const waiting = new Set(group.sites.map((s) => s.toLowerCase()));
      for (const wave of settled.waves) {
        for (const s of wave.sites) if (waiting.has(s.site.toLowerCase()) && (earliestGoLive === null || s.goLive < earliestGoLive)) earliestGoLive = s.goLive;
      }
      const settledSites = new Map(settledPlan.sites.map((s) => [s.code.toLowerCase(), s]));
      for (const u of settled.unscheduled) {
        if (waiting.has(u.site.toLowerCase())) alsoBlockedBy.add(groupOf(u.rule, u.reason, settledSites.get(u.site.toLowerCase()), settledPlan).cause);
      }
    }
    return { cause: group.cause, action: group.action, rule: group.rule, sites: group.sites, earliestGoLive, tried, alsoBlockedBy: [...alsoBlockedBy] };
  });
}

/**
 * What to decide and what settling it today would bring, in sentences: "Decide: agree a ready date
 * for … Settled today, the first could go live 2028-01-13." Empty when there is neither.
 */
export function decisionAdvice(d: Decision): string {
  const also = d.alsoBlockedBy.length ? ` They also wait for: ${d.alsoBlockedBy.join('; ')}.` : '';
  const outcome = !d.tried ? '' : d.earliestGoLive ? `Settled today, the first could go live ${d.earliestGoLive}.${also}` : `Settling this alone does not schedule them.${also}`;
  return [d.action ? `Decide: ${d.action}.` : '', outcome].filter(Boolean).join(' ');
}
