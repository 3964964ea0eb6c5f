/**
 * The exact optimum of a small plan under the hard rules (shared/optimiser/exact-model.ts), solved by
 * HiGHS to a zero gap, and checked by the scheduler's own rules check: the yardstick issue #15 asks
 * the optimised sequence to be measured against.
 */
import { solveWithHighs } from '../electron/services/optimiser/highs-solver';
import { exactSequenceModel } from '../shared/optimiser/exact-model';
import { toDay } from '../shared/scheduler/day-numbers';
import type { ScheduleInput } from '../shared/scheduler/types';

export interface ExactOptimum {
  /** Sites placed, the lighthouse included, and the sum of their days from the as-of date. */
  placed: number;
  totalDays: number;
  lastDays: number;
  /** Rules the exact schedule breaks by the scheduler's check (0 for a sound model). */
  violations: number;
  /** Solved to a zero gap. */
  optimal: boolean;
  solveMs: number;
}

/** A yardstick, not a user's wait: HiGHS may take as long as it needs. */
const NO_TIME_LIMIT_SECONDS = 3600;

export async function exactOptimum(input: ScheduleInput): Promise<ExactOptimum | null> {
  const model = exactSequenceModel(input);
  if (!model) return null;
  const start = performance.now();
  const solution = await solveWithHighs(model.lp, NO_TIME_LIMIT_SECONDS);
  const solveMs = performance.now() - start;
  const waves = model.wavesOf(solution.isChosen);
  const asOf = toDay(input.asOf);
  const days = waves.flatMap((w) => w.sites.map((p) => p.goLive - asOf));
  return {
    placed: days.length,
    totalDays: days.reduce((a, b) => a + b, 0),
    lastDays: Math.max(...days),
    violations: model.violationsOf(waves).length,
    optimal: solution.optimal,
    solveMs,
  };
}
