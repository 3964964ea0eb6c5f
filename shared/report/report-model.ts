/**
 * What the steering-committee report says, worked out from the plan, its schedule and checklists:
 * pure data, so the PDF layout only lays it out, and tests can check the content directly.
 */
import { addDaysIso, addMonthsIso, daysBetween, monthStartIso } from '../dates';
import type { ChecklistItem, ReadinessDimension, Site } from '../domain';
import type { WavePlan } from '../interchange';
import { isDelayReason } from '../scheduler/held-back';
import { crewLoadSeries, type CrewLoadSeries } from '../scheduler/crew-load';
import type { LockedWave, Unscheduled, Violation, WaveSchedule, WaveWarning } from '../scheduler/types';
import { decisionsOf, type Decision } from './decisions';
import { risksOf, type Risk } from './risks';

/** A score within this many points below its threshold is amber; further below, red. */
export const AMBER_BAND = 15;

export type Rag = 'green' | 'amber' | 'red' | 'unknown';

export function ragOf(score: number | null | undefined, threshold: number): Rag {
  if (score === null || score === undefined) return 'unknown';
  if (score >= threshold) return 'green';
  return score >= threshold - AMBER_BAND ? 'amber' : 'red';
}

export interface ReadinessRecord {
  site: string;
  dimension: string;
  targetDate: string | null;
  recordedAt: string;
}

export interface SlipRow {
  site: string;
  baselineGoLive: string | null;
  currentGoLive: string | null;
  /** Positive: later than the baseline; null when one of the two has no go-live. */
  daysLate: number | null;
}

/**
 * The sites whose go-live moved since a baseline: slipped or gained days, or scheduled in one and
 * not the other; the latest first.
 */
export function slipAgainstBaseline(entries: BaselineEntry[], schedule: WaveSchedule): SlipRow[] {
  const current = new Map(schedule.waves.flatMap((w) => w.sites.map((s) => [s.site, s.goLive] as const)));
  return entries
    .map((e) => {
      const now = current.get(e.site) ?? null;
      return { site: e.site, baselineGoLive: e.goLive, currentGoLive: now, daysLate: e.goLive && now ? daysBetween(e.goLive, now) : null };
    })
    .filter((r) => (r.daysLate === null ? r.baselineGoLive !== r.currentGoLive : r.daysLate !== 0))
    .sort((a, b) => (b.daysLate ?? Infinity) - (a.daysLate ?? Infinity) || (a.site < b.site ? -1 : 1));
}

export interface BaselineEntry {
  site: string;
  wave: number | null;
  goLive: string | null;
}

export interface ReportInput {
  content: WavePlan;
  schedule: WaveSchedule;
  checklist: ChecklistItem[];
  /** Every readiness assessment, oldest first, for target dates that slipped. */
  readinessHistory: ReadinessRecord[];
  baseline: { name: string; entries: BaselineEntry[] } | null;
  generatedOn: string;
  range?: { from?: string | undefined; to?: string | undefined };
  /** The stored schedule's locked waves, kept in the what-if runs behind each decision. */
  lockedWaves?: LockedWave[];
}

export interface GanttSite {
  kind: 'site';
  site: string;
  name: string;
  wave: number;
  prepStart: string;
  goLive: string;
  hypercareEnd: string;
  pinned: boolean;
}
export interface GanttWave {
  kind: 'wave';
  wave: number;
  label: string;
}
export type GanttRow = GanttWave | GanttSite;

export interface ReadinessCell {
  dimension: string;
  score: number | null;
  targetDate: string | null;
  rag: Rag;
}

export interface WaveSiteDetail {
  site: string;
  name: string;
  region: string;
  goLive: string;
  erp: string;
  erpIsNew: boolean;
  readiness: ReadinessCell[];
  /** The site's gate items by playbook task id (see ReportModel.gates). */
  gates: Record<string, { dueDate: string; status: string }>;
  overdue: { title: string; dueDate: string; status: string }[];
  /** Why it went later than it could have: each earlier wave it missed, or the learning gap. */
  delays: string[];
}

