/** The foot of a dialog: why the last attempt failed (if it did), then Cancel and the dialog's action. */
import { Alert, Button, Group } from '@mantine/core';
import type { ReactNode } from 'react';

export function DialogFooter({ error, errorTitle, onCancel, children }: { error: string | null; errorTitle: string; onCancel(): void; children: ReactNode }) {
  return (
    <>
      {error && (
        <Alert color="red" title={errorTitle}>
          {error}
        </Alert>
      )}
      <Group justify="flex-end">
        <Button variant="default" onClick={onCancel}>
          Cancel
        </Button>
        {children}
      </Group>
    </>
  );
}
