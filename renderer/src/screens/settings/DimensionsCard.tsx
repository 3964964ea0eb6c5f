/**
 * Readiness dimensions: what each site is assessed on, with a weight in the overall score and a
 * threshold that makes a dimension green. Each change saves the whole list as one step; removing a
 * dimension removes its assessments too (Undo brings them back).
 */
import { Button, Card, CloseButton, Group, NumberInput, Table, Text, TextInput, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import type { ReadinessDimension } from '../../../../shared/domain';
import { api } from '../../api/client';
import { usePlanStore } from '../../stores/plan-store';
import { usePortfolioStore } from '../../stores/portfolio-store';
import { blurOnEnter } from '../../components/blur-on-enter';

/** A key for a new dimension from its label ("Cyber drill" → "cyberDrill"), unique among `taken`. */
function keyFor(label: string, taken: ReadonlySet<string>): string {
  const words = label.normalize('NFKD').replace(/[^A-Za-z0-9 ]/g, ' ').trim().split(/\s+/).filter(Boolean);
  const stem = (words.map((w, i) => (i === 0 ? w.toLowerCase() : w.charAt(0).toUpperCase() + w.slice(1).toLowerCase())).join('').replace(/^[^a-z]+/, '') || 'dimension').slice(0, 36);
  let key = stem;
  for (let n = 2; taken.has(key); n += 1) key = `${stem}${n}`;
  return key;
}

// The sample's dimensions weigh 1 each: a new one starts as heavy as they are.
const blank = { label: '', weight: 1, threshold: 70 };

export function DimensionsCard({ guard }: { guard(action: () => Promise<void>): Promise<boolean> }) {
  const dimensions = usePortfolioStore((s) => s.dimensions);
  const loaded = usePortfolioStore((s) => s.loaded);
  useEffect(() => {
    if (!loaded) void usePortfolioStore.getState().load();
  }, [loaded]);
  const [draft, setDraft] = useState(blank);
  const save = (next: ReadinessDimension[]) =>
    guard(async () => {
      const { value } = await usePlanStore.getState().track(() => api['readiness:saveDimensions']({ dimensions: next }));
      usePortfolioStore.setState({ dimensions: value });
    });
  const change = (i: number, patch: Partial<ReadinessDimension>) => save(dimensions.map((d, j) => (j === i ? { ...d, ...patch } : d)));
  const totalWeight = dimensions.reduce((n, d) => n + d.weight, 0);
  return (
    <Card withBorder>
      <Title order={4}>Readiness dimensions ({dimensions.length})</Title>
      <Text size="sm" c="dimmed" mb="sm">
        What every site is assessed on. A site&apos;s overall readiness is the weighted mean of its scores; a score at or above the threshold is green. Removing a
        dimension removes its assessments (Ctrl+Z brings them back). Changes apply at the next Re-plan.
      </Text>
      <Table mb="sm" data-testid="dimensions">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Label</Table.Th>
            <Table.Th w={130}>Weight</Table.Th>
            <Table.Th w={130}>Threshold</Table.Th>
            <Table.Th w={110}>Share</Table.Th>
            <Table.Th w={40} />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {dimensions.map((d, i) => (
            // Keyed by content: an undo or another window's change redraws the row's inputs.
            <Table.Tr key={`${d.key}-${d.label}-${d.weight}-${d.threshold}`} data-dimension={d.key}>
              <Table.Td>
                <TextInput size="xs" aria-label={`Label of ${d.label}`} onKeyDown={blurOnEnter} defaultValue={d.label} onBlur={(e) => e.currentTarget.value.trim() !== d.label && void change(i, { label: e.currentTarget.value.trim() })} />
              </Table.Td>
              <Table.Td>
                <NumberInput size="xs" aria-label={`Weight of ${d.label}`} onKeyDown={blurOnEnter} min={0} max={100} defaultValue={d.weight} onBlur={(e) => Number(e.currentTarget.value) !== d.weight && void change(i, { weight: Number(e.currentTarget.value) })} />
              </Table.Td>
              <Table.Td>
                <NumberInput size="xs" aria-label={`Threshold of ${d.label}`} onKeyDown={blurOnEnter} min={0} max={100} defaultValue={d.threshold} onBlur={(e) => Number(e.currentTarget.value) !== d.threshold && void change(i, { threshold: Number(e.currentTarget.value) })} />
              </Table.Td>
              <Table.Td>
                <Text size="sm">{totalWeight > 0 ? `${Math.round((100 * d.weight) / totalWeight)}%` : '—'}</Text>
              </Table.Td>
              <Table.Td>
                <CloseButton aria-label={`Remove ${d.label}`} disabled={dimensions.length === 1} onClick={() => void save(dimensions.filter((_, j) => j !== i))} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Group align="flex-end" gap="xs">
        <TextInput label="New dimension" placeholder="e.g. Cyber-security drill" value={draft.label} onChange={(e) => setDraft({ ...draft, label: e.currentTarget.value })} w={260} />
        <NumberInput label="Weight" min={0} max={100} value={draft.weight} onChange={(v) => setDraft({ ...draft, weight: Number(v) })} w={110} />
        <NumberInput label="Threshold" min={0} max={100} value={draft.threshold} onChange={(v) => setDraft({ ...draft, threshold: Number(v) })} w={110} />
        <Button
          variant="default"
          disabled={draft.label.trim() === ''}
          onClick={() => {
            const label = draft.label.trim();
            void save([...dimensions, { key: keyFor(label, new Set(dimensions.map((d) => d.key))), label, weight: draft.weight, threshold: draft.threshold }]).then((ok) => ok && setDraft(blank));
          }}
        >
          Add dimension
        </Button>
      </Group>
    </Card>
  );
}
