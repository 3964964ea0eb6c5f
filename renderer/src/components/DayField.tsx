/**
 * A day field: type the day (YYYY-MM-DD) or pick it from a calendar (Mantine's DatePicker, in a
 * popover opened by the calendar button). Whatever the field did with typed text it still does; a
 * picked day arrives through `onPick`.
 */
import { ActionIcon, Popover, TextInput, type TextInputProps } from '@mantine/core';
import { DatePicker } from '@mantine/dates';
import { useState } from 'react';
import { isPlanDay } from '../../../shared/dates';

function CalendarIcon() {
  return (
    <svg width="16" height="16" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round" aria-hidden>
      <rect x="3" y="5" width="18" height="16" rx="2" />
      <path d="M16 3v4M8 3v4M3 11h18" />
    </svg>
  );
}

const CALENDAR_LABELS = {
  previousMonth: 'Previous month',
  nextMonth: 'Next month',
  previousYear: 'Previous year',
  nextYear: 'Next year',
  previousDecade: 'Previous decade',
  nextDecade: 'Next decade',
};

export function DayField({ onPick, pickLabel, ...input }: TextInputProps & { onPick(day: string): void; pickLabel?: string }) {
  const [open, setOpen] = useState(false);
  const typed = typeof input.value === 'string' ? input.value : typeof input.defaultValue === 'string' ? input.defaultValue : '';
  const shown = isPlanDay(typed) ? typed : null;
  const name = pickLabel ?? `Pick ${typeof input.label === 'string' ? input.label : (input['aria-label'] ?? 'a day')} from a calendar`;
  return (
    <TextInput
      {...input}
      rightSectionPointerEvents="all"
      rightSection={
        <Popover opened={open} onChange={setOpen} position="bottom-end" shadow="md" withinPortal trapFocus returnFocus>
          <Popover.Target>
            <ActionIcon variant="subtle" color="gray" size="sm" aria-label={name} onClick={() => setOpen((o) => !o)}>
              <CalendarIcon />
            </ActionIcon>
          </Popover.Target>
          <Popover.Dropdown>
            <DatePicker
              // Named month and year buttons; no faint days of the next month (both for the axe gate).
              ariaLabels={CALENDAR_LABELS}
              hideOutsideDates
              classNames={{ day: 'wp-day' }}
              value={shown}
              defaultDate={shown ?? undefined}
              onChange={(day) => {
                if (!day) return;
                setOpen(false);
                onPick(day);
              }}
            />
          </Popover.Dropdown>
        </Popover>
      }
    />
  );
}
