import { toRanges, WorkCalendar } from '../../shared/scheduler/calendar';
import { checkSchedule } from '../../shared/scheduler/check';
import { toDay } from '../../shared/scheduler/day-numbers';
import { buildPlanModel } from '../../shared/scheduler/site-model';
import type { ScheduleInput, WaveSchedule } from '../../shared/scheduler/types';

/** A schedule checked against every hard rule by the scheduler's own checker, as if every site were pinned where it is. */
export function checked(input: ScheduleInput, schedule: WaveSchedule) {
  const model = buildPlanModel(input);
  const calendar = new WorkCalendar(input.holidays.map(toDay), toRanges(input.freezeWindows), input.settings.hypercareDays);
  const waves = schedule.waves.map((w) => ({
    number: w.number,
    windowStart: toDay(w.windowStart),
    windowEnd: toDay(w.windowEnd),
    prepLeadDays: w.prepLeadDays,
    locked: false,
    sites: w.sites.map((s) => ({ index: model.byCode.get(s.site.toLowerCase())!.index, goLive: toDay(s.goLive), pinned: s.pinned })),
  }));
  return { model, calendar, waves, violations: checkSchedule(input, model, calendar, waves) };
}
