import { writeCleanCopy } from '../../services/plan/clean-copy';
import { EXIT, type CommandArgs, type CommandOutput } from '../output';

/** `wave-planner clean-copy PLAN.waveplan`: a plan changed outside Wave Planner, copied without what was added. */
export async function runCleanCopy(args: CommandArgs, out: CommandOutput): Promise<number> {
  const [planPath, ...extra] = args.positionals;
  if (!planPath || extra.length > 0) {
    out.stderr('wave-planner clean-copy: usage: wave-planner clean-copy PLAN.waveplan\n');
    return EXIT.usage;
  }
  const copy = writeCleanCopy(planPath);
  out.stdout(`Wrote ${copy}: the plan's data without what was added to ${planPath}, which is left as it is.\n`);
  return EXIT.ok;
}
