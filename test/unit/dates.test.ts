import { describe, expect, it } from 'vitest';
import { addDaysIso, daysBetween, isIsoDate, maxIso } from '../../shared/dates';

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
