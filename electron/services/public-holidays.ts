/** Public holidays of a country, from the date-holidays package, as calendar days. */
import Holidays from 'date-holidays';
import { UserError } from './errors';

export function holidayCountries(): { code: string; name: string }[] {
  return Object.entries(new Holidays().getCountries('en'))
    .map(([code, name]) => ({ code, name }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

export function publicHolidays(country: string, fromYear: number, toYear: number): { date: string; name: string }[] {
  if (!Object.hasOwn(new Holidays().getCountries(), country)) throw new UserError('not-found', `No holiday calendar for country "${country}".`);
  const calendar = new Holidays(country);
  const days = new Map<string, string>();
  for (let year = fromYear; year <= toYear; year += 1) {
    for (const holiday of calendar.getHolidays(year, 'en')) {
      // "2027-05-01 00:00:00": the date part is the calendar day, whatever the time zone.
      if (holiday.type === 'public') days.set(holiday.date.slice(0, 10), holiday.name);
    }
  }
  return [...days.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([date, name]) => ({ date, name }));
}
