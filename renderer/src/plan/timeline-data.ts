/** Turns a schedule into vis-timeline groups and items: one lane per wave (or region, or ERP), one bar per site. */
import { addDaysIso, daysBetween, toCalendarDate } from '../../../shared/dates';
import type { ScheduleView } from '../../../shared/contract';
import type { Site } from '../../../shared/domain';

export type GroupBy = 'wave' | 'region' | 'erp';

export interface TimelineGroup {
  id: string;
  content: string;
  order: number;
  className?: string;
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

export function waveGroupId(wave: number): string {
  return `wave:${wave}`;
}

export function waveOfGroup(id: string): number | null {
  return id.startsWith('wave:') ? Number(id.slice(5)) : null;
}

export function timelineData(view: ScheduleView, sites: Site[], groupBy: GroupBy): { groups: TimelineGroup[]; items: TimelineItem[] } {
  const byCode = new Map(sites.map((s) => [s.code, s]));
  const violated = new Set(view.schedule.violations.map((v) => v.site));
  const items: TimelineItem[] = [];
  const groups = new Map<string, TimelineGroup>();
  for (const wave of view.schedule.waves) {
    const locked = view.lockedWaves.includes(wave.number);
    if (groupBy === 'wave') {
      const label = wave.number === 0 ? 'Lighthouse' : `Wave ${wave.number}`;
      groups.set(waveGroupId(wave.number), {
        id: waveGroupId(wave.number),
        content: `${label}${locked ? ' · locked' : ''}`,
        order: wave.number,
        className: locked ? 'wp-group-locked' : '',
      });
    }
    for (const placed of wave.sites) {
      const site = byCode.get(placed.site);
      const key = groupBy === 'wave' ? waveGroupId(wave.number) : groupBy === 'region' ? `region:${site?.region ?? ''}` : `erp:${site?.erp ?? ''}`;
      if (!groups.has(key)) groups.set(key, { id: key, content: key.split(':')[1] || '—', order: 0 });
      const span = Math.max(1, daysBetween(placed.prepStart, placed.hypercareEnd) + 1);
      items.push({
        id: placed.site,
        group: key,
        start: toCalendarDate(placed.prepStart),
        end: toCalendarDate(addDaysIso(placed.hypercareEnd, 1)),
        goLiveAt: daysBetween(placed.prepStart, placed.goLive) / span,
        site: placed.site,
        name: site?.name ?? placed.site,
        wave: wave.number,
        goLive: placed.goLive,
        prepStart: placed.prepStart,
        hypercareEnd: placed.hypercareEnd,
        pinned: placed.pinned,
        lighthouse: wave.number === 0,
        violated: violated.has(placed.site),
        title: `${placed.site} ${site?.name ?? ''}\nGo-live ${placed.goLive} (prep from ${placed.prepStart}, hypercare to ${placed.hypercareEnd})\n${placed.reasons.join('\n')}`,
        className: ['wp-item', placed.pinned ? 'wp-pinned' : '', violated.has(placed.site) ? 'wp-violated' : '', wave.number === 0 ? 'wp-lighthouse' : ''].filter(Boolean).join(' '),
      });
    }
  }
  const ordered = [...groups.values()];
  if (groupBy !== 'wave') ordered.sort((a, b) => a.content.localeCompare(b.content)).forEach((g, i) => (g.order = i));
  return { groups: ordered, items };
}
