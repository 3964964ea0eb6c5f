/**
 * Scenarios: what-ifs scheduled beside the plan by the same rules. The list holds each scenario with
 * what it changes; ticked ones (up to three) are compared with the plan — last and mean go-live,
 * sites live by quarter, waves, size warnings, unscheduled sites, each site's go-live — and one can
 * be adopted into the plan as one step that Undo takes back.
 */
import { Alert, Badge, Button, Card, Checkbox, Group, Modal, ScrollArea, Spoiler, Stack, Table, Text, Title } from '@mantine/core';
import { useEffect, useMemo, useState } from 'react';
import type { ScenarioSummary } from '../../../../shared/contract';
import { SCHEDULER_INPUTS } from '../../../../shared/changes';
import { plural } from '../../../../shared/plural';
import type { ScheduleMetrics, SideBySide } from '../../../../shared/scenario-compare';
import { describeScheduleDiff } from '../../../../shared/scheduler/diff';
import { api } from '../../api/client';
import { notify } from '../../layout/notify';
import { useChangeCounters } from '../../stores/change-feed';
import { usePlanStore } from '../../stores/plan-store';
import { usePortfolioStore } from '../../stores/portfolio-store';
import { useFocusReturn } from '../../components/use-focus-return';
import { LiveByQuarterChart } from './LiveByQuarterChart';
import { ScenarioEditor, type ScenarioDraft } from './ScenarioEditor';

const MAX_COMPARED = 3;
/** Rows of the go-live table drawn at once; the rest are counted. */
const SITE_ROWS = 400;

const signedDays = (days: number) => `${days > 0 ? '+' : '−'}${Math.abs(Math.round(days * 10) / 10)} d`;

interface MetricRow {
  label: string;
  value(m: ScheduleMetrics): string;
  /** The scenario against the plan: negative is earlier or fewer. */
  delta?(m: ScheduleMetrics, plan: ScheduleMetrics): number | null;
  /** Whether less is better (earlier, fewer), more is better, or neither. */
  better?: 'less' | 'more';
  unit: 'days' | 'count';
}

const dayDelta = (a: string | null, b: string | null) => (a && b ? Math.round((Date.parse(a) - Date.parse(b)) / 86_400_000) : null);

const METRICS: MetricRow[] = [
  { label: 'Last go-live', value: (m) => m.lastGoLive ?? '—', delta: (m, p) => dayDelta(m.lastGoLive, p.lastGoLive), better: 'less', unit: 'days' },
  { label: 'Mean go-live', value: (m) => (m.meanGoLive ? `${m.meanGoLive} (${m.meanDaysFromAsOf} d out)` : '—'), delta: (m, p) => (m.meanDaysFromAsOf !== null && p.meanDaysFromAsOf !== null ? m.meanDaysFromAsOf - p.meanDaysFromAsOf : null), better: 'less', unit: 'days' },
  { label: 'Sites placed', value: (m) => String(m.placed), delta: (m, p) => m.placed - p.placed, better: 'more', unit: 'count' },
  { label: 'Waves after the lighthouse', value: (m) => String(m.waves), delta: (m, p) => m.waves - p.waves, unit: 'count' },
  { label: 'Waves outside the size', value: (m) => String(m.sizeWarnings), delta: (m, p) => m.sizeWarnings - p.sizeWarnings, better: 'less', unit: 'count' },
  { label: 'Unscheduled sites', value: (m) => String(m.unscheduled), delta: (m, p) => m.unscheduled - p.unscheduled, better: 'less', unit: 'count' },
  { label: 'Broken rules', value: (m) => String(m.violations), delta: (m, p) => m.violations - p.violations, better: 'less', unit: 'count' },
];

function Delta({ row, value }: { row: MetricRow; value: number | null }) {
  if (value === null || value === 0) return null;
  const good = row.better === undefined ? null : row.better === 'less' ? value < 0 : value > 0;
  const words = row.unit === 'days' ? `${signedDays(value)} ${value < 0 ? 'earlier' : 'later'}` : `${value > 0 ? '+' : '−'}${Math.abs(value)}`;
  return (
    <Text span size="xs" fw={600} c={good === null ? 'dimmed' : undefined} className={good === null ? undefined : good ? 'wp-better' : 'wp-worse'} ml={6}>
      {words}
    </Text>
  );
}

