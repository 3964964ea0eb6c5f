/**
 * Crews (rule 13): the shared teams that limit how many sites can be in prep, cutover or hypercare
 * at once. Each change saves the whole list as one step; the next re-plan respects it.
 */
import { Button, Card, CloseButton, Group, NativeSelect, NumberInput, Table, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { CREW_PHASES, type Crew, type CrewPhase } from '../../../../shared/domain';
import { usePlanStore } from '../../stores/plan-store';
import { blurOnEnter } from '../../components/blur-on-enter';

/** The phase's days in a few words, so the choice fits its column. */
const PHASE_SPAN: Record<CrewPhase, string> = {
  prep: 'prep start → day before go-live',
  cutover: 'week before → week after go-live',
  hypercare: 'go-live → end of hypercare',
  rollout: 'prep start → end of hypercare',
};

const phaseOptions = CREW_PHASES.map((phase) => ({ value: phase, label: `${phase}: ${PHASE_SPAN[phase]}` }));

const blank = (): Crew => ({ name: '', size: 2, phase: 'rollout', notes: '' });

export function CrewsCard({ guard }: { guard(action: () => Promise<void>): Promise<boolean> }) {
  const crews = usePlanStore((s) => s.info?.crews ?? []);
  const saveCrews = usePlanStore((s) => s.saveCrews);
  const [draft, setDraft] = useState<Crew>(blank());
  const change = (i: number, patch: Partial<Crew>) => guard(() => saveCrews(crews.map((c, j) => (j === i ? { ...c, ...patch } : c))));
  return (
    <Card withBorder>
      <Title order={4}>Crews ({crews.length})</Title>
      <Text size="sm" c="dimmed" mb="sm">
        Shared teams: a crew of size N serves at most N sites on any day of its phase. No go-live is planned on a day that would overload a crew; a pin or move
        that does is kept and listed as a violation. Changes apply at the next Re-plan.
      </Text>
      <Table mb="sm" data-testid="crews">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Name</Table.Th>
            <Table.Th w={110}>Size</Table.Th>
            <Table.Th w={330}>Needed</Table.Th>
            <Table.Th>Notes</Table.Th>
            <Table.Th w={40} />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {crews.map((crew, i) => (
            // Keyed by content: an undo or another window's change redraws the row's inputs.
            <Table.Tr key={`${i}-${JSON.stringify(crew)}`} data-crew={crew.name}>
              <Table.Td>
                <TextInput
                  size="xs"
                  aria-label={`Name of crew ${crew.name}`} onKeyDown={blurOnEnter}
                  defaultValue={crew.name}
                  onBlur={(e) => e.currentTarget.value.trim() !== crew.name && void change(i, { name: e.currentTarget.value.trim() })}
                />
              </Table.Td>
              <Table.Td>
                <NumberInput size="xs" aria-label={`Size of crew ${crew.name}`} onKeyDown={blurOnEnter} min={1} max={1000} defaultValue={crew.size} onBlur={(e) => Number(e.currentTarget.value) !== crew.size && void change(i, { size: Number(e.currentTarget.value) })} />
              </Table.Td>
              <Table.Td>
                <NativeSelect size="xs" aria-label={`Phase of crew ${crew.name}`} data={phaseOptions} value={crew.phase} onChange={(e) => void change(i, { phase: e.currentTarget.value as CrewPhase })} />
              </Table.Td>
              <Table.Td>
                <TextInput size="xs" aria-label={`Notes of crew ${crew.name}`} onKeyDown={blurOnEnter} defaultValue={crew.notes} onBlur={(e) => e.currentTarget.value !== crew.notes && void change(i, { notes: e.currentTarget.value })} />
              </Table.Td>
              <Table.Td>
                <CloseButton aria-label={`Remove crew ${crew.name}`} onClick={() => void guard(() => saveCrews(crews.filter((_, j) => j !== i)))} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Group align="flex-end" gap="xs">
        <TextInput label="New crew" placeholder="e.g. Deployment squads" value={draft.name} onChange={(e) => setDraft({ ...draft, name: e.currentTarget.value })} w={220} />
        <NumberInput label="Size" min={1} max={1000} value={draft.size} onChange={(v) => setDraft({ ...draft, size: Number(v) })} w={90} />
        <NativeSelect label="Needed" data={phaseOptions} value={draft.phase} onChange={(e) => setDraft({ ...draft, phase: e.currentTarget.value as CrewPhase })} w={330} />
        <TextInput label="Notes" value={draft.notes} onChange={(e) => setDraft({ ...draft, notes: e.currentTarget.value })} w={220} />
        <Button variant="default" onClick={() => void guard(() => saveCrews([...crews, { ...draft, name: draft.name.trim() }])).then((ok) => ok && setDraft(blank()))}>
          Add crew
        </Button>
      </Group>
    </Card>
  );
}
