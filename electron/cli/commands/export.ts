import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { isIsoDate } from '../../../shared/dates';
import { osUserName } from '../../services/app-settings';
import { PlanFile } from '../../services/plan/plan-file';
import { exportFile } from '../../services/exports/export-file';
import { EXPORT_FORMATS } from '../../../shared/contract';
import { renderReportPdf, reportModelOf } from '../../services/report/render-report';
import { EXIT, type CommandArgs, type CommandOutput } from '../output';

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
    if (value !== undefined && !isIsoDate(value)) {
      out.stderr(`wave-planner export: --${option} must be a real calendar date written YYYY-MM-DD (got "${value}").\n`);
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
  const plan = PlanFile.open(resolve(planPath), { actor: osUserName() });
  try {
    if (json) {
      writeFileSync(json, plan.exportWavePlanText());
      out.stdout(`Wrote ${json}.\n`);
    }
    for (const { format, path } of files) {
      writeFileSync(path, (await exportFile(plan, format)).bytes);
      out.stdout(`Wrote ${path}.\n`);
    }
    if (pdf) {
      const model = reportModelOf(plan, { paper, asOf: args.values['as-of'], baseline: args.values.baseline, from: args.values.from, to: args.values.to });
      writeFileSync(pdf, await renderReportPdf(model, paper));
      out.stdout(`Wrote ${pdf}: the steering-committee report as of ${model.asOf}.\n`);
    }
  } finally {
    plan.close();
  }
  return EXIT.ok;
}
