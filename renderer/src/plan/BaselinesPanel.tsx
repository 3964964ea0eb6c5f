/**
 * Baselines: save the current schedule under a name, and compare the schedule now with any saved
 * one: per site the baseline go-live, the current go-live and the days of slip (the same figures the
 * PDF's risks page shows for the baseline chosen there).
 */
import { Alert, Badge, Button, Group, NativeSelect, ScrollArea, Stack, Table, Text, TextInput } from '@mantine/core';
import { useEffect, useState } from 'react';
import type { BaselineComparison, BaselineSummary } from '../../../shared/contract';
import { api } from '../api/client';
import { useChangeCounter } from '../stores/change-feed';
import { usePlanStore } from '../stores/plan-store';

export function BaselinesPanel({ scheduleRevision }: { scheduleRevision: number }) {
  const [baselines, setBaselines] = useState<BaselineSummary[]>([]);
  const [chosen, setChosen] = useState<string>('');
  const [comparison, setComparison] = useState<BaselineComparison | null>(null);
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const track = usePlanStore((s) => s.track);

  const reload = async () => {
    const list = await api['baselines:list']();
    setBaselines(list);
    if (!chosen && list.length) setChosen(list.at(-1)!.name);
  };
  const baselinesChanged = useChangeCounter('baselines');
  useEffect(() => {
    void reload().catch((e: Error) => setError(e.message));
  }, [baselinesChanged]);
  useEffect(() => {
    if (!chosen) return;
    api['baselines:compare']({ name: chosen }).then(setComparison, (e: Error) => setError(e.message));
  }, [chosen, scheduleRevision, baselinesChanged]);

  const save = async () => {
    try {
      const { value: saved } = await track(() => api['baselines:save']({ name: name.trim() }));
      setName('');
      setError(null);
      await reload();
      setChosen(saved.name);
    } catch (e) {
      setError((e as Error).message);
    }
  };

  const late = comparison?.rows.filter((r) => (r.daysLate ?? 0) > 0).length ?? 0;
  return (
    <Stack gap="xs" p={4} data-testid="baselines">
      <Group gap="xs" align="flex-end">
        <TextInput size="xs" label="Save the schedule as a baseline" placeholder="e.g. Steering committee March" value={name} onChange={(e) => setName(e.currentTarget.value)} style={{ flex: 1 }} />
        <Button size="xs" onClick={() => void save()} disabled={!name.trim()}>
          Save
        </Button>
      </Group>
      {error && (
        <Alert color="red" p="xs">
          {error}
        </Alert>
      )}
      {baselines.length === 0 ? (
        <Text size="sm" c="dimmed">
          No baselines yet. Save one when the committee approves a schedule; later you can see which sites slipped against it.
        </Text>
      ) : (
        <NativeSelect size="xs" label="Compare with" aria-label="Compare with baseline" value={chosen} onChange={(e) => setChosen(e.currentTarget.value)} data={baselines.map((b) => ({ value: b.name, label: `${b.name} (as of ${b.asOf}, ${b.sites} sites)` }))} />
      )}
      {comparison && (
        <>
          <Group gap="xs">
            <Badge color={late ? 'red' : 'teal'} variant="light">
              {late} later
            </Badge>
            <Badge color="gray" variant="light">
              {comparison.rows.length - late} earlier or changed
            </Badge>
            <Badge color="gray" variant="outline">
              {comparison.unchanged} on the same day
            </Badge>
          </Group>
          <ScrollArea h={420} type="auto">
            <Table fz="xs" verticalSpacing={2} aria-label="Slip against the baseline">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Site</Table.Th>
                  <Table.Th>Baseline</Table.Th>
                  <Table.Th>Now</Table.Th>
                  <Table.Th ta="right">Days late</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {comparison.rows.map((r) => (
                  <Table.Tr key={r.site} data-slip={r.site}>
                    <Table.Td ff="monospace">{r.site}</Table.Td>
                    <Table.Td>{r.baselineGoLive ?? 'not placed'}</Table.Td>
                    <Table.Td>{r.currentGoLive ?? 'not placed'}</Table.Td>
                    <Table.Td ta="right" c={(r.daysLate ?? 0) > 0 ? 'red' : undefined} fw={(r.daysLate ?? 0) > 0 ? 700 : undefined}>
                      {r.daysLate ?? '—'}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollArea>
        </>
      )}
    </Stack>
  );
}
