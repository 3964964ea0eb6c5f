/** Which of the sites table's columns show: a list of boxes, remembered on this computer. */
import { Button, Checkbox, Popover, Stack } from '@mantine/core';
import type { VisibilityState } from '@tanstack/react-table';
import { useState } from 'react';

const STORAGE_KEY = 'wave-planner.portfolio.columns';
/** Shown unless the user chose otherwise: the less used ones wait in the chooser. */
const HIDDEN_AT_FIRST: VisibilityState = { country: false };

function remembered(): VisibilityState {
  try {
    const stored = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? 'null') as unknown;
    return stored && typeof stored === 'object' ? (stored as VisibilityState) : HIDDEN_AT_FIRST;
  } catch {
    return HIDDEN_AT_FIRST;
  }
}

export function useColumnVisibility(): [VisibilityState, (next: VisibilityState) => void] {
  const [visibility, setVisibility] = useState(remembered);
  const change = (next: VisibilityState) => {
    setVisibility(next);
    localStorage.setItem(STORAGE_KEY, JSON.stringify(next));
  };
  return [visibility, change];
}

export function ColumnChooser({ columns, visibility, onChange }: { columns: { id: string; label: string }[]; visibility: VisibilityState; onChange(next: VisibilityState): void }) {
  const hidden = columns.filter((c) => visibility[c.id] === false).length;
  return (
    <Popover position="bottom-end" shadow="md" withinPortal>
      <Popover.Target>
        <Button size="xs" variant="default">
          Columns{hidden ? ` (${hidden} hidden)` : ''}…
        </Button>
      </Popover.Target>
      <Popover.Dropdown>
        <Stack gap={6} role="group" aria-label="Columns shown">
          {columns.map((c) => (
            <Checkbox key={c.id} size="sm" label={c.label} checked={visibility[c.id] !== false} onChange={(e) => onChange({ ...visibility, [c.id]: e.currentTarget.checked })} />
          ))}
        </Stack>
      </Popover.Dropdown>
    </Popover>
  );
}
