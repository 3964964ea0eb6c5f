/**
 * Why a site went later than it could have: every earlier wave it missed and why (PRODUCT.md section 3,
 * the reasons paragraph), worked out once the schedule is built. Waves missed for the same reason in a
 * row are said once ("Held back from waves 3–9: each was full (4 sites)"), so a site that waited a year
 * does not carry twelve lines.
 */
import { plural } from '../plural';
import type { PlanSettings } from '../settings';
import type { DayRange, WorkCalendar } from './calendar';
import type { CrewBlock } from './crews';
import { fromDay, type DayNumber } from './day-numbers';
import { earliestWithLead, type PlanModel, type SiteModel } from './site-model';

const HELD_BACK = 'Held back from';
const LEARNING_GAP = 'Could go live from';

/** Whether a placed site's reason says why it went later than it could have (the report lists these). */
export function isDelayReason(reason: string): boolean {
  return reason.startsWith(HELD_BACK) || reason.startsWith(LEARNING_GAP);
}

/** What the reasons need of a built wave. */
export interface WaveFacts {
  number: number;
  windowStart: DayNumber;
  windowEnd: DayNumber;
  prepLeadDays: number;
  locked: boolean;
  placements: { index: number; goLive: DayNumber }[];
  newErps: number[];
  crewStop?: CrewBlock;
}

/** What the schedule hands over once it is built. */
export interface HeldBackInput {
  model: PlanModel;
  settings: PlanSettings;
  calendar: WorkCalendar;
  /** Each site's wave, -1 when it has none. */
  waveOf: Int32Array;
  /** The built waves by number. */
  waves: Map<number, WaveFacts>;
  /** The first site placed on each ERP (by index). */
  firstOnErp: Map<number, number>;
  hasCrews: boolean;
}

/**
 * The input with what is worked out once for every site: full waves looked up at once (so a site that
 * waited through hundreds of full waves costs no more than one) and the reasons many sites share.
 */
export interface HeldBackContext extends HeldBackInput {
  /** 1 for each wave number that was full (and not locked). */
  full: Uint8Array;
  /** For each wave number, the first wave number from it on that is not full. */
  nextNotFull: Int32Array;
  /** How many waves before each number were full. */
  fullBefore: Int32Array;
  /** Why a wave was missed by the sites with nothing of their own in the way, by wave and ERP. */
  plainMisses: Map<number, Miss>;
  /** "It was full", by the wave's size. */
  fullMisses: Map<number, Miss>;
}

export function heldBackContext(input: HeldBackInput): HeldBackContext {
  const last = Math.max(0, ...input.waves.keys());
  const full = new Uint8Array(last + 2);
  for (const wave of input.waves.values()) if (!wave.locked && wave.placements.length >= input.settings.maxSitesPerWave) full[wave.number] = 1;
  const nextNotFull = new Int32Array(last + 2);
  nextNotFull[last + 1] = last + 1;
  for (let n = last; n >= 0; n -= 1) nextNotFull[n] = full[n] ? nextNotFull[n + 1]! : n;
  const fullBefore = new Int32Array(last + 3);
  for (let n = 0; n <= last + 1; n += 1) fullBefore[n + 1] = fullBefore[n]! + full[n]!;
  return { ...input, full, nextNotFull, fullBefore, plainMisses: new Map(), fullMisses: new Map() };
}

/** After this many lines, the rest of the waves a site missed are counted, not told one by one. */
const MAX_LINES = 4;

/** A reason said of one wave ("it was full") or of several in a row ("each was full"). */
interface Miss {
  one: string;
  many: string;
}

const same = (text: string): Miss => ({ one: text, many: text });
const names = (ranges: DayRange[]) => [...new Set(ranges.map((r) => (r.reason ? `"${r.reason}"` : `${fromDay(r.from)} – ${fromDay(r.to)}`)))].join(', ');

/** The ranges that meet the hypercare of some go-live day in [from, to]. */
function rangesMeeting(ranges: readonly DayRange[], from: DayNumber, to: DayNumber, hypercareDays: number): DayRange[] {
  return ranges.filter((r) => r.to >= from && r.from <= to + hypercareDays);
}

function missOf(context: HeldBackContext, m: SiteModel, wave: WaveFacts): Miss {
  const { settings: s, calendar, model } = context;
  if (wave.locked) return { one: 'it is locked', many: 'each is locked' };
  const first = m.erpIndex >= 0 ? context.firstOnErp.get(m.erpIndex) : undefined;
  const erpLive = first !== undefined && context.waveOf[first]! < wave.number;
  if (m.erpIndex >= 0 && !erpLive && !wave.newErps.includes(m.erpIndex) && wave.newErps.length >= s.maxNewErpsPerWave) {
    const brought = wave.newErps.map((e) => model.erps[e]!.name).join(', ');
    return { one: `it already brought a new ERP (${brought})`, many: `each already brought a new ERP (${brought})` };
  }
  if (wave.crewStop) {
    const { crew, busyUntil } = wave.crewStop;
    return same(`crew "${crew.name}" (${crew.size} at a time) was full until ${fromDay(busyUntil)}, frees up on ${fromDay(busyUntil + 1)}`);
  }
  const from = Math.max(wave.windowStart, earliestWithLead(m, wave.prepLeadDays));
  const end = wave.windowEnd;
  if (from > end) return same(`its earliest go-live with ${wave.prepLeadDays} days prep was after the window`);
  if (!calendar.firstFeasibleDay(from, end, [])) {
    const freezes = rangesMeeting(calendar.freezes, from, end, s.hypercareDays);
    return same(freezes.length ? `the freeze ${names(freezes)} left no go-live day with hypercare clear of it` : 'no working day in its window');
  }
  if (!calendar.firstFeasibleDay(from, end, m.blackouts)) {
    return same(`its blackout ${names(rangesMeeting(m.blackouts, from, end, s.hypercareDays))} left no go-live day with hypercare clear of it`);
  }
  const taken = wave.placements.map((p) => p.goLive);
  if (!calendar.firstFeasibleDay(from, end, m.blackouts, taken, s.staggerDays)) {
    const days = [...taken].sort((a, b) => a - b).map(fromDay).join(', ');
    const freezes = rangesMeeting(calendar.freezes, from, end, s.hypercareDays);
    const clear = freezes.length ? ` and with hypercare clear of the freeze ${names(freezes)}` : '';
    return same(`no go-live day ${s.staggerDays} days from its other go-lives (${days})${clear}`);
  }
  return same(context.hasCrews ? 'a crew had no room on the days left in its window' : 'no go-live day in its window');
}

