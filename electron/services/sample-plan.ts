/** The embedded sample plan (resources/sample-plan.json) and the empty plan a "New plan" starts from. */
import samplePlanDocument from '../../resources/sample-plan.json';
import { todayIso } from '../../shared/dates';
import { DEFAULT_DIMENSIONS, DEFAULT_PLAYBOOK } from '../../shared/defaults';
import { validateWavePlan, type WavePlan } from '../../shared/interchange';
import { DEFAULT_SETTINGS } from '../../shared/settings';

export function samplePlan(): WavePlan {
  const validation = validateWavePlan(structuredClone(samplePlanDocument));
  if (!validation.ok) throw new Error(`The embedded sample plan is invalid: ${JSON.stringify(validation.problems[0])}`);
  return validation.value;
}

export function emptyPlan(name: string, startDate = todayIso()): WavePlan {
  return {
    format: 'wave-plan',
    version: 1,
    plan: { name, startDate, settings: { ...DEFAULT_SETTINGS }, holidays: [], freezeWindows: [], lighthouseOverride: null, crews: [], erpOrder: [] },
    readinessDimensions: structuredClone(DEFAULT_DIMENSIONS),
    erps: [],
    sites: [],
    playbook: structuredClone(DEFAULT_PLAYBOOK),
  };
}
