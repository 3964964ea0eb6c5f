/**
 * The command line's door to a plan: the same workspace, handlers and dispatch as the app, with the
 * audit source `cli`. A refusal comes back as the UserError the command prints.
 */
import { resolve } from 'node:path';
import type { OperationInput, OperationName, OperationOutput } from '../../shared/contract';
import { defaultDataDir } from '../services/app-settings';
import { createDispatch, type Dispatch } from '../services/dispatch';
import { UserError } from '../services/errors';
import { createHandlers } from '../services/handlers';
import { Workspace } from '../services/workspace';

export class CliSession {
  readonly workspace = new Workspace(defaultDataDir(), 'cli', { watchOtherProcesses: false, interactive: false });
  private readonly dispatch: Dispatch = createDispatch(createHandlers(this.workspace));

  /** Opens the plan at `path` (to create one, call `plan:new`). */
  static async open(path: string): Promise<CliSession> {
    const session = new CliSession();
    await session.call('plan:open', { path: resolve(path) });
    return session;
  }

  async call<N extends OperationName>(name: N, input: OperationInput<N>): Promise<OperationOutput<N>> {
    const result = await this.dispatch(name, input);
    if (!result.ok) throw new UserError(result.error.code, result.error.message, result.error.problems);
    return result.value as OperationOutput<N>;
  }

  close(): void {
    this.workspace.close();
  }
}

/** Runs `work` on the plan at `path`, closing it whatever happens. */
export async function withPlan<T>(path: string, work: (session: CliSession) => Promise<T>): Promise<T> {
  const session = await CliSession.open(path);
  try {
    return await work(session);
  } finally {
    session.close();
  }
}
