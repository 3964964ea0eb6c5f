/** Working days, blackouts and freezes: which days a site can go live on (rules 2 and 3). */
import type { DateWindow } from '../domain';
import { dayAfterBlock, type CrewBlock, type CrewLoads } from './crews';
import { toDay, weekdayOf, type DayNumber } from './day-numbers';

/** The crews a go-live must fit (rule 13), with the prep lead of the wave it would join. */
export interface CrewFit {
  loads: CrewLoads;
  prepLead: number;
  /** Filled with the last crew that pushed the day later or left no day: the site's reason to wait. */
  blocked?: CrewBlock;
}

/** An inclusive range of days, with the reason shown to the user. */
export interface DayRange {
  from: DayNumber;
  to: DayNumber;
  reason: string;
}

export function toRanges(windows: DateWindow[]): DayRange[] {
  return windows.map((w) => ({ from: toDay(w.from), to: toDay(w.to), reason: w.reason })).sort((a, b) => a.from - b.from || a.to - b.to);
}

export class WorkCalendar {
  private readonly holidays: Set<DayNumber>;
  constructor(
    holidays: DayNumber[],
    readonly freezes: DayRange[],
    readonly hypercareDays: number,
  ) {
    this.holidays = new Set(holidays);
  }

  isWorkingDay(day: DayNumber): boolean {
    const weekday = weekdayOf(day);
    return weekday !== 0 && weekday !== 6 && !this.holidays.has(day);
  }

  /** The first range whose days meet the hypercare that starts on `day`, if any. */
  clash(ranges: readonly DayRange[], day: DayNumber): DayRange | undefined {
    const end = day + this.hypercareDays;
    for (const range of ranges) {
      if (range.from > end) return undefined;
      if (range.to >= day) return range;
    }
    return undefined;
  }

  /**
   * The first day in [from, to] that is a working day, whose hypercare meets no freeze and none of
   * `blackouts`, that is at least `stagger` days from each of `taken`, and (given `crews`) that
   * keeps every crew within its size. Also says which blackout, if any, pushed the day later.
   */
  firstFeasibleDay(
    from: DayNumber,
    to: DayNumber,
    blackouts: readonly DayRange[],
    taken: readonly DayNumber[] = [],
    stagger = 0,
    crews?: CrewFit,
  ): { day: DayNumber; pushedBy: DayRange | null } | null {
    let day = from;
    let pushedBy: DayRange | null = null;
    while (day <= to) {
      if (!this.isWorkingDay(day)) {
        day += 1;
        continue;
      }
      const freeze = this.clash(this.freezes, day);
      if (freeze) {
        day = freeze.to + 1;
        continue;
      }
      const blackout = this.clash(blackouts, day);
      if (blackout) {
        pushedBy = blackout;
        day = blackout.to + 1;
        continue;
      }
      let next = day;
      for (const other of taken) if (Math.abs(other - day) < stagger) next = Math.max(next, other + stagger);
      if (next !== day) {
        day = next;
        continue;
      }
      const block = crews && !crews.loads.empty ? crews.loads.blocking(day, crews.prepLead) : null;
      if (block) {
        crews!.blocked = block;
        day = dayAfterBlock(block, day, crews!.prepLead, this.hypercareDays);
        continue;
      }
      return { day, pushedBy };
    }
    return null;
  }

  /**
   * The day for a site placed by hand in the window [start, end]: the best the rules allow from
   * `from`, else the first day the window offers clear of its blackouts and the stagger, else its
   * first working day clear of freezes, else its first day. A placement by hand is kept either way.
   */
  dayForPlacedSite(from: DayNumber, start: DayNumber, end: DayNumber, blackouts: readonly DayRange[], taken: readonly DayNumber[], stagger: number): DayNumber {
    return (
      this.firstFeasibleDay(from, end, blackouts, taken, stagger)?.day ??
      this.firstFeasibleDay(start, end, blackouts, taken, stagger)?.day ??
      this.firstFeasibleDay(start, end, [])?.day ??
      start
    );
  }
}
