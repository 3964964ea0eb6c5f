/**
 * A sortable table that renders only the rows in view (TanStack Table and TanStack Virtual), with
 * arrow-key navigation between cells: a plan of thousands of sites scrolls as smoothly as one of ten.
 * Columns have widths the user can drag; the first ones can stay put while the rest scroll sideways;
 * the caller may hide columns.
 */
import { Table, UnstyledButton } from '@mantine/core';
import { flexRender, getCoreRowModel, getSortedRowModel, useReactTable, type Column, type ColumnDef, type RowSelectionState, type SortingState, type VisibilityState } from '@tanstack/react-table';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useLayoutEffect, useRef, useState, type CSSProperties, type FocusEvent, type KeyboardEvent } from 'react';

const ROW_HEIGHT = 34;

interface VirtualTableProps<T> {
  label: string;
  rows: T[];
  columns: ColumnDef<T, unknown>[];
  rowId(row: T): string;
  /** Attributes on each row's element (tests and styling find rows by them). */
  rowProps?(row: T): Record<string, string | number | boolean | undefined | object>;
  selection?: RowSelectionState;
  onSelectionChange?(selection: RowSelectionState): void;
  loaded?: boolean;
  /** Columns shown (by id; absent ones are shown). */
  columnVisibility?: VisibilityState;
  /** Columns that stay at the left while the others scroll sideways (by id, in order). */
  frozen?: string[];
}

/** A frozen column sticks at its offset, above the cells that scroll under it. */
function frozenStyle<T>(column: Column<T, unknown>, header: boolean): CSSProperties {
  if (column.getIsPinned() !== 'left') return {};
  return { position: 'sticky', left: column.getStart('left'), zIndex: header ? 3 : 1, background: 'inherit', boxShadow: column.getIsLastColumn('left') ? 'inset -1px 0 0 var(--mantine-color-default-border)' : undefined };
}

/** What takes focus inside a cell: its editor, button or checkbox. */
const FOCUSABLE = '[role="button"], button, input, a[href], [tabindex]';

/** The element inside a cell that takes focus: its editor, button or checkbox. */
function focusCell(container: HTMLElement, row: number, column: number): boolean {
  const cell = container.querySelector<HTMLElement>(`[data-row="${row}"][data-col="${column}"]`);
  const target = cell?.querySelector<HTMLElement>(FOCUSABLE);
  target?.focus();
  return Boolean(target);
}

/** Makes the control of cell (row, column) the body's one tab stop; the first drawn one when that cell is not drawn. */
function placeTabStop(container: HTMLElement | null, [row, col]: [number, number]): void {
  const body = container?.querySelector('tbody');
  if (!body) return;
  let stop = false;
  for (const cell of body.querySelectorAll<HTMLElement>('td[data-row]')) {
    const target = cell.querySelector<HTMLElement>(FOCUSABLE);
    if (!target) continue;
    const active = Number(cell.dataset.row) === row && Number(cell.dataset.col) === col;
    target.tabIndex = active ? 0 : -1;
    stop ||= active;
  }
  if (!stop) body.querySelector<HTMLElement>(`td[data-row] ${FOCUSABLE}`)?.setAttribute('tabindex', '0');
}

