import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDaysIso, daysBetween, isIsoDate, maxIso, toCalendarDate } from '../../shared/dates';

describe('calendar dates', () => {
  it('accepts real days and refuses impossible ones', () => {
    expect(isIsoDate('2027-02-28')).toBe(true);
    expect(isIsoDate('2028-02-29')).toBe(true);
    expect(isIsoDate('2027-02-29')).toBe(false);
    expect(isIsoDate('2027-02-30')).toBe(false);
    expect(isIsoDate('2027-13-01')).toBe(false);
    expect(isIsoDate('2027-1-01')).toBe(false);
    expect(isIsoDate('2027-01-01T00:00')).toBe(false);
    expect(isIsoDate('0099-12-31')).toBe(true);
    expect(addDaysIso('0099-12-31', 1)).toBe('0100-01-01');
  });

  it('takes as a real day exactly what the calendar has: every year, month and day, leap years and centuries included', () => {
    const pad = (n: number, width: number) => String(n).padStart(width, '0');
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 }), (year, month, day) => {
        const iso = `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
        // The calendar's own answer: a date built from the parts keeps them only when the day is real.
        const built = new Date(year, month - 1, day);
        built.setFullYear(year);
        const real = month >= 1 && built.getFullYear() === year && built.getMonth() === month - 1 && built.getDate() === day;
        expect(isIsoDate(iso)).toBe(real);
        if (real) expect(toCalendarDate(iso).getDate()).toBe(day);
      }),
      { numRuns: 5000 },
    );
    expect(['1900-02-29', '2100-02-29', '2000-02-29', '2024-02-29'].map(isIsoDate)).toEqual([false, false, true, true]);
  });

  it('adds days across DST changes and year ends without shifting the day', () => {
    expect(addDaysIso('2027-03-27', 1)).toBe('2027-03-28');
    expect(addDaysIso('2027-03-28', 1)).toBe('2027-03-29');
    expect(addDaysIso('2027-10-30', 2)).toBe('2027-11-01');
    expect(addDaysIso('2027-12-31', 1)).toBe('2028-01-01');
    expect(addDaysIso('2028-03-01', -1)).toBe('2028-02-29');
  });

  it('counts whole days between dates', () => {
    expect(daysBetween('2027-03-01', '2027-04-01')).toBe(31);
    expect(daysBetween('2027-04-01', '2027-03-01')).toBe(-31);
    expect(maxIso('2027-01-02', null, '2027-03-01', undefined)).toBe('2027-03-01');
    expect(maxIso()).toBeNull();
  });
});
