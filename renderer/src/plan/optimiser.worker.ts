/**
 * The optimiser off the screen's thread: takes the plan's scheduling input and a time limit, reports
 * progress as it searches, and answers with the result. Cancel is the page terminating the worker.
 */
import { optimiseErpSequence, type OptimiseProgress, type OptimisedSequence } from '../../../shared/optimiser/erp-sequence';
import type { ScheduleInput } from '../../../shared/scheduler/types';

export type OptimiserRequest = { input: ScheduleInput; timeLimitSeconds: number };
export type OptimiserMessage = { type: 'progress'; progress: OptimiseProgress } | { type: 'done'; result: OptimisedSequence } | { type: 'failed'; message: string };

const scope = self as unknown as { onmessage: ((event: MessageEvent<OptimiserRequest>) => void) | null; postMessage(message: OptimiserMessage): void };

scope.onmessage = (event) => {
  try {
    const result = optimiseErpSequence(event.data.input, { timeLimitSeconds: event.data.timeLimitSeconds, onProgress: (progress) => scope.postMessage({ type: 'progress', progress }) });
    scope.postMessage({ type: 'done', result });
  } catch (error) {
    scope.postMessage({ type: 'failed', message: (error as Error).message });
  }
};
