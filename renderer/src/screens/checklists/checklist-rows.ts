/**
 * The checklists as the rows of one list: groups (by wave then site, by owner, or by due week), each
 * with its progress, and the items under them, after the filters. Pure, so that a list of 40,000
 * items is grouped once per change and the screen draws only the rows in view.
 */
import { format, parseISO, startOfISOWeek } from 'date-fns';
import type { ChecklistItem, ChecklistStatus } from '../../../../shared/domain';
import { plural } from '../../../../shared/plural';
import type { WaveSchedule } from '../../../../shared/scheduler/types';
import { waveName } from '../../../../shared/report/report-model';
import { windowLabel } from '../../plan/timeline-data';

export const CHECKLIST_GROUPINGS = { wave: 'Wave, then site', owner: 'Owner', week: 'Due week' } as const;
export type ChecklistGrouping = keyof typeof CHECKLIST_GROUPINGS;

export interface ChecklistFilters {
  overdueOnly: boolean;
  gatesOnly: boolean;
  /** A status, or 'open' for everything not done and not n/a. */
  status: ChecklistStatus | 'open' | null;
  owner: string | null;
  /** Words that the site code or the task title contains. */
  text: string;
}

export const NO_FILTERS: ChecklistFilters = { overdueOnly: false, gatesOnly: false, status: null, owner: null, text: '' };

export interface GroupProgress {
  /** Items that count (n/a ones do not). */
  total: number;
  done: number;
  overdue: number;
  openGates: number;
}

export interface GroupRow {
  kind: 'group';
  key: string;
  level: 1 | 2;
  title: string;
  detail: string;
  progress: GroupProgress;
  collapsed: boolean;
  /** Every item under the group (also those of a collapsed one), for selecting them all. */
  items: readonly ChecklistItem[];
}

export interface ItemRow {
  kind: 'item';
  /** The item's id. */
  key: number;
  level: 2 | 3;
  item: ChecklistItem;
  overdue: boolean;
  gate: boolean;
}

export type ChecklistRow = GroupRow | ItemRow;

export const idsOf = (group: GroupRow) => group.items.map((i) => i.id);

export const isClosed = (status: ChecklistStatus) => status === 'done' || status === 'n/a';
export const isOverdue = (item: ChecklistItem, today: string) => item.dueDate < today && !isClosed(item.status);

export function matchesFilters(item: ChecklistItem, filters: ChecklistFilters, gates: ReadonlySet<string>, today: string): boolean {
  if (filters.overdueOnly && !isOverdue(item, today)) return false;
  if (filters.gatesOnly && !gates.has(item.taskKey)) return false;
  if (filters.status === 'open' ? isClosed(item.status) : filters.status && item.status !== filters.status) return false;
  if (filters.owner !== null && item.owner !== filters.owner) return false;
  const text = filters.text.trim().toLowerCase();
  return !text || item.site.toLowerCase().includes(text) || item.title.toLowerCase().includes(text);
}

