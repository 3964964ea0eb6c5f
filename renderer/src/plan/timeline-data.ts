/** Turns a schedule into vis-timeline groups and items: one lane per wave (or region, or ERP), one bar per site. */
import { addDaysIso, daysBetween, toCalendarDate } from '../../../shared/dates';
import { fromDay, toDay } from '../../../shared/scheduler/day-numbers';
import type { WaveSchedule } from '../../../shared/scheduler/types';
import type { ReadinessDimension, Site } from '../../../shared/domain';
import { plural } from '../../../shared/plural';
import { readinessState, readinessSummary } from '../../../shared/readiness';
import { waveLabel, waveName } from '../../../shared/report/report-model';

export type GroupBy = 'wave' | 'region' | 'erp';

export interface TimelineGroup {
  id: string;
  content: string;
  order: number;
  className?: string;
  /** A wave lane's second line: its go-live window and size ("2027-04-01 – 04-28 · 4 sites"). */
  detail?: string;
  /** What the scheduler says about the wave's size ("2 sites, fewer than 3"). */
  warning?: string;
}

export interface TimelineItem {
  id: string;
  group: string;
  start: Date;
  end: Date;
  /** Where the go-live falls along the bar, 0–1. */
  goLiveAt: number;
  site: string;
  name: string;
  wave: number;
  goLive: string;
  prepStart: string;
  hypercareEnd: string;
  pinned: boolean;
  lighthouse: boolean;
  violated: boolean;
  title: string;
  className: string;
}

/** A window drawn behind the bars: a freeze (every lane) or a site's blackout (its lane). */
export interface BackgroundItem {
  id: string;
  group?: string;
  start: Date;
  end: Date;
  type: 'background';
  className: string;
  content: string;
  title: string;
}

export function waveGroupId(wave: number): string {
  return `wave:${wave}`;
}

export function waveOfGroup(id: string): number | null {
  return id.startsWith('wave:') ? Number(id.slice(5)) : null;
}

/** A window's last day without what it shares with the first: "2027-04-01 – 04-28", "2027-12-20 – 2028-01-14". */
export function windowLabel(from: string, to: string): string {
  if (from === to) return from;
  return `${from} – ${to.slice(0, 4) === from.slice(0, 4) ? to.slice(5) : to}`;
}

/** The hover card of a bar: site, wave, dates, readiness and the scheduler's reasons, one per line. */
function cardOf(site: Site | undefined, code: string, wave: number, placed: WaveSchedule['waves'][number]['sites'][number], dimensions: ReadinessDimension[]): string {
  const readiness = site && dimensions.length > 0 ? readinessSummary(site, dimensions) : null;
  return [
    `${code} ${site?.name ?? ''}`.trim(),
    `${waveName(wave)}${placed.pinned ? ' (pinned)' : ''} · go-live ${placed.goLive}`,
    `Prep from ${placed.prepStart} · hypercare to ${placed.hypercareEnd}`,
    readiness && `Readiness ${Math.round(readiness.overall)} · ${readinessState(readiness)}`,
    ...placed.reasons,
  ]
    .filter(Boolean)
    .join('\n');
}

export function timelineData(schedule: WaveSchedule, lockedWaves: number[], sites: Site[], groupBy: GroupBy, dimensions: ReadinessDimension[] = []): { groups: TimelineGroup[]; items: TimelineItem[]; blackouts: BackgroundItem[] } {
  const byCode = new Map(sites.map((s) => [s.code, s]));
  // "Wave 2 has 2 sites, fewer than 3" → "fewer than 3" under a lane that already says "2 sites".
  const warnings = new Map(schedule.warnings.map((w) => [w.wave, w.message.replace(/^Wave \d+ has [^,]*, /, '').replace(' (expected for the last wave)', ' (last wave)')]));
  const violated = new Set(schedule.violations.map((v) => v.site));
  const items: TimelineItem[] = [];
  const blackouts: BackgroundItem[] = [];
  const groups = new Map<string, TimelineGroup>();
  for (const wave of schedule.waves) {
    const locked = lockedWaves.includes(wave.number);
    if (groupBy === 'wave') {
      const label = waveLabel(wave.number);
      groups.set(waveGroupId(wave.number), {
        id: waveGroupId(wave.number),
        content: `${label}${locked ? ' · locked' : ''}`,
        order: wave.number,
        // Never empty: vis-timeline fails on a lane whose class name goes from something to nothing (an unlock).
        className: locked ? 'wp-group wp-group-locked' : 'wp-group',
        detail: `${windowLabel(wave.windowStart, wave.windowEnd)} · ${plural(wave.sites.length, 'site')}`,
        ...(warnings.has(wave.number) ? { warning: warnings.get(wave.number)! } : {}),
      });
    }
    for (const placed of wave.sites) {
      const site = byCode.get(placed.site);
      const key = groupBy === 'wave' ? waveGroupId(wave.number) : groupBy === 'region' ? `region:${site?.region ?? ''}` : `erp:${site?.erp ?? ''}`;
      if (!groups.has(key)) groups.set(key, { id: key, content: key.split(':')[1] || '—', order: 0 });
      site?.blackouts.forEach((b, i) =>
        blackouts.push({
          id: `bg:blackout:${placed.site}:${i}`,
          group: key,
          start: toCalendarDate(b.from),
          end: toCalendarDate(addDaysIso(b.to, 1)),
          type: 'background',
          className: 'wp-blackout',
          content: '',
          title: `${placed.site} blackout ${b.from} – ${b.to}${b.reason ? `: ${b.reason}` : ''}`,
        }),
      );
      // Day numbers: thousands of bars are drawn again on every change of the schedule.
      const prep = toDay(placed.prepStart);
      const span = Math.max(1, toDay(placed.hypercareEnd) - prep + 1);
      items.push({
        id: placed.site,
        group: key,
        start: toCalendarDate(placed.prepStart),
        end: toCalendarDate(fromDay(toDay(placed.hypercareEnd) + 1)),
        goLiveAt: (toDay(placed.goLive) - prep) / span,
        site: placed.site,
        name: site?.name ?? placed.site,
        wave: wave.number,
        goLive: placed.goLive,
        prepStart: placed.prepStart,
        hypercareEnd: placed.hypercareEnd,
        pinned: placed.pinned,
        lighthouse: wave.number === 0,
        violated: violated.has(placed.site),
        title: cardOf(site, placed.site, wave.number, placed, dimensions),
        className: ['wp-item', placed.pinned ? 'wp-pinned' : '', violated.has(placed.site) ? 'wp-violated' : '', wave.number === 0 ? 'wp-lighthouse' : ''].filter(Boolean).join(' '),
      });
    }
  }
  const ordered = [...groups.values()];
  if (groupBy !== 'wave') ordered.sort((a, b) => a.content.localeCompare(b.content)).forEach((g, i) => (g.order = i));
  return { groups: ordered, items, blackouts };
}

