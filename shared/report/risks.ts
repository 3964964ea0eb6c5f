/**
 * The plan's risks, ranked by impact: the sites a risk touches times the days it puts at stake. Sites
 * that cannot be scheduled at all are decisions (decisions.ts), not risks.
 */
import { daysBetween } from '../dates';
import type { ChecklistItem, Erp, Site } from '../domain';
import type { WaveSchedule } from '../scheduler/types';
import { plural } from '../plural';

export interface Risk {
  text: string;
  sites: number;
  days: number;
  /** sites × days: what the ranking uses. */
  impact: number;
}

/** A connector due closer than this to its first site's go-live leaves no room to slip. */
export const CONNECTOR_MARGIN_DAYS = 14;
/** Days counted for a broken rule or a wave outside its size limits, whose cost in days is not known. */
const NOMINAL_DAYS = 14;
/** Site codes a risk names before "and N more". */
const NAMED_SITES = 4;

const waveName = (n: number) => (n === 0 ? 'the lighthouse' : `wave ${n}`);

/** "US-DET, MX-QRO, CA-WND and 12 more". */
export function namedSites(codes: string[], limit = NAMED_SITES): string {
  if (codes.length <= limit) return codes.join(', ');
  return `${codes.slice(0, limit).join(', ')} and ${codes.length - limit} more`;
}

function risk(text: string, sites: number, days: number): Risk {
  return { text, sites, days, impact: sites * days };
}

export interface RiskInput {
  schedule: WaveSchedule;
  sites: Site[];
  erps: Erp[];
  checklist: ChecklistItem[];
  slippedTargets: { site: string; dimension: string; to: string; days: number }[];
  baselineSlip: { name: string; rows: { site: string; daysLate: number | null }[] } | null;
}

export function risksOf({ schedule, sites, erps, checklist, slippedTargets, baselineSlip }: RiskInput): Risk[] {
  const asOf = schedule.asOf;
  const erpOf = new Map(sites.map((s) => [s.code, s.erp.toLowerCase()]));
  const placed = schedule.waves.flatMap((w) => w.sites.map((s) => ({ ...s, wave: w.number })));
  const risks: Risk[] = [];

  for (const erp of erps) {
    if (erp.connectorStatus === 'validated' || !erp.connectorReadyDate) continue;
    const depending = placed.filter((p) => erpOf.get(p.site) === erp.code.toLowerCase());
    if (depending.length === 0) continue;
    const first = depending.reduce((a, b) => (a.goLive <= b.goLive ? a : b));
    const margin = daysBetween(erp.connectorReadyDate, first.goLive);
    if (margin >= CONNECTOR_MARGIN_DAYS) continue;
    const when = margin <= 0 ? 'the day its first site goes live' : `${plural(margin, 'day')} before its first site goes live`;
    risks.push(
      risk(
        `The ${erp.name} connector is still ${erp.connectorStatus} and due ${erp.connectorReadyDate}, ${when} (${first.site}, ${first.goLive}): any slip moves ${plural(depending.length, 'scheduled site')}.`,
        depending.length,
        CONNECTOR_MARGIN_DAYS - margin,
      ),
    );
  }

  if (slippedTargets.length > 0) {
    const worst = slippedTargets[0]!;
    const slippedSites = new Set(slippedTargets.map((s) => s.site)).size;
    const days = Math.round(slippedTargets.reduce((n, s) => n + s.days, 0) / slippedSites);
    risks.push(risk(`${plural(slippedTargets.length, 'readiness target date has', 'readiness target dates have')} slipped at ${plural(slippedSites, 'site')}; the worst is ${worst.site} ${worst.dimension}, ${worst.days} days later than planned (now ${worst.to}).`, slippedSites, days));
  }

  if (baselineSlip) {
    const late = baselineSlip.rows.filter((r) => (r.daysLate ?? 0) > 0);
    if (late.length > 0) {
      const days = Math.round(late.reduce((n, r) => n + r.daysLate!, 0) / late.length);
      risks.push(risk(`${plural(late.length, 'site goes', 'sites go')} live later than in baseline "${baselineSlip.name}", by up to ${Math.max(...late.map((r) => r.daysLate!))} days (${namedSites(late.map((r) => r.site))}).`, late.length, days));
    }
  }

  const overdue = checklist.filter((i) => i.status !== 'done' && i.status !== 'n/a' && i.dueDate < asOf);
  if (overdue.length > 0) {
    const overdueSites = [...new Set(overdue.map((i) => i.site))];
    const oldest = overdue.reduce((a, b) => (a.dueDate <= b.dueDate ? a : b));
    const days = Math.round(overdue.reduce((n, i) => n + daysBetween(i.dueDate, asOf), 0) / overdue.length);
    risks.push(risk(`${plural(overdue.length, 'checklist item is', 'checklist items are')} overdue at ${plural(overdueSites.length, 'site')} (${namedSites(overdueSites)}); the oldest, ${oldest.site} "${oldest.title}", was due ${oldest.dueDate}.`, overdueSites.length, days));
  }

  if (schedule.violations.length > 0) {
    const broken = [...new Set(schedule.violations.map((v) => v.site))];
    const v = schedule.violations[0]!;
    risks.push(risk(`${plural(schedule.violations.length, 'scheduling rule is', 'scheduling rules are')} broken by pinned or moved sites (${namedSites(broken)}); for example ${v.site}: ${v.message}.`, broken.length, NOMINAL_DAYS));
  }

  if (schedule.warnings.length > 0) {
    const sitesIn = (n: number) => schedule.waves.find((w) => w.number === n)?.sites.length ?? 0;
    const affected = schedule.warnings.reduce((n, w) => n + sitesIn(w.wave), 0);
    const first = schedule.warnings[0]!;
    risks.push(risk(`${plural(schedule.warnings.length, 'wave is', 'waves are')} outside the plan's wave size: ${waveName(first.wave)} ${first.message.replace(/^Wave \d+:?\s*/i, '')}${schedule.warnings.length > 1 ? ` (and ${schedule.warnings.length - 1} more)` : ''}.`, Math.max(1, affected), NOMINAL_DAYS));
  }

  return risks.sort((a, b) => b.impact - a.impact || a.text.localeCompare(b.text));
}
