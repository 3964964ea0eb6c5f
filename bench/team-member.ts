// A team member for the team benchmark, in a process of its own: opens its plan file with its link
// to the team server and stays connected. Reads commands on stdin, one per line:
//   edit MARKER   sets US-0's notes to MARKER (as the app would) and prints "edited MARKER T"
//   quit
// and prints "got MARKER T" when a change from the team brings a marker into its plan, with T the
// wall-clock time in ms (the bench compares times of processes on one machine), and "ready" once in step.
import { createInterface } from 'node:readline';
import { createDispatch } from '../electron/services/dispatch';
import { createHandlers } from '../electron/services/handlers';
import { Workspace } from '../electron/services/workspace';

const [home, plan, site] = process.argv.slice(2) as [string, string, string];
const workspace = new Workspace(home, 'ui', { watchOtherProcesses: false, interactive: false, teamSync: true });
workspace.openPlan(plan);
const dispatch = createDispatch(createHandlers(workspace));
const link = (await workspace.team())!;
let seen = '';
workspace.onChange((event) => {
  if (event.type !== 'commit' || event.source !== 'sync') return;
  const notes = workspace.requirePlan().reader.get<{ notes: string }>('SELECT notes FROM sites WHERE code = ?', site)?.notes ?? '';
  if (notes !== seen && notes.startsWith('marker-')) process.stdout.write(`got ${notes} ${Date.now()}\n`);
  seen = notes;
});
const ready = setInterval(() => {
  if (!link.inStep()) return;
  clearInterval(ready);
  process.stdout.write('ready\n');
}, 100);
for await (const line of createInterface({ input: process.stdin })) {
  const [command, marker] = line.trim().split(' ');
  if (command === 'edit') {
    const at = Date.now();
    seen = marker!;
    const result = await dispatch('sites:update', { code: site, patch: { notes: marker } });
    process.stdout.write(result.ok ? `edited ${marker} ${at}\n` : `failed ${result.error.message}\n`);
  } else if (command === 'quit') break;
}
await link.close();
workspace.close();
process.exit(0);