function Comparison({ compared }: { compared: SideBySide }) {
  const plan = compared.columns[0]!.metrics;
  return (
    <Stack gap="md">
      <Table withTableBorder aria-label="The plan and its scenarios" data-testid="scenario-metrics" fz="sm">
        <Table.Thead>
          <Table.Tr>
            <Table.Th />
            {compared.columns.map((c) => (
              <Table.Th key={c.name}>{c.name}</Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {METRICS.map((row) => (
            <Table.Tr key={row.label} data-metric={row.label}>
              <Table.Th fw={500}>{row.label}</Table.Th>
              {compared.columns.map((c, i) => (
                <Table.Td key={c.name}>
                  {row.value(c.metrics)}
                  {i > 0 && <Delta row={row} value={row.delta?.(c.metrics, plan) ?? null} />}
                </Table.Td>
              ))}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <div>
        <Title order={3} size="h5" mb={4}>
          Sites live by quarter
        </Title>
        {compared.quarters.length ? <LiveByQuarterChart quarters={compared.quarters} columns={compared.columns} /> : <Text size="sm">No site goes live in any of them.</Text>}
      </div>
      <div>
        <Title order={3} size="h5">
          Go-lives that differ
        </Title>
        <Text size="sm" c="dimmed" mb={4}>
          {compared.sites.length === 0 ? `Every site goes live on the same day in each (${plural(compared.unchanged, 'site')}).` : `${plural(compared.sites.length, 'site')}, the largest difference first; ${compared.unchanged} the same in each.`}
        </Text>
        {compared.sites.length > 0 && (
          <ScrollArea.Autosize mah={360} type="auto" viewportProps={{ tabIndex: 0, 'aria-label': 'Go-lives that differ, scrollable' }}>
            <Table fz="xs" verticalSpacing={2} aria-label="Go-lives that differ" data-testid="scenario-sites" stickyHeader>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Site</Table.Th>
                  {compared.columns.map((c) => (
                    <Table.Th key={c.name}>{c.name}</Table.Th>
                  ))}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {compared.sites.slice(0, SITE_ROWS).map((s) => (
                  <Table.Tr key={s.site} data-site={s.site}>
                    <Table.Td ff="monospace">{s.site}</Table.Td>
                    {s.goLives.map((day, i) => {
                      const d = s.daysAgainstPlan[i] ?? null;
                      return (
                        <Table.Td key={i}>
                          {day ?? 'unscheduled'}
                          {i > 0 && d !== null && d !== 0 && (
                            <Text span size="xs" className={d < 0 ? 'wp-better' : 'wp-worse'} ml={4}>
                              ({signedDays(d)})
                            </Text>
                          )}
                        </Table.Td>
                      );
                    })}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
            {compared.sites.length > SITE_ROWS && (
              <Text size="xs" c="dimmed" p={4}>
                and {compared.sites.length - SITE_ROWS} more (the command line's `scenario compare` lists them all)
              </Text>
            )}
          </ScrollArea.Autosize>
        )}
      </div>
    </Stack>
  );
}

export function ScenariosScreen() {
  const { sites, erps, dimensions, load: loadSites } = usePortfolioStore();
  const track = usePlanStore((s) => s.track);
  const counters = useChangeCounters((s) => s.counters);
  const [scenarios, setScenarios] = useState<ScenarioSummary[] | null>(null);
  const [chosen, setChosen] = useState<string[]>([]);
  const [compared, setCompared] = useState<SideBySide | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [editing, setEditing] = useFocusReturn<ScenarioDraft | 'new'>();
  const [adopting, setAdopting] = useFocusReturn<ScenarioSummary>();
  const [adoptBusy, setAdoptBusy] = useState(false);
  // Schedules follow what they are computed from; the list follows the scenarios.
  const inputs = SCHEDULER_INPUTS.map((e) => counters[e]).join(',') + `,${counters.schedule},${counters.scenarios}`;

  useEffect(() => void loadSites(), [loadSites]);
  useEffect(() => {
    api['scenarios:list']().then(
      (list) => {
        setScenarios(list);
        // The newest scenarios are compared until the user chooses.
        setChosen((was) => {
          const kept = was.filter((n) => list.some((s) => s.name === n));
          return kept.length || was.length ? kept : list.slice(-MAX_COMPARED).map((s) => s.name);
        });
      },
      (e: Error) => setError(e.message),
    );
  }, [counters.scenarios, counters.sites, counters.erps]);
  const names = useMemo(() => (scenarios ?? []).map((s) => s.name).filter((n) => chosen.includes(n)), [scenarios, chosen]);
  useEffect(() => {
    if (names.length === 0) return setCompared(null);
    let current = true;
    api['scenarios:compare']({ names }).then(
      (result) => current && (setCompared(result), setError(null)),
      (e: Error) => current && setError(e.message),
    );
    return () => void (current = false);
  }, [names.join('\u0000'), inputs]);

  const toggle = (name: string, on: boolean) => setChosen((was) => (on ? [...was, name] : was.filter((n) => n !== name)));
  const remove = async (name: string) => {
    try {
      await track(() => api['scenarios:remove']({ name }));
      notify(`Removed scenario ${name}. Ctrl+Z brings it back.`, 'ok');
    } catch (e) {
      notify((e as Error).message, 'error');
    }
  };
  const adopt = async (scenario: ScenarioSummary) => {
    setAdoptBusy(true);
    try {
      const { value } = await track(() => api['scenarios:adopt']({ name: scenario.name }));
      notify(`Adopted scenario ${scenario.name} and re-planned: ${describeScheduleDiff(value.replan.diff) ?? 'nothing moved'}.`, 'ok');
      setAdopting(null);
    } catch (e) {
      notify((e as Error).message, 'error');
    } finally {
      setAdoptBusy(false);
    }
  };

  return (
    <Stack gap="sm" data-testid="scenarios-screen">
      <Group justify="space-between" align="flex-start">
        <div>
          <Title order={2}>Scenarios</Title>
          <Text c="dimmed" size="sm">
            What-ifs scheduled beside the plan by the same rules{compared ? `, as of ${compared.asOf}` : ''}. Tick up to three to compare.
          </Text>
        </div>
        <Button onClick={() => setEditing('new')}>New scenario</Button>
      </Group>
      {error && (
        <Alert color="red" title="Cannot compare" withCloseButton onClose={() => setError(null)}>
          {error}
        </Alert>
      )}
      <Group align="flex-start" gap="md" wrap="nowrap">
        <Stack gap="xs" w={360} style={{ flexShrink: 0 }} data-testid="scenario-list">
          {scenarios?.length === 0 && (
            <Text size="sm" c="dimmed">
              No scenarios yet. A scenario changes some of what the schedule is computed from — a setting, a connector date, a readiness target, a site in or out, a crew's size — and shows what the schedule would be, without changing the plan.
            </Text>
          )}
          {scenarios?.map((s) => {
            const on = chosen.includes(s.name);
            return (
              <Card key={s.name} withBorder padding="sm" data-scenario={s.name}>
                <Checkbox label={<Text fw={600}>{s.name}</Text>} checked={on} disabled={!on && names.length >= MAX_COMPARED} onChange={(e) => toggle(s.name, e.currentTarget.checked)} aria-label={`Compare ${s.name}`} />
                {/* A faster sequence's note and pins can run to dozens of lines: four and five lines (of 16.8 px) show, the rest on request. */}
                {s.note && (
                  <Spoiler maxHeight={67} showLabel="Show the whole note" hideLabel="Show less" mt={4} styles={{ control: { fontSize: 'var(--mantine-font-size-xs)' } }}>
                    <Text size="xs" c="dimmed" style={{ whiteSpace: 'pre-line' }}>
                      {s.note}
                    </Text>
                  </Spoiler>
                )}
                <Spoiler maxHeight={84} showLabel={`Show all ${s.inWords.length} changes`} hideLabel="Show fewer" mt={6} styles={{ control: { fontSize: 'var(--mantine-font-size-xs)' } }}>
                  <Stack gap={0}>
                    {s.inWords.length ? (
                      s.inWords.map((line) => (
                        <Text key={line} size="xs">
                          {line}
                        </Text>
                      ))
                    ) : (
                      <Badge variant="light" color="gray" size="sm">
                        changes nothing
                      </Badge>
                    )}
                  </Stack>
                </Spoiler>
                <Group gap={6} mt="xs">
                  <Button size="compact-xs" variant="default" onClick={() => setEditing({ name: s.name, note: s.note, changes: s.changes })}>
                    Edit…
                  </Button>
                  <Button size="compact-xs" variant="light" onClick={() => setAdopting(s)}>
                    Adopt…
                  </Button>
                  <Button size="compact-xs" variant="subtle" color="red" onClick={() => void remove(s.name)}>
                    Remove
                  </Button>
                </Group>
              </Card>
            );
          })}
        </Stack>
        <div style={{ flex: 1, minWidth: 0 }}>{compared ? <Comparison compared={compared} /> : scenarios?.length ? <Text size="sm">Tick a scenario to compare it with the plan.</Text> : null}</div>
      </Group>
      <ScenarioEditor
        opened={editing !== null}
        scenario={editing === 'new' ? null : editing}
        sites={sites}
        erps={erps}
        dimensions={dimensions}
        onClose={() => setEditing(null)}
        onSaved={(name) => {
          setEditing(null);
          setChosen((was) => (was.includes(name) || was.length >= MAX_COMPARED ? was : [...was, name]));
          notify(`Saved scenario ${name}.`, 'ok');
        }}
      />
      <Modal opened={adopting !== null} onClose={() => setAdopting(null)} title={`Adopt scenario ${adopting?.name ?? ''}?`} closeButtonProps={{ 'aria-label': 'Close' }}>
        <Stack gap="sm">
          <Text size="sm">The plan takes these changes and is re-planned, as one step (Ctrl+Z takes it back):</Text>
          <Stack gap={2}>
            {(adopting?.inWords.length ? adopting.inWords : ['nothing']).map((line) => (
              <Text key={line} size="sm">
                • {line}
              </Text>
            ))}
          </Stack>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setAdopting(null)}>
              Cancel
            </Button>
            <Button onClick={() => adopting && void adopt(adopting)} loading={adoptBusy}>
              Adopt and re-plan
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}
