/** How busy each crew is, week by week, in a schedule: what the Plan screen's chart and the report's page show. */
import type { Crew } from '../domain';
import { crewSpan, CrewLoads, overloadRuns } from './crews';
import { fromDay, toDay, weekdayOf, type DayNumber } from './day-numbers';
import type { WaveSchedule } from './types';

export interface CrewWeek {
  /** The Monday the week starts on. */
  start: string;
  /** The most sites the crew serves on any day of the week. */
  peak: number;
}

export interface CrewLoadSeries {
  crew: Crew;
  weeks: CrewWeek[];
  /** Runs of days on which the crew serves more sites than its size, with the most it serves. */
  overloads: { from: string; to: string; peak: number }[];
}

export function crewLoadSeries(schedule: WaveSchedule, crews: readonly Crew[], hypercareDays: number): CrewLoadSeries[] {
  const placed = schedule.waves.flatMap((w) => w.sites.map((s) => ({ goLive: toDay(s.goLive), lead: w.prepLeadDays })));
  const loads = new CrewLoads(crews, hypercareDays);
  for (const p of placed) loads.add(p.goLive, p.lead);
  return crews.map((crew, c) => {
    const spans = placed.map((p) => crewSpan(crew.phase, p.goLive, p.lead, hypercareDays)).filter((span) => span.to >= span.from);
    if (spans.length === 0) return { crew, weeks: [], overloads: [] };
    const first = Math.min(...spans.map((s) => s.from));
    const last = Math.max(...spans.map((s) => s.to));
    const monday = (day: DayNumber) => day - ((weekdayOf(day) + 6) % 7);
    const weeks: CrewWeek[] = [];
    for (let week = monday(first); week <= last; week += 7) {
      let peak = 0;
      for (let day = week; day < week + 7; day += 1) peak = Math.max(peak, loads.load(c, day));
      weeks.push({ start: fromDay(week), peak });
    }
    const overloads = overloadRuns(loads, c, first, last).map((r) => ({ from: fromDay(r.from), to: fromDay(r.to), peak: r.peak }));
    return { crew, weeks, overloads };
  });
}
