/** The optimised sequence as a scenario: never a silent change of the plan, one the user can compare and adopt. */
import type { ScenarioChanges } from '../scenario';
import type { OptimisedSequence } from './erp-sequence';

export function optimisedScenario(result: OptimisedSequence, asOf: string): { name: string; note: string; changes: ScenarioChanges } | null {
  if (!result.erpOrder && result.siteMoves.length === 0) return null;
  return {
    name: `${result.siteMoves.length > 0 ? 'Faster sequence' : 'Faster ERP sequence'} (as of ${asOf})`,
    note: result.explanation.join('\n'),
    changes: {
      settings: {},
      erps: [],
      // A site moved to a wave of the search's choosing is pinned there, without a day (the engine picks
      // it) unless the exact step chose the day too.
      sites: result.siteMoves.map((m) => ({ code: m.site, pinnedWave: m.wave, pinnedGoLive: m.goLive ?? null })),
      ...(result.erpOrder && { erpOrder: result.erpOrder }),
    },
  };
}
