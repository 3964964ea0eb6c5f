/**
 * A sortable table that renders only the rows in view (TanStack Table and TanStack Virtual), with
 * arrow-key navigation between cells: a plan of thousands of sites scrolls as smoothly as one of ten.
 */
import { Table, UnstyledButton } from '@mantine/core';
import { flexRender, getCoreRowModel, getSortedRowModel, useReactTable, type ColumnDef, type RowSelectionState, type SortingState } from '@tanstack/react-table';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useRef, useState, type KeyboardEvent } from 'react';

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
}

/** The element inside a cell that takes focus: its editor, button or checkbox. */
function focusCell(container: HTMLElement, row: number, column: number): boolean {
  const cell = container.querySelector<HTMLElement>(`[data-row="${row}"][data-col="${column}"]`);
  const target = cell?.querySelector<HTMLElement>('[tabindex="0"], button, input, a[href]');
  target?.focus();
  return Boolean(target);
}

export function VirtualTable<T>({ label, rows, columns, rowId, rowProps, selection, onSelectionChange, loaded = true }: VirtualTableProps<T>) {
  const [sorting, setSorting] = useState<SortingState>([]);
  const table = useReactTable({
    data: rows,
    columns,
    state: { sorting, rowSelection: selection ?? {} },
    getRowId: rowId,
    enableRowSelection: Boolean(onSelectionChange),
    onSortingChange: setSorting,
    onRowSelectionChange: (updater) => onSelectionChange?.(typeof updater === 'function' ? updater(selection ?? {}) : updater),
    getCoreRowModel: getCoreRowModel(),
    getSortedRowModel: getSortedRowModel(),
  });
  const scrollRef = useRef<HTMLDivElement>(null);
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
    const column = Math.min(columns.length - 1, Math.max(0, Number(cell.dataset.col) + move[1]));
    e.preventDefault();
    if (!focusCell(scrollRef.current, row, column)) {
      // The row is outside the rendered window: bring it in, then focus it.
      virtualizer.scrollToIndex(row);
      requestAnimationFrame(() => requestAnimationFrame(() => scrollRef.current && focusCell(scrollRef.current, row, column)));
    }
  };

  return (
    <div ref={scrollRef} onKeyDown={onKeyDown} style={{ flex: 1, minHeight: 0, overflow: 'auto' }}>
      <Table striped highlightOnHover stickyHeader verticalSpacing={4} aria-label={label} aria-rowcount={modelRows.length} data-loaded={loaded} style={{ whiteSpace: 'nowrap' }}>
        <Table.Thead style={{ zIndex: 2 }}>
          {table.getHeaderGroups().map((group) => (
            <Table.Tr key={group.id}>
              {group.headers.map((header) => {
                const sorted = header.column.getIsSorted();
                const meta = header.column.columnDef.meta as { align?: 'left' | 'right'; title?: string } | undefined;
                const content = flexRender(header.column.columnDef.header, header.getContext());
                return (
                  <Table.Th key={header.id} ta={meta?.align} title={meta?.title} aria-sort={sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : undefined}>
                    {header.column.getCanSort() ? (
                      <UnstyledButton onClick={header.column.getToggleSortingHandler()} fw={700} fz="sm" title={`${meta?.title ?? ''} Sort`.trim()}>
                        {content}
                        {sorted === 'asc' ? ' ▲' : sorted === 'desc' ? ' ▼' : ''}
                      </UnstyledButton>
                    ) : (
                      content
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
              <td style={{ height: padTop, padding: 0 }} colSpan={columns.length} />
            </tr>
          )}
          {items.map((item) => {
            const row = modelRows[item.index]!;
            return (
              <Table.Tr key={row.id} data-index={item.index} style={{ height: ROW_HEIGHT }} {...rowProps?.(row.original)} bg={row.getIsSelected() ? 'var(--mantine-primary-color-light)' : undefined}>
                {row.getVisibleCells().map((cell, col) => (
                  <Table.Td key={cell.id} data-row={item.index} data-col={col} ta={(cell.column.columnDef.meta as { align?: 'left' | 'right' } | undefined)?.align}>
                    {flexRender(cell.column.columnDef.cell, cell.getContext())}
                  </Table.Td>
                ))}
              </Table.Tr>
            );
          })}
          {padBottom > 0 && (
            <tr aria-hidden>
              <td style={{ height: padBottom, padding: 0 }} colSpan={columns.length} />
            </tr>
          )}
        </Table.Tbody>
      </Table>
    </div>
  );
}
