/**
 * Plan: the wave timeline with the violations, unscheduled sites and lighthouse beside it. Re-plan
 * keeps pins and locks; a drag moves a site and the broken rules show at once.
 */
import { Alert, Button, Group, Menu, SegmentedControl, Stack, Switch, Tabs, Text, Title } from '@mantine/core';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { Timeline } from 'vis-timeline';
import { LighthousePanel, UnscheduledPanel, ViolationsPanel } from '../plan/PlanPanels';
import { predecessorLinks, timelineData, type GroupBy, type PredecessorLink } from '../plan/timeline-data';
import { BaselinesPanel } from '../plan/BaselinesPanel';
import { CrewLoadPanel } from '../plan/CrewLoadPanel';
import { downloadPackets } from '../packets/download-packets';
import { FasterSequenceDialog } from '../plan/FasterSequenceDialog';
import { TimelineLegend } from '../plan/TimelineLegend';
import { TimelineView, type ContextTarget } from '../plan/TimelineView';
import { SitePanel } from './portfolio/SitePanel';
import { useNavigationStore } from '../stores/navigation-store';
import { usePlanStore } from '../stores/plan-store';
import { usePortfolioStore } from '../stores/portfolio-store';
import { useScheduleStore } from '../stores/schedule-store';
import { useFocusReturn } from '../components/use-focus-return';
import { waveName } from '../../../shared/report/report-model';

const LINKS_KEY = 'wave-planner.timeline.predecessor-links';
const NO_LINKS: PredecessorLink[] = [];

