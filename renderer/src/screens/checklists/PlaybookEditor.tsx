/**
 * The playbook editor: tasks, phases, owner roles, offsets from go-live, which sites a task applies
 * to, and go/no-go gates. Saving creates the next playbook version; the checklists follow it (open
 * items move or go, finished ones stay). Undo saves the previous tasks as a version again.
 */
import { ActionIcon, Alert, Button, Checkbox, Group, Modal, NativeSelect, NumberInput, ScrollArea, Table, Text, TextInput } from '@mantine/core';
import { useEffect, useState } from 'react';
import type { Playbook } from '../../../../shared/contract';
import { APPLIES_TO, playbookTaskSchema, type PlaybookTask } from '../../../../shared/domain';
import { api } from '../../api/client';
import { useAction } from '../../components/use-action';
import { usePlanStore } from '../../stores/plan-store';

const APPLIES_LABEL: Record<(typeof APPLIES_TO)[number], string> = {
  all: 'every site',
  lighthouse: 'the lighthouse',
  'first-on-erp': 'first site on an ERP',
  followers: 'sites after the first on their ERP',
};

/** A task id from its title: lowercase words joined by "-", unique among `taken`. */
function idFor(title: string, taken: Set<string>): string {
  const stem = title.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 50) || 'task';
  let id = stem;
  for (let n = 2; taken.has(id); n += 1) id = `${stem}-${n}`;
  return id;
}

function problemsOf(tasks: PlaybookTask[]): Record<number, Record<string, string>> {
  const problems: Record<number, Record<string, string>> = {};
  const ids = new Map<string, number>();
  tasks.forEach((task, i) => {
    const result = playbookTaskSchema.safeParse(task);
    if (!result.success) problems[i] = Object.fromEntries(result.error.issues.map((issue) => [String(issue.path[0]), issue.message]));
    const first = ids.get(task.id);
    if (first !== undefined) problems[i] = { ...problems[i], id: `already used by task ${first + 1}` };
    ids.set(task.id, i);
  });
  return problems;
}

