/**
 * Checklists: the playbook made concrete for each placed site, by wave or by site. Overdue and gate
 * items stand out; status, owner and note edit in place; several items change status at once.
 */
import { Badge, Button, Checkbox, Group, NativeSelect, ScrollArea, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useEffect, useMemo, useState } from 'react';
import { CHECKLIST_STATUSES, type ChecklistItem, type ChecklistStatus } from '../../../../shared/domain';
import { todayIso } from '../../../../shared/dates';
import { api } from '../../api/client';
import { usePlanStore } from '../../stores/plan-store';
import { useScheduleStore } from '../../stores/schedule-store';
import { useChangeCounter } from '../../stores/change-feed';
import { PlaybookEditor } from './PlaybookEditor';

type ItemPatch = { status?: ChecklistStatus; owner?: string; note?: string };

export function ChecklistsScreen() {
  const generation = usePlanStore((s) => s.generation);
  const { view, load: loadSchedule } = useScheduleStore();
  const [items, setItems] = useState<ChecklistItem[]>([]);
  const [gates, setGates] = useState<Set<string>>(new Set());
  const [filter, setFilter] = useState<string | null>(null);
  const [selected, setSelected] = useState<Set<number>>(new Set());
  const [bulkStatus, setBulkStatus] = useState<ChecklistStatus | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [editingPlaybook, setEditingPlaybook] = useState(false);
  const today = todayIso();

  const checklistChanged = useChangeCounter('checklist');
  const playbookChanged = useChangeCounter('playbook');
  useEffect(() => {
    api['checklist:list']({}).then(setItems, (e: Error) => setError(e.message));
  }, [generation, checklistChanged]);
  useEffect(() => {
    void loadSchedule();
  }, [generation, loadSchedule]);
  useEffect(() => {
    api['playbook:get']().then((p) => setGates(new Set(p.tasks.filter((t) => t.gate).map((t) => t.id))), () => setGates(new Set()));
  }, [generation, playbookChanged]);

  const waveOf = useMemo(() => new Map(view?.schedule.waves.flatMap((w) => w.sites.map((s) => [s.site, w.number] as const)) ?? []), [view]);
  const options = useMemo(
    () => [
      ...(view?.schedule.waves.map((w) => ({ value: `wave:${w.number}`, label: w.number === 0 ? 'Lighthouse wave' : `Wave ${w.number}` })) ?? []),
      ...[...new Set(items.map((i) => i.site))].sort().map((site) => ({ value: `site:${site}`, label: `Site ${site}` })),
    ],
    [view, items],
  );
  const visible = items.filter((i) => !filter || (filter.startsWith('wave:') ? waveOf.get(i.site) === Number(filter.slice(5)) : i.site === filter.slice(5)));

  /** Writes one change to one or more items (one step), and shows the items as the plan now has them. */
  const update = async (ids: number[], patch: ItemPatch) => {
    setError(null);
    try {
      const { value } = await usePlanStore.getState().track(() => api['checklist:updateMany']({ ids, ...patch }));
      const byId = new Map(value.map((i) => [i.id, i]));
      setItems((current) => current.map((i) => byId.get(i.id) ?? i));
    } catch (e) {
      setError((e as Error).message);
    }
  };

  const overdue = visible.filter((i) => i.dueDate < today && i.status !== 'done' && i.status !== 'n/a').length;

  return (
    <Stack gap="sm" h="100%">
      <Group justify="space-between">
        <div>
          <Title order={2}>Checklists</Title>
          <Text c="dimmed" size="sm">
            {visible.length} items, {overdue} overdue{items.length === 0 ? ' · Re-plan to expand the playbook for every placed site' : ''}
          </Text>
        </div>
        <Group>
          <Button variant="default" onClick={() => setEditingPlaybook(true)}>
            Edit playbook…
          </Button>
          <Select placeholder="All waves and sites" data={options} value={filter} onChange={setFilter} clearable searchable w={220} aria-label="Show" />
          <Select placeholder="Set status of selected" data={[...CHECKLIST_STATUSES]} value={bulkStatus} onChange={(v) => setBulkStatus(v as ChecklistStatus | null)} w={200} aria-label="Bulk status" />
          <Button
            disabled={!bulkStatus || selected.size === 0}
            onClick={() => {
              void update([...selected], { status: bulkStatus! }).then(() => setSelected(new Set()));
            }}
          >
            Apply to {selected.size}
          </Button>
        </Group>
      </Group>
      {error && <Text c="red">{error}</Text>}
      <ScrollArea style={{ flex: 1 }}>
        <Table stickyHeader verticalSpacing={3} aria-label="Checklist items">
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={32}>
                <Checkbox
                  aria-label="Select all shown"
                  checked={visible.length > 0 && visible.every((i) => selected.has(i.id))}
                  onChange={(e) => setSelected(e.currentTarget.checked ? new Set(visible.map((i) => i.id)) : new Set())}
                />
              </Table.Th>
              <Table.Th>Due</Table.Th>
              <Table.Th>Site</Table.Th>
              <Table.Th>Task</Table.Th>
              <Table.Th>Owner</Table.Th>
              <Table.Th>Status</Table.Th>
              <Table.Th>Note</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {visible.map((item) => {
              const isOverdue = item.dueDate < today && item.status !== 'done' && item.status !== 'n/a';
              const gate = gates.has(item.taskKey);
              return (
                <Table.Tr key={item.id} data-item={`${item.site}/${item.taskKey}`} style={isOverdue ? { background: 'var(--mantine-color-red-light)' } : undefined}>
                  <Table.Td>
                    <Checkbox
                      aria-label={`Select ${item.site} ${item.title}`}
                      checked={selected.has(item.id)}
                      onChange={(e) => {
                        const next = new Set(selected);
                        if (e.currentTarget.checked) next.add(item.id);
                        else next.delete(item.id);
                        setSelected(next);
                      }}
                    />
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" c={isOverdue ? 'red' : undefined} fw={isOverdue ? 700 : undefined}>
                      {item.dueDate}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" ff="monospace">
                      {item.site}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" fw={gate ? 700 : undefined}>
                      {item.title}{' '}
                      {gate && (
                        <Badge size="xs" variant="outline">
                          gate
                        </Badge>
                      )}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <TextInput size="xs" defaultValue={item.owner} key={`o${item.id}${item.owner}`} aria-label={`Owner of ${item.site} ${item.title}`} onBlur={(e) => e.currentTarget.value !== item.owner && void update([item.id], { owner: e.currentTarget.value })} />
                  </Table.Td>
                  <Table.Td>
                    {/* A native select: light enough for hundreds of rows. */}
                    <NativeSelect
                      size="xs"
                      w={100}
                      data={[...CHECKLIST_STATUSES]}
                      value={item.status}
                      aria-label={`Status of ${item.site} ${item.title}`}
                      onChange={(e) => {
                        const value = e.currentTarget.value as ChecklistStatus;
                        if (value !== item.status) void update([item.id], { status: value });
                      }}
                    />
                  </Table.Td>
                  <Table.Td>
                    <TextInput size="xs" defaultValue={item.note} key={`n${item.id}${item.note}`} aria-label={`Note of ${item.site} ${item.title}`} onBlur={(e) => e.currentTarget.value !== item.note && void update([item.id], { note: e.currentTarget.value })} />
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </ScrollArea>
      {editingPlaybook && (
        <PlaybookEditor onClose={() => setEditingPlaybook(false)} />
      )}
    </Stack>
  );
}
