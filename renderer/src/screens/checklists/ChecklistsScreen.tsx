/**
 * Checklists: the playbook made concrete for each placed site, as one list grouped by wave and site,
 * by owner or by due week, each group with its progress. Filters for overdue items, gates, status,
 * owner and text; items completed with a tick, owner, status and note edited in place; a selection
 * changed at once.
 */
import { Alert, Button, Chip, Group, Select, SegmentedControl, Stack, Text, TextInput, Title } from '@mantine/core';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { CHECKLIST_STATUSES, type ChecklistStatus } from '../../../../shared/domain';
import { todayIso } from '../../../../shared/dates';
import { usePlanStore } from '../../stores/plan-store';
import { useScheduleStore } from '../../stores/schedule-store';
import { usePortfolioStore } from '../../stores/portfolio-store';
import { CHECKLIST_GROUPINGS, checklistRows, matchesFilters, NO_FILTERS, ownersOf, progressOf, type ChecklistFilters, type ChecklistGrouping } from './checklist-rows';
import { ChecklistList } from './ChecklistList';
import { PlaybookEditor } from './PlaybookEditor';
import { useChecklistItems } from './use-checklist-items';
import { usePlaybookGates } from './use-playbook-gates';
import { useFocusReturn } from '../../components/use-focus-return';
import { plural } from '../../../../shared/plural';

const STATUS_FILTERS = [{ value: 'open', label: 'Open (not done, not n/a)' }, ...CHECKLIST_STATUSES.map((s) => ({ value: s, label: s }))];

