/**
 * Export → PDF report: paper size, an optional baseline to measure slippage against, an optional
 * date range for the Gantt; a progress indicator while the report renders, then a download (in the
 * desktop app, the download asks where to save).
 */
import { Alert, Button, Group, Loader, Modal, SegmentedControl, Select, Stack, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import type { BaselineSummary } from '../../../shared/contract';
import { isoDateSchema } from '../../../shared/domain';
import { api } from '../api/client';
import { download } from './download';
import { DayField } from '../components/DayField';

/** Why a typed Gantt bound cannot be used ("Must be a real calendar date…"), or null when it can (or is empty). */
function dayProblem(value: string): string | null {
  if (!value) return null;
  const result = isoDateSchema.safeParse(value);
  if (result.success) return null;
  const message = result.error.issues[0]!.message;
  return message.charAt(0).toUpperCase() + message.slice(1);
}

export function ReportDialog({ opened, onClose }: { opened: boolean; onClose(): void }) {
  const [paper, setPaper] = useState<'a4' | 'letter'>('a4');
  const [baselines, setBaselines] = useState<BaselineSummary[]>([]);
  const [baseline, setBaseline] = useState<string | null>(null);
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);

  useEffect(() => {
    if (!opened) return;
    setError(null);
    setDone(null);
    api['baselines:list']().then(setBaselines, () => setBaselines([]));
  }, [opened]);

  const fromProblem = dayProblem(from);
  const toProblem = dayProblem(to) ?? (from && to && !fromProblem && to < from ? `Must not be before the "from" day (${from})` : null);
  const invalid = fromProblem !== null || toProblem !== null;

  const exportPdf = async () => {
    if (invalid) return;
    setBusy(true);
    setError(null);
    try {
      const file = await api['report:pdf']({ paper, baseline: baseline ?? undefined, from: from || undefined, to: to || undefined });
      download(file);
      setDone(`${file.fileName}: ${file.pages} pages.`);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal opened={opened} onClose={onClose} title="Steering-committee report (PDF)" size="md">
      <Stack>
        <div>
          <Text size="sm" fw={500} mb={4}>
            Paper
          </Text>
          <SegmentedControl value={paper} onChange={(v) => setPaper(v as 'a4' | 'letter')} data={[{ label: 'A4', value: 'a4' }, { label: 'Letter', value: 'letter' }]} />
        </div>
        <Select
          label="Compare with baseline"
          placeholder={baselines.length ? 'No baseline' : 'No baselines saved yet'}
          data={baselines.map((b) => ({ value: b.name, label: `${b.name} (as of ${b.asOf})` }))}
          value={baseline}
          onChange={setBaseline}
          clearable
          disabled={baselines.length === 0}
        />
        <Group grow>
          <DayField label="Gantt from" description="Empty: from the first prep" placeholder="YYYY-MM-DD" value={from} error={fromProblem} onChange={(e) => setFrom(e.currentTarget.value.trim())} onPick={setFrom} />
          <DayField label="Gantt to" description="Empty: to the last hypercare" placeholder="YYYY-MM-DD" value={to} error={toProblem} onChange={(e) => setTo(e.currentTarget.value.trim())} onPick={setTo} />
        </Group>
        {error && (
          <Alert color="red" title="The report was not made">
            {error}
          </Alert>
        )}
        {done && (
          <Alert color="teal" title="Report ready" role="status">
            {done}
          </Alert>
        )}
        <Group justify="flex-end">
          {busy && (
            <Group gap={6} data-testid="report-progress">
              <Loader size="sm" />
              <Text size="sm" c="dimmed">
                Rendering the report…
              </Text>
            </Group>
          )}
          <Button variant="default" onClick={onClose}>
            Close
          </Button>
          <Button onClick={() => void exportPdf()} loading={busy} disabled={invalid}>
            Export PDF
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