export interface ReportModel {
  title: string;
  asOf: string;
  generatedOn: string;
  glance: {
    sitesInScope: number;
    live: number;
    /** Sites with a go-live date, the lighthouse among them. */
    scheduled: number;
    unscheduled: number;
    /** Waves after the lighthouse, and the sites in them. */
    waves: number;
    sitesInWaves: number;
    lighthouse: { site: string; name: string; goLive: string } | null;
    plannedCompletion: string | null;
    readyCount: number;
    readyShare: number;
  };
  /** Why this lighthouse: its score against the runners-up (rule 4), or the program manager's choice. */
  lighthouseWhy: { site: string; score: number | null; chosenByHand: boolean; runnersUp: { site: string; name: string; score: number }[] } | null;
  /** The next wave to go live after the as-of day, with its sites in go-live order. */
  next: {
    label: string;
    windowStart: string;
    windowEnd: string;
    sites: { site: string; name: string; goLive: string }[];
    /** The wave after it. */
    then: { label: string; sites: number; firstGoLive: string } | null;
  } | null;
  /** What blocks the unscheduled sites, grouped by cause, largest first. */
  decisions: Decision[];
  /** Every risk, largest impact (sites × days) first. */
  risks: Risk[];
  warnings: WaveWarning[];
  gantt: { from: string; to: string; today: string; rows: GanttRow[]; freezes: { from: string; to: string; reason: string }[] };
  waves: { number: number; label: string; windowStart: string; windowEnd: string; prepLeadDays: number; sites: WaveSiteDetail[] }[];
  /** The playbook's go/no-go gate tasks, in playbook order. */
  gates: { id: string; title: string }[];
  dimensions: ReadinessDimension[];
  heatmap: { site: string; name: string; cells: ReadinessCell[] }[];
  violations: Violation[];
  unscheduled: (Unscheduled & { name: string })[];
  /** The unscheduled sites by cause, in the order of `decisions`. */
  unscheduledGroups: { cause: string; action: string; sites: (Unscheduled & { name: string })[] }[];
  slippedTargets: { site: string; dimension: string; from: string; to: string; days: number }[];
  baselineSlip: { name: string; rows: SlipRow[] } | null;
  /**
   * Per wave: the planned prep lead, the wave's span from first prep start to last go-live, and for
   * sites already live, the actual days from their first completed checklist item to go-live.
   */
  learning: { wave: number; label: string; prepLeadDays: number; sites: number; spanDays: number; actualPrepDays: number | null }[];
  /** Each crew's load week by week against its size (rule 13); empty for a plan without crews. */
  crewLoad: CrewLoadSeries[];
}

export function waveLabel(number: number): string {
  return number === 0 ? 'Lighthouse' : `Wave ${number}`;
}

/** The wave in a sentence or a heading of its own: "Lighthouse wave", "Wave 3". */
export function waveName(number: number): string {
  return number === 0 ? 'Lighthouse wave' : waveLabel(number);
}

function readinessCells(site: Site, dimensions: ReadinessDimension[]): ReadinessCell[] {
  return dimensions.map((d) => {
    const value = site.readiness[d.key];
    return { dimension: d.key, score: value?.score ?? null, targetDate: value?.targetDate ?? null, rag: ragOf(value?.score, d.threshold) };
  });
}

/** Target dates that moved later: the newest target against the one recorded before it. */
export function slippedTargets(history: ReadinessRecord[], dimensions: ReadinessDimension[]) {
  const labels = new Map(dimensions.map((d) => [d.key, d.label]));
  const byPair = new Map<string, ReadinessRecord[]>();
  for (const record of history) {
    const key = `${record.site}\u0000${record.dimension}`;
    const list = byPair.get(key) ?? [];
    list.push(record);
    byPair.set(key, list);
  }
  const out: { site: string; dimension: string; from: string; to: string; days: number }[] = [];
  for (const records of byPair.values()) {
    const current = records.at(-1)!;
    if (!current.targetDate) continue;
    const earlier = records.slice(0, -1).reverse().find((r) => r.targetDate && r.targetDate !== current.targetDate);
    if (!earlier?.targetDate || earlier.targetDate >= current.targetDate) continue;
    out.push({ site: current.site, dimension: labels.get(current.dimension) ?? current.dimension, from: earlier.targetDate, to: current.targetDate, days: daysBetween(earlier.targetDate, current.targetDate) });
  }
  return out.sort((a, b) => b.days - a.days || (a.site < b.site ? -1 : 1));
}

function lighthouseWhy(schedule: WaveSchedule, content: WavePlan, sites: Map<string, Site>): ReportModel['lighthouseWhy'] {
  const chosen = schedule.lighthouse;
  if (!chosen) return null;
  const chosenByHand = content.plan.lighthouseOverride?.toLowerCase() === chosen.site.toLowerCase();
  const scored = chosen.candidates.find((c) => c.site === chosen.site);
  const runnersUp = chosen.candidates
    .filter((c) => c.site !== chosen.site)
    .sort((a, b) => b.score - a.score)
    .slice(0, 2)
    .map((c) => ({ site: c.site, name: sites.get(c.site)?.name ?? '', score: c.score }));
  return { site: chosen.site, score: scored?.score ?? chosen.score, chosenByHand, runnersUp };
}

