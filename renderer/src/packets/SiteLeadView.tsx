/**
 * The site-lead view: one site's readiness packet, offline. The lead updates scores, target dates and
 * comments, and the status and note of open checklist items, then saves the packet to send back.
 * Nothing else of the plan is shown or needed.
 */
import { Alert, Badge, Button, Group, NativeSelect, NumberInput, Paper, Stack, Table, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useState } from 'react';
import { CHECKLIST_STATUSES, isoDateSchema, type ChecklistStatus } from '../../../shared/domain';
import { ragOf } from '../../../shared/report/report-model';
import { api } from '../api/client';
import { download } from '../layout/download';
import { usePacketStore } from './packet-store';
import { DayField } from '../components/DayField';

export function SiteLeadView() {
  const { packet, fileName, dirty, edit, close, saved } = usePacketStore();
  const [message, setMessage] = useState<{ text: string; ok: boolean } | null>(null);
  if (!packet) return null;

  const setReadiness = (dimension: string, patch: { score?: number | null; targetDate?: string | null; comment?: string }) =>
    edit((p) => ({
      ...p,
      readiness: p.readiness.map((r) =>
        r.dimension === dimension ? { ...r, value: { score: patch.score !== undefined ? patch.score : r.value.score, targetDate: patch.targetDate !== undefined ? patch.targetDate : r.value.targetDate }, comment: patch.comment ?? r.comment } : r,
      ),
    }));
  const setItem = (taskKey: string, patch: { status?: ChecklistStatus; note?: string }) =>
    edit((p) => ({ ...p, checklist: p.checklist.map((c) => (c.taskKey === taskKey ? { ...c, value: { ...c.value, ...patch } } : c)) }));

  const badDates = packet.readiness.filter((r) => r.value.targetDate && !isoDateSchema.safeParse(r.value.targetDate).success);
  const save = async () => {
    try {
      const file = await api['packets:seal']({ packet });
      download(file);
      saved();
      setMessage({ text: `Saved ${file.fileName}. Send it back to the program manager.`, ok: true });
    } catch (e) {
      setMessage({ text: (e as Error).message, ok: false });
    }
  };

  return (
    <Stack gap="md" p="md" maw={1100} mx="auto" data-testid="site-lead-view">
      <Group justify="space-between">
        <div>
          <Text size="sm" c="dimmed">
            Readiness packet · {packet.planName} · made {packet.createdAt.slice(0, 10)} · {fileName}
          </Text>
          <Title order={2}>
            {packet.site.code} {packet.site.name}
          </Title>
        </div>
        <Group>
          {dirty && <Badge color="yellow">Not saved yet</Badge>}
          <Button onClick={() => void save()} disabled={badDates.length > 0}>
            Save packet
          </Button>
          <Button variant="default" onClick={() => (!dirty || window.confirm('Close without saving your changes to the packet?')) && close()}>
            Close
          </Button>
        </Group>
      </Group>
      {message && (
        <Alert color={message.ok ? 'teal' : 'red'} withCloseButton onClose={() => setMessage(null)}>
          {message.text}
        </Alert>
      )}
      <Paper withBorder p="sm">
        <Title order={4} mb="xs">
          Readiness
        </Title>
        <Text size="sm" c="dimmed" mb="xs">
          A score from 0 to 100 per dimension (leave it empty if not assessed). Below the threshold, give the date by which the site expects to reach it.
        </Text>
        <Table verticalSpacing={4} aria-label="Readiness">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Dimension</Table.Th>
              <Table.Th>Threshold</Table.Th>
              <Table.Th>Score</Table.Th>
              <Table.Th>Target date</Table.Th>
              <Table.Th>Comment</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {packet.readiness.map((r) => {
              const dimension = packet.dimensions.find((d) => d.key === r.dimension);
              const rag = ragOf(r.value.score, dimension?.threshold ?? 70);
              const bad = r.value.targetDate && !isoDateSchema.safeParse(r.value.targetDate).success;
              return (
                <Table.Tr key={r.dimension}>
                  <Table.Td>{dimension?.label ?? r.dimension}</Table.Td>
                  <Table.Td>{dimension?.threshold}</Table.Td>
                  <Table.Td w={140}>
                    <Group gap={6} wrap="nowrap">
                      <NumberInput size="xs" w={80} min={0} max={100} aria-label={`Score of ${dimension?.label ?? r.dimension}`} value={r.value.score ?? ''} onChange={(v) => setReadiness(r.dimension, { score: typeof v === 'number' ? Math.max(0, Math.min(100, v)) : null })} />
                      <span className={`wp-rag wp-rag-${rag}`} style={{ display: 'inline-block', width: 14, height: 14 }} />
                    </Group>
                  </Table.Td>
                  <Table.Td w={150}>
                    <DayField size="xs" placeholder="YYYY-MM-DD" aria-label={`Target date of ${dimension?.label ?? r.dimension}`} value={r.value.targetDate ?? ''} error={bad ? 'YYYY-MM-DD' : undefined} onChange={(e) => setReadiness(r.dimension, { targetDate: e.currentTarget.value.trim() || null })} onPick={(day) => setReadiness(r.dimension, { targetDate: day })} />
                  </Table.Td>
                  <Table.Td>
                    <TextInput size="xs" aria-label={`Comment on ${dimension?.label ?? r.dimension}`} value={r.comment} onChange={(e) => setReadiness(r.dimension, { comment: e.currentTarget.value })} />
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Paper>
      <Paper withBorder p="sm">
        <Title order={4} mb="xs">
          Open checklist items ({packet.checklist.length})
        </Title>
        <Table verticalSpacing={4} aria-label="Checklist">
          <Table.Tbody>
            {packet.checklist.map((c) => (
              <Table.Tr key={c.taskKey}>
                <Table.Td w={100}>{c.dueDate}</Table.Td>
                <Table.Td>
                  {c.title}{' '}
                  {c.gate && (
                    <Badge size="xs" variant="outline">
                      gate
                    </Badge>
                  )}
                </Table.Td>
                <Table.Td w={120}>
                  <NativeSelect size="xs" aria-label={`Status of ${c.title}`} value={c.value.status} data={[...CHECKLIST_STATUSES]} onChange={(e) => setItem(c.taskKey, { status: e.currentTarget.value as ChecklistStatus })} />
                </Table.Td>
                <Table.Td w={320}>
                  <Textarea size="xs" autosize minRows={1} aria-label={`Note on ${c.title}`} value={c.value.note} onChange={(e) => setItem(c.taskKey, { note: e.currentTarget.value })} />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Paper>
    </Stack>
  );
}
