/**
 * The wave timeline (vis-timeline): created once, then fed through its DataSets, so a change of the
 * schedule updates bars instead of rebuilding the chart. Dragging a bar to another wave or day moves
 * the site (checked at once by the backend); right-click offers pin and lock. From the keyboard the
 * chart is one stop: the arrows choose a bar, Alt+arrows move it a wave, Enter opens the site.
 */
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { DataSet } from 'vis-data';
import { Timeline, type TimelineOptions } from 'vis-timeline';
import 'vis-timeline/styles/vis-timeline-graph2d.min.css';
import { addDaysIso, daysBetween, fromCalendarDate, toCalendarDate } from '../../../shared/dates';
import type { DateWindow } from '../../../shared/domain';
import { drawPredecessorLinks } from './predecessor-links';
import { stickyTimeAxis } from './sticky-time-axis';
import { initialWindow, isCrowded, lanesInView, waveOfGroup, type BackgroundItem, type Lane, type PredecessorLink, type TimelineEntry, type TimelineGroup, type TimelineItem } from './timeline-data';

export interface ContextTarget {
  site: string | null;
  wave: number | null;
  x: number;
  y: number;
}

interface Props {
  groups: TimelineGroup[];
  items: TimelineItem[];
  freezes: DateWindow[];
  /** Sites' blackout windows, behind the bars in their lanes. */
  blackouts: BackgroundItem[];
  asOf: string | null;
  /** Predecessor links to draw over the bars (none: not shown). */
  links: PredecessorLink[];
  /** Dragging between lanes changes the wave only when the lanes are waves. */
  lanesAreWaves: boolean;
  /** A drag (to a wave and day), or Alt+← / Alt+→ on the chosen bar (a wave earlier or later, day left to the scheduler). */
  onMove(site: string, wave: number, goLive: string | null): void;
  onContextMenu(target: ContextTarget): void;
  /** Double-click or Enter on a bar: the site's panel. */
  onOpen(site: string): void;
  /** Hands over the chart for the zoom buttons. */
  onReady?(chart: Timeline | null): void;
}

function barElement(item: TimelineItem): HTMLElement {
  const bar = document.createElement('div');
  bar.className = 'wp-bar';
  bar.dataset.site = item.site;
  const prep = document.createElement('div');
  prep.className = 'wp-prep';
  prep.style.width = `${(item.goLiveAt * 100).toFixed(2)}%`;
  const marker = document.createElement('div');
  marker.className = 'wp-golive';
  marker.style.left = `${(item.goLiveAt * 100).toFixed(2)}%`;
  const label = document.createElement('span');
  label.className = 'wp-label';
  label.textContent = `${item.site}${item.pinned ? ' (pinned)' : ''} · ${item.goLive}`;
  bar.append(prep, marker, label);
  return bar;
}

/** A lane's label: its name, its window and size, and the scheduler's warning about its size. */
function laneElement(lane: Lane | undefined): HTMLElement {
  const element = document.createElement('div');
  element.className = 'wp-lane';
  const title = document.createElement('div');
  title.className = 'wp-lane-title';
  title.textContent = lane?.content ?? '';
  element.append(title);
  if (lane?.detail) {
    const detail = document.createElement('div');
    detail.className = 'wp-lane-detail';
    detail.textContent = lane.detail;
    element.append(detail);
  }
  if (lane?.warning) {
    const warning = document.createElement('div');
    warning.className = 'wp-lane-warning';
    warning.title = lane.warning;
    const words = document.createElement('span');
    words.className = 'wp-lane-warning-words';
    words.textContent = ` ${lane.warning}`;
    warning.append('⚠', words);
    element.append(warning);
  }
  return element;
}

/** The bars in the order the keyboard walks them: by go-live, then code. */
const inKeyboardOrder = (items: TimelineItem[]) => [...items].sort((a, b) => (a.goLive < b.goLive ? -1 : a.goLive > b.goLive ? 1 : a.site < b.site ? -1 : 1));

