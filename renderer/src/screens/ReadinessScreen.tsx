/**
 * Readiness board: every site against every readiness dimension, red/amber/green by threshold with
 * unknown shown apart from low; click a cell to record a new assessment (history is kept).
 */
import { Alert, Badge, Button, Checkbox, Group, Modal, NumberInput, ScrollArea, SegmentedControl, Stack, Table, Text, Textarea, Title } from '@mantine/core';
import { useEffect, useMemo, useState } from 'react';
import { isIsoDate } from '../../../shared/dates';
import type { ReadinessDimension, ReadinessHistoryEntry, Site } from '../../../shared/domain';
import { readinessSummary } from '../../../shared/readiness';
import { ragOf } from '../../../shared/report/report-model';
import { api } from '../api/client';
import { usePlanStore } from '../stores/plan-store';
import { usePortfolioStore } from '../stores/portfolio-store';
import { formatMoment } from '../components/format-moment';
import { DayField } from '../components/DayField';
import { useFocusReturn } from '../components/use-focus-return';

type SortBy = 'overall' | 'ready' | 'code';

function ReadinessDialog({ site, dimension, onClose }: { site: Site; dimension: ReadinessDimension; onClose(): void }) {
  const current = site.readiness[dimension.key] ?? { score: null, targetDate: null };
  const [score, setScore] = useState<number | string>(current.score ?? '');
  const [target, setTarget] = useState(current.targetDate ?? '');
  const [comment, setComment] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [history, setHistory] = useState<ReadinessHistoryEntry[]>([]);
  const setReadiness = usePortfolioStore((s) => s.setReadiness);

  useEffect(() => {
    api['readiness:history']({ site: site.code, dimension: dimension.key }).then(setHistory, () => setHistory([]));
  }, [site.code, dimension.key]);

  const save = async () => {
    if (target && !isIsoDate(target)) {
      setError('The target date must be a real date written YYYY-MM-DD.');
      return;
    }
    try {
      await setReadiness(site.code, dimension.key, score === '' ? null : Number(score), target || null, comment);
      onClose();
    } catch (e) {
      setError((e as Error).message);
    }
  };

  return (
    <Modal opened onClose={onClose} title={`${site.code} ${site.name} · ${dimension.label}`} size="lg">
      <Stack>
        <Group grow align="flex-start">
          <NumberInput label="Score (0–100)" description={`Threshold ${dimension.threshold}; leave empty if not assessed`} min={0} max={100} value={score} onChange={setScore} data-autofocus />
          <DayField label="Target date" description="When it will reach the threshold" placeholder="YYYY-MM-DD" value={target} onChange={(e) => setTarget(e.currentTarget.value.trim())} onPick={setTarget} />
        </Group>
        <Textarea label="Comment" placeholder="What changed, what is planned" value={comment} onChange={(e) => setComment(e.currentTarget.value)} autosize minRows={2} />
        {error && <Alert color="red">{error}</Alert>}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button onClick={() => void save()}>Save assessment</Button>
        </Group>
        <Text size="sm" fw={600}>
          History
        </Text>
        <ScrollArea h={160}>
          <Table fz="xs" verticalSpacing={2} data-testid="readiness-history">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>When</Table.Th>
                <Table.Th>Who</Table.Th>
                <Table.Th ta="right">Score</Table.Th>
                <Table.Th>Target</Table.Th>
                <Table.Th>Comment</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {history.map((h) => (
                <Table.Tr key={h.id}>
                  <Table.Td>{formatMoment(h.recordedAt)}</Table.Td>
                  <Table.Td>
                    {h.actor} <Text span c="dimmed" size="xs">({h.source})</Text>
                  </Table.Td>
                  <Table.Td ta="right">{h.score ?? '?'}</Table.Td>
                  <Table.Td>{h.targetDate ?? '—'}</Table.Td>
                  <Table.Td>{h.comment}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollArea>
      </Stack>
    </Modal>
  );
}

export function ReadinessScreen() {
  const { sites, dimensions, load } = usePortfolioStore();
  const generation = usePlanStore((s) => s.generation);
  const [sortBy, setSortBy] = useState<SortBy>('overall');
  const [blockingOnly, setBlockingOnly] = useState(false);
  const [editing, setEditing] = useFocusReturn<{ site: Site; dimension: ReadinessDimension }>();

  useEffect(() => {
    void load();
  }, [load, generation]);

  const rows = useMemo(() => {
    const withSummary = sites.filter((s) => !s.excluded).map((site) => ({ site, summary: readinessSummary(site, dimensions) }));
    const filtered = blockingOnly ? withSummary.filter((r) => r.summary.blocking) : withSummary;
    const byReady = (r: (typeof filtered)[number]) => (r.summary.blocking ? '9999' : (r.summary.readyDate ?? '0000'));
    return filtered.sort((a, b) =>
      sortBy === 'overall' ? b.summary.overall - a.summary.overall || a.site.code.localeCompare(b.site.code) : sortBy === 'ready' ? byReady(a).localeCompare(byReady(b)) || a.site.code.localeCompare(b.site.code) : a.site.code.localeCompare(b.site.code),
    );
  }, [sites, dimensions, sortBy, blockingOnly]);

  const blockingCount = sites.filter((s) => !s.excluded && readinessSummary(s, dimensions).blocking).length;

  return (
    <Stack gap="sm" h="100%">
      <Group justify="space-between">
        <div>
          <Title order={2}>Readiness</Title>
          <Text c="dimmed" size="sm">
            Click a cell to record an assessment. Green: at or above threshold; amber: within 15 points; red: further below; dashed: never assessed.
          </Text>
        </div>
        <Group>
          <Checkbox label={`Blocking the schedule (${blockingCount})`} checked={blockingOnly} onChange={(e) => setBlockingOnly(e.currentTarget.checked)} />
          <SegmentedControl size="xs" value={sortBy} onChange={(v) => setSortBy(v as SortBy)} data={[{ label: 'Overall readiness', value: 'overall' }, { label: 'Ready date', value: 'ready' }, { label: 'Code', value: 'code' }]} />
        </Group>
      </Group>
      <ScrollArea style={{ flex: 1 }}>
        <Table stickyHeader verticalSpacing={3} aria-label="Readiness" style={{ whiteSpace: 'nowrap' }}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Site</Table.Th>
              <Table.Th ta="right">Overall</Table.Th>
              <Table.Th>Ready</Table.Th>
              {dimensions.map((d) => (
                <Table.Th key={d.key} ta="center" title={`Threshold ${d.threshold}, weight ${d.weight}`}>
                  {d.label}
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map(({ site, summary }) => (
              <Table.Tr key={site.code} data-readiness-site={site.code}>
                <Table.Td>
                  <Text size="sm" fw={600} span ff="monospace">
                    {site.code}
                  </Text>{' '}
                  <Text size="sm" span c="dimmed">
                    {site.name}
                  </Text>
                </Table.Td>
                <Table.Td ta="right">{Math.round(summary.overall)}</Table.Td>
                <Table.Td>
                  {summary.blocking ? (
                    <Badge color="red" variant="light" size="sm" title={summary.blocking}>
                      blocked
                    </Badge>
                  ) : (
                    <Text size="sm">{summary.readyDate ?? 'now'}</Text>
                  )}
                </Table.Td>
                {dimensions.map((d) => {
                  const value = site.readiness[d.key];
                  const rag = ragOf(value?.score, d.threshold);
                  return (
                    <Table.Td key={d.key} p={2}>
                      <button
                        type="button"
                        className={`wp-rag wp-rag-${rag}`}
                        // The name holds what the button shows (score, and the target date when not green).
                        aria-label={`${d.label} of ${site.code}: ${value?.score ?? 'not assessed'}${rag !== 'green' && value?.targetDate ? ` → ${value.targetDate}` : ''}`}
                        onClick={() => setEditing({ site, dimension: d })}
                      >
                        <span className="wp-rag-score">{value?.score ?? '?'}</span>
                        {rag !== 'green' && value?.targetDate && <span className="wp-rag-target">→ {value.targetDate}</span>}
                      </button>
                    </Table.Td>
                  );
                })}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </ScrollArea>
      {editing && <ReadinessDialog site={sites.find((s) => s.code === editing.site.code) ?? editing.site} dimension={editing.dimension} onClose={() => setEditing(null)} />}
    </Stack>
  );
}
