/**
 * The optimised sequence as the app and the command line run it: the search over ERP orders and site
 * moves (erp-sequence.ts), then, for a plan small enough, the exact step (exact-step.ts) with the MILP
 * solver the caller has at hand (HiGHS in Node or in the browser's worker).
 */
import type { ScheduleInput } from '../scheduler/types';
import { optimiseErpSequence, type OptimiseOptions, type OptimisedSequence } from './erp-sequence';
import { EXACT_SHARE, exactModelWithin, withExactStep, type MilpSolver } from './exact-step';

/** The least the solver's safety net allows it, however late the search ran. */
const MIN_SOLVER_SECONDS = 1;

export async function optimiseSequence(input: ScheduleInput, options: OptimiseOptions, solve?: MilpSolver): Promise<OptimisedSequence> {
  const started = Date.now();
  const model = solve ? exactModelWithin(input, options.timeLimitSeconds) : null;
  if (!model || !solve) return optimiseErpSequence(input, options);
  const searched = optimiseErpSequence(input, { ...options, timeLimitSeconds: options.timeLimitSeconds * (1 - EXACT_SHARE) });
  if (searched.cancelled) return searched;
  options.onProgress?.({ evaluations: searched.evaluations, budget: searched.budget, best: searched.score, solvingExactly: true });
  // The safety net is what is left of the limit: a solve the size estimate got badly wrong (a busy
  // machine) ends there with the search's result, and the whole stays within the limit.
  const left = Math.max(MIN_SOLVER_SECONDS, options.timeLimitSeconds - (Date.now() - started) / 1000);
  const result = await withExactStep(input, model, searched, solve, left);
  options.onProgress?.({ evaluations: result.evaluations, budget: result.budget, best: result.score });
  return result;
}
