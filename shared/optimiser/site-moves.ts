/**
 * The second stage of the optimised sequence: moves of one site at a time. Rule 10 fills each wave
 * in its priority order and gives each site the earliest day left; putting one site in the wave
 * before or after (or placing it first in its own wave, which lets it take its earliest day) can make
 * the mean go-live earlier. A move is a pin, so the engine keeps every other rule and reports any it
 * breaks; only moves with no broken rule that make the schedule better are kept.
 *
 * Deterministic: sites in code order, waves earlier first, the first improvement taken; the next pass
 * starts after the site just moved and goes round, until a whole pass finds none or the evaluation
 * budget is spent.
 */
import type { IsoDate } from '../dates';
import { generateSchedule } from '../scheduler/schedule';
import type { ScheduleInput, WaveSchedule } from '../scheduler/types';
import { compareScores, scoreOf, type SequenceScore } from './score';

/** A site the optimised sequence puts in a wave of its choosing (on a day of its choosing: the exact step's). */
export interface SiteMove {
  site: string;
  wave: number;
  goLive?: IsoDate;
}

export interface MoveSearch {
  moves: SiteMove[];
  /** The best schedule found, without its sites' reasons (made for comparing). */
  schedule: WaveSchedule;
  score: SequenceScore;
  evaluations: number;
  stopped: boolean;
}

/** The input with the moves made (as pins, without a day unless the move names one). */
export function withMoves(input: ScheduleInput, moves: readonly SiteMove[]): ScheduleInput {
  if (moves.length === 0) return input;
  const moveOf = new Map(moves.map((m) => [m.site, m]));
  return {
    ...input,
    sites: input.sites.map((s) => {
      const move = moveOf.get(s.code);
      return move ? { ...s, pinnedWave: move.wave, pinnedGoLive: move.goLive ?? null } : s;
    }),
  };
}

/**
 * Improves `start` (the schedule of `input`) by moving one site at a time. `spend(best)` is asked
 * before each schedule is made, with the best score so far: false when the budget is spent or the
 * search was cancelled.
 */
export function searchSiteMoves(input: ScheduleInput, start: { schedule: WaveSchedule; score: SequenceScore }, spend: (best: SequenceScore) => boolean): MoveSearch {
  const lockedWaves = new Set((input.lockedWaves ?? []).map((w) => w.number));
  const movable = new Set(input.sites.filter((s) => s.pinnedWave === null && !s.excluded).map((s) => s.code));
  let moves: SiteMove[] = [];
  let best = start;
  let evaluations = 0;
  let stopped = false;
  let lastMoved: string | null = null;
  for (let improved = true; improved && !stopped; ) {
    improved = false;
    const placed = best.schedule.waves
      .filter((w) => w.number > 0 && !lockedWaves.has(w.number))
      .flatMap((w) => w.sites.map((p) => ({ site: p.site, wave: w.number })))
      .filter((p) => movable.has(p.site))
      .sort((a, b) => (a.site < b.site ? -1 : a.site > b.site ? 1 : 0));
    // The sites before the one just moved were tried a moment ago against a schedule much like this
    // one: starting after it spends the budget on sites not tried yet.
    const resumeAfter = lastMoved;
    const after: number = resumeAfter === null ? 0 : Math.max(0, placed.findIndex((p) => p.site > resumeAfter));
    for (const { site, wave } of [...placed.slice(after), ...placed.slice(0, after)]) {
      for (const target of [wave - 1, wave, wave + 1]) {
        if (target < 1 || lockedWaves.has(target) || moves.some((m) => m.site === site && m.wave === target)) continue;
        if (!spend(best.score)) {
          stopped = true;
          break;
        }
        evaluations += 1;
        const tried = [...moves.filter((m) => m.site !== site), { site, wave: target }];
        // Compared by days and broken rules only: the caller makes the schedule it keeps again, with its reasons.
        const schedule = generateSchedule(withMoves(input, tried), { reasons: false });
        const score = scoreOf(schedule);
        if (score.violations === 0 && compareScores(score, best.score) < 0) {
          moves = tried;
          best = { schedule, score };
          lastMoved = site;
          improved = true;
          break;
        }
      }
      if (stopped || improved) break;
    }
  }
  return { moves: moves.sort((a, b) => (a.site < b.site ? -1 : 1)), schedule: best.schedule, score: best.score, evaluations, stopped };
}
