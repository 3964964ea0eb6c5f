/**
 * The checklist rows as one virtualised tree grid: only the rows in view are drawn, so 40,000 items
 * open and change as quickly as forty. One tab stop (the WAI-ARIA treegrid pattern): ↑ ↓ Home End
 * PgUp PgDn move between rows, → opens a group or reaches a row's fields, ← closes a group or goes to
 * its parent, Space selects, Enter ticks an item done or opens and closes a group, Escape leaves a
 * field for its row.
 */
import { ActionIcon, Badge, Checkbox, Group, Progress, Text } from '@mantine/core';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';
import { idsOf, type ChecklistRow, type GroupRow } from './checklist-rows';
import { CHECKLIST_COLUMNS, ChecklistItemRow, ITEM_ROW_HEIGHT } from './ChecklistItemRow';
import type { ChecklistPatch } from './use-checklist-items';
import { plural } from '../../../../shared/plural';

const GROUP_ROW_HEIGHT = 44;
const PAGE_ROWS = 10;
const INDENT_PX = 18;

interface ChecklistListProps {
  rows: ChecklistRow[];
  selected: ReadonlySet<number>;
  /** Adds or removes these items from the selection (all of them, as one). */
  onSelect(ids: readonly number[], selected: boolean): void;
  onToggleCollapsed(key: string): void;
  update(ids: readonly number[], patch: ChecklistPatch): void;
  allShownSelected: boolean;
  onSelectAllShown(selected: boolean): void;
}

const CONTROLS = 'input, select, button';
const isTextField = (el: HTMLElement) => el.tagName === 'TEXTAREA' || (el.tagName === 'INPUT' && (el as HTMLInputElement).type === 'text');

function GroupHeader({ row, selected, onSelect, onToggleCollapsed }: { row: GroupRow; selected: ReadonlySet<number>; onSelect: ChecklistListProps['onSelect']; onToggleCollapsed(key: string): void }) {
  const { progress } = row;
  const selectedCount = row.items.reduce((n, item) => n + (selected.has(item.id) ? 1 : 0), 0);
  const percent = progress.total ? (100 * progress.done) / progress.total : 100;
  return (
    <Group role="gridcell" gap="sm" wrap="nowrap" style={{ gridColumn: '1 / -1', paddingLeft: (row.level - 1) * INDENT_PX, minWidth: 0 }}>
      <ActionIcon variant="subtle" color="gray" size="sm" tabIndex={-1} aria-label={`${row.collapsed ? 'Open' : 'Close'} ${row.title}`} onClick={() => onToggleCollapsed(row.key)}>
        {row.collapsed ? '▸' : '▾'}
      </ActionIcon>
      <Checkbox
        size="xs"
        tabIndex={-1}
        aria-label={`Select every item of ${row.title}`}
        checked={selectedCount > 0 && selectedCount === row.items.length}
        indeterminate={selectedCount > 0 && selectedCount < row.items.length}
        onChange={(e) => onSelect(idsOf(row), e.currentTarget.checked)}
      />
      <Text fw={700} size={row.level === 1 ? 'md' : 'sm'} ff={row.level === 2 && row.key.includes('/site:') ? 'monospace' : undefined} style={{ whiteSpace: 'nowrap' }}>
        {row.title}
      </Text>
      <Text size="sm" c="dimmed" truncate="end" style={{ minWidth: 0 }}>
        {row.detail}
      </Text>
      <Group gap={6} wrap="nowrap" ml="auto" pr="sm">
        {progress.overdue > 0 && (
          <Badge color="red" variant="light" size="sm">
            {progress.overdue} overdue
          </Badge>
        )}
        {progress.openGates > 0 && (
          <Badge variant="outline" size="sm" title="Go/no-go gates not yet done">
            {plural(progress.openGates, 'open gate')}
          </Badge>
        )}
        <Text size="sm" style={{ whiteSpace: 'nowrap' }} w={96} ta="right">
          {progress.done} / {progress.total} done
        </Text>
        <Progress value={percent} w={90} size="sm" color="teal" aria-label={`${row.title}: ${progress.done} of ${progress.total} done`} />
      </Group>
    </Group>
  );
}

