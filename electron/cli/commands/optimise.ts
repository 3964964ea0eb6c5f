/** `wave-planner schedule --optimise`: the optimised sequence, searched in this process and stored as a scenario. */
import { optimisedScenario } from '../../../shared/optimiser/as-scenario';
import { optimiseSequence } from '../../../shared/optimiser/optimise';
import { solveWithHighs } from '../../services/optimiser/highs-solver';
import type { CliSession } from '../cli-session';
import type { CommandOutput } from '../output';

export const DEFAULT_TIME_LIMIT_SECONDS = 10;

export async function optimise(plan: CliSession, options: { asOf?: string; timeLimitSeconds: number; json: boolean }, out: CommandOutput): Promise<void> {
  const input = await plan.call('schedule:input', options.asOf ? { asOf: options.asOf } : {});
  const result = await optimiseSequence(input, { timeLimitSeconds: options.timeLimitSeconds }, solveWithHighs);
  const scenario = optimisedScenario(result, input.asOf);
  if (scenario) await plan.call('scenarios:save', scenario);
  if (options.json) {
    const { schedule, defaultSchedule: _default, ...summary } = result;
    out.stdout(`${JSON.stringify({ scenario: scenario?.name ?? null, ...summary, schedule }, null, 2)}\n`);
    return;
  }
  const mean = (s: { totalDays: number; placed: number }) => (s.placed ? (s.totalDays / s.placed).toFixed(1) : '—');
  out.stdout(
    [
      `Tried ${result.evaluations} schedules (ERP orders${result.exhaustive ? ', every one,' : ''} and sites moved a wave) of a budget of ${result.budget} as of ${input.asOf}${result.proven ? ', and solved the plan exactly' : ''}.`,
      ...result.explanation,
      `Mean go-live ${mean(result.defaultScore)} → ${mean(result.score)} days from ${input.asOf}; sites placed ${result.defaultScore.placed} → ${result.score.placed}.`,
      scenario ? `Saved as scenario "${scenario.name}": compare it with \`wave-planner scenario compare "${scenario.name}"\`, adopt it with \`scenario adopt\`. The plan itself is unchanged.` : 'No scenario was saved; the plan is unchanged.',
      '',
    ].join('\n'),
  );
}
