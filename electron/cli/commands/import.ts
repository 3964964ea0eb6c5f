import { existsSync, readFileSync } from 'node:fs';
import { basename, extname, resolve } from 'node:path';
import { parseJsonText, validateWavePlan, describeProblems } from '../../../shared/interchange';
import { osUserName } from '../../services/app-settings';
import { PlanFile } from '../../services/plan/plan-file';
import { EXIT, type CommandArgs, type CommandOutput } from '../output';

export async function runImport(args: CommandArgs, out: CommandOutput): Promise<number> {
  const [file, ...extra] = args.positionals;
  const planPath = args.values.plan;
  if (!file || extra.length > 0 || !planPath) {
    out.stderr('wave-planner import: usage: wave-planner import FILE --plan PLAN.waveplan\n');
    return EXIT.usage;
  }
  const extension = extname(file).toLowerCase();
  if (extension !== '.json') {
    out.stderr(`wave-planner import: ${file}: only wave-plan JSON (.json) can be imported by this version.\n`);
    return EXIT.usage;
  }
  if (!existsSync(file)) {
    out.stderr(`wave-planner import: ${file}: no such file.\n`);
    return EXIT.refused;
  }
  const name = basename(file);
  const parsed = parseJsonText(readFileSync(file, 'utf8'));
  const validation = parsed.ok ? validateWavePlan(parsed.value) : parsed;
  if (!validation.ok) {
    // Refused before the plan file is touched or created.
    out.stderr(`${describeProblems(name, validation.problems)}\n`);
    return EXIT.refused;
  }
  const actor = osUserName();
  const target = resolve(planPath);
  if (!existsSync(target)) {
    const plan = PlanFile.create(target, validation.value, { actor, source: 'cli' });
    plan.close();
    out.stdout(`Created ${planPath} from ${name}: ${validation.value.sites.length} sites, ${validation.value.erps.length} ERPs.\n`);
    return EXIT.ok;
  }
  const plan = PlanFile.open(target, { actor });
  try {
    const summary = plan.importWavePlan(validation.value, name, 'cli');
    out.stdout(`Imported ${name} into ${planPath}: ${summary.sites} sites, ${summary.erps} ERPs. Backup: ${summary.backupPath}\n`);
  } finally {
    plan.close();
  }
  return EXIT.ok;
}