/**
 * A site without blackouts that could go live from the window's first day misses a wave for the same
 * reason as every such site on its ERP: worked out once (thousands of sites miss the same waves).
 */
function missOfCached(context: HeldBackContext, m: SiteModel, wave: WaveFacts): Miss {
  if (m.blackouts.length > 0 || earliestWithLead(m, wave.prepLeadDays) > wave.windowStart) return missOf(context, m, wave);
  const key = wave.number * (context.model.erps.length + 1) + m.erpIndex + 1;
  let miss = context.plainMisses.get(key);
  if (!miss) {
    miss = missOf(context, m, wave);
    context.plainMisses.set(key, miss);
  }
  return miss;
}

/** "It was full (4 sites)": one object per size, as thousands of sites say it. */
function fullMiss(context: HeldBackContext, sites: number): Miss {
  let miss = context.fullMisses.get(sites);
  if (!miss) {
    miss = { one: `it was full (${plural(sites, 'site')})`, many: `each was full (${plural(context.settings.maxSitesPerWave, 'site')})` };
    context.fullMisses.set(sites, miss);
  }
  return miss;
}

/** The predecessors a site waited for: those that went live in or after the wave it was first ready for. */
function waitedFor(context: HeldBackContext, m: SiteModel, readyIn: number): Miss {
  const names = m.predecessors.filter((p) => context.waveOf[p]! >= readyIn).map((p) => `${context.model.sites[p]!.code} (wave ${context.waveOf[p]})`);
  return same(`waiting for its predecessor${names.length === 1 ? '' : 's'} ${names.join(', ')}`);
}

/**
 * "Held back from wave N: …" for each wave from the one the site could first have joined (`readyIn`)
 * to the one before its own; `releasedIn` is when its predecessors let it in.
 */
export function heldBackReasons(context: HeldBackContext, m: SiteModel, readyIn: number, releasedIn: number, placedIn: number): string[] {
  const out: string[] = [];
  let run: { from: number; to: number; miss: Miss } | null = null;
  const flush = () => {
    if (run) out.push(run.from === run.to ? `${HELD_BACK} wave ${run.from}: ${run.miss.one}` : `${HELD_BACK} waves ${run.from}–${run.to}: ${run.miss.many}`);
  };
  const add = (from: number, to: number, miss: Miss) => {
    if (run && run.to === from - 1 && run.miss.one === miss.one) run.to = to;
    else {
      flush();
      run = { from, to, miss };
    }
  };
  const first = Math.max(1, readyIn);
  if (first < Math.min(releasedIn, placedIn)) add(first, Math.min(releasedIn, placedIn) - 1, waitedFor(context, m, readyIn));
  let number = Math.max(first, releasedIn);
  while (number < placedIn && out.length < MAX_LINES - 1) {
    const wave = context.waves.get(number);
    if (wave && context.full[number]) {
      const to = Math.min(context.nextNotFull[number]!, placedIn) - 1;
      add(number, to, fullMiss(context, wave.placements.length));
      number = to + 1;
    } else {
      if (wave) add(number, number, missOfCached(context, m, wave));
      number += 1;
    }
  }
  flush();
  if (number < placedIn) {
    const waves = placedIn - number;
    const fullOnes = context.fullBefore[placedIn]! - context.fullBefore[number]!;
    const parts = [fullOnes > 0 && `${fullOnes} full`, waves - fullOnes > 0 && `${waves - fullOnes} without a go-live day for it`].filter(Boolean);
    out.push(`${HELD_BACK} waves ${number}–${placedIn - 1} as well: ${parts.join(', ')}`);
  }
  return out;
}

/** A wave-1 site that could have gone live before wave 1 opened: the learning gap held it (rule 5). */
export function learningGapReason(context: HeldBackContext, m: SiteModel, wave: WaveFacts): string | null {
  const lighthouse = context.waves.get(0)?.placements[0];
  if (wave.number !== 1 || !lighthouse) return null;
  const earliest = earliestWithLead(m, wave.prepLeadDays);
  if (earliest >= wave.windowStart) return null;
  const s = context.settings;
  return `${LEARNING_GAP} ${fromDay(earliest)}, but wave 1 opens on ${fromDay(wave.windowStart)}: the learning gap after the lighthouse (go-live ${fromDay(lighthouse.goLive)}, ${s.hypercareDays} days' hypercare, ${s.signoffDays} days' sign-off)`;
}
