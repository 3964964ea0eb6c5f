/**
 * Changes made by hand to a stored schedule: a move to another wave or day, re-checked at once.
 * A move is kept even when it breaks a rule; the broken rules come back as violations (rule 11).
 */
import { toRanges, WorkCalendar } from './calendar';
import { checkSchedule, type WaveToCheck } from './check';
import { fromDay, toDay } from './day-numbers';
import { prepLeadDays } from './schedule';
import { buildPlanModel, earliestWithLead } from './site-model';
import type { ScheduleInput, ScheduledWave, Violation, WaveSchedule, WaveWarning } from './types';

/** Rules that only the scheduler itself can judge; a re-check keeps them as they were. */
const GENERATION_RULES = new Set<Violation['rule']>(['lighthouse', 'pin']);

/** Recomputes the violations and warnings of `schedule` against the plan as it is now. */
export function recheckSchedule(input: ScheduleInput, schedule: WaveSchedule, lockedWaves: number[] = []): WaveSchedule {
  const model = buildPlanModel(input);
  const calendar = new WorkCalendar(input.holidays.map(toDay), toRanges(input.freezeWindows), input.settings.hypercareDays);
  const toCheck: WaveToCheck[] = schedule.waves.map((w) => ({
    number: w.number,
    windowStart: toDay(w.windowStart),
    windowEnd: toDay(w.windowEnd),
    prepLeadDays: w.prepLeadDays,
    locked: lockedWaves.includes(w.number),
    sites: w.sites.flatMap((s) => {
      const m = model.byCode.get(s.site.toLowerCase());
      return m ? [{ index: m.index, goLive: toDay(s.goLive), pinned: s.pinned }] : [];
    }),
  }));
  const violations = [
    ...schedule.violations.filter((v) => GENERATION_RULES.has(v.rule)),
    ...checkSchedule(input, model, calendar, toCheck),
  ].sort((a, b) => (a.site < b.site ? -1 : a.site > b.site ? 1 : a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : a.message < b.message ? -1 : 1));
  const last = schedule.waves.at(-1)?.number ?? 0;
  const min = input.settings.minSitesPerWave;
  const warnings: WaveWarning[] = schedule.waves
    .filter((w) => w.number >= 1 && w.sites.length < min)
    .map((w) => ({
      wave: w.number,
      message: `Wave ${w.number} has ${w.sites.length} site${w.sites.length === 1 ? '' : 's'}, fewer than ${min}${w.number === last ? ' (expected for the last wave)' : ''}`,
    }));
  return { ...schedule, violations, warnings };
}

export class MoveError extends Error {}

/** Refuses a move into or out of a locked wave (the one refusal that needs no re-check). */
export function checkMovable(schedule: WaveSchedule, site: string, wave: number, lockedWaves: number[]): void {
  if (lockedWaves.includes(wave)) throw new MoveError(`Wave ${wave} is locked: unlock it before moving sites into it.`);
  const code = site.toLowerCase();
  const from = schedule.waves.find((w) => w.sites.some((s) => s.site.toLowerCase() === code));
  if (from && lockedWaves.includes(from.number)) throw new MoveError(`Wave ${from.number} is locked: unlock it before moving ${site} out of it.`);
}

/**
 * Moves `site` into wave `wave` (an existing wave, or the one after the last), on `goLive` or on the
 * best day the rules allow in that window; not re-checked yet.
 */
function placeSite(input: ScheduleInput, schedule: WaveSchedule, site: string, wave: number, goLive: string | null, lockedWaves: number[]): WaveSchedule {
  const code = site.toLowerCase();
  const model = buildPlanModel(input);
  const m = model.byCode.get(code);
  if (!m) throw new MoveError(`No active site "${site}" to move.`);
  checkMovable(schedule, m.code, wave, lockedWaves);

  const waves: ScheduledWave[] = schedule.waves.map((w) => ({ ...w, sites: w.sites.filter((s) => s.site.toLowerCase() !== code) }));
  let target = waves.find((w) => w.number === wave);
  const s = input.settings;
  if (!target) {
    const last = waves.at(-1);
    if (!last || wave !== last.number + 1 || wave === 0) {
      throw new MoveError(`There is no wave ${wave}; move the site into an existing wave or the one after the last (${(last?.number ?? 0) + 1}).`);
    }
    const start = last.number === 0 ? toDay(last.windowStart) + s.hypercareDays + s.signoffDays : toDay(last.windowStart) + s.waveIntervalDays;
    target = {
      number: wave,
      windowStart: fromDay(start),
      windowEnd: fromDay(start + s.waveWindowDays - 1),
      prepLeadDays: prepLeadDays(wave, s),
      sites: [],
    };
    waves.push(target);
  }
  const calendar = new WorkCalendar(input.holidays.map(toDay), toRanges(input.freezeWindows), s.hypercareDays);
  const start = toDay(target.windowStart);
  const end = toDay(target.windowEnd);
  const taken = target.sites.map((p) => toDay(p.goLive));
  const day = goLive
    ? toDay(goLive)
    : calendar.dayForPlacedSite(Math.max(start, earliestWithLead(m, target.prepLeadDays)), start, end, m.blackouts, taken, s.staggerDays);
  target.sites = [
    ...target.sites,
    {
      site: m.code,
      goLive: fromDay(day),
      prepStart: fromDay(day - target.prepLeadDays),
      hypercareEnd: fromDay(day + s.hypercareDays),
      pinned: true,
      reasons: [`Moved to ${wave === 0 ? 'the lighthouse wave' : `wave ${wave}`} on ${fromDay(day)} by the program manager`],
    },
  ].sort((a, b) => (a.goLive < b.goLive ? -1 : a.goLive > b.goLive ? 1 : a.site < b.site ? -1 : 1));
  return {
    ...schedule,
    waves: waves.filter((w) => w.sites.length > 0 || w.number === 0).sort((a, b) => a.number - b.number),
    unscheduled: schedule.unscheduled.filter((u) => u.site.toLowerCase() !== code),
  };
}

/** A move as the plan will hold it: the site moved, pinned there, and the schedule re-checked with the pin. */
export function moveAndPin(input: ScheduleInput, schedule: WaveSchedule, site: string, wave: number, goLive: string | null, lockedWaves: number[] = []): WaveSchedule {
  const moved = placeSite(input, schedule, site, wave, goLive, lockedWaves);
  const code = site.toLowerCase();
  const pinned = { ...input, sites: input.sites.map((s) => (s.code.toLowerCase() === code ? { ...s, pinnedWave: wave, pinnedGoLive: goLive } : s)) };
  return recheckSchedule(pinned, moved, lockedWaves);
}
