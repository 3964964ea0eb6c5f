/**
 * One checklist item as a row: a box that completes it (done items look done), its task and gate,
 * site, due date, and owner, status and note edited in place. Used by the Checklists screen and the
 * site panel; in the screen's list the controls are reached with the arrow keys (one tab stop).
 */
import { Badge, Checkbox, Group, NativeSelect, Text, TextInput } from '@mantine/core';
import { memo, type CSSProperties, type KeyboardEvent, type ReactNode } from 'react';
import { CHECKLIST_STATUSES, type ChecklistItem, type ChecklistStatus } from '../../../../shared/domain';
import type { ChecklistPatch } from './use-checklist-items';

export const CHECKLIST_COLUMNS = '28px 28px minmax(220px, 3fr) 76px 92px minmax(120px, 1.2fr) 96px minmax(140px, 2fr)';
/** One site's list (the site panel): no selection and no site column. */
export const SITE_CHECKLIST_COLUMNS = '28px minmax(180px, 3fr) 92px minmax(110px, 1.2fr) 96px minmax(110px, 1.5fr)';
export const ITEM_ROW_HEIGHT = 38;

interface ItemRowProps {
  item: ChecklistItem;
  overdue: boolean;
  gate: boolean;
  /** Absent in one site's list (the site panel), which has neither selection nor site column. */
  selected?: boolean;
  onToggleSelected?(id: number): void;
  update(ids: readonly number[], patch: ChecklistPatch): void;
  /** In a list that is one tab stop: the controls leave the tab order. */
  inGrid?: boolean;
  indent?: number;
}

/** Text edited in place: kept on Enter or leaving the field, put back on Escape. */
function InlineText({ value, label, tabIndex, onCommit }: { value: string; label: string; tabIndex?: number; onCommit(value: string): void }) {
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter') e.currentTarget.blur();
    if (e.key === 'Escape') {
      e.currentTarget.value = value;
      // Back to the row (the list's own Escape handling returns focus there).
      e.currentTarget.blur();
    }
  };
  return (
    <TextInput
      size="xs"
      key={value}
      defaultValue={value}
      aria-label={label}
      tabIndex={tabIndex}
      onKeyDown={onKeyDown}
      onBlur={(e) => {
        const next = e.currentTarget.value.trim();
        if (next !== value) onCommit(next);
      }}
    />
  );
}

export const ChecklistItemRow = memo(function ChecklistItemRow({ item, overdue, gate, selected, onToggleSelected, update, inGrid, indent = 0 }: ItemRowProps) {
  const name = `${item.site} ${item.title}`;
  const done = item.status === 'done';
  const tabIndex = inGrid ? -1 : undefined;
  const cell = (content: ReactNode, style?: CSSProperties) => (
    <div role={inGrid ? 'gridcell' : undefined} style={{ minWidth: 0, ...style }}>
      {content}
    </div>
  );
  return (
    <>
      {selected !== undefined && cell(<Checkbox size="xs" tabIndex={tabIndex} aria-label={`Select ${name}`} checked={selected} onChange={() => onToggleSelected?.(item.id)} />)}
      {cell(
        <Checkbox
          size="sm"
          radius="xl"
          color="teal"
          tabIndex={tabIndex}
          aria-label={`Done: ${name}`}
          checked={done}
          disabled={item.status === 'n/a'}
          onChange={(e) => update([item.id], { status: e.currentTarget.checked ? 'done' : 'todo' })}
        />,
      )}
      {cell(
        <Group gap={6} wrap="nowrap">
          <Text size="sm" truncate="end" fw={gate ? 700 : undefined} td={done ? 'line-through' : undefined} c={done || item.status === 'n/a' ? 'dimmed' : undefined} title={item.title}>
            {item.title}
          </Text>
          {gate && (
            <Badge size="xs" variant="outline" style={{ flexShrink: 0 }}>
              gate
            </Badge>
          )}
        </Group>,
        { paddingLeft: indent },
      )}
      {selected !== undefined &&
        cell(
          <Text size="sm" ff="monospace">
            {item.site}
          </Text>,
        )}
      {cell(
        <Text size="sm" c={overdue ? 'var(--mantine-color-red-text)' : undefined} fw={overdue ? 700 : undefined} title={overdue ? 'Overdue' : undefined}>
          {item.dueDate}
        </Text>,
      )}
      {cell(<InlineText value={item.owner} label={`Owner of ${name}`} tabIndex={tabIndex} onCommit={(owner) => update([item.id], { owner })} />)}
      {cell(
        // A native select: light, and the platform's own keyboard handling.
        <NativeSelect
          size="xs"
          data={[...CHECKLIST_STATUSES]}
          value={item.status}
          tabIndex={tabIndex}
          aria-label={`Status of ${name}`}
          onChange={(e) => {
            const status = e.currentTarget.value as ChecklistStatus;
            if (status !== item.status) update([item.id], { status });
          }}
        />,
      )}
      {cell(<InlineText value={item.note} label={`Note of ${name}`} tabIndex={tabIndex} onCommit={(note) => update([item.id], { note })} />)}
    </>
  );
});
