import { join } from 'node:path';
import type { WavePlan } from '../../shared/interchange';
import { PlanFile } from '../../electron/services/plan/plan-file';
import { samplePlan } from '../../electron/services/sample-plan';

export const TEST_ACTOR = 'test-user';

/** A plan file made from the sample plan (or `content`) in `dir`. */
export function makePlanFile(dir: string, content: WavePlan = samplePlan(), name = 'plan.waveplan'): PlanFile {
  return PlanFile.create(join(dir, name), content, { actor: TEST_ACTOR, source: 'ui' });
}

/** A deep copy of the sample plan as plain JSON, to break on purpose. */
export function sampleDocument(): Record<string, any> {
  return JSON.parse(JSON.stringify(samplePlan()));
}
