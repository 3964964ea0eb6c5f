/**
 * One entry point for every transport: check the operation name, validate the input against the
 * contract, run the handler, and wrap the outcome in a result envelope. Never throws.
 */
import { contract, type OperationName, type Result } from '../../shared/contract';
import { isOperationName } from '../../shared/operation-names';
import { problemsFromZod } from '../../shared/interchange';
import { UserError } from './errors';
import type { Handlers } from './handlers';
import { refusalMessage } from '../../shared/field-names';

export type Dispatch = (name: unknown, input: unknown) => Promise<Result<unknown>>;

/** What a person is told when the app itself failed: never an operation name or a stack trace. */
export const INTERNAL_MESSAGE = 'Something went wrong inside Wave Planner and nothing was changed. Please try again; if it happens again, report it with the log.';

export function createDispatch(handlers: Handlers, onInternalError: (error: unknown, operation: OperationName) => void = (error, operation) => console.error(`Wave Planner: ${operation} failed:`, error)): Dispatch {
  return async (name, input) => {
    if (!isOperationName(name)) {
      return { ok: false, error: { code: 'invalid-input', message: `Unknown operation ${JSON.stringify(name)}.` } };
    }
    const parsed = contract[name].input.safeParse(input ?? {}, { reportInput: true });
    if (!parsed.success) {
      const problems = problemsFromZod(parsed.error);
      const first = problems[0]!;
      return {
        ok: false,
        error: { code: 'invalid-input', message: refusalMessage(first.path, first.message), problems },
      };
    }
    try {
      const handler = handlers[name] as (input: unknown) => unknown;
      const value = await handler(parsed.data);
      return { ok: true, value: value === undefined ? null : value };
    } catch (error) {
      if (error instanceof UserError) return { ok: false, error: error.toBody() };
      onInternalError(error, name as OperationName);
      return { ok: false, error: { code: 'internal', message: INTERNAL_MESSAGE } };
    }
  };
}