export function ChecklistsScreen() {
  const generation = usePlanStore((s) => s.generation);
  const { view, loaded: scheduleLoaded, load: loadSchedule } = useScheduleStore();
  const checklist = useChecklistItems();
  const { items, error, clearError, update } = checklist;
  // Grouped by wave only once the schedule says where each site is.
  const loaded = checklist.loaded && scheduleLoaded;
  const gates = usePlaybookGates();
  const [grouping, setGrouping] = useState<ChecklistGrouping>('wave');
  const [filters, setFilters] = useState<ChecklistFilters>(NO_FILTERS);
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(new Set());
  const [selected, setSelected] = useState<ReadonlySet<number>>(new Set());
  const [bulkStatus, setBulkStatus] = useState<ChecklistStatus | null>(null);
  const [editingPlaybook, setEditingPlaybook] = useFocusReturn<true>();
  const today = todayIso();

  useEffect(() => {
    // The change feed keeps a loaded schedule current: reading it again would only delay the items.
    if (!useScheduleStore.getState().loaded) void loadSchedule();
  }, [generation, loadSchedule]);

  const schedule = view?.schedule ?? null;
  const sites = usePortfolioStore((s) => s.sites);
  const siteNames = useMemo(() => new Map(sites.map((site) => [site.code, site.name])), [sites]);
  const shown = useMemo(() => items.filter((i) => matchesFilters(i, filters, gates, today)), [items, filters, gates, today]);
  const rows = useMemo(() => (loaded ? checklistRows({ items: shown, schedule, siteNames, gates, grouping, collapsed, today }) : []), [loaded, shown, schedule, siteNames, gates, grouping, collapsed, today]);
  const totals = useMemo(() => progressOf(shown, gates, today), [shown, gates, today]);
  const owners = useMemo(() => ownersOf(items), [items]);
  const filtering = JSON.stringify(filters) !== JSON.stringify(NO_FILTERS);

  const setFilter = <K extends keyof ChecklistFilters>(key: K, value: ChecklistFilters[K]) => setFilters((f) => ({ ...f, [key]: value }));
  const onSelect = useCallback((ids: readonly number[], on: boolean) => {
    setSelected((current) => {
      const next = new Set(current);
      for (const id of ids) {
        if (on) next.add(id);
        else next.delete(id);
      }
      return next;
    });
  }, []);
  const onToggleCollapsed = useCallback((key: string) => {
    setCollapsed((current) => {
      const next = new Set(current);
      if (!next.delete(key)) next.add(key);
      return next;
    });
  }, []);
  const topGroups = rows.flatMap((r) => (r.kind === 'group' && r.level === 1 ? [r.key] : []));
  const allShownSelected = shown.length > 0 && shown.every((i) => selected.has(i.id));

  return (
    <Stack gap="xs" h="100%" data-testid="checklists" data-loaded={loaded} data-item-count={items.length}>
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={2}>Checklists</Title>
          <Text c="dimmed" size="sm" data-testid="checklist-totals">
            {shown.length} {filtering ? `of ${items.length} ` : ''}items · {totals.done} done · {totals.overdue} overdue · {plural(totals.openGates, 'open gate')}
            {loaded && items.length === 0 ? ' · Re-plan to expand the playbook for every placed site' : ''}
          </Text>
        </div>
        <Group gap="xs">
          <Button variant="subtle" onClick={() => setCollapsed(new Set(topGroups))}>
            Collapse all
          </Button>
          <Button variant="subtle" onClick={() => setCollapsed(new Set())}>
            Expand all
          </Button>
          <Button variant="default" onClick={() => setEditingPlaybook(true)}>
            Edit playbook…
          </Button>
        </Group>
      </Group>
      <Group gap="sm" align="center">
        <SegmentedControl
          size="xs"
          aria-label="Group by"
          value={grouping}
          onChange={(value) => {
            setGrouping(value as ChecklistGrouping);
            setCollapsed(new Set());
          }}
          data={Object.entries(CHECKLIST_GROUPINGS).map(([value, label]) => ({ value, label: `By ${label.toLowerCase()}` }))}
        />
        <Chip size="xs" checked={filters.overdueOnly} onChange={(on) => setFilter('overdueOnly', on)} color="red">
          Overdue only
        </Chip>
        <Chip size="xs" checked={filters.gatesOnly} onChange={(on) => setFilter('gatesOnly', on)}>
          Gates only
        </Chip>
        <Select size="xs" w={180} placeholder="Any status" aria-label="Status filter" data={STATUS_FILTERS} value={filters.status} onChange={(v) => setFilter('status', v as ChecklistFilters['status'])} clearable />
        <Select size="xs" w={180} placeholder="Any owner" aria-label="Owner filter" data={owners.map((o) => ({ value: o, label: o || 'No owner' }))} value={filters.owner} onChange={(v) => setFilter('owner', v)} clearable searchable />
        <TextInput size="xs" w={200} placeholder="Site or task contains…" aria-label="Find a site or task" value={filters.text} onChange={(e) => setFilter('text', e.currentTarget.value)} />
        {filtering && (
          <Button size="xs" variant="subtle" onClick={() => setFilters(NO_FILTERS)}>
            Clear filters
          </Button>
        )}
      </Group>
      {selected.size > 0 && (
        <Group gap="sm" data-testid="selection-bar">
          <Text size="sm" fw={700}>
            {selected.size} selected
          </Text>
          <Select size="xs" placeholder="Set status of selected" data={[...CHECKLIST_STATUSES]} value={bulkStatus} onChange={(v) => setBulkStatus(v as ChecklistStatus | null)} w={200} aria-label="Bulk status" />
          <Button
            size="xs"
            disabled={!bulkStatus}
            onClick={() => {
              void update([...selected], { status: bulkStatus! }).then(() => setSelected(new Set()));
            }}
          >
            Apply to {selected.size}
          </Button>
          <Button size="xs" variant="subtle" onClick={() => setSelected(new Set())}>
            Clear selection
          </Button>
        </Group>
      )}
      {error && (
        <Alert color="red" withCloseButton closeButtonLabel="Dismiss" onClose={clearError}>
          {error}
        </Alert>
      )}
      {loaded && rows.length === 0 && items.length > 0 && (
        <Text c="dimmed" size="sm">
          No item matches these filters.
        </Text>
      )}
      <ChecklistList
        rows={rows}
        selected={selected}
        onSelect={onSelect}
        onToggleCollapsed={onToggleCollapsed}
        update={update}
        allShownSelected={allShownSelected}
        onSelectAllShown={(on) => onSelect(shown.map((i) => i.id), on)}
      />
      {editingPlaybook && <PlaybookEditor onClose={() => setEditingPlaybook(null)} />}
    </Stack>
  );
}
