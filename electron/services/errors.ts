import type { ApiErrorBody, ErrorCode } from '../../shared/contract';
import type { InputProblem } from '../../shared/interchange';

/** A refusal the user can act on: its message is shown as it is. Anything else is a bug. */
export class UserError extends Error {
  readonly code: ErrorCode;
  readonly problems: InputProblem[] | undefined;
  constructor(code: ErrorCode, message: string, problems?: InputProblem[]) {
    super(message);
    this.name = 'UserError';
    this.code = code;
    this.problems = problems;
  }

  toBody(): ApiErrorBody {
    return this.problems ? { code: this.code, message: this.message, problems: this.problems } : { code: this.code, message: this.message };
  }
}
