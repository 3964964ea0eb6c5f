/**
 * The optimised sequence as the app and the command line run it: the search over ERP orders and site
 * moves (erp-sequence.ts), then, for a plan small enough, the exact step (exact-step.ts) with the MILP
 * solver the caller has at hand (HiGHS in Node or in the browser's worker).
 */
import type { ScheduleInput } from '../scheduler/types';
import { optimiseErpSequence, type OptimiseOptions, type OptimisedSequence } from './erp-sequence';
import { EXACT_SHARE, exactModelWithin, withExactStep, type MilpSolver } from './exact-step';

export async function optimiseSequence(input: ScheduleInput, options: OptimiseOptions, solve?: MilpSolver): Promise<OptimisedSequence> {
  const model = solve ? exactModelWithin(input, options.timeLimitSeconds) : null;
  if (!model || !solve) return optimiseErpSequence(input, options);
  const searched = optimiseErpSequence(input, { ...options, timeLimitSeconds: options.timeLimitSeconds * (1 - EXACT_SHARE) });
  if (searched.cancelled) return searched;
  options.onProgress?.({ evaluations: searched.evaluations, budget: searched.budget, best: searched.score, solvingExactly: true });
  const result = await withExactStep(input, model, searched, solve, options.timeLimitSeconds);
  options.onProgress?.({ evaluations: result.evaluations, budget: result.budget, best: result.score });
  return result;
}
