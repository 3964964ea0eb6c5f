/**
 * The wave timeline (vis-timeline): created once, then fed through its DataSets, so a change of the
 * schedule updates bars instead of rebuilding the chart. Dragging a bar to another wave or day moves
 * the site (checked at once by the backend); right-click offers pin and lock.
 */
import { useEffect, useRef } from 'react';
import { DataSet } from 'vis-data';
import { Timeline, type TimelineOptions } from 'vis-timeline';
import 'vis-timeline/styles/vis-timeline-graph2d.min.css';
import { addDaysIso, daysBetween, fromCalendarDate, toCalendarDate } from '../../../shared/dates';
import type { DateWindow } from '../../../shared/domain';
import { waveOfGroup, type TimelineGroup, type TimelineItem } from './timeline-data';

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
  asOf: string | null;
  /** Dragging between lanes changes the wave only when the lanes are waves. */
  lanesAreWaves: boolean;
  onMove(site: string, wave: number, goLive: string): void;
  onContextMenu(target: ContextTarget): void;
  onSelect(site: string | null): void;
  /** Hands over the chart for the zoom buttons. */
  onReady?(chart: Timeline | null): void;
}

function barElement(item: TimelineItem): HTMLElement {
  const bar = document.createElement('div');
  bar.className = 'wp-bar';
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

const dayOf = (date: Date | number | string) => fromCalendarDate(new Date(date));

export function TimelineView(props: Props) {
  const container = useRef<HTMLDivElement>(null);
  const timeline = useRef<Timeline | null>(null);
  const itemData = useRef(new DataSet<TimelineItem & { type?: string }>());
  const groupData = useRef(new DataSet<TimelineGroup>());
  const siteBars = useRef(0);
  const handlers = useRef(props);
  handlers.current = props;

  useEffect(() => {
    const options: TimelineOptions = {
      stack: true,
      orientation: 'top',
      zoomMin: 1000 * 60 * 60 * 24 * 7,
      zoomMax: 1000 * 60 * 60 * 24 * 365 * 6,
      editable: { updateTime: true, updateGroup: true, add: false, remove: false, overrideItems: false },
      itemsAlwaysDraggable: { item: true, range: true },
      snap: (date) => toCalendarDate(dayOf(date)),
      groupOrder: 'order',
      margin: { item: { horizontal: 2, vertical: 4 } },
      template: (item?: TimelineItem) => (item && 'goLiveAt' in item ? barElement(item) : document.createElement('span')),
      tooltip: { followMouse: true, overflowMethod: 'flip' },
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
    chart.on('select', (event: { items: string[] }) => handlers.current.onSelect(event.items[0] ?? null));
    // Marks the container once the chart has drawn what it holds (read by tests and the benchmark).
    chart.on('changed', () => {
      container.current?.setAttribute('data-drawn-items', String(siteBars.current));
    });
    timeline.current = chart;
    handlers.current.onReady?.(chart);
    return () => {
      handlers.current.onReady?.(null);
      chart.destroy();
      timeline.current = null;
    };
  }, []);

  useEffect(() => {
    const items = itemData.current;
    const keep = new Set(props.items.map((i) => i.id));
    items.remove(items.getIds().filter((id) => !keep.has(String(id)) && !String(id).startsWith('bg:')));
    items.update(props.items);
    siteBars.current = props.items.length;
    const groups = groupData.current;
    const keepGroups = new Set(props.groups.map((g) => g.id));
    groups.remove(groups.getIds().filter((id) => !keepGroups.has(String(id))));
    groups.update(props.groups);
    const freezes = props.freezes.map((f, i) => ({ id: `bg:freeze:${i}`, start: toCalendarDate(f.from), end: toCalendarDate(addDaysIso(f.to, 1)), type: 'background', className: 'wp-freeze', content: f.reason ? `Freeze: ${f.reason}` : 'Freeze' }));
    items.remove(items.getIds().filter((id) => String(id).startsWith('bg:')));
    items.update(freezes as never);
  }, [props.items, props.groups, props.freezes]);

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
    if (chart && props.items.length > 0) chart.fit({ animation: false });
    // Fit only when a schedule first arrives, not on every change.
  }, [props.items.length > 0]);

  return <div ref={container} className="wp-timeline" data-testid="timeline" />;
}

