/** `wave-planner scenario list|save|show|compare|adopt|remove`: the plan's what-ifs from the command line. */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { EARLIEST_DAY, isPlanDay, LATEST_DAY } from '../../../shared/dates';
import { describeProblems, parseJsonText, parseWithProblems } from '../../../shared/interchange';
import { scenarioChangesSchema } from '../../../shared/scenario';
import type { SideBySide } from '../../../shared/scenario-compare';
import { describeScheduleDiff } from '../../../shared/scheduler/diff';
import { invalidUtf8Message, invalidUtf8Offset } from '../../../shared/utf8';
import { UserError } from '../../services/errors';
import { withPlan } from '../cli-session';
import { EXIT, textTable, type CommandArgs, type CommandOutput } from '../output';
import { scheduleJson } from './schedule';

const USAGE = `wave-planner scenario: usage:
  wave-planner scenario list --plan PLAN.waveplan
  wave-planner scenario save NAME --plan PLAN.waveplan --changes CHANGES.json [--note TEXT]
  wave-planner scenario show NAME --plan PLAN.waveplan [--as-of YYYY-MM-DD] [--json]
  wave-planner scenario compare NAME [NAME NAME] --plan PLAN.waveplan [--as-of YYYY-MM-DD] [--json]
  wave-planner scenario adopt NAME --plan PLAN.waveplan
  wave-planner scenario remove NAME --plan PLAN.waveplan
`;

const signed = (days: number | null) => (days === null ? '—' : days === 0 ? '0' : `${days > 0 ? '+' : '−'}${Math.abs(days)} d`);

/** The comparison as the terminal shows it: one column per schedule, the sites that differ below. */
export function comparisonText(compared: SideBySide): string {
  const columns = compared.columns;
  const row = (label: string, cell: (i: number) => string) => [label, ...columns.map((_, i) => cell(i))];
  const metric = (i: number) => columns[i]!.metrics;
  const lines = [
    `As of ${compared.asOf}`,
    '',
    textTable([
      ['', ...columns.map((c) => c.name)],
      row('Last go-live', (i) => metric(i).lastGoLive ?? '—'),
      row('Mean go-live', (i) => (metric(i).meanGoLive ? `${metric(i).meanGoLive} (${metric(i).meanDaysFromAsOf} d)` : '—')),
      row('Sites placed', (i) => String(metric(i).placed)),
      row('Waves', (i) => String(metric(i).waves)),
      row('Size warnings', (i) => String(metric(i).sizeWarnings)),
      row('Unscheduled', (i) => String(metric(i).unscheduled)),
      row('Rule violations', (i) => String(metric(i).violations)),
      ...compared.quarters.map((q, k) => row(`Live by end of ${q}`, (i) => String(columns[i]!.liveByQuarter[k]))),
    ]),
  ];
  for (const column of columns.filter((c) => c.scenario)) lines.push('', `${column.name} changes:`, ...(column.changes.length ? column.changes.map((c) => `  ${c}`) : ['  nothing']));
  lines.push('', `Go-lives that differ (${compared.sites.length}; ${compared.unchanged} the same in every column)`);
  if (compared.sites.length) {
    lines.push(textTable([['Site', ...columns.map((c) => c.name)], ...compared.sites.map((s) => [s.site, ...s.goLives.map((day, i) => (i === 0 ? (day ?? 'unscheduled') : `${day ?? 'unscheduled'} ${day && s.goLives[0] ? `(${signed(s.daysAgainstPlan[i]!)})` : ''}`.trim()))])]));
  }
  return `${lines.join('\n')}\n`;
}

/** Reads a changes file: refused, naming the file and each problem's path, before the plan is opened. */
function readChanges(file: string, out: CommandOutput): unknown {
  const name = basename(file);
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    out.stderr(`wave-planner scenario: cannot read ${file}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message}.\n`);
    return undefined;
  }
  const bad = invalidUtf8Offset(bytes);
  if (bad >= 0) {
    out.stderr(`${name} ${invalidUtf8Message(bad)}.\n`);
    return undefined;
  }
  const parsed = parseJsonText(bytes.toString('utf8'));
  const validation = parsed.ok ? parseWithProblems(scenarioChangesSchema, parsed.value) : parsed;
  if (!validation.ok) {
    out.stderr(`${describeProblems(name, validation.problems)}\n`);
    return undefined;
  }
  return validation.value;
}

export async function runScenario(args: CommandArgs, out: CommandOutput): Promise<number> {
  const [action, ...names] = args.positionals;
  const { plan: planPath, changes: changesFile, note } = args.values;
  const asOf = args.values['as-of'];
  const json = args.values.json !== undefined;
  const one = names.length === 1;
  const valid =
    planPath &&
    ((action === 'list' && names.length === 0) ||
      (action === 'save' && one && changesFile) ||
      ((action === 'show' || action === 'adopt' || action === 'remove') && one) ||
      (action === 'compare' && names.length >= 1 && names.length <= 3));
  if (!valid) {
    out.stderr(USAGE);
    return EXIT.usage;
  }
  if (asOf !== undefined && !isPlanDay(asOf)) {
    out.stderr(`wave-planner scenario: --as-of must be a real calendar date written YYYY-MM-DD, from ${EARLIEST_DAY} to ${LATEST_DAY} (got "${asOf}").\n`);
    return EXIT.usage;
  }
  const changes = action === 'save' ? readChanges(changesFile!, out) : null;
  if (changes === undefined) return EXIT.refused;
  await withPlan(planPath, async (plan) => {
    const name = names[0]!;
    const day = asOf ? { asOf } : {};
    if (action === 'list') {
      const scenarios = await plan.call('scenarios:list', {});
      if (json) out.stdout(`${JSON.stringify(scenarios, null, 2)}\n`);
      else if (scenarios.length === 0) out.stdout('The plan has no scenarios yet.\n');
      else for (const s of scenarios) out.stdout(`${s.name}\t${s.inWords.join('; ') || 'no changes'}${s.note ? `\t${s.note}` : ''}\n`);
    } else if (action === 'save') {
      const saved = (
        await plan.call('scenarios:save', { name, note: note ?? '', changes: changes as never }).catch((error: unknown) => {
          // Changes that do not fit this plan: named by the file they came from.
          if (error instanceof UserError && error.problems?.length) throw new UserError(error.code, describeProblems(basename(changesFile!), error.problems));
          throw error;
        })
      ).value;
      out.stdout(`Saved scenario "${saved.name}": ${saved.inWords.join('; ') || 'no changes'}.\n`);
    } else if (action === 'show') {
      const schedule = await plan.call('scenarios:schedule', { name, ...day });
      if (json) out.stdout(scheduleJson(schedule));
      else out.stdout(comparisonText(await plan.call('scenarios:compare', { names: [name], ...day })));
    } else if (action === 'compare') {
      const compared = await plan.call('scenarios:compare', { names, ...day });
      out.stdout(json ? `${JSON.stringify(compared, null, 2)}\n` : comparisonText(compared));
    } else if (action === 'adopt') {
      const { replan } = (await plan.call('scenarios:adopt', { name })).value;
      out.stdout(`Adopted scenario "${name}" and re-planned as of ${replan.view.schedule.asOf}: ${describeScheduleDiff(replan.diff) ?? 'nothing moved'}.\n`);
    } else {
      await plan.call('scenarios:remove', { name });
      out.stdout(`Removed scenario "${name}".\n`);
    }
  });
  return EXIT.ok;
}
