/** The `wave-planner` command line: the same backend services as the app, with source `cli`. */
import { parseArgs } from 'node:util';
import { EXIT, type CommandOutput } from './output';
import type { CommandArgs } from './output';
import { UserError } from '../services/errors';

export const USAGE = `wave-planner — plan lighthouse-first, wave-by-wave rollouts across many sites

Usage:
  wave-planner import FILE.json --plan PLAN.waveplan
      Import a wave-plan JSON file. A plan file that does not exist is created;
      an existing one has its content replaced (a backup is taken first).
  wave-planner import FILE.csv|FILE.xlsx --plan PLAN.waveplan [--map "Header=field,..."] [--kind sites|erps]
      Add and update sites, ERPs and readiness by code from a sheet, all rows or none.
      Headers may be the wave-plan field names (code, name, erp, readiness.data.score, ...)
      or common names ("Site code", "ERP system"); --map names the rest ("-" leaves one out).
  wave-planner schedule --plan PLAN.waveplan [--as-of YYYY-MM-DD] [--json]
      Compute the wave schedule (as of today unless given), store it in the plan,
      and print it as a table, or as wave-schedule JSON with --json.
  wave-planner schedule --plan PLAN.waveplan --optimise [--time-limit S] [--as-of DATE] [--json]
      Search for an order of bringing in the ERPs (and sites moved a wave) that goes
      live earlier on average, every other rule kept, then solve a plan small enough
      for the limit exactly (HiGHS); 10 s unless given. What it finds is saved as a
      scenario to compare and adopt; the plan itself is not changed.
  wave-planner export --plan PLAN.waveplan --json OUT.json
      Write the whole plan as wave-plan JSON.
  wave-planner export --plan PLAN.waveplan [--csv OUT.csv] [--xlsx OUT.xlsx] [--ics OUT.ics] [--mspdi OUT.xml]
      Write the schedule as CSV or XLSX (one row per site; the XLSX also holds the
      Sites and ERPs sheets, which import back), go-lives and gates as iCalendar,
      or the plan as MS Project XML.
  wave-planner export --plan PLAN.waveplan --pdf OUT.pdf [--as-of DATE] [--baseline NAME]
                      [--from DATE --to DATE] [--paper a4|letter]
      Write the steering-committee report (the Gantt shows --from to --to when given).
  wave-planner baseline save NAME --plan PLAN.waveplan | baseline list --plan PLAN.waveplan
      Save the current schedule as a named baseline, or list the baselines.
  wave-planner scenario list|save|show|compare|adopt|remove [NAME ...] --plan PLAN.waveplan
      What-ifs: save NAME --changes CHANGES.json [--note TEXT] stores a variant of the
      scheduling inputs (settings, connector dates, readiness targets, exclusions, pins,
      crews); show NAME and compare NAME [NAME NAME] schedule them beside the plan
      ([--as-of DATE] [--json]); adopt NAME makes its changes the plan's and re-plans.
  wave-planner demo [--out DIR]
      Make the sample plan (DIR/sample.waveplan), schedule it, and write its wave-plan
      and wave-schedule JSON and its PDF report. Default DIR: ./wave-planner-demo
  wave-planner clean-copy PLAN.waveplan
      A plan changed outside Wave Planner (a trigger, view or table added) is not opened
      for changes; this writes its data to "PLAN (clean copy).waveplan" without them.
  wave-planner web [--port N] [--plan PLAN.waveplan] [--data DIR]
      Serve the app on http://127.0.0.1 (run \`npm run web\`, which builds the UI first).
  wave-planner team serve --data DIR [--port N] [--host 127.0.0.1]
      Run a team server: planners and site leads share one plan through it (stops on Ctrl+C).
  wave-planner team invite --data DIR --role planner|site-lead [--site CODE ...] [--name N --email E]
      Print a one-time join code; \`team members\` lists members, \`team revoke MEMBER\` ends access.
  wave-planner team share --plan FILE --server URL --code CODE
  wave-planner team join --server URL --code CODE --plan FILE
  wave-planner team sync --plan FILE [--wait S] [--json]
      Put a plan on the team server, make a plan file from the team's, or send and take
      what is waiting (exit 0 when in step with the team, 1 when refused or not reachable).
  wave-planner --help

Exit codes: 0 done, 1 the input was refused (the message names the file, field and why), 2 usage.
Plans and settings live in DIR given by --data, else $WAVE_PLANNER_HOME, else ~/.local/share/wave-planner.
`;

type Runner = (args: CommandArgs, out: CommandOutput) => Promise<number>;

