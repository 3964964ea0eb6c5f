/**
 * Calendar days as `YYYY-MM-DD` strings. A date here is a day at a site, never an instant:
 * arithmetic goes through date-fns on local-midnight dates built from the day's parts, and back
 * from the local parts, so no time zone or DST change can shift a day.
 */
// Subpath imports: the package root loads every date-fns function, about a second at start-up.
import { addDays } from 'date-fns/addDays';
import { addMonths } from 'date-fns/addMonths';
import { startOfMonth } from 'date-fns/startOfMonth';
import { differenceInCalendarDays } from 'date-fns/differenceInCalendarDays';

export type IsoDate = string;

const ISO_DATE_SHAPE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The local-midnight date of `iso`, or null when it is not a real calendar day (`2027-02-30`).
 * Built from its parts rather than through date-fns `parse`: this runs for every date the scheduler
 * and the report touch, and the general format parser was a tenth of a 500-site report's time.
 */
function localMidnightOf(iso: string): Date | null {
  if (!ISO_DATE_SHAPE.test(iso)) return null;
  const year = Number(iso.slice(0, 4));
  const month = Number(iso.slice(5, 7)) - 1;
  const day = Number(iso.slice(8, 10));
  const date = new Date(year, month, day);
  // Years 0–99 would be read as 1900–1999 by the constructor.
  date.setFullYear(year);
  const real = date.getFullYear() === year && date.getMonth() === month && date.getDate() === day;
  return real ? date : null;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * True for a real calendar day written as YYYY-MM-DD (`2027-02-30` is false). Checked by the
 * Gregorian calendar's own rule, as the Date constructor applies it: an import checks every date
 * cell, and building a local date for each was a tenth of a 10,000-site import's check.
 */
export function isIsoDate(value: string): boolean {
  if (!ISO_DATE_SHAPE.test(value)) return false;
  const year = Number(value.slice(0, 4));
  const month = Number(value.slice(5, 7));
  const day = Number(value.slice(8, 10));
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return day <= (month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1]!);
}

/** The days a plan may hold: wide enough for any rollout, narrow enough that every export and chart can show them. */
export const EARLIEST_DAY = '1900-01-01';
export const LATEST_DAY = '2199-12-31';
export const DAY_RANGE_MESSAGE = `must be a date from ${EARLIEST_DAY} to ${LATEST_DAY}`;

/** True for a real calendar day from 1900-01-01 to 2199-12-31. */
export function isPlanDay(value: string): boolean {
  return isIsoDate(value) && value >= EARLIEST_DAY && value <= LATEST_DAY;
}

export function toCalendarDate(iso: IsoDate): Date {
  const date = localMidnightOf(iso);
  if (date === null) throw new RangeError(`"${iso}" is not a calendar date (YYYY-MM-DD)`);
  return date;
}

export function fromCalendarDate(date: Date): IsoDate {
  const year = String(date.getFullYear()).padStart(4, '0');
  const month = String(date.getMonth() + 1).padStart(2, '0');
  const day = String(date.getDate()).padStart(2, '0');
  return `${year}-${month}-${day}`;
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

/** An instant (ISO timestamp) as the local day and minute it fell on: `2026-12-02 10:14`. */
export function localMinute(instant: string): string {
  const date = new Date(instant);
  return `${fromCalendarDate(date)} ${String(date.getHours()).padStart(2, '0')}:${String(date.getMinutes()).padStart(2, '0')}`;
}
