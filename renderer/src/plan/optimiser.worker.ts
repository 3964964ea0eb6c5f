/**
 * The optimiser off the screen's thread: takes the plan's scheduling input and a time limit, reports
 * progress as it searches (then solves a small plan exactly with HiGHS), and answers with the result.
 * Cancel is the page terminating the worker.
 */
import type { OptimiseProgress, OptimisedSequence } from '../../../shared/optimiser/erp-sequence';
import { optimiseSequence } from '../../../shared/optimiser/optimise';
import type { ScheduleInput } from '../../../shared/scheduler/types';
import { solveInWorker } from './highs-solver';

export type OptimiserRequest = { input: ScheduleInput; timeLimitSeconds: number };
export type OptimiserMessage = { type: 'progress'; progress: OptimiseProgress } | { type: 'done'; result: OptimisedSequence } | { type: 'failed'; message: string };

const scope = self as unknown as { onmessage: ((event: MessageEvent<OptimiserRequest>) => void) | null; postMessage(message: OptimiserMessage): void };

scope.onmessage = async (event) => {
  try {
    const onProgress = (progress: OptimiseProgress) => scope.postMessage({ type: 'progress', progress });
    const result = await optimiseSequence(event.data.input, { timeLimitSeconds: event.data.timeLimitSeconds, onProgress }, solveInWorker);
    scope.postMessage({ type: 'done', result });
  } catch (error) {
    scope.postMessage({ type: 'failed', message: (error as Error).message });
  }
};
