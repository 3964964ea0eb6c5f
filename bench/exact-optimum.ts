/**
 * The exact optimum of a small plan under the hard rules (shared/optimiser/exact-model.ts), solved by
 * HiGHS to a zero gap, and checked by the scheduler's own rules check: the yardstick issue #15 asks
 * the optimised sequence to be measured against.
 */
import highsLoader from 'highs';
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
  status: string;
  solveMs: number;
}

let solver: Awaited<ReturnType<typeof highsLoader>> | null = null;

export async function exactOptimum(input: ScheduleInput): Promise<ExactOptimum | null> {
  const model = exactSequenceModel(input);
  if (!model) return null;
  solver ??= await highsLoader();
  const start = performance.now();
  const solution = solver.solve(model.lp, { mip_rel_gap: 0, output_flag: false });
  const solveMs = performance.now() - start;
  const waves = model.wavesOf((name) => {
    const column = solution.Columns[name];
    return column !== undefined && 'Primal' in column && column.Primal > 0.5;
  });
  const asOf = toDay(input.asOf);
  const days = waves.flatMap((w) => w.sites.map((p) => p.goLive - asOf));
  return {
    placed: days.length,
    totalDays: days.reduce((a, b) => a + b, 0),
    lastDays: Math.max(...days),
    violations: model.violationsOf(waves).length,
    status: solution.Status,
    solveMs,
  };
}