export function ChecklistList({ rows, selected, onSelect, onToggleCollapsed, update, allShownSelected, onSelectAllShown }: ChecklistListProps) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const [active, setActive] = useState(0);
  /** Where focus goes once that row is drawn: the row, or one of its controls. */
  const pendingFocus = useRef<{ index: number; control: number | null } | null>(null);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: (i) => (rows[i]?.kind === 'group' ? GROUP_ROW_HEIGHT : ITEM_ROW_HEIGHT),
    overscan: 5,
  });
  const activeIndex = Math.min(active, Math.max(0, rows.length - 1));
  const drawn = virtualizer.getVirtualItems();

  /** Focuses a drawn row (or one of its controls); false when the row is not drawn. */
  const focusRow = (index: number, control: number | null): boolean => {
    const row = scrollRef.current?.querySelector<HTMLElement>(`[role="row"][data-index="${index}"]`);
    if (!row) return false;
    const target = control === null ? row : row.querySelectorAll<HTMLElement>(CONTROLS)[control];
    (target ?? row).focus();
    return true;
  };

  useLayoutEffect(() => {
    const pending = pendingFocus.current;
    if (pending && focusRow(pending.index, pending.control)) pendingFocus.current = null;
  });

  const moveTo = (index: number, control: number | null = null) => {
    const next = Math.min(rows.length - 1, Math.max(0, index));
    setActive(next);
    virtualizer.scrollToIndex(next);
    // A row outside the drawn window takes focus once it is drawn.
    if (!focusRow(next, control)) pendingFocus.current = { index: next, control };
  };

  const parentOf = (index: number) => {
    const level = rows[index]!.level;
    for (let i = index - 1; i >= 0; i -= 1) if (rows[i]!.kind === 'group' && rows[i]!.level < level) return i;
    return index;
  };

  const onRowKey = (e: KeyboardEvent<HTMLDivElement>, index: number) => {
    const row = rows[index]!;
    const keys: Record<string, () => void> = {
      ArrowDown: () => moveTo(index + 1),
      ArrowUp: () => moveTo(index - 1),
      Home: () => moveTo(0),
      End: () => moveTo(rows.length - 1),
      PageDown: () => moveTo(index + PAGE_ROWS),
      PageUp: () => moveTo(index - PAGE_ROWS),
      ArrowRight: () => (row.kind === 'group' && row.collapsed ? onToggleCollapsed(row.key) : moveTo(index, 0)),
      ArrowLeft: () => (row.kind === 'group' && !row.collapsed ? onToggleCollapsed(row.key) : moveTo(parentOf(index))),
      ' ': () => (row.kind === 'group' ? onSelect(idsOf(row), !row.items.every((item) => selected.has(item.id))) : onSelect([row.item.id], !selected.has(row.item.id))),
      Enter: () => {
        if (row.kind === 'group') onToggleCollapsed(row.key);
        else if (row.item.status !== 'n/a') update([row.item.id], { status: row.item.status === 'done' ? 'todo' : 'done' });
      },
    };
    const action = keys[e.key];
    if (!action || e.altKey || e.ctrlKey || e.metaKey) return;
    e.preventDefault();
    action();
  };

  const onControlKey = (e: KeyboardEvent<HTMLDivElement>, index: number, control: HTMLElement) => {
    const controls = [...e.currentTarget.querySelectorAll<HTMLElement>(CONTROLS)];
    const position = controls.indexOf(control);
    if (e.key === 'Escape') {
      e.preventDefault();
      // After the field's own Escape (which puts its text back).
      setTimeout(() => moveTo(index));
    } else if ((e.key === 'ArrowRight' || e.key === 'ArrowLeft') && !isTextField(control)) {
      e.preventDefault();
      const next = position + (e.key === 'ArrowRight' ? 1 : -1);
      if (next < 0) moveTo(index);
      else controls[Math.min(next, controls.length - 1)]!.focus();
    } else if ((e.key === 'ArrowDown' || e.key === 'ArrowUp') && control.getAttribute('type') === 'checkbox') {
      e.preventDefault();
      moveTo(index + (e.key === 'ArrowDown' ? 1 : -1), position);
    }
  };

  const activeDrawn = drawn.some((v) => v.index === activeIndex);
  return (
    <div
      ref={scrollRef}
      role="treegrid"
      aria-label="Checklist items"
      aria-rowcount={rows.length + 1}
      // The one tab stop when the active row has scrolled out of the drawn window.
      tabIndex={activeDrawn ? -1 : 0}
      onFocus={(e) => e.target === e.currentTarget && moveTo(activeIndex)}
      style={{ flex: 1, minHeight: 0, overflow: 'auto', borderTop: '1px solid var(--mantine-color-default-border)' }}
    >
      <div role="rowgroup" style={{ position: 'sticky', top: 0, zIndex: 2, background: 'var(--mantine-color-body)' }}>
        <div role="row" aria-rowindex={1} className="wp-checklist-row wp-checklist-head" style={{ gridTemplateColumns: CHECKLIST_COLUMNS }}>
          <div role="columnheader">
            <Checkbox size="xs" tabIndex={-1} aria-label="Select all shown" checked={allShownSelected} onChange={(e) => onSelectAllShown(e.currentTarget.checked)} />
          </div>
          <div role="columnheader" aria-label="Done">
            ✓
          </div>
          <div role="columnheader">Task</div>
          <div role="columnheader">Site</div>
          <div role="columnheader">Due</div>
          <div role="columnheader">Owner</div>
          <div role="columnheader">Status</div>
          <div role="columnheader">Note</div>
        </div>
      </div>
      <div role="rowgroup" style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
        {drawn.map((v) => {
          const row = rows[v.index]!;
          const isGroup = row.kind === 'group';
          return (
            <div
              key={row.key}
              role="row"
              data-index={v.index}
              aria-rowindex={v.index + 2}
              aria-level={row.level}
              aria-expanded={isGroup ? !row.collapsed : undefined}
              aria-selected={isGroup ? undefined : selected.has(row.item.id)}
              tabIndex={v.index === activeIndex ? 0 : -1}
              className={`wp-checklist-row ${isGroup ? `wp-checklist-group wp-checklist-group-${row.level}` : 'wp-checklist-item'}${!isGroup && row.overdue ? ' wp-checklist-overdue' : ''}${!isGroup && selected.has(row.item.id) ? ' wp-checklist-selected' : ''}`}
              data-item={isGroup ? undefined : `${row.item.site}/${row.item.taskKey}`}
              data-status={isGroup ? undefined : row.item.status}
              data-group={isGroup ? row.key : undefined}
              style={{ height: v.size, transform: `translateY(${v.start}px)`, gridTemplateColumns: CHECKLIST_COLUMNS }}
              onFocus={() => v.index !== activeIndex && setActive(v.index)}
              onKeyDown={(e) => {
                const target = e.target as HTMLElement;
                if (target === e.currentTarget) onRowKey(e, v.index);
                else if (target.matches(CONTROLS)) onControlKey(e, v.index, target);
              }}
            >
              {isGroup ? (
                <GroupHeader row={row} selected={selected} onSelect={onSelect} onToggleCollapsed={onToggleCollapsed} />
              ) : (
                <ChecklistItemRow
                  item={row.item}
                  overdue={row.overdue}
                  gate={row.gate}
                  selected={selected.has(row.item.id)}
                  onToggleSelected={(id) => onSelect([id], !selected.has(id))}
                  update={update}
                  inGrid
                  indent={(row.level - 2) * INDENT_PX}
                />
              )}
            </div>
          );
        })}
      </div>
    </div>
  );
}
