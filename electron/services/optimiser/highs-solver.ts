/** HiGHS (WebAssembly, npm `highs`) as the optimised sequence's MILP solver in Node: the command line's. */
import type { Highs } from 'highs';
import { solveMilp, type MilpSolver } from '../../../shared/optimiser/exact-step';

// Loaded at the first exact solve, not with the command line: most commands never need it.
let highs: Promise<Highs> | null = null;

export const solveWithHighs: MilpSolver = async (lp, timeLimitSeconds) => solveMilp(await (highs ??= import('highs').then((m) => m.default())), lp, timeLimitSeconds);