export function VirtualTable<T>({ label, rows, columns, rowId, rowProps, selection, onSelectionChange, loaded = true, columnVisibility, frozen }: VirtualTableProps<T>) {
  const [sorting, setSorting] = useState<SortingState>([]);
  const table = useReactTable({
    data: rows,
    columns,
    defaultColumn: { size: 140, minSize: 48, maxSize: 640 },
    enableColumnResizing: true,
    columnResizeMode: 'onChange',
    state: { sorting, rowSelection: selection ?? {}, columnVisibility: columnVisibility ?? {}, columnPinning: { left: frozen ?? [] } },
    getRowId: rowId,
    enableRowSelection: Boolean(onSelectionChange),
    onSortingChange: setSorting,
    onRowSelectionChange: (updater) => onSelectionChange?.(typeof updater === 'function' ? updater(selection ?? {}) : updater),
    getCoreRowModel: getCoreRowModel(),
    getSortedRowModel: getSortedRowModel(),
  });
  const scrollRef = useRef<HTMLDivElement>(null);
  /** The cell that holds the table's one tab stop (row, column), as in the WAI-ARIA grid pattern. */
  const activeCell = useRef<[number, number]>([0, 0]);
  const modelRows = table.getRowModel().rows;
  const virtualizer = useVirtualizer({ count: modelRows.length, getScrollElement: () => scrollRef.current, estimateSize: () => ROW_HEIGHT, overscan: 12 });
  const items = virtualizer.getVirtualItems();
  const padTop = items[0]?.start ?? 0;
  const padBottom = items.length ? virtualizer.getTotalSize() - items.at(-1)!.end : 0;

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const moves: Record<string, [number, number]> = { ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1] };
    const move = moves[e.key];
    const target = e.target as HTMLElement;
    if (!move || target.tagName === 'INPUT' || target.tagName === 'TEXTAREA') return;
    const cell = target.closest<HTMLElement>('[data-row]');
    if (!cell || !scrollRef.current) return;
    const row = Math.min(modelRows.length - 1, Math.max(0, Number(cell.dataset.row) + move[0]));
    const column = Math.min(table.getVisibleLeafColumns().length - 1, Math.max(0, Number(cell.dataset.col) + move[1]));
    e.preventDefault();
    if (!focusCell(scrollRef.current, row, column)) {
      // The row is outside the rendered window: bring it in, then focus it.
      virtualizer.scrollToIndex(row);
      requestAnimationFrame(() => requestAnimationFrame(() => scrollRef.current && focusCell(scrollRef.current, row, column)));
    }
  };

  // One tab stop in the body: the active cell's control; the arrows reach the others. Placed after
  // every render, as rows scroll in and out of the drawn window, and when a cell takes focus.
  useLayoutEffect(() => placeTabStop(scrollRef.current, activeCell.current));
  const onFocus = (e: FocusEvent<HTMLDivElement>) => {
    const cell = (e.target as HTMLElement).closest<HTMLElement>('td[data-row]');
    if (!cell) return;
    activeCell.current = [Number(cell.dataset.row), Number(cell.dataset.col)];
    placeTabStop(scrollRef.current, activeCell.current);
  };

  return (
    <div ref={scrollRef} onKeyDown={onKeyDown} onFocus={onFocus} style={{ flex: 1, minHeight: 0, overflow: 'auto' }}>
      <Table
        striped
        highlightOnHover
        stickyHeader
        verticalSpacing={4}
        aria-label={label}
        aria-rowcount={modelRows.length}
        data-loaded={loaded}
        className="wp-vtable"
        style={{ whiteSpace: 'nowrap', tableLayout: 'fixed', width: table.getTotalSize() }}
      >
        <Table.Thead style={{ zIndex: 2 }}>
          {table.getHeaderGroups().map((group) => (
            <Table.Tr key={group.id}>
              {group.headers.map((header) => {
                const sorted = header.column.getIsSorted();
                const meta = header.column.columnDef.meta as { align?: 'left' | 'right'; title?: string } | undefined;
                const content = flexRender(header.column.columnDef.header, header.getContext());
                return (
                  <Table.Th
                    key={header.id}
                    ta={meta?.align}
                    title={meta?.title}
                    aria-sort={sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : undefined}
                    style={{ width: header.getSize(), position: 'relative', ...frozenStyle(header.column, true) }}
                  >
                    {header.column.getCanSort() ? (
                      <UnstyledButton onClick={header.column.getToggleSortingHandler()} fw={700} fz="sm" title={`${meta?.title ?? ''} Sort`.trim()}>
                        {content}
                        {sorted === 'asc' ? ' ▲' : sorted === 'desc' ? ' ▼' : ''}
                      </UnstyledButton>
                    ) : (
                      content
                    )}
                    {header.column.getCanResize() && (
                      <div
                        className={`wp-resizer${header.column.getIsResizing() ? ' wp-resizing' : ''}`}
                        onMouseDown={header.getResizeHandler()}
                        onTouchStart={header.getResizeHandler()}
                        onDoubleClick={() => header.column.resetSize()}
                        title="Drag to widen or narrow the column; double-click for its usual width"
                        aria-hidden
                      />
                    )}
                  </Table.Th>
                );
              })}
            </Table.Tr>
          ))}
        </Table.Thead>
        <Table.Tbody>
          {padTop > 0 && (
            <tr aria-hidden>
              <td style={{ height: padTop, padding: 0 }} colSpan={table.getVisibleLeafColumns().length} />
            </tr>
          )}
          {items.map((item) => {
            const row = modelRows[item.index]!;
            return (
              <Table.Tr key={row.id} data-index={item.index} style={{ height: ROW_HEIGHT }} {...rowProps?.(row.original)} bg={row.getIsSelected() ? 'var(--mantine-primary-color-light)' : undefined}>
                {row.getVisibleCells().map((cell, col) => (
                  <Table.Td
                    key={cell.id}
                    data-row={item.index}
                    data-col={col}
                    ta={(cell.column.columnDef.meta as { align?: 'left' | 'right' } | undefined)?.align}
                    style={{ overflow: 'hidden', textOverflow: 'ellipsis', ...frozenStyle(cell.column, false) }}
                  >
                    {flexRender(cell.column.columnDef.cell, cell.getContext())}
                  </Table.Td>
                ))}
              </Table.Tr>
            );
          })}
          {padBottom > 0 && (
            <tr aria-hidden>
              <td style={{ height: padBottom, padding: 0 }} colSpan={table.getVisibleLeafColumns().length} />
            </tr>
          )}
        </Table.Tbody>
      </Table>
    </div>
  );
}