/** A longer program opens on about eight months, enough for several waves at a readable zoom. */
const INITIAL_WINDOW_DAYS = 240;
const WHOLE_PROGRAM_DAYS = 548;
/** After the last bar, room for its label ("US-COL · 2027-09-14") at the whole-program zoom. */
const LABEL_ROOM_DAYS = 150;

export type TimelineEntry = TimelineItem | BackgroundItem;

/**
 * The first view: the whole program when it spans up to a year and a half; otherwise the months
 * ahead, where the work is. A window of months draws only the bars and lanes inside it (fitting
 * years of waves drew every one).
 */
export function initialWindow(items: TimelineItem[], asOf: string | null): { start: Date; end: Date } {
  let first = items[0]!.prepStart;
  let last = items[0]!.hypercareEnd;
  for (const i of items) {
    if (i.prepStart < first) first = i.prepStart;
    if (i.hypercareEnd > last) last = i.hypercareEnd;
  }
  // Room on the right for the labels that follow the last bars.
  if (daysBetween(first, last) <= WHOLE_PROGRAM_DAYS) return { start: toCalendarDate(addDaysIso(first, -14)), end: toCalendarDate(addDaysIso(last, LABEL_ROOM_DAYS)) };
  const from = addDaysIso(asOf && asOf > first ? asOf : first, -14);
  return { start: toCalendarDate(from), end: toCalendarDate(addDaysIso(from, INITIAL_WINDOW_DAYS)) };
}

export type Lane = TimelineGroup & { visible: boolean };

/**
 * Only the lanes with work in the window are drawn: vis-timeline lays out every lane it holds, and a
 * program of years has hundreds of waves (365 lanes took a second to draw). Panning or zooming shows
 * the lanes of the waves that come into view. A quarter of the window either side is kept, so lanes
 * do not flicker at the edges.
 */
export function lanesInView(groups: TimelineGroup[], items: TimelineItem[], window: { start: number; end: number } | null): Lane[] {
  if (!window) return groups.map((g) => ({ ...g, visible: true }));
  const margin = (window.end - window.start) / 4;
  const spans = new Map<string, { start: number; end: number }>();
  for (const item of items) {
    const span = spans.get(item.group);
    const start = item.start.getTime();
    const end = item.end.getTime();
    spans.set(item.group, span ? { start: Math.min(span.start, start), end: Math.max(span.end, end) } : { start, end });
  }
  return groups.map((g) => {
    const span = spans.get(g.id);
    return { ...g, visible: !span || (span.end >= window.start - margin && span.start <= window.end + margin) };
  });
}

/** More bars in view than about three screens of stacked rows: lanes then collapse to one row each. */
const CROWDED_BARS = 72;

/** Whether the window holds so many bars that stacked lanes and bar labels stop being readable (a zoomed-out large plan). */
export function isCrowded(items: TimelineItem[], window: { start: number; end: number } | null): boolean {
  if (!window) return false;
  let inView = 0;
  for (const item of items) {
    if (item.end.getTime() >= window.start && item.start.getTime() <= window.end && ++inView > CROWDED_BARS) return true;
  }
  return false;
}

/** A site waiting for another: drawn from the predecessor's go-live to the site's. */
export interface PredecessorLink {
  from: string;
  to: string;
}

/** The predecessor links between placed sites (a link to a site not on the timeline has nothing to point at). */
export function predecessorLinks(items: TimelineItem[], sites: Site[]): PredecessorLink[] {
  const placed = new Set(items.map((item) => item.site));
  return sites.flatMap((site) => (placed.has(site.code) ? site.predecessors.filter((code) => placed.has(code)).map((from) => ({ from, to: site.code })) : []));
}