/** Each command's module loads only when it runs: the PDF renderer alone takes a while to load. */
const lazy = <M,>(load: () => Promise<M>, pick: (m: M) => Runner): Runner => async (args, out) => pick(await load())(args, out);

const runImport = lazy(() => import('./commands/import'), (m) => m.runImport);
const runExport = lazy(() => import('./commands/export'), (m) => m.runExport);
const runSchedule = lazy(() => import('./commands/schedule'), (m) => m.runSchedule);
const runBaseline = lazy(() => import('./commands/baseline'), (m) => m.runBaseline);
const runScenario = lazy(() => import('./commands/scenario'), (m) => m.runScenario);
const runDemo = lazy(() => import('./commands/demo'), (m) => m.runDemo);
const runWeb = lazy(() => import('./commands/web'), (m) => m.runWeb);
const runCleanCopy = lazy(() => import('./commands/clean-copy'), (m) => m.runCleanCopy);
const runTeam = lazy(() => import('./commands/team'), (m) => m.runTeam);

const COMMANDS = {
  import: { run: runImport, options: { plan: { type: 'string' }, map: { type: 'string' }, kind: { type: 'string' } } },
  export: {
    run: runExport,
    options: {
      plan: { type: 'string' }, json: { type: 'string' }, pdf: { type: 'string' }, csv: { type: 'string' },
      xlsx: { type: 'string' }, ics: { type: 'string' }, mspdi: { type: 'string' }, 'as-of': { type: 'string' },
      baseline: { type: 'string' }, from: { type: 'string' }, to: { type: 'string' }, paper: { type: 'string' },
    },
  },
  schedule: { run: runSchedule, options: { plan: { type: 'string' }, 'as-of': { type: 'string' }, json: { type: 'boolean' }, optimise: { type: 'boolean' }, 'time-limit': { type: 'string' } } },
  baseline: { run: runBaseline, options: { plan: { type: 'string' } } },
  scenario: { run: runScenario, options: { plan: { type: 'string' }, changes: { type: 'string' }, note: { type: 'string' }, 'as-of': { type: 'string' }, json: { type: 'boolean' } } },
  demo: { run: runDemo, options: { out: { type: 'string' } } },
  web: { run: runWeb, options: { port: { type: 'string' }, plan: { type: 'string' }, data: { type: 'string' } } },
  'clean-copy': { run: runCleanCopy, options: {} },
  team: {
    run: runTeam,
    options: {
      data: { type: 'string' }, port: { type: 'string' }, host: { type: 'string' }, role: { type: 'string' }, site: { type: 'string', multiple: true },
      name: { type: 'string' }, email: { type: 'string' }, plan: { type: 'string' }, server: { type: 'string' }, code: { type: 'string' }, wait: { type: 'string' }, json: { type: 'boolean' },
    },
  },
} as const;

type CommandName = keyof typeof COMMANDS;

export async function main(argv: string[], out: CommandOutput = { stdout: (t) => process.stdout.write(t), stderr: (t) => process.stderr.write(t) }): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    out.stdout(USAGE);
    return command === undefined ? EXIT.usage : EXIT.ok;
  }
  if (!Object.hasOwn(COMMANDS, command)) {
    out.stderr(`wave-planner: unknown command "${command}".\n\n${USAGE}`);
    return EXIT.usage;
  }
  const spec = COMMANDS[command as CommandName];
  let parsed;
  try {
    parsed = parseArgs({ args: rest, options: { ...spec.options, help: { type: 'boolean', short: 'h' } }, allowPositionals: true, strict: true });
  } catch (error) {
    out.stderr(`wave-planner ${command}: ${(error as Error).message}\n\n${USAGE}`);
    return EXIT.usage;
  }
  if (parsed.values.help) {
    out.stdout(USAGE);
    return EXIT.ok;
  }
  try {
    // A repeated option (--site A --site B) arrives as one comma-separated value.
    const values = Object.fromEntries(Object.entries(parsed.values).map(([k, v]) => [k, v === true ? '' : Array.isArray(v) ? v.join(',') : (v as string | undefined)]));
    return await spec.run({ positionals: parsed.positionals, values }, out);
  } catch (error) {
    if (error instanceof UserError) {
      out.stderr(`wave-planner ${command}: ${error.message}\n`);
      for (const problem of error.problems?.slice(1, 20) ?? []) out.stderr(`  also: ${problem.path ? `${problem.path}: ` : ''}${problem.message}\n`);
      return error.code === 'internal' ? EXIT.usage : EXIT.refused;
    }
    throw error;
  }
}