function backgroundsOf(props: { freezes: DateWindow[]; blackouts: BackgroundItem[] }): BackgroundItem[] {
  const freezes = props.freezes.map(
    (f, i): BackgroundItem => ({
      id: `bg:freeze:${i}`,
      start: toCalendarDate(f.from),
      end: toCalendarDate(addDaysIso(f.to, 1)),
      type: 'background',
      className: 'wp-freeze',
      content: f.reason ? `Freeze: ${f.reason}` : 'Freeze',
      title: `Freeze ${f.from} – ${f.to}${f.reason ? `: ${f.reason}` : ''}`,
    }),
  );
  return [...freezes, ...props.blackouts];
}

/** What a bar or lane looks like, as one string: equal strings, nothing to redraw. */
function signature(entry: Record<string, unknown>): string {
  let out = '';
  for (const key in entry) {
    const value = entry[key];
    out += `${value instanceof Date ? value.getTime() : String(value)}\u0000`;
  }
  return out;
}

/** Applies only what differs from what the chart shows: an unchanged schedule redraws nothing. */
function syncDataSet<T extends { id: string }>(data: DataSet<T>, next: T[], shown: Map<string, string>): void {
  const nextKeys = new Map(next.map((entry) => [entry.id, signature(entry as unknown as Record<string, unknown>)]));
  const removed = [...shown.keys()].filter((id) => !nextKeys.has(id));
  const changed = next.filter((entry) => shown.get(entry.id) !== nextKeys.get(entry.id));
  if (removed.length) data.remove(removed);
  if (changed.length) data.update(changed as never);
  shown.clear();
  for (const [id, key] of nextKeys) shown.set(id, key);
}

function backgroundLabel(item: BackgroundItem | undefined): HTMLElement {
  const label = document.createElement('span');
  label.className = 'wp-background-label';
  label.textContent = item?.content ?? '';
  if (item?.title) label.title = item.title;
  return label;
}

const dayOf = (date: Date | number | string) => fromCalendarDate(new Date(date));

