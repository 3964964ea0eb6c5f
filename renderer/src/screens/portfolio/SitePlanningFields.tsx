/**
 * The planning facts of one site that do not fit a table cell: earliest go-live, predecessors,
 * blackout windows and notes. Each saves as one undoable edit, and a refused value stays with its reason.
 */
import { ActionIcon, Alert, Button, Group, MultiSelect, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { useEffect, useState } from 'react';
import type { SitePatch } from '../../../../shared/contract';
import { dateWindowSchema, isoDateSchema, type DateWindow, type Site } from '../../../../shared/domain';
import { usePortfolioStore } from '../../stores/portfolio-store';
import { DayField } from '../../components/DayField';

function useSave(code: string) {
  const updateSite = usePortfolioStore((s) => s.updateSite);
  const [error, setError] = useState<string | null>(null);
  const save = async (patch: SitePatch) => {
    try {
      await updateSite(code, patch);
      setError(null);
      return true;
    } catch (e) {
      setError((e as Error).message);
      return false;
    }
  };
  return { save, error };
}

function windowProblem(w: DateWindow): string | null {
  const result = dateWindowSchema.safeParse(w);
  return result.success ? null : result.error.issues.map((i) => `${i.path.join('.') || 'window'} ${i.message}`).join('; ');
}

export function SitePlanningFields({ site, sites }: { site: Site; sites: Site[] }) {
  const { save, error } = useSave(site.code);
  const [earliest, setEarliest] = useState(site.earliestGoLive ?? '');
  const [notes, setNotes] = useState(site.notes);
  const [blackouts, setBlackouts] = useState<DateWindow[]>(site.blackouts);
  useEffect(() => {
    setEarliest(site.earliestGoLive ?? '');
    setNotes(site.notes);
    setBlackouts(site.blackouts);
  }, [site]);

  const earliestProblem = earliest === '' || isoDateSchema.safeParse(earliest).success ? null : 'must be a date written YYYY-MM-DD';
  const blackoutProblems = blackouts.map(windowProblem);
  const blackoutsChanged = JSON.stringify(blackouts) !== JSON.stringify(site.blackouts);
  const others = sites.filter((s) => s.code !== site.code).map((s) => ({ value: s.code, label: `${s.code} · ${s.name}` }));

  return (
    <Stack gap="sm" data-testid="site-planning">
      {error && (
        <Alert color="red" title="Not saved" withCloseButton={false}>
          {error}
        </Alert>
      )}
      <DayField
        label="Earliest go-live"
        description="The site cannot go live before this day (empty: no limit)"
        placeholder="YYYY-MM-DD"
        value={earliest}
        error={earliestProblem}
        w={260}
        onChange={(e) => setEarliest(e.currentTarget.value.trim())}
        onBlur={() => {
          if (!earliestProblem && earliest !== (site.earliestGoLive ?? '')) void save({ earliestGoLive: earliest || null });
        }}
        onPick={(day) => {
          setEarliest(day);
          if (day !== (site.earliestGoLive ?? '')) void save({ earliestGoLive: day });
        }}
      />
      <MultiSelect
        label="Predecessors"
        description="Sites that must be live before this one"
        data={others}
        value={site.predecessors}
        searchable
        onChange={(codes) => void save({ predecessors: codes })}
      />
      <div>
        <Text size="sm" fw={500}>
          Blackouts
        </Text>
        <Text size="xs" c="dimmed" mb={4}>
          Windows in which the site cannot go live (a plant shutdown, peak season)
        </Text>
        <Stack gap={6}>
          {blackouts.map((w, i) => (
            <Group key={i} gap={6} align="flex-start" wrap="nowrap">
              <DayField size="xs" aria-label={`Blackout ${i + 1} from`} placeholder="from YYYY-MM-DD" value={w.from} w={150} onChange={(e) => setBlackouts(blackouts.map((b, j) => (j === i ? { ...b, from: e.currentTarget.value.trim() } : b)))} onPick={(from) => setBlackouts(blackouts.map((b, j) => (j === i ? { ...b, from } : b)))} />
              <DayField size="xs" aria-label={`Blackout ${i + 1} to`} placeholder="to YYYY-MM-DD" value={w.to} w={150} onChange={(e) => setBlackouts(blackouts.map((b, j) => (j === i ? { ...b, to: e.currentTarget.value.trim() } : b)))} onPick={(to) => setBlackouts(blackouts.map((b, j) => (j === i ? { ...b, to } : b)))} />
              <TextInput size="xs" aria-label={`Blackout ${i + 1} reason`} placeholder="reason" value={w.reason} style={{ flex: 1 }} error={blackoutProblems[i]} onChange={(e) => setBlackouts(blackouts.map((b, j) => (j === i ? { ...b, reason: e.currentTarget.value } : b)))} />
              <ActionIcon variant="subtle" color="red" aria-label={`Remove blackout ${i + 1}`} onClick={() => setBlackouts(blackouts.filter((_, j) => j !== i))}>
                ×
              </ActionIcon>
            </Group>
          ))}
          <Group gap="xs">
            <Button size="xs" variant="default" onClick={() => setBlackouts([...blackouts, { from: '', to: '', reason: '' }])}>
              Add blackout
            </Button>
            <Button size="xs" disabled={!blackoutsChanged || blackoutProblems.some(Boolean)} onClick={() => void save({ blackouts })}>
              Save blackouts
            </Button>
            {blackoutsChanged && (
              <Button size="xs" variant="subtle" onClick={() => setBlackouts(site.blackouts)}>
                Discard
              </Button>
            )}
          </Group>
        </Stack>
      </div>
      <Textarea
        label="Notes"
        autosize
        minRows={2}
        maxRows={8}
        value={notes}
        onChange={(e) => setNotes(e.currentTarget.value)}
        onBlur={() => {
          if (notes !== site.notes) void save({ notes });
        }}
      />
    </Stack>
  );
}
