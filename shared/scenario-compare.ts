/**
 * The plan's schedule and its scenarios' side by side: when the last site goes live, the mean go-live,
 * sites live by quarter, waves, size warnings, unscheduled sites, and each site's go-live in each.
 */
import { addDaysIso, daysBetween, type IsoDate } from './dates';
import { scoreOf } from './optimiser/erp-sequence';
import type { WaveSchedule } from './scheduler/types';

export interface ScheduleMetrics {
  placed: number;
  /** Waves after the lighthouse. */
  waves: number;
  lastGoLive: IsoDate | null;
  meanGoLive: IsoDate | null;
  /** The mean go-live in days after the schedule's as-of day (what "faster" is measured in). */
  meanDaysFromAsOf: number | null;
  sizeWarnings: number;
  unscheduled: number;
  violations: number;
}

export interface ComparedColumn {
  /** "Plan", or the scenario's name. */
  name: string;
  scenario: boolean;
  /** What the scenario changes, in words (none for the plan). */
  changes: string[];
  metrics: ScheduleMetrics;
  /** Sites live by the end of each quarter of `SideBySide.quarters`, counted from the start. */
  liveByQuarter: number[];
}

export interface ComparedSite {
  site: string;
  /** Per column, the go-live (null: not scheduled there). */
  goLives: (IsoDate | null)[];
  /** Per column, days later (+) or earlier (−) than the plan's go-live (null: either is not scheduled). */
  daysAgainstPlan: (number | null)[];
}

export interface SideBySide {
  asOf: IsoDate;
  /** "2027 Q1" … from the first go-live's quarter to the last's, over every column. */
  quarters: string[];
  columns: ComparedColumn[];
  /** Sites whose go-live differs between the columns, the largest difference first. */
  sites: ComparedSite[];
  /** Sites with the same go-live in every column. */
  unchanged: number;
}

function goLivesOf(schedule: WaveSchedule): Map<string, IsoDate> {
  return new Map(schedule.waves.flatMap((wave) => wave.sites.map((s) => [s.site, s.goLive] as const)));
}

export function scheduleMetrics(schedule: WaveSchedule): ScheduleMetrics {
  const score = scoreOf(schedule);
  const mean = score.placed ? score.totalDays / score.placed : null;
  return {
    placed: score.placed,
    waves: Math.max(0, schedule.waves.length - 1),
    lastGoLive: score.placed ? addDaysIso(schedule.asOf, score.lastDays) : null,
    meanGoLive: mean === null ? null : addDaysIso(schedule.asOf, Math.round(mean)),
    meanDaysFromAsOf: mean === null ? null : Math.round(mean * 10) / 10,
    sizeWarnings: schedule.warnings.length,
    unscheduled: schedule.unscheduled.length,
    violations: score.violations,
  };
}

const quarterOf = (day: IsoDate) => `${day.slice(0, 4)} Q${Math.floor((Number(day.slice(5, 7)) - 1) / 3) + 1}`;

function quartersBetween(first: IsoDate, last: IsoDate): string[] {
  const out: string[] = [];
  let year = Number(first.slice(0, 4));
  let quarter = Math.floor((Number(first.slice(5, 7)) - 1) / 3) + 1;
  const end = quarterOf(last);
  for (;;) {
    const label = `${year} Q${quarter}`;
    out.push(label);
    if (label === end) return out;
    quarter += 1;
    if (quarter > 4) [year, quarter] = [year + 1, 1];
  }
}

/** Columns in the order given, the plan's first; every schedule as of the same day. */
export function sideBySide(columns: { name: string; scenario: boolean; changes: string[]; schedule: WaveSchedule }[]): SideBySide {
  const goLives = columns.map((c) => goLivesOf(c.schedule));
  const allDays = goLives.flatMap((m) => [...m.values()]).sort();
  const quarters = allDays.length ? quartersBetween(allDays[0]!, allDays.at(-1)!) : [];
  const compared: ComparedColumn[] = columns.map((column, i) => {
    const perQuarter = new Map<string, number>();
    for (const day of goLives[i]!.values()) perQuarter.set(quarterOf(day), (perQuarter.get(quarterOf(day)) ?? 0) + 1);
    let live = 0;
    return {
      name: column.name,
      scenario: column.scenario,
      changes: column.changes,
      metrics: scheduleMetrics(column.schedule),
      liveByQuarter: quarters.map((q) => (live += perQuarter.get(q) ?? 0)),
    };
  });
  const codes = [...new Set(goLives.flatMap((m) => [...m.keys()]))].sort();
  const sites: ComparedSite[] = [];
  for (const site of codes) {
    const days = goLives.map((m) => m.get(site) ?? null);
    if (days.every((d) => d === days[0])) continue;
    const plan = days[0] ?? null;
    sites.push({ site, goLives: days, daysAgainstPlan: days.map((d) => (d && plan ? daysBetween(plan, d) : null)) });
  }
  const spread = (s: ComparedSite) => Math.max(0, ...s.daysAgainstPlan.map((d) => (d === null ? Number.MAX_SAFE_INTEGER : Math.abs(d))));
  sites.sort((a, b) => spread(b) - spread(a) || (a.site < b.site ? -1 : 1));
  return { asOf: columns[0]?.schedule.asOf ?? '', quarters, columns: compared, sites, unchanged: codes.length - sites.length };
}
