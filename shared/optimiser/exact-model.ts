/**
 * The exact optimum of a small plan (issue #15) as a mixed-integer program in CPLEX LP text, for
 * HiGHS: which window, wave number and day each site goes live on so that the sum of go-lives is the
 * least, keeping rules 1–9, 11 and 13 (rule 10's order is what it may leave). The lighthouse and
 * its day stay as rule 4 chooses them. Time-indexed: one binary per site, window, wave number and
 * feasible day, so it suits plans of a few dozen sites.
 *
 * - Rules 2, 3: only days on or after the site's earliest go-live for that wave's prep lead, working
 *   days whose hypercare meets no freeze or blackout, are variables at all.
 * - Rules 5–7: windows follow the learning gap every `waveIntervalDays`; a window used is numbered by
 *   the windows used before it, and its number sets the prep lead (hence the earliest day and crew days).
 * - Rule 6: at most `maxSitesPerWave` per window; any `staggerDays` run of days holds one go-live.
 * - Rule 8: an ERP not live is "introduced" in one window holding one of its sites, at most
 *   `maxNewErpsPerWave` per window, and none of its sites goes live before.
 * - Rule 9: a site's window comes after each predecessor's. Rule 13: on each day each crew serves at
 *   most its size, the lighthouse counted.
 * Pinned and locked plans are left to the search (null).
 */
import { toRanges, WorkCalendar } from '../scheduler/calendar';
import { checkSchedule, type WaveToCheck } from '../scheduler/check';
import { crewSpan } from '../scheduler/crews';
import { toDay, type DayNumber } from '../scheduler/day-numbers';
import { generateSchedule, prepLeadDays } from '../scheduler/schedule';
import { buildPlanModel, earliestWithLead, type PlanModel } from '../scheduler/site-model';
import type { ScheduleInput, Violation, WaveSchedule } from '../scheduler/types';

export interface ExactModelOptions {
  /** Windows beyond the default schedule's last one that the optimum may use. */
  extraWindows?: number;
  /** How many windows in a row may go unused. */
  maxSkippedWindows?: number;
}

interface Choice {
  name: string;
  site: number;
  window: number;
  wave: number;
  day: DayNumber;
  lead: number;
}

export interface ExactModel {
  /** The program in CPLEX LP format. */
  lp: string;
  /** Sites the program places (the lighthouse not counted). */
  sites: number;
  /** Its size: what the time HiGHS takes follows. */
  binaries: number;
  rows: number;
  /** The lighthouse's days from the as-of day: a schedule's total days are the objective plus these. */
  fixedDays: number;
  /** The schedule rule 10's order gives, which the optimum is measured against. */
  defaultSchedule: WaveSchedule;
  /** The schedule a solution describes (`isChosen(name)`: the binary is 1), lighthouse first. */
  wavesOf(isChosen: (name: string) => boolean): WaveToCheck[];
  /** The code of the site at `index` in those waves. */
  codeOf(index: number): string;
  /** The rules a schedule breaks, by the scheduler's own check. */
  violationsOf(waves: WaveToCheck[]): Violation[];
}

class LpWriter {
  readonly rows: string[] = [];
  readonly binaries: string[] = [];

  add(terms: [number, string][], op: '<=' | '>=' | '=', rhs: number): void {
    if (terms.length === 0) return;
    this.rows.push(` r${this.rows.length}: ${terms.map(([c, v]) => `${c < 0 ? '-' : '+'} ${Math.abs(c)} ${v}`).join(' ')} ${op} ${rhs}`);
  }

  text(objective: [number, string][]): string {
    return `Minimize\n obj: ${objective.map(([c, v]) => `+ ${c} ${v}`).join(' ')}\nSubject To\n${this.rows.join('\n')}\nBinary\n ${this.binaries.join(' ')}\nEnd\n`;
  }
}

function groupBy<T, K>(items: T[], key: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) {
    const group = groups.get(key(item));
    if (group) group.push(item);
    else groups.set(key(item), [item]);
  }
  return groups;
}

const ones = (choices: Choice[], coefficient = 1): [number, string][] => choices.map((c) => [coefficient, c.name]);

