/**
 * Rule 13, crews: a crew of size N serves at most N sites on any one day. The days a site needs a
 * crew depend on the crew's phase. The scheduler keeps a running load per crew and day, and asks
 * whether a site going live on a day would push any crew over its size.
 */
import type { Crew, CrewPhase } from '../domain';
import type { DayNumber } from './day-numbers';

/** The cutover crew works the week before and the week after a go-live. */
export const CUTOVER_DAYS = 7;

/** When a crew of each phase works on a site, in words. */
export const CREW_PHASE_MEANING: Record<CrewPhase, string> = {
  prep: 'from prep start to the day before go-live',
  cutover: 'from a week before go-live to a week after',
  hypercare: 'from go-live to the end of hypercare',
  rollout: 'from prep start to the end of hypercare',
};

/** The days (inclusive) a site going live on `goLive` needs a crew of `phase`. */
export function crewSpan(phase: CrewPhase, goLive: DayNumber, prepLead: number, hypercareDays: number): { from: DayNumber; to: DayNumber } {
  switch (phase) {
    case 'prep':
      return { from: goLive - prepLead, to: goLive - 1 };
    case 'cutover':
      return { from: goLive - CUTOVER_DAYS, to: goLive + CUTOVER_DAYS };
    case 'hypercare':
      return { from: goLive, to: goLive + hypercareDays };
    case 'rollout':
      return { from: goLive - prepLead, to: goLive + hypercareDays };
  }
}

/** Why a site cannot go live on a day: the crew that would be over its size, and its last full day in the way. */
export interface CrewBlock {
  crew: Crew;
  /** The last day, in the span the site would need, on which the crew is already full. */
  busyUntil: DayNumber;
}

/** Sites per crew per day, grown as sites are placed. */
export class CrewLoads {
  private base = 0;
  private readonly counts: Int32Array[];
  private length = 0;

  constructor(
    readonly crews: readonly Crew[],
    private readonly hypercareDays: number,
  ) {
    this.counts = crews.map(() => new Int32Array(0));
  }

  get empty(): boolean {
    return this.crews.length === 0;
  }

  private ensure(from: DayNumber, to: DayNumber): void {
    if (this.length === 0) {
      this.base = from - 365;
      this.length = to - from + 1 + 730;
      for (let c = 0; c < this.counts.length; c += 1) this.counts[c] = new Int32Array(this.length);
      return;
    }
    if (from >= this.base && to < this.base + this.length) return;
    // Grown by half again at least, so that a long program copies its loads a few times, not at every wave.
    const margin = Math.max(365, this.length >> 1);
    const base = from < this.base ? Math.min(this.base, from - margin) : this.base;
    const end = to >= this.base + this.length ? Math.max(this.base + this.length, to + margin) : this.base + this.length;
    for (let c = 0; c < this.counts.length; c += 1) {
      const grown = new Int32Array(end - base);
      grown.set(this.counts[c]!, this.base - base);
      this.counts[c] = grown;
    }
    this.base = base;
    this.length = end - base;
  }

  /** The number of sites crew `c` serves on `day`. */
  load(c: number, day: DayNumber): number {
    const i = day - this.base;
    return i >= 0 && i < this.length ? this.counts[c]![i]! : 0;
  }

  add(goLive: DayNumber, prepLead: number): void {
    this.crews.forEach((crew, c) => {
      const span = crewSpan(crew.phase, goLive, prepLead, this.hypercareDays);
      if (span.to < span.from) return;
      this.ensure(span.from, span.to);
      const counts = this.counts[c]!;
      for (let day = span.from; day <= span.to; day += 1) counts[day - this.base]! += 1;
    });
  }

  /** The crew a site going live on `goLive` would overload, if any (the first in the plan's order). */
  blocking(goLive: DayNumber, prepLead: number): CrewBlock | null {
    for (let c = 0; c < this.crews.length; c += 1) {
      const crew = this.crews[c]!;
      const span = crewSpan(crew.phase, goLive, prepLead, this.hypercareDays);
      for (let day = span.to; day >= span.from; day -= 1) {
        if (this.load(c, day) >= crew.size) return { crew, busyUntil: day };
      }
    }
    return null;
  }

  /** The first day from `day` on when crew `c` has room for one more site, looking at most `horizon` days ahead. */
  freeFrom(c: number, day: DayNumber, horizon = 3653): DayNumber | null {
    for (let d = day; d <= day + horizon; d += 1) if (this.load(c, d) < this.crews[c]!.size) return d;
    return null;
  }
}

/** A crew's day in the span a site needs, moved so that the span starts after `busyUntil`. */
export function dayAfterBlock(block: CrewBlock, goLive: DayNumber, prepLead: number, hypercareDays: number): DayNumber {
  const span = crewSpan(block.crew.phase, goLive, prepLead, hypercareDays);
  return goLive + (block.busyUntil - span.from) + 1;
}

/** The runs of days in [first, last] on which crew `c` serves more sites than its size, with the most it serves. */
export function overloadRuns(loads: CrewLoads, c: number, first: DayNumber, last: DayNumber): { from: DayNumber; to: DayNumber; peak: number }[] {
  const size = loads.crews[c]!.size;
  const runs: { from: DayNumber; to: DayNumber; peak: number }[] = [];
  let runFrom: DayNumber | null = null;
  let runPeak = 0;
  for (let day = first; day <= last + 1; day += 1) {
    const load = day <= last ? loads.load(c, day) : 0;
    if (load > size) {
      runFrom ??= day;
      runPeak = Math.max(runPeak, load);
    } else if (runFrom !== null) {
      runs.push({ from: runFrom, to: day - 1, peak: runPeak });
      runFrom = null;
      runPeak = 0;
    }
  }
  return runs;
}
