/**
 * A table cell that edits in place: double-click, Enter or F2 to edit; Enter saves, Escape cancels.
 * A refused value stays in the editor with the reason shown under it; after Enter or Escape focus
 * is back on the cell.
 */
import { Text, TextInput } from '@mantine/core';
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';

interface EditableCellProps {
  value: string;
  label: string;
  align?: 'left' | 'right';
  /** Saves the text; throws with a message when the value is refused. */
  onCommit(text: string): Promise<void>;
}

export function EditableCell({ value, label, align = 'left', onCommit }: EditableCellProps) {
  const [draft, setDraft] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  /** Set when Enter or Escape ends the edit from the keyboard: focus goes back to the cell. */
  const refocus = useRef(false);
  const cell = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (draft === null && refocus.current) {
      refocus.current = false;
      cell.current?.focus();
    }
  }, [draft]);

  const commit = async () => {
    if (draft === null) return;
    if (draft === value) {
      setDraft(null);
      return;
    }
    setBusy(true);
    try {
      await onCommit(draft);
      setDraft(null);
      setError(null);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  const cancel = () => {
    setDraft(null);
    setError(null);
  };

  if (draft !== null) {
    return (
      <TextInput
        size="xs"
        autoFocus
        aria-label={label}
        value={draft}
        disabled={busy}
        error={error}
        styles={{ input: { textAlign: align } }}
        onChange={(e) => setDraft(e.currentTarget.value)}
        onKeyDown={(e: KeyboardEvent<HTMLInputElement>) => {
          if (e.key === 'Enter' || e.key === 'Escape') refocus.current = true;
          if (e.key === 'Enter') void commit();
          if (e.key === 'Escape') cancel();
        }}
        onBlur={() => {
          if (!error) void commit();
        }}
      />
    );
  }
  // A native title, not a Tooltip component: a table of hundreds of sites has thousands of cells.
  return (
    <Text
        ref={cell}
        title="Double-click or press Enter to edit"
        size="sm"
        ta={align}
        tabIndex={0}
        role="button"
        aria-label={`${label}: ${value || 'empty'}`}
        className="editable-cell"
        onDoubleClick={() => setDraft(value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' || e.key === 'F2') setDraft(value);
        }}
      >
        {value || '—'}
      </Text>
  );
}