export function PlaybookEditor({ onClose }: { onClose(): void }) {
  const [playbook, setPlaybook] = useState<Playbook | null>(null);
  const [tasks, setTasks] = useState<PlaybookTask[]>([]);
  const [note, setNote] = useState('');
  const { busy, error, setError, run } = useAction();
  useEffect(() => {
    api['playbook:get']().then(
      (p) => {
        setPlaybook(p);
        setTasks(p.tasks);
      },
      (e: Error) => setError(e.message),
    );
  }, []);

  const problems = problemsOf(tasks);
  const invalid = Object.keys(problems).length > 0 || tasks.length === 0;
  const changed = playbook !== null && JSON.stringify(tasks) !== JSON.stringify(playbook.tasks);
  const edit = (i: number, patch: Partial<PlaybookTask>) => setTasks(tasks.map((t, j) => (j === i ? { ...t, ...patch } : t)));
  const moveTask = (i: number, by: number) => {
    const next = [...tasks];
    const [task] = next.splice(i, 1);
    next.splice(i + by, 0, task!);
    setTasks(next);
  };
  const addTask = () => {
    const last = tasks.at(-1);
    const title = 'New task';
    setTasks([...tasks, { id: idFor(title, new Set(tasks.map((t) => t.id))), title, phase: last?.phase ?? 'Prepare', ownerRole: last?.ownerRole ?? 'Site lead', offsetDays: last?.offsetDays ?? -14, durationDays: 1, appliesTo: 'all', gate: false }]);
  };
  const save = async () => {
    if (!playbook) return;
    // The checklists follow through the change feed.
    const done = await run(async () => void (await usePlanStore.getState().track(() => api['playbook:save']({ tasks, note }))));
    if (done) onClose();
  };

  return (
    <Modal opened onClose={onClose} size="90%" title={playbook ? `Playbook — version ${playbook.version}` : 'Playbook'}>
      <Text size="sm" c="dimmed" mb="xs">
        Each task becomes a checklist item for every placed site it applies to, due its offset in days from the site's go-live (negative: before). Gates are the go/no-go items
        the steering committee sees. Saving creates version {playbook ? playbook.version + 1 : '…'}; open checklist items follow it, finished ones stay.
      </Text>
      <ScrollArea h="60vh" type="auto">
        <Table stickyHeader verticalSpacing={2} aria-label="Playbook tasks">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>#</Table.Th>
              <Table.Th>Task</Table.Th>
              <Table.Th>Id</Table.Th>
              <Table.Th>Phase</Table.Th>
              <Table.Th>Owner role</Table.Th>
              <Table.Th title="Days from go-live to the due date (negative: before go-live)">Offset</Table.Th>
              <Table.Th title="Working days the task takes">Days</Table.Th>
              <Table.Th>Applies to</Table.Th>
              <Table.Th>Gate</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {tasks.map((task, i) => {
              const p = problems[i] ?? {};
              const n = i + 1;
              return (
                <Table.Tr key={i} data-task={task.id}>
                  <Table.Td>{n}</Table.Td>
                  <Table.Td miw={300}>
                    <TextInput size="xs" aria-label={`Title of task ${n}`} value={task.title} error={p.title} onChange={(e) => edit(i, { title: e.currentTarget.value })} />
                  </Table.Td>
                  <Table.Td miw={150}>
                    <TextInput size="xs" aria-label={`Id of task ${n}`} value={task.id} error={p.id} onChange={(e) => edit(i, { id: e.currentTarget.value.trim() })} />
                  </Table.Td>
                  <Table.Td>
                    <TextInput size="xs" aria-label={`Phase of task ${n}`} value={task.phase} error={p.phase} onChange={(e) => edit(i, { phase: e.currentTarget.value })} />
                  </Table.Td>
                  <Table.Td>
                    <TextInput size="xs" aria-label={`Owner role of task ${n}`} value={task.ownerRole} error={p.ownerRole} onChange={(e) => edit(i, { ownerRole: e.currentTarget.value })} />
                  </Table.Td>
                  <Table.Td w={90}>
                    <NumberInput size="xs" aria-label={`Offset of task ${n}`} value={task.offsetDays} error={p.offsetDays} allowDecimal={false} onChange={(v) => edit(i, { offsetDays: typeof v === 'number' ? v : Number.NaN })} />
                  </Table.Td>
                  <Table.Td w={80}>
                    <NumberInput size="xs" aria-label={`Duration of task ${n}`} value={task.durationDays} error={p.durationDays} min={0} allowDecimal={false} onChange={(v) => edit(i, { durationDays: typeof v === 'number' ? v : Number.NaN })} />
                  </Table.Td>
                  <Table.Td>
                    <NativeSelect size="xs" aria-label={`Applies to, task ${n}`} value={task.appliesTo} data={APPLIES_TO.map((a) => ({ value: a, label: APPLIES_LABEL[a] }))} onChange={(e) => edit(i, { appliesTo: e.currentTarget.value as PlaybookTask['appliesTo'] })} />
                  </Table.Td>
                  <Table.Td>
                    <Checkbox aria-label={`Task ${n} is a gate`} checked={task.gate} onChange={(e) => edit(i, { gate: e.currentTarget.checked })} />
                  </Table.Td>
                  <Table.Td>
                    <Group gap={2} wrap="nowrap">
                      <ActionIcon size="sm" variant="subtle" aria-label={`Move task ${n} up`} disabled={i === 0} onClick={() => moveTask(i, -1)}>
                        ↑
                      </ActionIcon>
                      <ActionIcon size="sm" variant="subtle" aria-label={`Move task ${n} down`} disabled={i === tasks.length - 1} onClick={() => moveTask(i, 1)}>
                        ↓
                      </ActionIcon>
                      <ActionIcon size="sm" variant="subtle" color="red" aria-label={`Remove task ${n}`} onClick={() => setTasks(tasks.filter((_, j) => j !== i))}>
                        ×
                      </ActionIcon>
                    </Group>
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </ScrollArea>
      {error && (
        <Alert color="red" title="Not saved" mt="sm">
          {error}
        </Alert>
      )}
      <Group justify="space-between" mt="sm">
        <Button variant="default" size="xs" onClick={addTask}>
          Add task
        </Button>
        <Group gap="xs">
          <TextInput size="xs" placeholder="What changed (kept with the version)" aria-label="Version note" value={note} onChange={(e) => setNote(e.currentTarget.value)} w={320} />
          <Button variant="default" size="xs" onClick={onClose}>
            Cancel
          </Button>
          <Button size="xs" onClick={() => void save()} loading={busy} disabled={invalid || !changed}>
            Save as version {playbook ? playbook.version + 1 : ''}
          </Button>
        </Group>
      </Group>
    </Modal>
  );
}
