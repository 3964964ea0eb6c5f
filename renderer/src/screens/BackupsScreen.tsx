/**
 * Backups of the open plan: when each was taken and why, a backup on demand, and restoring one.
 * Restoring first backs up the plan as it is, so a restore can itself be undone by restoring that.
 */
import { Button, Group, Modal, Stack, Table, Text, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import type { BackupInfo } from '../../../shared/contract';
import { api } from '../api/client';
import { usePlanStore } from '../stores/plan-store';
import { formatMoment } from '../components/format-moment';
import { notify } from '../layout/notify';

function size(bytes: number): string {
  return bytes > 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

export function BackupsScreen() {
  const [backups, setBackups] = useState<BackupInfo[]>([]);
  const [confirm, setConfirm] = useState<BackupInfo | null>(null);
  const [busy, setBusy] = useState(false);
  const { info, track } = usePlanStore();

  const load = () => api['backups:list']().then(setBackups, (e: Error) => notify(e.message, 'error'));
  useEffect(() => {
    void load();
  }, [info?.path]);

  const run = async (action: () => Promise<string>) => {
    setBusy(true);
    try {
      notify(await action(), 'ok');
    } catch (e) {
      notify((e as Error).message, 'error');
    } finally {
      setBusy(false);
      await load();
    }
  };

  return (
    <Stack gap="sm">
      <Group justify="space-between">
        <div>
          <Title order={2}>Backups</Title>
          <Text c="dimmed" size="sm" maw={820}>
            Taken when the plan opens, every 15 minutes while it is being edited, and before every migration, import, packet merge and restore; each is checked before it is kept.
            The newest three from today are kept, then the newest of each earlier day, ten in all, in the folder beside the plan file.
          </Text>
        </div>
        <Button loading={busy} onClick={() => void run(async () => `Backed up: ${(await api['backups:take']()).file}`)}>
          Back up now
        </Button>
      </Group>
      <Table striped verticalSpacing={4} aria-label="Backups" data-testid="backups">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Taken</Table.Th>
            <Table.Th>Why</Table.Th>
            <Table.Th>Size</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {backups.length === 0 && (
            <Table.Tr>
              <Table.Td colSpan={4}>
                <Text c="dimmed" size="sm">
                  No backups yet.
                </Text>
              </Table.Td>
            </Table.Tr>
          )}
          {backups.map((b) => (
            <Table.Tr key={b.file} data-backup={b.file}>
              <Table.Td title={b.path}>{formatMoment(b.takenAt)}</Table.Td>
              <Table.Td>{b.reason}</Table.Td>
              <Table.Td>{size(b.bytes)}</Table.Td>
              <Table.Td ta="right">
                <Button size="xs" variant="default" onClick={() => setConfirm(b)}>
                  Restore…
                </Button>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Modal opened={confirm !== null} onClose={() => setConfirm(null)} title="Restore this backup?">
        {confirm && (
          <Stack gap="sm">
            <Text size="sm">
              The plan goes back to how it was on {formatMoment(confirm.takenAt)} ({confirm.reason}). The plan as it is now is backed up first, so you can come back to it by
              restoring that backup.
            </Text>
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setConfirm(null)}>
                Cancel
              </Button>
              <Button
                color="orange"
                onClick={() => {
                  const chosen = confirm;
                  setConfirm(null);
                  void run(async () => {
                    await track(() => api['backups:restore']({ file: chosen.file }));
                    return `Restored the backup of ${formatMoment(chosen.takenAt)}. Undo (Ctrl+Z) takes the restore back; the plan as it was is also kept as the newest backup ("before restore").`;
                  });
                }}
              >
                Restore
              </Button>
            </Group>
          </Stack>
        )}
      </Modal>
    </Stack>
  );
}