export function progressOf(items: readonly ChecklistItem[], gates: ReadonlySet<string>, today: string): GroupProgress {
  const progress: GroupProgress = { total: 0, done: 0, overdue: 0, openGates: 0 };
  for (const item of items) {
    if (item.status === 'n/a') continue;
    progress.total += 1;
    if (item.status === 'done') progress.done += 1;
    else {
      if (item.dueDate < today) progress.overdue += 1;
      if (gates.has(item.taskKey)) progress.openGates += 1;
    }
  }
  return progress;
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
/** Plain comparisons (ISO days, codes): a locale-aware one would take most of the time at 40,000 items. */
export const byDueThenTitle = (a: ChecklistItem, b: ChecklistItem) => compare(a.dueDate, b.dueDate) || compare(a.site, b.site) || a.title.localeCompare(b.title);

interface Bucket {
  key: string;
  title: string;
  detail: string;
  order: string | number;
  items: ChecklistItem[];
  children?: Map<string, Bucket>;
}

function bucket(map: Map<string, Bucket>, key: string, make: () => Omit<Bucket, 'items' | 'key'>): Bucket {
  let found = map.get(key);
  if (!found) map.set(key, (found = { key, items: [], ...make() }));
  return found;
}

const NOT_SCHEDULED = Number.MAX_SAFE_INTEGER;

/** Where each site sits in the schedule: its wave's number and window, and its go-live. */
function placementsOf(schedule: WaveSchedule | null) {
  const placements = new Map<string, { wave: number; goLive: string }>();
  const waves = new Map<number, { title: string; detail: string }>();
  for (const wave of schedule?.waves ?? []) {
    waves.set(wave.number, {
      title: waveName(wave.number),
      detail: `go-live ${windowLabel(wave.windowStart, wave.windowEnd)} · ${plural(wave.sites.length, 'site')}`,
    });
    for (const placed of wave.sites) placements.set(placed.site, { wave: wave.number, goLive: placed.goLive });
  }
  return { placements, waves };
}

/** The Monday of each due day's week, worked out once per distinct day. */
function weekStarts(): (day: string) => string {
  const cache = new Map<string, string>();
  return (day) => {
    let monday = cache.get(day);
    if (monday === undefined) cache.set(day, (monday = format(startOfISOWeek(parseISO(day)), 'yyyy-MM-dd')));
    return monday;
  };
}

function groupBuckets(items: readonly ChecklistItem[], grouping: ChecklistGrouping, schedule: WaveSchedule | null, siteNames: ReadonlyMap<string, string>): Map<string, Bucket> {
  const top = new Map<string, Bucket>();
  if (grouping === 'wave') {
    const bySite = new Map<string, ChecklistItem[]>();
    for (const item of items) {
      const list = bySite.get(item.site);
      if (list) list.push(item);
      else bySite.set(item.site, [item]);
    }
    const { placements, waves } = placementsOf(schedule);
    for (const [code, siteItems] of bySite) {
      const placed = placements.get(code);
      const number = placed?.wave ?? NOT_SCHEDULED;
      const wave = bucket(top, `wave:${number}`, () => ({
        ...(waves.get(number) ?? { title: 'Not in the schedule', detail: 'sites the last re-plan did not place' }),
        order: number,
        children: new Map(),
      }));
      wave.children!.set(`site:${code}`, {
        key: `site:${code}`,
        title: code,
        detail: [siteNames.get(code), placed && `go-live ${placed.goLive}`].filter(Boolean).join(' · '),
        order: `${placed?.goLive ?? '9999'}|${code}`,
        items: siteItems,
      });
      for (const item of siteItems) wave.items.push(item);
    }
  } else if (grouping === 'owner') {
    for (const item of items) {
      const owner = item.owner.trim();
      bucket(top, `owner:${owner}`, () => ({ title: owner || 'No owner', detail: '', order: owner ? owner.toLowerCase() : '\uffff' })).items.push(item);
    }
  } else {
    const mondayOf = weekStarts();
    for (const item of items) {
      const monday = mondayOf(item.dueDate);
      bucket(top, `week:${monday}`, () => ({ title: `Week of ${monday}`, detail: '', order: monday })).items.push(item);
    }
  }
  return top;
}

const inOrder = (buckets: Map<string, Bucket>) => [...buckets.values()].sort((a, b) => (typeof a.order === 'number' && typeof b.order === 'number' ? a.order - b.order : String(a.order).localeCompare(String(b.order))));

export interface ChecklistRowsInput {
  /** The items the filters let through. */
  items: readonly ChecklistItem[];
  schedule: WaveSchedule | null;
  siteNames: ReadonlyMap<string, string>;
  gates: ReadonlySet<string>;
  grouping: ChecklistGrouping;
  collapsed: ReadonlySet<string>;
  today: string;
}

export function checklistRows({ items, schedule, siteNames, gates, grouping, collapsed, today }: ChecklistRowsInput): ChecklistRow[] {
  const rows: ChecklistRow[] = [];
  const itemRows = (list: ChecklistItem[], level: 2 | 3) => {
    for (const item of [...list].sort(byDueThenTitle)) rows.push({ kind: 'item', key: item.id, level, item, overdue: isOverdue(item, today), gate: gates.has(item.taskKey) });
  };
  const groupRow = (b: Bucket, level: 1 | 2, key: string): boolean => {
    const isCollapsed = collapsed.has(key);
    rows.push({ kind: 'group', key, level, title: b.title, detail: b.detail, progress: progressOf(b.items, gates, today), collapsed: isCollapsed, items: b.items });
    return !isCollapsed;
  };
  for (const top of inOrder(groupBuckets(items, grouping, schedule, siteNames))) {
    if (!groupRow(top, 1, top.key)) continue;
    if (top.children) {
      for (const child of inOrder(top.children)) if (groupRow(child, 2, `${top.key}/${child.key}`)) itemRows(child.items, 3);
    } else itemRows(top.items, 2);
  }
  return rows;
}

/** The owners named on any item, for the owner filter. */
export function ownersOf(items: readonly ChecklistItem[]): string[] {
  return [...new Set(items.map((i) => i.owner))].sort((a, b) => a.localeCompare(b));
}
