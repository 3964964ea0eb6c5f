/**
 * Calendar days as `YYYY-MM-DD` strings. A date here is a day at a site, never an instant:
 * arithmetic goes through date-fns on local-midnight dates built by `parse`, and back through
 * `format`, so no time zone or DST change can shift a day.
 */
// Subpath imports: the package root loads every date-fns function, about a second at start-up.
import { addDays } from 'date-fns/addDays';
import { addMonths } from 'date-fns/addMonths';
import { startOfMonth } from 'date-fns/startOfMonth';
import { differenceInCalendarDays } from 'date-fns/differenceInCalendarDays';
import { format } from 'date-fns/format';
import { isValid } from 'date-fns/isValid';
import { parse } from 'date-fns/parse';

export type IsoDate = string;

const ISO_DATE_SHAPE = /^\d{4}-\d{2}-\d{2}$/;
const ISO_FORMAT = 'yyyy-MM-dd';
const REFERENCE = new Date(2000, 0, 1);

/** True for a real calendar day written as YYYY-MM-DD (`2027-02-30` is false). */
export function isIsoDate(value: string): boolean {
  if (!ISO_DATE_SHAPE.test(value)) return false;
  const parsed = parse(value, ISO_FORMAT, REFERENCE);
  return isValid(parsed) && format(parsed, ISO_FORMAT) === value;
}

export function toCalendarDate(iso: IsoDate): Date {
  if (!isIsoDate(iso)) throw new RangeError(`"${iso}" is not a calendar date (YYYY-MM-DD)`);
  return parse(iso, ISO_FORMAT, REFERENCE);
}

export function fromCalendarDate(date: Date): IsoDate {
  return format(date, ISO_FORMAT);
}

export function addDaysIso(iso: IsoDate, days: number): IsoDate {
  return fromCalendarDate(addDays(toCalendarDate(iso), days));
}

/** Whole calendar days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return differenceInCalendarDays(toCalendarDate(to), toCalendarDate(from));
}

export function todayIso(now: Date = new Date()): IsoDate {
  return fromCalendarDate(now);
}

export function maxIso(...dates: (IsoDate | null | undefined)[]): IsoDate | null {
  let best: IsoDate | null = null;
  for (const d of dates) if (d && (best === null || d > best)) best = d;
  return best;
}

/** The first day of the month `iso` falls in. */
export function monthStartIso(iso: IsoDate): IsoDate {
  return fromCalendarDate(startOfMonth(toCalendarDate(iso)));
}

export function addMonthsIso(iso: IsoDate, months: number): IsoDate {
  return fromCalendarDate(addMonths(toCalendarDate(iso), months));
}