export function TimelineView(props: Props) {
  const scroller = useRef<HTMLDivElement>(null);
  const container = useRef<HTMLDivElement>(null);
  const timeline = useRef<Timeline | null>(null);
  const itemData = useRef(new DataSet<TimelineEntry>());
  const groupData = useRef(new DataSet<Lane>());
  const view = useRef<{ start: number; end: number } | null>(null);
  const siteBars = useRef(0);
  const shownItems = useRef(new Map<string, string>());
  const shownGroups = useRef(new Map<string, string>());
  const windowSet = useRef(false);
  const chosen = useRef<string | null>(null);
  const compact = useRef(false);
  const [announcement, setAnnouncement] = useState('');
  const handlers = useRef(props);
  handlers.current = props;

  /** Chooses a bar (the keyboard's and the mouse's selection), brings it into view and says what it is. */
  const choose = (site: string | null, options: { reveal?: boolean } = {}) => {
    chosen.current = site;
    const chart = timeline.current;
    if (!chart) return;
    chart.setSelection(site ? [site] : []);
    if (site && options.reveal) {
      chart.focus(site, { animation: false, zoom: false } as never);
      // Down the lanes too, clear of the time axis that stays at the top (scroll-margin in app.css).
      requestAnimationFrame(() => container.current?.querySelector('.vis-item.vis-selected')?.scrollIntoView({ block: 'nearest' }));
    }
    const item = site ? handlers.current.items.find((i) => i.id === site) : undefined;
    setAnnouncement(item ? item.title.split('\n').slice(0, 2).join(', ') : '');
  };

  /** Zoomed out, a lane is one row: its bars side by side without labels, its label on one line. */
  const showCompact = (next: boolean) => {
    if (next === compact.current || !timeline.current) return;
    compact.current = next;
    container.current?.classList.toggle('wp-timeline-compact', next);
    timeline.current.setOptions({ stack: !next });
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const { items, lanesAreWaves } = handlers.current;
    if (items.length === 0) return;
    const ordered = inKeyboardOrder(items);
    const at = ordered.findIndex((i) => i.id === chosen.current);
    const current = at >= 0 ? ordered[at]! : null;
    const step = event.key === 'ArrowRight' || event.key === 'ArrowDown' ? 1 : event.key === 'ArrowLeft' || event.key === 'ArrowUp' ? -1 : 0;
    if (step !== 0 && event.altKey) {
      if (!current || !lanesAreWaves || event.key === 'ArrowUp' || event.key === 'ArrowDown') return;
      event.preventDefault();
      // The lighthouse wave is the lighthouse's alone: its site does not move, and no site moves into it.
      const wave = current.wave + step;
      if (current.wave > 0 && wave >= 1) handlers.current.onMove(current.site, wave, null);
    } else if (step !== 0) {
      event.preventDefault();
      const next = current ? ordered[Math.min(ordered.length - 1, Math.max(0, at + step))]! : ordered[0]!;
      choose(next.id, { reveal: true });
    } else if (event.key === 'Home' || event.key === 'End') {
      event.preventDefault();
      choose((event.key === 'Home' ? ordered[0] : ordered.at(-1))!.id, { reveal: true });
    } else if (event.key === 'Enter' && current) {
      event.preventDefault();
      handlers.current.onOpen(current.site);
    } else if (event.key === 'Escape' && current) {
      choose(null);
    } else if ((event.key === 'ContextMenu' || (event.shiftKey && event.key === 'F10')) && current) {
      event.preventDefault();
      const box = container.current?.querySelector(`.vis-item.vis-selected`)?.getBoundingClientRect();
      handlers.current.onContextMenu({ site: current.site, wave: current.wave, x: box?.left ?? 0, y: box?.bottom ?? 0 });
    }
  };

  useEffect(() => {
    // The chart starts with its data and its window, so it draws once instead of three times.
    const start = props.items.length > 0 ? initialWindow(props.items, props.asOf) : null;
    view.current = start && { start: start.start.getTime(), end: start.end.getTime() };
    syncDataSet(itemData.current, [...props.items, ...backgroundsOf(props)] as TimelineEntry[], shownItems.current);
    syncDataSet(groupData.current, lanesInView(props.groups, props.items, view.current), shownGroups.current);
    siteBars.current = props.items.length;
    windowSet.current = start !== null;
    const options: TimelineOptions = {
      ...(start ?? {}),
      stack: !isCrowded(handlers.current.items, view.current),
      orientation: 'top',
      zoomMin: 1000 * 60 * 60 * 24 * 7,
      zoomMax: 1000 * 60 * 60 * 24 * 365 * 6,
      editable: { updateTime: true, updateGroup: true, add: false, remove: false, overrideItems: false },
      itemsAlwaysDraggable: { item: true, range: true },
      snap: (date) => toCalendarDate(dayOf(date)),
      groupOrder: 'order',
      margin: { item: { horizontal: 2, vertical: 4 } },
      template: (item?: TimelineEntry) => (item && 'goLiveAt' in item ? barElement(item) : backgroundLabel(item)),
      groupTemplate: (lane?: Lane) => laneElement(lane),
      // A card kept inside the chart, not a line running off the screen.
      tooltip: { followMouse: true, overflowMethod: 'cap', delay: 300 },
      onMove: (item, callback) => {
        const moved = item as unknown as TimelineItem;
        const original = itemData.current.get(moved.id as string) as TimelineItem | null;
        callback(null); // the backend decides; the bar moves when the new schedule comes back
        if (!original) return;
        const wave = handlers.current.lanesAreWaves ? waveOfGroup(String(moved.group)) : original.wave;
        if (wave === null) return;
        const shift = daysBetween(original.prepStart, dayOf(moved.start));
        handlers.current.onMove(original.site, wave, addDaysIso(original.goLive, shift));
      },
    };
    const chart = new Timeline(container.current!, itemData.current as never, groupData.current as never, options);
    chart.on('contextmenu', (event: { item: string | null; group: string | null; event: MouseEvent }) => {
      event.event.preventDefault();
      handlers.current.onContextMenu({ site: event.item, wave: event.group ? waveOfGroup(event.group) : null, x: event.event.clientX, y: event.event.clientY });
    });
    chart.on('rangechanged', (range: { start: Date; end: Date }) => {
      view.current = { start: range.start.getTime(), end: range.end.getTime() };
      showCompact(isCrowded(handlers.current.items, view.current));
      syncDataSet(groupData.current, lanesInView(handlers.current.groups, handlers.current.items, view.current), shownGroups.current);
    });
    chart.on('select', (event: { items: string[] }) => choose(event.items.find((id) => !id.startsWith('bg:')) ?? null));
    chart.on('doubleClick', (event: { item: string | null }) => {
      if (event.item && !String(event.item).startsWith('bg:')) handlers.current.onOpen(String(event.item));
    });
    const axis = stickyTimeAxis(scroller.current!, container.current!);
    // Marks the container once the chart has drawn what it holds (read by tests and the benchmark).
    chart.on('changed', () => {
      container.current?.setAttribute('data-drawn-items', String(siteBars.current));
      axis.update();
      drawPredecessorLinks(container.current!, handlers.current.links);
    });
    timeline.current = chart;
    compact.current = isCrowded(handlers.current.items, view.current);
    container.current!.classList.toggle('wp-timeline-compact', compact.current);
    handlers.current.onReady?.(chart);
    return () => {
      handlers.current.onReady?.(null);
      axis.dispose();
      chart.destroy();
      timeline.current = null;
    };
  }, []);

  useEffect(() => {
    if (!timeline.current) return;
    syncDataSet(itemData.current, [...props.items, ...backgroundsOf(props)] as TimelineEntry[], shownItems.current);
    syncDataSet(groupData.current, lanesInView(props.groups, props.items, view.current), shownGroups.current);
    siteBars.current = props.items.length;
    showCompact(isCrowded(props.items, view.current));
  }, [props.items, props.groups, props.freezes, props.blackouts]);

  useEffect(() => {
    if (container.current) drawPredecessorLinks(container.current, props.links);
  }, [props.links]);

  useEffect(() => {
    const chart = timeline.current;
    if (!chart || !props.asOf) return;
    try {
      chart.removeCustomTime('as-of');
    } catch {
      // not there yet
    }
    chart.addCustomTime(toCalendarDate(props.asOf), 'as-of');
    chart.setCustomTimeTitle(`Today (as of ${props.asOf})`, 'as-of');
  }, [props.asOf]);

  useEffect(() => {
    const chart = timeline.current;
    if (!chart || props.items.length === 0 || windowSet.current) return;
    const window = initialWindow(props.items, props.asOf);
    view.current = { start: window.start.getTime(), end: window.end.getTime() };
    syncDataSet(groupData.current, lanesInView(props.groups, props.items, view.current), shownGroups.current);
    chart.setWindow(window.start, window.end, { animation: false });
    windowSet.current = true;
    showCompact(isCrowded(props.items, view.current));
  }, [props.items, props.asOf]);

  return (
    <>
      <div ref={scroller} className="wp-timeline-scroller" data-testid="timeline-scroller">
        <div
          ref={container}
          className="wp-timeline"
          data-testid="timeline"
          tabIndex={0}
          role="application"
          aria-roledescription="wave timeline"
          aria-label="Wave timeline. Arrow keys choose a site, Alt+Left and Alt+Right move it a wave earlier or later, Enter opens it, Shift+F10 its menu."
          onKeyDown={onKeyDown}
        />
      </div>
      <div aria-live="polite" className="wp-visually-hidden" data-testid="timeline-announcement">
        {announcement}
      </div>
    </>
  );
}

