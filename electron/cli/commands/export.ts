import { EXPORT_FORMATS, type DownloadFile } from '../../../shared/contract';
import { EARLIEST_DAY, isPlanDay, LATEST_DAY } from '../../../shared/dates';
import { withPlan } from '../cli-session';
import { EXIT, writeOutput, type CommandArgs, type CommandOutput } from '../output';

const save = (path: string, file: DownloadFile) => writeOutput(path, Buffer.from(file.base64, 'base64'));

const USAGE =
  'wave-planner export: usage: wave-planner export --plan PLAN.waveplan (--json OUT.json | --csv OUT.csv | --xlsx OUT.xlsx | --ics OUT.ics | --mspdi OUT.xml | --pdf OUT.pdf [--as-of DATE] [--baseline NAME] [--from DATE --to DATE] [--paper a4|letter])\n';

export async function runExport(args: CommandArgs, out: CommandOutput): Promise<number> {
  const { plan: planPath, json, pdf } = args.values;
  if (!planPath || args.positionals.length > 0) {
    out.stderr(USAGE);
    return EXIT.usage;
  }
  const files = EXPORT_FORMATS.flatMap((format) => (args.values[format] ? [{ format, path: args.values[format] }] : []));
  if (!json && !pdf && files.length === 0) {
    out.stderr(USAGE);
    return EXIT.usage;
  }
  for (const option of ['as-of', 'from', 'to'] as const) {
    const value = args.values[option];
    if (value !== undefined && !isPlanDay(value)) {
      out.stderr(`wave-planner export: --${option} must be a real calendar date written YYYY-MM-DD, from ${EARLIEST_DAY} to ${LATEST_DAY} (got "${value}").\n`);
      return EXIT.usage;
    }
  }
  const paper = args.values.paper ?? 'a4';
  if (paper !== 'a4' && paper !== 'letter') {
    out.stderr(`wave-planner export: --paper must be a4 or letter (got "${paper}").\n`);
    return EXIT.usage;
  }
  if (args.values.from && args.values.to && args.values.from > args.values.to) {
    out.stderr('wave-planner export: --from must not be after --to.\n');
    return EXIT.usage;
  }
  await withPlan(planPath, async (plan) => {
    if (json) {
      save(json, await plan.call('interchange:export', {}));
      out.stdout(`Wrote ${json}.\n`);
    }
    for (const { format, path } of files) {
      save(path, await plan.call('exports:file', { format }));
      out.stdout(`Wrote ${path}.\n`);
    }
    if (pdf) {
      const asOf = args.values['as-of'];
      const report = await plan.call('report:pdf', { paper, asOf, baseline: args.values.baseline, from: args.values.from, to: args.values.to });
      save(pdf, report);
      out.stdout(`Wrote ${pdf}: the steering-committee report${asOf ? ` as of ${asOf}` : ''} (${report.pages} pages).\n`);
    }
  });
  return EXIT.ok;
}