export function PlanScreen() {
  const { view, loaded, busy, error, replanned, load, replan, move, pin, release, lock, overrideLighthouse } = useScheduleStore();
  const { sites, erps, dimensions, load: loadSites } = usePortfolioStore();
  const parts = useMemo(() => ({ sites, erps, readinessDimensions: dimensions }), [sites, erps, dimensions]);
  const showScreen = useNavigationStore((s) => s.show);
  const info = usePlanStore((s) => s.info);
  const generation = usePlanStore((s) => s.generation);
  const [groupBy, setGroupBy] = useState<GroupBy>('wave');
  const [menu, setMenu] = useState<ContextTarget | null>(null);
  const [tab, setTab] = useState<string | null>('violations');
  // Remembered on this computer, as the portfolio's columns are.
  const [showLinks, setShowLinks] = useState(() => localStorage.getItem(LINKS_KEY) === 'on');
  const [openSite, setOpenSite] = useFocusReturn<string>();
  const chart = useRef<Timeline | null>(null);
  const [fasterOpen, setFasterOpen] = useState(false);

  useEffect(() => {
    void load();
    void loadSites();
  }, [load, loadSites, generation]);

  // The command palette's "Find a faster sequence".
  const intent = useNavigationStore((s) => s.intent);
  useEffect(() => {
    if (useNavigationStore.getState().take('find-faster-sequence')) setFasterOpen(true);
  }, [intent]);

  // Drawn again only when the schedule or its locks change, not when the same schedule comes back stored.
  const schedule = view?.schedule;
  const locks = view?.lockedWaves.join(',');
  const data = useMemo(
    () => (schedule ? timelineData(schedule, locks ? locks.split(',').map(Number) : [], sites, groupBy, dimensions) : { groups: [], items: [], blackouts: [] }),
    [schedule, locks, sites, groupBy, dimensions],
  );
  const links = useMemo(() => (showLinks ? predecessorLinks(data.items, sites) : NO_LINKS), [showLinks, data.items, sites]);
  const freezeWindows = useMemo(() => info?.freezeWindows ?? [], [info?.freezeWindows]);
  const placedSite = menu?.site ? data.items.find((i) => i.site === menu.site) : undefined;
  const menuWave = menu?.wave ?? placedSite?.wave ?? null;
  const locked = menuWave !== null && view?.lockedWaves.includes(menuWave);

  return (
    <Stack gap="sm" h="100%">
      <Group justify="space-between" wrap="nowrap" align="flex-start">
        <div style={{ minWidth: 0 }}>
          <Title order={2}>Plan</Title>
          <Text c="dimmed" size="sm">
            {view
              ? `As of ${view.schedule.asOf}: ${view.schedule.waves.length - 1} waves after the lighthouse, ${data.items.length} sites placed, ${view.schedule.unscheduled.length} unscheduled`
              : 'No schedule yet'}
          </Text>
        </div>
        <Group gap="xs" wrap="nowrap">
          <Switch
            size="xs"
            label={
              // The switch's label is also the links' legend entry.
              <span style={{ whiteSpace: 'nowrap' }}>
                <span className="wp-legend-link" aria-hidden /> Predecessor links
              </span>
            }
            checked={showLinks}
            onChange={(event) => {
              const on = event.currentTarget.checked;
              setShowLinks(on);
              localStorage.setItem(LINKS_KEY, on ? 'on' : 'off');
            }}
          />
          <SegmentedControl
            size="xs"
            value={groupBy}
            onChange={(v) => setGroupBy(v as GroupBy)}
            data={[
              { label: 'By wave', value: 'wave' },
              { label: 'By region', value: 'region' },
              { label: 'By ERP', value: 'erp' },
            ]}
          />
          <Button size="xs" variant="default" onClick={() => chart.current?.zoomIn(0.5)} aria-label="Zoom in">
            +
          </Button>
          <Button size="xs" variant="default" onClick={() => chart.current?.zoomOut(0.5)} aria-label="Zoom out">
            −
          </Button>
          <Button size="xs" variant="default" onClick={() => chart.current?.fit()}>
            Fit
          </Button>
          <Button size="xs" variant="light" onClick={() => setFasterOpen(true)} disabled={!view} title="Try other orders of bringing in the ERPs and save the fastest as a scenario">
            Faster sequence…
          </Button>
          <Button size="xs" onClick={() => void replan()} loading={busy} title="Compute the schedule again as of today, keeping pins and locked waves">
            Re-plan
          </Button>
        </Group>
      </Group>
      {error && (
        <Alert color="red" title="Not changed" withCloseButton onClose={() => useScheduleStore.setState({ error: null })}>
          {error}
        </Alert>
      )}
      {view?.stale && (
        <Alert color="yellow" title="The schedule is out of date" data-testid="stale-schedule">
          <Group justify="space-between" wrap="nowrap">
            <Text size="sm">{view.staleBecause}. The timeline still shows the schedule as it was computed.</Text>
            <Button size="xs" onClick={() => void replan()} loading={busy}>
              Re-plan with these changes
            </Button>
          </Group>
        </Alert>
      )}
      {replanned && (
        <Alert color="blue" title="Re-planned" withCloseButton onClose={() => useScheduleStore.setState({ replanned: null })} data-testid="replan-summary">
          {replanned.summary ? `${replanned.summary}.` : 'Nothing moved: every site keeps its wave and go-live.'}
        </Alert>
      )}
      {info && info.erpOrder.length > 0 && (
        <Group gap="xs" data-testid="erp-order">
          <Text size="sm">
            ERPs come in in an order of their own (an adopted faster sequence): {info.erpOrder.join(', ')}.
          </Text>
          <Button size="compact-xs" variant="subtle" onClick={() => void usePlanStore.getState().updatePlan({ erpOrder: [] })} title="Takes effect at the next Re-plan">
            Back to rule 10's order
          </Button>
        </Group>
      )}
      {loaded && !view && (
        <Alert title="No schedule yet">
          Press <b>Re-plan</b> to compute the lighthouse and the waves from the sites, their readiness and the plan settings.
        </Alert>
      )}
      <Group align="stretch" gap="sm" wrap="nowrap" style={{ flex: 1, minHeight: 0 }}>
        <div style={{ flex: 1, minWidth: 0, display: 'flex', flexDirection: 'column', gap: 4 }}>
          <TimelineLegend />
          <TimelineView
            groups={data.groups}
            items={data.items}
            freezes={freezeWindows}
            blackouts={data.blackouts}
            asOf={view?.schedule.asOf ?? null}
            links={links}
            lanesAreWaves={groupBy === 'wave'}
            onMove={(site, wave, goLive) => void move(site, wave, goLive)}
            onContextMenu={setMenu}
            onOpen={setOpenSite}
            onReady={(c) => (chart.current = c)}
          />
        </div>
        {view && (
          // Only the panel shown is drawn: the others hold hundreds of rows on a large plan.
          <Tabs
            value={tab}
            onChange={setTab}
            w={440}
            style={{ display: 'flex', flexDirection: 'column' }}
            styles={{ tab: { paddingInline: 7, fontSize: 12 } }}
            keepMounted={false}
          >
            <Tabs.List>
              <Tabs.Tab value="violations">Violations {view.schedule.violations.length}</Tabs.Tab>
              <Tabs.Tab value="unscheduled">Unscheduled {view.schedule.unscheduled.length}</Tabs.Tab>
              <Tabs.Tab value="lighthouse">Lighthouse</Tabs.Tab>
              <Tabs.Tab value="crews">Crews</Tabs.Tab>
              <Tabs.Tab value="baselines">Baselines</Tabs.Tab>
            </Tabs.List>
            <Tabs.Panel value="violations" style={{ flex: 1, minHeight: 0 }}>
              <ViolationsPanel
                view={view}
                onFocus={(site) => chart.current?.focus(site)}
                onRelease={(site) => void release(site)}
              />
            </Tabs.Panel>
            <Tabs.Panel value="unscheduled" style={{ flex: 1, minHeight: 0 }}>
              <UnscheduledPanel view={view} parts={parts} onOpen={showScreen} />
            </Tabs.Panel>
            <Tabs.Panel value="lighthouse">
              <LighthousePanel view={view} sites={sites} override={info?.lighthouseOverride ?? null} onOverride={(site) => void overrideLighthouse(site)} />
            </Tabs.Panel>
            <Tabs.Panel value="crews" style={{ flex: 1, minHeight: 0 }}>
              {info && <CrewLoadPanel schedule={view.schedule} crews={info.crews} hypercareDays={info.settings.hypercareDays} />}
            </Tabs.Panel>
            <Tabs.Panel value="baselines">
              <BaselinesPanel scheduleRevision={view.revision} />
            </Tabs.Panel>
          </Tabs>
        )}
      </Group>
      <Menu opened={menu !== null} onChange={(open) => !open && setMenu(null)} position="bottom-start" withinPortal>
        <Menu.Target>
          {/* Where the menu opens (at the pointer): a button to assistive technology, which the menu's state belongs to. */}
          <div role="button" aria-label="Bar menu" tabIndex={-1} style={{ position: 'fixed', left: menu?.x ?? 0, top: menu?.y ?? 0, width: 1, height: 1 }} />
        </Menu.Target>
        <Menu.Dropdown>
          {placedSite && (
            <>
              <Menu.Label>{placedSite.site}</Menu.Label>
              <Menu.Item onClick={() => setOpenSite(placedSite.site)}>Open the site panel</Menu.Item>
              <Menu.Item onClick={() => void pin(placedSite.site, !placedSite.pinned)}>{placedSite.pinned ? 'Unpin (let re-plan move it)' : `Pin in ${placedSite.wave === 0 ? 'the lighthouse wave' : `wave ${placedSite.wave}`}`}</Menu.Item>
              {view && placedSite.wave > 1 && <Menu.Item onClick={() => void move(placedSite.site, placedSite.wave - 1, null)}>Move to wave {placedSite.wave - 1}</Menu.Item>}
              {view && placedSite.wave > 0 && <Menu.Item onClick={() => void move(placedSite.site, placedSite.wave + 1, null)}>Move to wave {placedSite.wave + 1}</Menu.Item>}
            </>
          )}
          {menuWave !== null && groupBy === 'wave' && (
            <>
              <Menu.Label>{waveName(menuWave)}</Menu.Label>
              <Menu.Item onClick={() => void lock(menuWave, !locked)}>{locked ? 'Unlock the wave' : 'Lock the wave (re-plan keeps its sites and dates)'}</Menu.Item>
              <Menu.Item onClick={() => void downloadPackets({ wave: menuWave })}>Readiness packets for this wave's site leads</Menu.Item>
            </>
          )}
        </Menu.Dropdown>
      </Menu>
      <FasterSequenceDialog
        opened={fasterOpen}
        onClose={() => setFasterOpen(false)}
        onCompare={() => {
          setFasterOpen(false);
          showScreen('scenarios');
        }}
      />
      <SitePanel site={sites.find((s) => s.code === openSite) ?? null} sites={sites} dimensions={dimensions} onClose={() => setOpenSite(null)} />
    </Stack>
  );
}
