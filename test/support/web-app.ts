import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RENDERER_BUILD_DIR } from '../../electron/cli/commands/web';
import { createDispatch } from '../../electron/services/dispatch';
import { createHandlers } from '../../electron/services/handlers';
import { Workspace } from '../../electron/services/workspace';
import { startWebServer, type WebServer } from '../../electron/web/server';

export interface RunningWebApp {
  server: WebServer;
  workspace: Workspace;
  stop(): Promise<void>;
}

/** Web mode as `npm run web` starts it, on a fresh data folder holding the sample plan. */
export async function startWebApp(): Promise<RunningWebApp> {
  const dataDir = mkdtempSync(join(tmpdir(), 'wave-planner-e2e-'));
  const workspace = new Workspace(dataDir, 'ui');
  workspace.openLastOrSample();
  const server = await startWebServer({ dispatch: createDispatch(createHandlers(workspace)), staticDir: RENDERER_BUILD_DIR });
  return {
    server,
    workspace,
    async stop() {
      await server.close();
      workspace.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