function nextWave(schedule: WaveSchedule, asOf: string, sites: Map<string, Site>): ReportModel['next'] {
  const index = schedule.waves.findIndex((w) => w.sites.some((s) => s.goLive > asOf));
  if (index < 0) return null;
  const wave = schedule.waves[index]!;
  const byDay = (a: { goLive: string }, b: { goLive: string }) => (a.goLive < b.goLive ? -1 : a.goLive > b.goLive ? 1 : 0);
  const upcoming = wave.sites.filter((s) => s.goLive > asOf).sort(byDay);
  const after = schedule.waves.slice(index + 1).find((w) => w.sites.length > 0);
  return {
    label: waveLabel(wave.number),
    windowStart: wave.windowStart,
    windowEnd: wave.windowEnd,
    sites: upcoming.map((s) => ({ site: s.site, name: sites.get(s.site)?.name ?? '', goLive: s.goLive })),
    then: after ? { label: waveLabel(after.number), sites: after.sites.length, firstGoLive: [...after.sites].sort(byDay)[0]!.goLive } : null,
  };
}

export function buildReport(input: ReportInput): ReportModel {
  const { content, schedule } = input;
  const asOf = schedule.asOf;
  const sites = new Map(content.sites.map((s) => [s.code, s]));
  const erps = new Map(content.erps.map((e) => [e.code.toLowerCase(), e]));
  const dimensions = content.readinessDimensions;
  const active = content.sites.filter((s) => !s.excluded);
  const placed = schedule.waves.flatMap((w) => w.sites.map((s) => ({ ...s, wave: w.number })));
  const ready = active.filter((s) => readinessCells(s, dimensions).every((c) => c.rag === 'green'));
  const lighthouse = schedule.waves.find((w) => w.number === 0)?.sites[0];
  const lastGoLive = placed.reduce<string | null>((latest, p) => (latest === null || p.goLive > latest ? p.goLive : latest), null);

  // ERPs: a site's ERP is new in its wave when no earlier wave went live on it.
  const firstWaveOnErp = new Map<string, number>();
  for (const p of [...placed].sort((a, b) => a.wave - b.wave)) {
    const erp = sites.get(p.site)?.erp.toLowerCase();
    if (erp && !firstWaveOnErp.has(erp)) firstWaveOnErp.set(erp, p.wave);
  }
  const checklistBySite = new Map<string, ChecklistItem[]>();
  for (const item of input.checklist) {
    const list = checklistBySite.get(item.site) ?? [];
    list.push(item);
    checklistBySite.set(item.site, list);
  }
  const gateKeys = new Set(content.playbook.tasks.filter((t) => t.gate).map((t) => t.id));
  const open = (i: ChecklistItem) => i.status !== 'done' && i.status !== 'n/a';

  const waves = schedule.waves.map((wave) => ({
    number: wave.number,
    label: waveLabel(wave.number),
    windowStart: wave.windowStart,
    windowEnd: wave.windowEnd,
    prepLeadDays: wave.prepLeadDays,
    sites: wave.sites.map((p): WaveSiteDetail => {
      const site = sites.get(p.site)!;
      const items = checklistBySite.get(p.site) ?? [];
      const erp = erps.get(site.erp.toLowerCase());
      return {
        site: p.site,
        name: site.name,
        region: site.region,
        goLive: p.goLive,
        erp: erp?.name ?? site.erp,
        erpIsNew: firstWaveOnErp.get(site.erp.toLowerCase()) === wave.number,
        readiness: readinessCells(site, dimensions),
        gates: Object.fromEntries(items.filter((i) => gateKeys.has(i.taskKey)).map((i) => [i.taskKey, { dueDate: i.dueDate, status: i.status }])),
        overdue: items.filter((i) => open(i) && i.dueDate < asOf).map((i) => ({ title: i.title, dueDate: i.dueDate, status: i.status })),
        delays: p.reasons.filter(isDelayReason),
      };
    }),
  }));

  const slipped = slippedTargets(input.readinessHistory, dimensions);
  const decisions = decisionsOf(content, schedule, input.lockedWaves);
  const unscheduled = schedule.unscheduled.map((u) => ({ ...u, name: sites.get(u.site)?.name ?? '' }));
  const unscheduledBySite = new Map(unscheduled.map((u) => [u.site, u]));
  const baselineSlip: ReportModel['baselineSlip'] = input.baseline ? { name: input.baseline.name, rows: slipAgainstBaseline(input.baseline.entries, input.schedule) } : null;

  const from = input.range?.from ?? placed.reduce<string | null>((min, p) => (min === null || p.prepStart < min ? p.prepStart : min), null) ?? asOf;
  const to = input.range?.to ?? placed.reduce<string | null>((max, p) => (max === null || p.hypercareEnd > max ? p.hypercareEnd : max), null) ?? addDaysIso(asOf, 90);
  const rows: GanttRow[] = [];
  for (const wave of schedule.waves) {
    const inRange = wave.sites.filter((s) => s.hypercareEnd >= from && s.prepStart <= to);
    if (inRange.length === 0) continue;
    rows.push({ kind: 'wave', wave: wave.number, label: wave.number === 0 ? 'Lighthouse' : `Wave ${wave.number} · ${wave.windowStart} – ${wave.windowEnd} · ${wave.prepLeadDays} days prep` });
    for (const s of inRange) {
      rows.push({ kind: 'site', site: s.site, name: sites.get(s.site)?.name ?? s.site, wave: wave.number, prepStart: s.prepStart, goLive: s.goLive, hypercareEnd: s.hypercareEnd, pinned: s.pinned });
    }
  }

  return {
    title: content.plan.name,
    asOf,
    generatedOn: input.generatedOn,
    glance: {
      sitesInScope: active.length,
      live: placed.filter((p) => p.goLive <= asOf).length,
      scheduled: placed.length,
      unscheduled: schedule.unscheduled.length,
      waves: schedule.waves.filter((w) => w.number > 0 && w.sites.length > 0).length,
      sitesInWaves: placed.filter((p) => p.wave > 0).length,
      lighthouse: lighthouse ? { site: lighthouse.site, name: sites.get(lighthouse.site)?.name ?? '', goLive: lighthouse.goLive } : null,
      plannedCompletion: lastGoLive,
      readyCount: ready.length,
      readyShare: active.length ? ready.length / active.length : 0,
    },
    lighthouseWhy: lighthouseWhy(schedule, content, sites),
    next: nextWave(schedule, asOf, sites),
    decisions,
    risks: risksOf({ schedule, sites: content.sites, erps: content.erps, checklist: input.checklist, slippedTargets: slipped, baselineSlip }),
    warnings: schedule.warnings,
    // Freezes anywhere in the months the chart shows: its tiles run from month start to month end.
    gantt: { from, to, today: asOf, rows, freezes: content.plan.freezeWindows.filter((f) => f.to >= monthStartIso(from) && f.from <= addDaysIso(addMonthsIso(monthStartIso(to), 1), -1)) },
    waves,
    gates: content.playbook.tasks.filter((t) => t.gate).map((t) => ({ id: t.id, title: t.title })),
    dimensions,
    heatmap: active.map((s) => ({ site: s.code, name: s.name, cells: readinessCells(s, dimensions) })),
    violations: schedule.violations,
    unscheduled,
    unscheduledGroups: decisions.map((d) => ({ cause: d.cause, action: d.action, sites: d.sites.map((code) => unscheduledBySite.get(code)!) })),
    slippedTargets: slipped,
    baselineSlip,
    learning: schedule.waves.map((w) => {
      const actual = w.sites.flatMap((s) => {
        const done = (checklistBySite.get(s.site) ?? []).flatMap((i) => (i.completedAt ? [i.completedAt.slice(0, 10)] : []));
        if (s.goLive > asOf || done.length === 0) return [];
        return [daysBetween(done.reduce((a, b) => (a < b ? a : b)), s.goLive)];
      });
      const first = w.sites.reduce((a, s) => (s.prepStart < a ? s.prepStart : a), w.sites[0]?.prepStart ?? w.windowStart);
      const last = w.sites.reduce((a, s) => (s.goLive > a ? s.goLive : a), w.sites[0]?.goLive ?? w.windowEnd);
      return {
        wave: w.number,
        label: waveLabel(w.number),
        prepLeadDays: w.prepLeadDays,
        sites: w.sites.length,
        spanDays: daysBetween(first, last),
        actualPrepDays: actual.length ? Math.round(actual.reduce((a, b) => a + b, 0) / actual.length) : null,
      };
    }),
    crewLoad: crewLoadSeries(schedule, content.plan.crews, content.plan.settings.hypercareDays),
  };
}
