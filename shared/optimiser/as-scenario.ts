/** The optimised sequence as a scenario: never a silent change of the plan, one the user can compare and adopt. */
import type { ScenarioChanges } from '../scenario';
import type { OptimisedSequence } from './erp-sequence';

export function optimisedScenario(result: OptimisedSequence, asOf: string): { name: string; note: string; changes: ScenarioChanges } | null {
  if (!result.erpOrder) return null;
  return {
    name: `Faster ERP sequence (as of ${asOf})`,
    note: result.explanation.join('\n'),
    changes: { settings: {}, erps: [], sites: [], erpOrder: result.erpOrder },
  };
}
