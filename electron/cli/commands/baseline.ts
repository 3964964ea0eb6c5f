import { resolve } from 'node:path';
import { osUserName } from '../../services/app-settings';
import { listBaselines, saveBaseline } from '../../services/plan/baselines';
import { PlanFile } from '../../services/plan/plan-file';
import { EXIT, type CommandArgs, type CommandOutput } from '../output';

export async function runBaseline(args: CommandArgs, out: CommandOutput): Promise<number> {
  const [action, name, ...extra] = args.positionals;
  const planPath = args.values.plan;
  const valid = planPath && extra.length === 0 && ((action === 'save' && name) || (action === 'list' && !name));
  if (!valid) {
    out.stderr('wave-planner baseline: usage: wave-planner baseline save NAME --plan PLAN.waveplan | wave-planner baseline list --plan PLAN.waveplan\n');
    return EXIT.usage;
  }
  const plan = PlanFile.open(resolve(planPath), { actor: osUserName() });
  try {
    if (action === 'save') {
      const saved = saveBaseline(plan, name!, 'cli');
      out.stdout(`Saved baseline "${saved.name}" of the schedule as of ${saved.asOf} (${saved.sites} sites).\n`);
    } else {
      const baselines = listBaselines(plan);
      if (baselines.length === 0) out.stdout('The plan has no baselines yet.\n');
      for (const b of baselines) out.stdout(`${b.name}\tas of ${b.asOf}\tsaved ${b.createdAt}\t${b.sites} sites\n`);
    }
  } finally {
    plan.close();
  }
  return EXIT.ok;
}
