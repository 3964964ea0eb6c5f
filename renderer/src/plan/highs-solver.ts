/** HiGHS (WebAssembly, npm `highs`) as the optimised sequence's MILP solver in the optimiser's worker. */
import highsLoader, { type Highs } from 'highs';
import highsWasm from 'highs/runtime?url';
import { solveMilp, type MilpSolver } from '../../../shared/optimiser/exact-step';

/** Emscripten's loader never settles when the WebAssembly is refused (a stricter policy): give up instead. */
const START_TIMEOUT_MS = 15_000;

let highs: Promise<Highs> | null = null;

function startHighs(): Promise<Highs> {
  return Promise.race([
    highsLoader({ locateFile: () => highsWasm }),
    new Promise<never>((_, reject) => setTimeout(() => reject(new Error('The exact solver could not start.')), START_TIMEOUT_MS)),
  ]);
}

export const solveInWorker: MilpSolver = async (lp, timeLimitSeconds) => solveMilp(await (highs ??= startHighs()), lp, timeLimitSeconds);