export function exactSequenceModel(input: ScheduleInput, options: ExactModelOptions = {}): ExactModel | null {
  const s = input.settings;
  if (input.sites.some((site) => site.pinnedWave !== null) || (input.lockedWaves?.length ?? 0) > 0) return null;
  const defaultSchedule = generateSchedule(input);
  const lighthouse = defaultSchedule.waves.find((w) => w.number === 0)?.sites[0];
  const last = defaultSchedule.waves.at(-1);
  if (!lighthouse || !last || last.number === 0) return null;
  const model: PlanModel = buildPlanModel(input);
  const calendar = new WorkCalendar(input.holidays.map(toDay), toRanges(input.freezeWindows), s.hypercareDays);
  const lighthouseDay = toDay(lighthouse.goLive);
  const lighthouseModel = model.byCode.get(lighthouse.site.toLowerCase())!;
  const gridStart = lighthouseDay + s.hypercareDays + s.signoffDays;
  const asOf = toDay(input.asOf);
  const windows = Math.round((toDay(last.windowStart) - gridStart) / s.waveIntervalDays) + 1 + (options.extraWindows ?? 2);
  const maxSkip = options.maxSkippedWindows ?? 4;
  const wavesOfWindow = (j: number) => Array.from({ length: Math.min(j + 1, maxSkip + 1) }, (_, i) => j + 1 - i);
  const placed = new Set(defaultSchedule.waves.flatMap((w) => w.sites.map((p) => p.site)));
  // In code order, with names by rank: the same plan gives the same program whatever order its sites and ERPs come in.
  const byCode = (a: { code: string }, b: { code: string }) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);
  const sites = model.sites.filter((m) => !m.blocked && m !== lighthouseModel && placed.has(m.code)).sort(byCode);
  const rank = new Map(sites.map((m, i) => [m.index, i]));

  const choices: Choice[] = [];
  for (const m of sites) {
    for (let j = 0; j < windows; j += 1) {
      const start = gridStart + j * s.waveIntervalDays;
      const end = start + s.waveWindowDays - 1;
      for (const wave of wavesOfWindow(j)) {
        const lead = prepLeadDays(wave, s);
        for (let day = Math.max(start, earliestWithLead(m, lead)); day <= end; day += 1) {
          if (!calendar.isWorkingDay(day) || calendar.clash(calendar.freezes, day) || calendar.clash(m.blackouts, day)) continue;
          choices.push({ name: `y${rank.get(m.index)}_${j}_${wave}_${day - gridStart}`, site: m.index, window: j, wave, day, lead });
        }
      }
    }
  }
  const bySite = groupBy(choices, (c) => c.site);
  const byWindow = groupBy(choices, (c) => c.window);
  const lp = new LpWriter();
  lp.binaries.push(...choices.map((c) => c.name));

  for (const m of sites) lp.add(ones(bySite.get(m.index) ?? []), '=', 1);

  const used = (j: number, wave: number) => `u${j}_${wave}`;
  for (let j = 0; j < windows; j += 1) {
    const inWindow = byWindow.get(j) ?? [];
    const waves = wavesOfWindow(j);
    lp.binaries.push(...waves.map((w) => used(j, w)));
    lp.add(waves.map((w) => [1, used(j, w)]), '<=', 1);
    lp.add(ones(inWindow), '<=', s.maxSitesPerWave);
    const usedBefore: [number, string][] = [];
    for (let i = 0; i < j; i += 1) for (const w of wavesOfWindow(i)) usedBefore.push([1, used(i, w)]);
    for (const wave of waves) {
      const withNumber = inWindow.filter((c) => c.wave === wave);
      // Sites go only into a window used under that number, and a window used holds a site.
      lp.add([...ones(withNumber), [-s.maxSitesPerWave, used(j, wave)]], '<=', 0);
      lp.add([[1, used(j, wave)], ...ones(withNumber, -1)], '<=', 0);
      // Its number is one more than the windows used before it.
      if (wave > 1) lp.add([...usedBefore, [-(wave - 1), used(j, wave)]], '>=', 0);
      lp.add([...usedBefore, [windows, used(j, wave)]], '<=', wave - 1 + windows);
    }
  }

  // A go-live slot per wave number and day: how many sites go live then (0 or 1, by the stagger). The
  // stagger and the crews are written on the slots, not on every site's choice: a far smaller program.
  const slots = groupBy(choices, (c) => `${c.wave}_${c.day}`);
  const slot = (key: string) => `g${key}`;
  for (const [key, group] of slots) {
    lp.binaries.push(slot(key));
    lp.add([...ones(group), [-1, slot(key)]], '=', 0);
  }
  const slotList = [...slots.entries()].map(([key, group]) => ({ name: slot(key), window: group[0]!.window, day: group[0]!.day, lead: group[0]!.lead }));
  for (const [, inWindow] of groupBy(slotList, (g) => g.window)) {
    for (const first of inWindow) {
      const near = inWindow.filter((g) => g.day >= first.day && g.day < first.day + s.staggerDays);
      if (near.length > 1) lp.add(near.map((g) => [1, g.name]), '<=', 1);
    }
  }

  const erpCode = (e: number) => model.erps[e]?.code ?? '';
  const newErps = [...new Set(sites.map((m) => m.erpIndex))].filter((e) => e !== lighthouseModel.erpIndex).sort((a, b) => byCode({ code: erpCode(a) }, { code: erpCode(b) }));
  const introduced = (e: number, j: number) => `f${newErps.indexOf(e)}_${j}`;
  for (let j = 0; j < windows; j += 1) {
    lp.binaries.push(...newErps.map((e) => introduced(e, j)));
    lp.add(newErps.map((e) => [1, introduced(e, j)]), '<=', s.maxNewErpsPerWave);
    for (const e of newErps) {
      const ofErp = (byWindow.get(j) ?? []).filter((c) => model.sites[c.site]!.erpIndex === e);
      lp.add([[1, introduced(e, j)], ...ones(ofErp, -1)], '<=', 0);
      const soFar: [number, string][] = Array.from({ length: j + 1 }, (_, i) => [-1, introduced(e, i)]);
      for (const m of sites.filter((x) => x.erpIndex === e)) lp.add([...ones(ofErp.filter((c) => c.site === m.index)), ...soFar], '<=', 0);
    }
  }

  for (const m of sites) {
    for (const p of m.predecessors) {
      const before = bySite.get(p);
      if (before) lp.add([...(bySite.get(m.index) ?? []).map((c): [number, string] => [c.window, c.name]), ...before.map((c): [number, string] => [-c.window, c.name])], '>=', 1);
    }
  }

  for (const crew of input.crews ?? []) {
    const lighthouseSpan = crewSpan(crew.phase, lighthouseDay, prepLeadDays(0, s), s.hypercareDays);
    const byDay = new Map<DayNumber, string[]>();
    for (const g of slotList) {
      const span = crewSpan(crew.phase, g.day, g.lead, s.hypercareDays);
      for (let day = span.from; day <= span.to; day += 1) {
        const load = byDay.get(day);
        if (load) load.push(g.name);
        else byDay.set(day, [g.name]);
      }
    }
    for (const [day, load] of byDay) {
      const room = crew.size - (day >= lighthouseSpan.from && day <= lighthouseSpan.to ? 1 : 0);
      if (load.length > room) lp.add(load.map((name) => [1, name]), '<=', room);
    }
  }

  const byName = new Map(choices.map((c) => [c.name, c]));
  return {
    lp: lp.text(choices.map((c) => [c.day - asOf, c.name])),
    sites: sites.length,
    binaries: lp.binaries.length,
    rows: lp.rows.length,
    fixedDays: lighthouseDay - asOf,
    defaultSchedule,
    wavesOf(isChosen) {
      const waves = new Map<number, WaveToCheck>([[0, { number: 0, windowStart: lighthouseDay, windowEnd: lighthouseDay, prepLeadDays: prepLeadDays(0, s), locked: false, sites: [{ index: lighthouseModel.index, goLive: lighthouseDay, pinned: false }] }]]);
      for (const [name, c] of byName) {
        if (!isChosen(name)) continue;
        const start = gridStart + c.window * s.waveIntervalDays;
        if (!waves.has(c.wave)) waves.set(c.wave, { number: c.wave, windowStart: start, windowEnd: start + s.waveWindowDays - 1, prepLeadDays: c.lead, locked: false, sites: [] });
        waves.get(c.wave)!.sites.push({ index: c.site, goLive: c.day, pinned: false });
      }
      return [...waves.values()].sort((a, b) => a.number - b.number);
    },
    codeOf: (index) => model.sites[index]!.code,
    violationsOf: (waves) => checkSchedule(input, model, calendar, waves),
  };
}
