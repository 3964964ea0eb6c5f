import { fileURLToPath } from 'node:url';
import { defaultDataDir } from '../../services/app-settings';
import { Workspace } from '../../services/workspace';
import { serveWorkspace } from '../../web/serve-workspace';
import { EXIT, type CommandArgs, type CommandOutput } from '../output';

export const RENDERER_BUILD_DIR = fileURLToPath(new URL('../../../out/renderer', import.meta.url));

export async function runWeb(args: CommandArgs, out: CommandOutput): Promise<number> {
  const port = args.values.port === undefined ? 0 : Number(args.values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    out.stderr(`wave-planner web: --port must be a number from 0 to 65535 (got ${args.values.port}).\n`);
    return EXIT.usage;
  }
  const workspace = new Workspace(args.values.data ?? defaultDataDir(), 'ui');
  workspace.startBackupTimer();
  const info = args.values.plan ? workspace.openPlan(args.values.plan) : workspace.openLastOrSample();
  const server = await serveWorkspace(workspace, { staticDir: RENDERER_BUILD_DIR, port });
  out.stdout(`Wave Planner is serving "${info.name}" (${info.path})\nOpen ${server.url}\nPress Ctrl+C to stop.\n`);
  await new Promise<void>((resolveStop) => {
    const stop = () => resolveStop();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await server.close();
  workspace.close();
  return EXIT.ok;
}
