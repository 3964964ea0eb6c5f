import { mkdtempSync, rmSync } from 'node:fs';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RENDERER_BUILD_DIR } from '../../electron/cli/commands/web';
import { createDispatch } from '../../electron/services/dispatch';
import { createHandlers } from '../../electron/services/handlers';
import { Workspace } from '../../electron/services/workspace';
import type { OperationInput, OperationName, OperationOutput } from '../../shared/contract';
import { reads, type PlanReads } from './plans';
import { serveWorkspace } from '../../electron/web/serve-workspace';
import type { WebServer } from '../../electron/web/server';
import { launchBrowser } from './browser';

export interface RunningWebApp {
  server: WebServer;
  workspace: Workspace;
  /** What the open plan holds now. */
  readonly read: PlanReads;
  /** An operation on the plan, as another window of the app would call it (a refusal throws). */
  call<N extends OperationName>(name: N, input: OperationInput<N>): Promise<OperationOutput<N>>;
  stop(): Promise<void>;
}

/** Web mode as `npm run web` starts it, on a fresh data folder holding the sample plan. */
export async function startWebApp(): Promise<RunningWebApp> {
  const dataDir = mkdtempSync(join(tmpdir(), 'wave-planner-e2e-'));
  const workspace = new Workspace(dataDir, 'ui');
  workspace.openLastOrSample();
  const server = await serveWorkspace(workspace, { staticDir: RENDERER_BUILD_DIR });
  const dispatch = createDispatch(createHandlers(workspace));
  return {
    server,
    workspace,
    get read() {
      return reads(workspace.requirePlan());
    },
    async call(name, input) {
      const result = await dispatch(name, input);
      if (!result.ok) throw new Error(result.error.message);
      return result.value as never;
    },
    async stop() {
      await server.close();
      workspace.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Web mode on the sample plan and a headless Chromium page on it, for the tests of one file:
 * started before them (with `prepare` run on the plan first), stopped after.
 */
export function useAppInChromium(options: { prepare?: (app: RunningWebApp) => unknown; screen?: string } = {}): {
  readonly app: RunningWebApp;
  readonly browser: BrowserContext;
  readonly page: Page;
} {
  const session = {} as { app: RunningWebApp; browser: BrowserContext; page: Page };
  beforeAll(async () => {
    session.app = await startWebApp();
    await options.prepare?.(session.app);
    session.browser = await launchBrowser();
    session.page = await session.browser.newPage();
    await session.page.goto(session.app.server.url);
    if (options.screen) await session.page.getByTestId(`nav-${options.screen}`).click();
  });
  afterAll(async () => {
    await session.browser?.close();
    await session.app?.stop();
  });
  return session;
}
