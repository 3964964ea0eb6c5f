import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { osUserName } from '../../services/app-settings';
import { PlanFile } from '../../services/plan/plan-file';
import { EXIT, type CommandArgs, type CommandOutput } from '../output';

const NOT_YET = ['pdf', 'csv', 'xlsx', 'ics', 'mspdi'] as const;

export async function runExport(args: CommandArgs, out: CommandOutput): Promise<number> {
  const { plan: planPath, json } = args.values;
  if (!planPath || args.positionals.length > 0) {
    out.stderr('wave-planner export: usage: wave-planner export --plan PLAN.waveplan --json OUT.json\n');
    return EXIT.usage;
  }
  const unsupported = NOT_YET.filter((format) => args.values[format] !== undefined);
  if (unsupported.length > 0) {
    out.stderr(`wave-planner export: --${unsupported[0]} is not available in this version; use --json.\n`);
    return EXIT.usage;
  }
  if (!json) {
    out.stderr('wave-planner export: name an output, e.g. --json OUT.json\n');
    return EXIT.usage;
  }
  const plan = PlanFile.open(resolve(planPath), { actor: osUserName() });
  try {
    writeFileSync(json, plan.exportWavePlanText());
  } finally {
    plan.close();
  }
  out.stdout(`Wrote ${json}.\n`);
  return EXIT.ok;
}
