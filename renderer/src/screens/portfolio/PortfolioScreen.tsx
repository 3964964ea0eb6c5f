/** Portfolio: every site of the plan, editable in place, with add, duplicate, remove and bulk edit; and the ERPs. */
import { Alert, Button, Group, Stack, Tabs, Text, TextInput, Title } from '@mantine/core';
import type { RowSelectionState } from '@tanstack/react-table';
import { useEffect, useMemo, useState } from 'react';
import type { Site } from '../../../../shared/domain';
import { VirtualTable } from '../../components/VirtualTable';
import { useNavigationStore } from '../../stores/navigation-store';
import { usePlanStore } from '../../stores/plan-store';
import { useScheduleStore } from '../../stores/schedule-store';
import { usePortfolioStore, type SiteInput } from '../../stores/portfolio-store';
import { ErpsTable } from './ErpsTable';
import { FROZEN_COLUMNS, OPTIONAL_COLUMNS, siteColumns, type Placement } from './site-columns';
import { BulkEditDialog, draftSite, RemoveSitesDialog, SiteFormDialog } from './SiteDialogs';
import { ColumnChooser, useColumnVisibility } from './ColumnChooser';
import { ErpFormDialog } from './ErpFormDialog';
import { SitePanel } from './SitePanel';
import { useFocusReturn } from '../../components/use-focus-return';

type Dialog = { kind: 'add'; initial: SiteInput; title: string } | { kind: 'remove'; codes: string[] } | { kind: 'bulk'; codes: string[] } | { kind: 'add-erp' } | null;

