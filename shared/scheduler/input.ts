import type { WavePlan } from '../interchange';
import type { LockedWave, ScheduleInput } from './types';

/** What the scheduler reads of a plan, as of a day, with the waves kept locked. */
export function scheduleInputFromPlan(content: WavePlan, asOf: string, lockedWaves: LockedWave[] = []): ScheduleInput {
  return {
    startDate: content.plan.startDate,
    settings: content.plan.settings,
    holidays: content.plan.holidays,
    freezeWindows: content.plan.freezeWindows,
    dimensions: content.readinessDimensions,
    erps: content.erps,
    sites: content.sites,
    asOf,
    lighthouseOverride: content.plan.lighthouseOverride,
    lockedWaves,
    crews: content.plan.crews,
    ...(content.plan.erpOrder.length > 0 && { erpIntroductionOrder: content.plan.erpOrder }),
  };
}
