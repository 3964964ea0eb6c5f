/**
 * The days the plan's calendar events were last seen on, and how often they moved, so that an
 * exported iCalendar file gives each go-live and gate a SEQUENCE that rises whenever its day changes
 * (RFC 5545 §3.8.7.4): a calendar that imported an earlier file then takes the new day instead of
 * keeping the old one. Like the commit log this is history, not content, so undo never lowers it.
 *
 * A day that moves takes at least the number of minutes from 2020 to the commit, so a plan file
 * made from an exported plan (whose ledger starts at zero) still outranks what calendars hold.
 */
import type Database from 'better-sqlite3';
import type { ReadHandle } from './handles';
import { statement } from './statements';

/** The key of a plan's go-live event for a site, and of a gate item's event. */
export const goLiveEventKey = (site: string) => `${site}|go-live`;
export const gateEventKey = (site: string, taskKey: string) => `${site}|${taskKey}`;

const RECORD_DAYS = `
INSERT INTO calendar_events (event_key, day, sequence)
SELECT event_key, day, 0 FROM (
  SELECT e.key || '|go-live' AS event_key, json_extract(e.body, '$.goLive') AS day
    FROM schedule_entries e JOIN schedules s ON s.id = e.schedule_id AND s.is_current = 1
   WHERE e.list = 'site'
  UNION ALL
  SELECT sites.code || '|' || c.task_key, c.due_date
    FROM checklist_items c JOIN sites ON sites.id = c.site_id
   WHERE c.task_key IN (SELECT task_key FROM playbook_tasks WHERE gate = 1)
) WHERE day IS NOT NULL
ON CONFLICT (event_key) DO UPDATE SET
  day = excluded.day,
  sequence = max(calendar_events.sequence + 1, (SELECT CAST((julianday(at) - julianday('2020-01-01')) * 1440 AS INTEGER) FROM commits WHERE revision = ?))
WHERE calendar_events.day <> excluded.day`;

/** Records, inside commit `revision`, the current day of every go-live and gate event. */
export function recordCalendarEventDays(db: Database.Database, revision: number): void {
  statement(db, RECORD_DAYS).run(revision);
}

/** Each event's SEQUENCE by its key; an event not recorded yet is at 0. */
export function readCalendarSequences(h: ReadHandle): Map<string, number> {
  return new Map(h.all<{ event_key: string; sequence: number }>('SELECT event_key, sequence FROM calendar_events').map((r) => [r.event_key, r.sequence]));
}
