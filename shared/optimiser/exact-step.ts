/**
 * The exact step of the optimised sequence. A plan whose program (exact-model.ts) HiGHS can solve well
 * within the time limit is solved exactly once the search is done: when the search already reached
 * the optimum, the result says so ("proven"); when the optimum goes live earlier, it becomes the
 * result, as pins of each site's wave and day, scheduled by the engine like every other candidate and
 * kept only when the engine gives the same schedule with no rule broken.
 *
 * Deterministic: whether a plan is solved exactly follows from the size of its program and the time
 * limit, never from a clock, and HiGHS gives the same answer to the same program. The solver's own
 * time limit (what is left of the limit) is a safety net for a size estimate far off: a plan cut off
 * by it keeps the search's result, the one place a clock can change what comes back.
 */
import { fromDay } from '../scheduler/day-numbers';
import { generateSchedule } from '../scheduler/schedule';
import type { ScheduleInput } from '../scheduler/types';
import { exactSequenceModel, type ExactModel } from './exact-model';
import { compareScores, scoreOf, type SequenceScore } from './score';
import { withMoves, type SiteMove } from './site-moves';
import { erpMoves, explain, type OptimisedSequence } from './erp-sequence';

export interface MilpResult {
  /** Solved to a zero gap. */
  optimal: boolean;
  objective: number;
  /** The binary `name` is 1 in the solution. */
  isChosen(name: string): boolean;
}

/** HiGHS (or any MILP solver) on a program in CPLEX LP text; `timeLimitSeconds` is only a safety net. */
export type MilpSolver = (lp: string, timeLimitSeconds: number) => Promise<MilpResult>;

/** What the `highs` package offers, in Node and in the browser alike. */
export interface HighsLike {
  solve(lp: string, options: { mip_rel_gap: number; output_flag: boolean; time_limit: number }): { Status: string; ObjectiveValue: number; Columns: Record<string, object | undefined> };
}

/** Solves `lp` to a zero gap (what "proven" rests on) with HiGHS, in Node or in the browser. */
export function solveMilp(highs: HighsLike, lp: string, timeLimitSeconds: number): MilpResult {
  const solution = highs.solve(lp, { mip_rel_gap: 0, output_flag: false, time_limit: timeLimitSeconds });
  return {
    optimal: solution.Status === 'Optimal',
    objective: solution.ObjectiveValue,
    isChosen: (name) => {
      const column = solution.Columns[name];
      return column !== undefined && 'Primal' in column && typeof column.Primal === 'number' && column.Primal > 0.5;
    },
  };
}

/** Plans above this size are never modelled: their programs would not be solved within any limit offered. */
const MAX_SITES = 60;
/** The share of the time limit the exact step may take by its estimate; the search has the rest. */
export const EXACT_SHARE = 0.6;

/**
 * The seconds HiGHS is expected to take for a program, from its size: fitted on 22 generated plans of
 * 12–28 sites with and without crews and on the sample plan (2-core machine, 2026; rows, the crews' most
 * of all, weigh far more than binaries), and taken at half that speed: the slowest of them took 1.9
 * times its fitted time.
 */
export function exactSecondsEstimate(model: Pick<ExactModel, 'binaries' | 'rows'>): number {
  return 2 * 1.84 * (model.binaries / 1000) ** -0.35 * (model.rows / 1000) ** 2.24;
}

/** The plan's program when it is to be solved exactly within `timeLimitSeconds`; null when not (too large, pinned or locked). */
export function exactModelWithin(input: ScheduleInput, timeLimitSeconds: number): ExactModel | null {
  if (input.sites.filter((s) => !s.excluded).length > MAX_SITES) return null;
  const model = exactSequenceModel(input);
  return model && exactSecondsEstimate(model) <= EXACT_SHARE * timeLimitSeconds ? model : null;
}

/** The solution as moves the engine keeps: every site pinned to its wave and day, then scheduled and checked. */
function exactMoves(input: ScheduleInput, model: ExactModel, solution: MilpResult): { moves: SiteMove[]; schedule: OptimisedSequence['schedule']; score: SequenceScore } | null {
  const moves = model
    .wavesOf(solution.isChosen)
    .filter((w) => w.number > 0)
    .flatMap((w) => w.sites.map((p) => ({ site: model.codeOf(p.index), wave: w.number, goLive: fromDay(p.goLive) })))
    .sort((a, b) => (a.site < b.site ? -1 : 1));
  const schedule = generateSchedule(withMoves(input, moves));
  const score = scoreOf(schedule);
  return score.violations === 0 && score.totalDays === Math.round(solution.objective) + model.fixedDays ? { moves, schedule, score } : null;
}

const PROVEN = 'Solved exactly (HiGHS): no schedule with this lighthouse that keeps every rule goes live earlier on average.';

/**
 * The search's result, said to be proven when the exact optimum is no better, or replaced by the exact
 * optimum when that goes live earlier and the engine keeps it.
 */
export async function withExactStep(input: ScheduleInput, model: ExactModel, searched: OptimisedSequence, solve: MilpSolver, timeLimitSeconds: number): Promise<OptimisedSequence> {
  let solution: MilpResult;
  try {
    solution = await solve(model.lp, timeLimitSeconds);
  } catch {
    // A solver that cannot start here (its WebAssembly refused, say) leaves the search's result, as a
    // program it could not solve to the end does.
    return searched;
  }
  if (!solution.optimal) return searched;
  const optimum = Math.round(solution.objective) + model.fixedDays;
  // The program places the sites the default places, the lighthouse apart: a proof speaks of those.
  const samePlaced = searched.score.placed === model.sites + 1;
  if (samePlaced && searched.score.totalDays <= optimum) return { ...searched, proven: true, explanation: withProven(searched.explanation) };
  const exact = exactMoves(input, model, solution);
  if (!exact) return searched;
  const { score } = exact;
  if (compareScores(score, searched.score) >= 0) return searched;
  const moves = erpMoves(input, searched.defaultSchedule, exact.schedule);
  const explanation = explain(score, searched.defaultScore, exact.schedule, searched.defaultSchedule, moves, exact.moves, false);
  return { ...searched, erpOrder: null, siteMoves: exact.moves, schedule: exact.schedule, score, moves, proven: true, explanation: withProven(explanation) };
}

/** The proof right after the outcome (the explanation's first line), before the changes. */
const withProven = (explanation: string[]) => [explanation[0]!, PROVEN, ...explanation.slice(1)];
