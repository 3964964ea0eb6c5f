/**
 * "Find a faster sequence": searches the order in which ERPs are brought in (every other rule kept)
 * in a worker, with its progress and a Cancel, and saves what it finds as a scenario to compare and
 * adopt — never as a silent change of the plan.
 */
import { Alert, Button, Group, Modal, Progress, ScrollArea, SegmentedControl, Stack, Text } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import { optimisedScenario } from '../../../shared/optimiser/as-scenario';
import type { OptimiseProgress, OptimisedSequence } from '../../../shared/optimiser/erp-sequence';
import { api } from '../api/client';
import { usePlanStore } from '../stores/plan-store';
import type { OptimiserMessage, OptimiserRequest } from './optimiser.worker';

type Run = { state: 'idle' } | { state: 'running'; progress: OptimiseProgress | null } | { state: 'done'; result: OptimisedSequence; scenario: string | null } | { state: 'failed'; message: string };

const meanDays = (s: { totalDays: number; placed: number }) => (s.placed ? (s.totalDays / s.placed).toFixed(1) : '—');

export function FasterSequenceDialog({ opened, onClose, onCompare }: { opened: boolean; onClose(): void; onCompare(scenario: string): void }) {
  const [limit, setLimit] = useState('10');
  const [run, setRun] = useState<Run>({ state: 'idle' });
  const worker = useRef<Worker | null>(null);
  const track = usePlanStore((s) => s.track);

  const stop = () => {
    worker.current?.terminate();
    worker.current = null;
  };
  useEffect(() => {
    if (!opened) {
      stop();
      setRun({ state: 'idle' });
    }
  }, [opened]);
  useEffect(() => stop, []);

  const start = async () => {
    setRun({ state: 'running', progress: null });
    try {
      const input = await api['schedule:input']({});
      const next = new Worker(new URL('./optimiser.worker.ts', import.meta.url), { type: 'module' });
      worker.current = next;
      next.onmessage = (event: MessageEvent<OptimiserMessage>) => {
        const message = event.data;
        if (message.type === 'progress') return setRun({ state: 'running', progress: message.progress });
        stop();
        if (message.type === 'failed') return setRun({ state: 'failed', message: message.message });
        const scenario = optimisedScenario(message.result, input.asOf);
        if (!scenario) return setRun({ state: 'done', result: message.result, scenario: null });
        track(() => api['scenarios:save'](scenario)).then(
          () => setRun({ state: 'done', result: message.result, scenario: scenario.name }),
          (error: Error) => setRun({ state: 'failed', message: error.message }),
        );
      };
      next.onerror = (event) => {
        stop();
        setRun({ state: 'failed', message: event.message || 'The search stopped unexpectedly.' });
      };
      next.postMessage({ input, timeLimitSeconds: Number(limit) } satisfies OptimiserRequest);
    } catch (error) {
      setRun({ state: 'failed', message: (error as Error).message });
    }
  };

  const progress = run.state === 'running' ? run.progress : null;
  return (
    <Modal opened={opened} onClose={onClose} title="Find a faster sequence" size="lg" closeButtonProps={{ 'aria-label': 'Close' }}>
      <Stack gap="sm">
        <Text size="sm">
          Rule 10 gives each wave's new-ERP slot to the site that is ready first, and fills each wave in its order of priority. Bringing the ERPs in another order, or moving a site to the wave before or after, can make the sites go live earlier on average. This tries both with every other rule kept (readiness, connectors, blackouts, freezes, stagger, wave sizes, predecessors, pins, locked waves, crews), then solves a plan small enough for the time given exactly, which shows whether anything faster exists, and saves the best it finds as a scenario; the plan itself does not change.
        </Text>
        {run.state === 'idle' && (
          <Group justify="space-between">
            <Group gap="xs">
              <Text size="sm">Search for at most</Text>
              <SegmentedControl size="xs" value={limit} onChange={setLimit} data={[{ value: '5', label: '5 s' }, { value: '10', label: '10 s' }, { value: '30', label: '30 s' }]} aria-label="Time limit" />
            </Group>
            <Button onClick={() => void start()}>Search</Button>
          </Group>
        )}
        {run.state === 'running' && (
          <Stack gap={6} data-testid="optimiser-progress">
            <Progress value={progress?.solvingExactly ? 100 : progress ? (100 * progress.evaluations) / progress.budget : 0} aria-label="Search progress" animated />
            <Text size="sm" aria-live="polite">
              {progress
                ? `${progress.evaluations} schedules tried; best mean go-live so far ${meanDays(progress.best)} days out${progress.solvingExactly ? '. Now solving the plan exactly (HiGHS)…' : ''}`
                : 'Starting…'}
            </Text>
            <Group justify="flex-end">
              <Button variant="default" onClick={() => (stop(), setRun({ state: 'idle' }))}>
                Cancel
              </Button>
            </Group>
          </Stack>
        )}
        {run.state === 'done' && (
          <Stack gap={6} data-testid="optimiser-result">
            {/* An exact optimum can move every site: its lines scroll rather than push the buttons off the screen. */}
            <ScrollArea.Autosize mah={360} type="auto" viewportProps={{ tabIndex: 0, role: 'region', 'aria-label': 'What the search found' }}>
              <Stack gap={6}>
                {run.result.explanation.map((line, i) => (
                  <Text key={line} size="sm" fw={i === 0 ? 600 : undefined}>
                    {line}
                  </Text>
                ))}
              </Stack>
            </ScrollArea.Autosize>
            <Text size="xs" c="dimmed">
              {run.result.evaluations} schedules tried (ERP orders{run.result.exhaustive ? ', every one,' : ''} and sites moved a wave){run.result.proven ? ', and the plan solved exactly' : ''}; mean go-live {meanDays(run.result.defaultScore)} →{' '}
              {meanDays(run.result.score)} days out.
            </Text>
            <Group justify="flex-end">
              <Button variant="default" onClick={onClose}>
                Close
              </Button>
              {run.scenario && <Button onClick={() => onCompare(run.scenario!)}>Compare it in Scenarios</Button>}
            </Group>
          </Stack>
        )}
        {run.state === 'failed' && (
          <Alert color="red" title="The search did not finish">
            {run.message}
          </Alert>
        )}
      </Stack>
    </Modal>
  );
}