export function PortfolioScreen() {
  const { sites, erps, loaded, error, load, updateSite, updateSites, createSite, deleteSites, updateErp, createErp } = usePortfolioStore();
  const dimensions = usePortfolioStore((s) => s.dimensions);
  const generation = usePlanStore((s) => s.generation);
  const [filter, setFilter] = useState('');
  const [openSite, setOpenSite] = useFocusReturn<string>();
  const [selection, setSelection] = useState<RowSelectionState>({});
  const [dialog, setDialog] = useFocusReturn<NonNullable<Dialog>>();
  const [tab, setTab] = useState<string | null>('sites');

  useEffect(() => {
    void load();
  }, [load, generation]);

  // Requests from the command palette.
  const intent = useNavigationStore((s) => s.intent);
  useEffect(() => {
    const { take } = useNavigationStore.getState();
    if (take('add-site')) setDialog({ kind: 'add', initial: draftSite(usePortfolioStore.getState().erps, usePortfolioStore.getState().sites), title: 'Add a site' });
    if (take('show-erps')) setTab('erps');
    const open = take('open-site');
    if (open) setOpenSite(open.code);
  }, [intent]);

  // The filter works on the tab shown, and says so.
  const needle = filter.trim().toLowerCase();
  const visible = useMemo(() => (needle ? sites.filter((s) => [s.code, s.name, s.region, s.country, s.erp, s.siteLead.name].some((v) => v.toLowerCase().includes(needle))) : sites), [sites, needle]);
  const visibleErps = useMemo(() => (needle ? erps.filter((e) => [e.code, e.name, e.vendor, e.version, e.connectorStatus].some((v) => v.toLowerCase().includes(needle))) : erps), [erps, needle]);
  const onErps = tab === 'erps';

  const erpByCode = useMemo(() => new Map(erps.map((e) => [e.code, e])), [erps]);
  const schedule = useScheduleStore((s) => s.view?.schedule);
  const scheduleLoaded = useScheduleStore((s) => s.loaded);
  useEffect(() => {
    if (!scheduleLoaded) void useScheduleStore.getState().load();
  }, [scheduleLoaded]);
  const placements = useMemo(() => {
    const byCode = new Map<string, Placement>();
    for (const wave of schedule?.waves ?? []) for (const placed of wave.sites) byCode.set(placed.site, { wave: wave.number, goLive: placed.goLive, reason: null });
    for (const u of schedule?.unscheduled ?? []) byCode.set(u.site, { wave: null, goLive: null, reason: u.reason });
    return byCode;
  }, [schedule]);
  const [columnVisibility, setColumnVisibility] = useColumnVisibility();
  const columns = useMemo(() => siteColumns({ erpByCode, placements, dimensions, updateSite, openSite: setOpenSite }), [erpByCode, placements, dimensions, updateSite]);
  // Only sites that still exist and are shown count as selected.
  const selected = visible.filter((s) => selection[s.code]).map((s) => s.code);
  const duplicateOf = selected.length === 1 ? sites.find((s) => s.code === selected[0]) : undefined;

  return (
    <Stack gap="sm" h="100%">
      <Group justify="space-between">
        <div>
          <Title order={2}>Portfolio</Title>
          <Text c="dimmed" size="sm">
            {sites.length} sites, {sites.filter((s) => !s.excluded).length} in scope, on {erps.length} ERPs
          </Text>
        </div>
        <TextInput
          placeholder={onErps ? 'Filter ERPs' : 'Filter sites'}
          aria-label={onErps ? 'Filter ERPs' : 'Filter sites'}
          description={onErps ? `Code, name, vendor, version or connector status${needle ? ` · ${visibleErps.length} of ${erps.length} shown` : ''}` : `Code, name, region, country, ERP or site lead${needle ? ` · ${visible.length} of ${sites.length} shown` : ''}`}
          value={filter}
          onChange={(e) => setFilter(e.currentTarget.value)}
          w={320}
        />
      </Group>
      {error && <Alert color="red" title="Could not load the sites">{error}</Alert>}
      <Tabs value={tab} onChange={setTab} keepMounted={false} style={{ flex: 1, minHeight: 0, display: 'flex', flexDirection: 'column' }}>
        <Tabs.List>
          <Tabs.Tab value="sites">Sites ({sites.length})</Tabs.Tab>
          <Tabs.Tab value="erps">ERPs ({erps.length})</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="sites" pt="xs" style={{ flex: 1, minHeight: 0, display: 'flex', flexDirection: 'column', gap: 8 }}>
          <Group gap="xs">
            <Button size="xs" onClick={() => setDialog({ kind: 'add', initial: draftSite(erps, sites), title: 'Add a site' })}>
              Add site
            </Button>
            <Button size="xs" variant="default" disabled={!duplicateOf} onClick={() => duplicateOf && setDialog({ kind: 'add', initial: draftSite(erps, sites, duplicateOf), title: `Duplicate ${duplicateOf.code}` })}>
              Duplicate
            </Button>
            <Button size="xs" variant="default" disabled={selected.length < 1} onClick={() => setDialog({ kind: 'bulk', codes: selected })}>
              Edit selected…
            </Button>
            <Button size="xs" variant="default" color="red" disabled={selected.length < 1} onClick={() => setDialog({ kind: 'remove', codes: selected })}>
              Remove…
            </Button>
            <Text size="xs" c="dimmed" data-testid="selection-count">
              {selected.length ? `${selected.length} selected` : 'Select sites with the boxes to edit or remove several at once'}
            </Text>
            <Group ml="auto">
              <ColumnChooser columns={OPTIONAL_COLUMNS} visibility={columnVisibility} onChange={setColumnVisibility} />
            </Group>
          </Group>
          <VirtualTable<Site>
            label="Sites"
            rows={visible}
            columns={columns}
            rowId={(s) => s.code}
            rowProps={(s) => ({ 'data-site': s.code, className: s.excluded ? 'wp-excluded' : undefined })}
            selection={selection}
            onSelectionChange={setSelection}
            loaded={loaded}
            columnVisibility={columnVisibility}
            frozen={FROZEN_COLUMNS}
          />
        </Tabs.Panel>
        <Tabs.Panel value="erps" pt="xs" style={{ flex: 1, minHeight: 0, display: 'flex', flexDirection: 'column', gap: 8 }}>
          <Group gap="xs">
            <Button size="xs" onClick={() => setDialog({ kind: 'add-erp' })}>
              Add ERP
            </Button>
          </Group>
          <ErpsTable erps={visibleErps} sites={sites} updateErp={updateErp} />
        </Tabs.Panel>
      </Tabs>
      <SitePanel site={sites.find((s) => s.code === openSite) ?? null} sites={sites} dimensions={dimensions} onClose={() => setOpenSite(null)} />
      {dialog?.kind === 'add' && (
        <SiteFormDialog
          initial={dialog.initial}
          erps={erps}
          title={dialog.title}
          onClose={() => setDialog(null)}
          onSave={async (site) => {
            await createSite(site);
            setSelection({});
          }}
        />
      )}
      {dialog?.kind === 'remove' && (
        <RemoveSitesDialog
          codes={dialog.codes}
          onClose={() => setDialog(null)}
          onRemove={async () => {
            await deleteSites(dialog.codes);
            setSelection({});
          }}
        />
      )}
      {dialog?.kind === 'add-erp' && <ErpFormDialog erps={erps} onClose={() => setDialog(null)} onSave={createErp} />}
      {dialog?.kind === 'bulk' && <BulkEditDialog codes={dialog.codes} erps={erps} onClose={() => setDialog(null)} onApply={(patch) => updateSites(dialog.codes, patch)} />}
    </Stack>
  );
}
