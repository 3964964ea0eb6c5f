import { withPlan } from '../cli-session';
import { EXIT, type CommandArgs, type CommandOutput } from '../output';

export async function runBaseline(args: CommandArgs, out: CommandOutput): Promise<number> {
  const [action, name, ...extra] = args.positionals;
  const planPath = args.values.plan;
  const valid = planPath && extra.length === 0 && ((action === 'save' && name) || (action === 'list' && !name));
  if (!valid) {
    out.stderr('wave-planner baseline: usage: wave-planner baseline save NAME --plan PLAN.waveplan | wave-planner baseline list --plan PLAN.waveplan\n');
    return EXIT.usage;
  }
  await withPlan(planPath, async (plan) => {
    if (action === 'save') {
      const saved = (await plan.call('baselines:save', { name: name! })).value;
      out.stdout(`Saved baseline "${saved.name}" of the schedule as of ${saved.asOf} (${saved.sites} sites).\n`);
    } else {
      const baselines = await plan.call('baselines:list', {});
      if (baselines.length === 0) out.stdout('The plan has no baselines yet.\n');
      for (const b of baselines) out.stdout(`${b.name}\tas of ${b.asOf}\tsaved ${b.createdAt}\t${b.sites} sites\n`);
    }
  });
  return EXIT.ok;
}
