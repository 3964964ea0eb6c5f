/** Web mode over a workspace: its operations through the one dispatch, its change feed as events. */
import { createDispatch } from '../services/dispatch';
import { createHandlers } from '../services/handlers';
import type { Workspace } from '../services/workspace';
import { startWebServer, type WebServer, type WebServerOptions } from './server';

export function serveWorkspace(workspace: Workspace, options: Omit<WebServerOptions, 'dispatch' | 'subscribe'>): Promise<WebServer> {
  return startWebServer({ ...options, dispatch: createDispatch(createHandlers(workspace)), subscribe: (listener) => workspace.onChange(listener) });
}
