/**
 * Merging readiness packets that site leads sent back: what each changes, and for a value changed in
 * the plan too since the packet was made, both values side by side for the program manager to choose.
 */
import { Alert, Badge, Button, Group, Modal, SegmentedControl, Stack, Table, Text } from '@mantine/core';
import { useRef, useState } from 'react';
import type { PacketPreview } from '../../../shared/contract';
import { api } from '../api/client';
import { usePlanStore } from '../stores/plan-store';
import { HiddenFileInput } from '../components/HiddenFileInput';
import { readTextFile } from '../api/read-text-file';

export function PacketImportDialog({ opened, onClose, onDone }: { opened: boolean; onClose(): void; onDone(message: string): void }) {
  const input = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<{ fileName: string; content: string } | null>(null);
  const [preview, setPreview] = useState<PacketPreview | null>(null);
  const [decisions, setDecisions] = useState<Record<string, 'plan' | 'packet'>>({});
  const [error, setError] = useState<string | null>(null);
  const { track } = usePlanStore();

  const pick = async (picked: File) => {
    setPreview(null);
    setDecisions({});
    setError(null);
    const next = { fileName: picked.name, content: await readTextFile(picked) };
    setFile(next);
    try {
      setPreview(await api['packets:preview'](next));
    } catch (e) {
      setError((e as Error).message);
    }
  };
  const merge = async () => {
    if (!file) return;
    try {
      const { value: summary } = await track(() => api['packets:import']({ ...file, decisions }));
      onDone(`Merged ${file.fileName} into ${summary.site}: ${summary.taken} change${summary.taken === 1 ? '' : 's'} taken, ${summary.kept} kept as planned.`);
      setFile(null);
      setPreview(null);
      onClose();
    } catch (e) {
      setError((e as Error).message);
    }
  };
  const undecided = preview?.changes.filter((c) => c.conflict && !decisions[c.key]).length ?? 0;

  return (
    <Modal opened={opened} onClose={onClose} title="Import a returned readiness packet" size="xl">
      <Stack gap="sm">
        <Group>
          <Button variant="default" onClick={() => input.current?.click()}>
            Choose a packet…
          </Button>
          <Text size="sm" c="dimmed">
            {file ? file.fileName : 'A .wavepacket file a site lead saved'}
          </Text>
        </Group>
        <HiddenFileInput ref={input} accept=".wavepacket,application/json" label="Packet file" onFile={(picked) => void pick(picked)} />
        {error && (
          <Alert color="red" title="Not imported">
            {error}
          </Alert>
        )}
        {preview && (
          <>
            <Text size="sm">
              {preview.site.code} {preview.site.name} · packet made {preview.createdAt.slice(0, 10)} · {preview.changes.length === 0 ? 'no changes to take' : `${preview.changes.length} change${preview.changes.length === 1 ? '' : 's'}`}
            </Text>
            {preview.changes.length > 0 && (
              <Table fz="sm" verticalSpacing={4} aria-label="Packet changes" data-testid="packet-changes">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>What</Table.Th>
                    <Table.Th>In the plan</Table.Th>
                    <Table.Th>In the packet</Table.Th>
                    <Table.Th>Take</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {preview.changes.map((c) => (
                    <Table.Tr key={c.key} data-change={c.key}>
                      <Table.Td>
                        {c.label}{' '}
                        {c.conflict && (
                          <Badge color="orange" size="xs">
                            conflict
                          </Badge>
                        )}
                      </Table.Td>
                      <Table.Td>{c.plan}</Table.Td>
                      <Table.Td>{c.packet}</Table.Td>
                      <Table.Td>
                        {c.conflict ? (
                          <SegmentedControl
                            size="xs"
                            aria-label={`Take for ${c.label}`}
                            value={decisions[c.key] ?? ''}
                            onChange={(v) => setDecisions({ ...decisions, [c.key]: v as 'plan' | 'packet' })}
                            data={[
                              { value: 'plan', label: 'Plan' },
                              { value: 'packet', label: 'Packet' },
                            ]}
                          />
                        ) : (
                          <Text size="xs" c="dimmed">
                            packet
                          </Text>
                        )}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            )}
          </>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button onClick={() => void merge()} disabled={!preview || preview.changes.length === 0 || undecided > 0}>
            {undecided > 0 ? `Decide ${undecided} conflict${undecided === 1 ? '' : 's'}` : 'Merge'}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
