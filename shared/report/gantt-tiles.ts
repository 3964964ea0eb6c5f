/**
 * How the wave Gantt is cut into pages: never by shrinking text, but by tiling. Rows go down in
 * blocks that fit a page; time goes across in blocks of whole months. Every tile repeats the month
 * and quarter headers and the site names.
 */
import { addDaysIso, addMonthsIso, monthStartIso } from '../dates';

export interface GanttTile {
  /** Rows [rowStart, rowEnd) of the Gantt. */
  rowStart: number;
  rowEnd: number;
  /** Days [from, to] shown, both inclusive, from a month start to a month end. */
  from: string;
  to: string;
}

export interface MonthColumn {
  start: string;
  end: string;
}

/** Whole months covering [from, to]. */
export function monthsBetween(from: string, to: string): MonthColumn[] {
  const months: MonthColumn[] = [];
  for (let start = monthStartIso(from); start <= to; start = addMonthsIso(start, 1)) {
    months.push({ start, end: addDaysIso(addMonthsIso(start, 1), -1) });
  }
  return months;
}

export interface GanttRowSpan {
  /** A wave heading, which has no dates of its own. */
  band: boolean;
  from?: string;
  to?: string;
}

/**
 * Row blocks of at most `rowsPerPage` (wave bands count as rows); for each block, the months its
 * rows span within [from, to], in blocks of at most `monthsPerPage`. A block never ends on a band
 * row, which would leave a wave heading alone at the foot of a page.
 */
export function tileGantt(rows: GanttRowSpan[], from: string, to: string, rowsPerPage: number, monthsPerPage: number): GanttTile[] {
  const tiles: GanttTile[] = [];
  let rowStart = 0;
  do {
    let rowEnd = Math.min(rows.length, rowStart + rowsPerPage);
    if (rowEnd < rows.length && rowEnd - 1 > rowStart && rows[rowEnd - 1]!.band) rowEnd -= 1;
    const block = rows.slice(rowStart, rowEnd).filter((r) => !r.band && r.from && r.to);
    const blockFrom = block.reduce((min, r) => (r.from! < min ? r.from! : min), block[0]?.from ?? from);
    const blockTo = block.reduce((max, r) => (r.to! > max ? r.to! : max), block[0]?.to ?? to);
    const months = monthsBetween(blockFrom < from ? from : blockFrom, blockTo > to ? to : blockTo);
    for (let m = 0; m < months.length; m += monthsPerPage) {
      const chunk = months.slice(m, m + monthsPerPage);
      tiles.push({ rowStart, rowEnd, from: chunk[0]!.start, to: chunk.at(-1)!.end });
    }
    rowStart = rowEnd;
  } while (rowStart < rows.length);
  return tiles;
}
