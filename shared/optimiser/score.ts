/** How good a schedule is for the optimised sequence: sites placed, broken rules, then the go-lives. */
import { daysBetween } from '../dates';
import type { WaveSchedule } from '../scheduler/types';

export interface SequenceScore {
  placed: number;
  violations: number;
  /** Sum over placed sites of the days from the as-of date to the go-live. */
  totalDays: number;
  lastDays: number;
}

export function scoreOf(schedule: WaveSchedule): SequenceScore {
  let placed = 0;
  let totalDays = 0;
  let lastDays = 0;
  for (const wave of schedule.waves) {
    for (const site of wave.sites) {
      const days = daysBetween(schedule.asOf, site.goLive);
      placed += 1;
      totalDays += days;
      lastDays = Math.max(lastDays, days);
    }
  }
  return { placed, violations: schedule.violations.length, totalDays, lastDays };
}

/** Negative when `a` is the better schedule: more sites placed, then fewer broken rules, then earlier on average, then an earlier last go-live. */
export function compareScores(a: SequenceScore, b: SequenceScore): number {
  return b.placed - a.placed || a.violations - b.violations || a.totalDays - b.totalDays || a.lastDays - b.lastDays;
}
