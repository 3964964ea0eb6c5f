/**
 * Go-lives and go/no-go gates as an iCalendar file (RFC 5545) that Outlook and Google Calendar
 * import: one all-day event per go-live and per open gate item. UIDs come from the plan's identity
 * (kept through wave-plan export and import), so a re-import updates the events instead of doubling
 * them, and each event's SEQUENCE rises when its day moves (see calendar-events.ts), so calendars
 * take the new day.
 */
import { addDaysIso } from '../../../shared/dates';
import type { ChecklistItem, PlaybookTask } from '../../../shared/domain';
import { gateEventKey, goLiveEventKey } from '../plan/calendar-events';
import type { ScheduleExportInput } from './schedule-export';

/** Escapes text values (RFC 5545 §3.3.11). */
function escapeText(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');
}

/** Folds a content line at 75 octets (§3.1), never inside a UTF-8 character. */
function fold(line: string): string {
  const bytes = Buffer.from(line, 'utf8');
  if (bytes.length <= 75) return line;
  const parts: string[] = [];
  let start = 0;
  let limit = 75;
  while (start < bytes.length) {
    let end = Math.min(bytes.length, start + limit);
    // Step back to a character boundary (continuation bytes are 10xxxxxx).
    while (end < bytes.length && (bytes[end]! & 0xc0) === 0x80) end -= 1;
    parts.push(bytes.subarray(start, end).toString('utf8'));
    start = end;
    limit = 74; // continuation lines start with a space
  }
  return parts.join('\r\n ');
}

const compact = (iso: string) => iso.replace(/-/g, '');

interface CalendarEvent {
  uid: string;
  sequence: number;
  day: string;
  summary: string;
  description: string;
}

function allDayEvent({ uid, sequence, day, summary, description }: CalendarEvent, stamp: string): string[] {
  return [
    'BEGIN:VEVENT',
    `UID:${uid}`,
    `SEQUENCE:${sequence}`,
    `DTSTAMP:${stamp}`,
    `DTSTART;VALUE=DATE:${compact(day)}`,
    `DTEND;VALUE=DATE:${compact(addDaysIso(day, 1))}`,
    `SUMMARY:${escapeText(summary)}`,
    `DESCRIPTION:${escapeText(description)}`,
    'TRANSP:TRANSPARENT',
    'END:VEVENT',
  ];
}

/**
 * @param sequences each event's SEQUENCE by its key in the plan's calendar ledger
 */
export function scheduleIcs(input: ScheduleExportInput, checklist: ChecklistItem[], tasks: PlaybookTask[], sequences: ReadonlyMap<string, number>, now = new Date()): string {
  const stamp = `${now.toISOString().replace(/[-:]/g, '').slice(0, 15)}Z`;
  const names = new Map(input.sites.map((s) => [s.code, s.name]));
  const gates = new Set(tasks.filter((t) => t.gate).map((t) => t.id));
  const calendarName = escapeText(`${input.planName} go-lives`);
  const lines = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Wave Planner//Wave Planner//EN', 'CALSCALE:GREGORIAN', 'METHOD:PUBLISH', `NAME:${calendarName}`, `X-WR-CALNAME:${calendarName}`];
  const event = (key: string, fields: Omit<CalendarEvent, 'uid' | 'sequence'>) =>
    lines.push(...allDayEvent({ uid: `${input.planUid}-${key.replace('|', '-')}@wave-planner`, sequence: sequences.get(key) ?? 0, ...fields }, stamp));
  for (const wave of input.schedule.waves) {
    const label = wave.number === 0 ? 'Lighthouse' : `Wave ${wave.number}`;
    for (const s of wave.sites) {
      event(goLiveEventKey(s.site), { day: s.goLive, summary: `Go-live: ${s.site} ${names.get(s.site) ?? ''}`.trim(), description: `${label}. Prep from ${s.prepStart}, hypercare to ${s.hypercareEnd}.` });
    }
  }
  for (const item of checklist) {
    if (!gates.has(item.taskKey) || item.status === 'done' || item.status === 'n/a') continue;
    event(gateEventKey(item.site, item.taskKey), {
      day: item.dueDate,
      summary: `Gate: ${item.title} (${item.site})`,
      description: `Go/no-go gate for ${item.site} ${names.get(item.site) ?? ''}; owner ${item.owner || 'not set'}; status ${item.status}.`,
    });
  }
  lines.push('END:VCALENDAR');
  return `${lines.map(fold).join('\r\n')}\r\n`;
}
