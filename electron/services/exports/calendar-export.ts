/**
 * Go-lives and go/no-go gates as an iCalendar file (RFC 5545) that Outlook and Google Calendar
 * import: one all-day event per go-live and per open gate item, with stable UIDs so a re-import
 * updates the events instead of doubling them.
 */
import { addDaysIso } from '../../../shared/dates';
import type { ChecklistItem, PlaybookTask } from '../../../shared/domain';
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

function allDayEvent(uid: string, day: string, summary: string, description: string, stamp: string): string[] {
  return [
    'BEGIN:VEVENT',
    `UID:${uid}`,
    `DTSTAMP:${stamp}`,
    `DTSTART;VALUE=DATE:${compact(day)}`,
    `DTEND;VALUE=DATE:${compact(addDaysIso(day, 1))}`,
    `SUMMARY:${escapeText(summary)}`,
    `DESCRIPTION:${escapeText(description)}`,
    'TRANSP:TRANSPARENT',
    'END:VEVENT',
  ];
}

export function scheduleIcs(input: ScheduleExportInput, checklist: ChecklistItem[], tasks: PlaybookTask[], now = new Date()): string {
  const stamp = `${now.toISOString().replace(/[-:]/g, '').slice(0, 15)}Z`;
  const names = new Map(input.sites.map((s) => [s.code, s.name]));
  const gates = new Set(tasks.filter((t) => t.gate).map((t) => t.id));
  const lines = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Wave Planner//Wave Planner//EN', 'CALSCALE:GREGORIAN', 'METHOD:PUBLISH', `X-WR-CALNAME:${escapeText(`${input.planName} go-lives`)}`];
  for (const wave of input.schedule.waves) {
    const label = wave.number === 0 ? 'Lighthouse' : `Wave ${wave.number}`;
    for (const s of wave.sites) {
      lines.push(...allDayEvent(`${input.planUid}-${s.site}-go-live@wave-planner`, s.goLive, `Go-live: ${s.site} ${names.get(s.site) ?? ''}`.trim(), `${label}. Prep from ${s.prepStart}, hypercare to ${s.hypercareEnd}.`, stamp));
    }
  }
  for (const item of checklist) {
    if (!gates.has(item.taskKey) || item.status === 'done' || item.status === 'n/a') continue;
    lines.push(...allDayEvent(`${input.planUid}-${item.site}-${item.taskKey}@wave-planner`, item.dueDate, `Gate: ${item.title} (${item.site})`, `Go/no-go gate for ${item.site} ${names.get(item.site) ?? ''}; owner ${item.owner || 'not set'}; status ${item.status}.`, stamp));
  }
  lines.push('END:VCALENDAR');
  return `${lines.map(fold).join('\r\n')}\r\n`;
}
