/** Everything about one site: attributes, blackouts, predecessors, notes, readiness, checklist and its history. */
import { Button, Divider, Drawer, Group, List, ScrollArea, Stack, Table, Tabs, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import type { AuditEntry, ReadinessDimension, Site } from '../../../../shared/domain';
import { readinessSummary } from '../../../../shared/readiness';
import { ragOf } from '../../../../shared/report/report-model';
import { api } from '../../api/client';
import { SitePlanningFields } from './SitePlanningFields';
import { downloadPackets } from '../../packets/download-packets';
import { useScheduleStore } from '../../stores/schedule-store';
import { SiteChecklist } from '../checklists/SiteChecklist';
import { useChecklistItems } from '../checklists/use-checklist-items';
import { usePlaybookGates } from '../checklists/use-playbook-gates';
import { formatMoment } from '../../components/format-moment';
import { waveName } from '../../../../shared/report/report-model';

function Field({ label, value }: { label: string; value: string }) {
  return (
    <Group gap={6} wrap="nowrap" align="flex-start">
      <Text size="sm" c="dimmed" w={170}>
        {label}
      </Text>
      <Text size="sm">{value || '—'}</Text>
    </Group>
  );
}

/** Where the schedule puts the site and why, or why it has no place. */
function SiteSchedule({ site, holdsBack }: { site: string; holdsBack: string | null }) {
  const schedule = useScheduleStore((s) => s.view?.schedule);
  const loaded = useScheduleStore((s) => s.loaded);
  useEffect(() => {
    if (!loaded) void useScheduleStore.getState().load();
  }, [loaded]);
  if (!schedule) return null;
  const wave = schedule.waves.find((w) => w.sites.some((p) => p.site === site));
  const placed = wave?.sites.find((p) => p.site === site);
  const unscheduled = schedule.unscheduled.find((u) => u.site === site);
  const violations = schedule.violations.filter((v) => v.site === site);
  return (
    <Stack gap={4} data-testid="site-schedule">
      {wave && placed ? (
        <>
          <Field label="Wave" value={`${waveName(wave.number)}${placed.pinned ? ' (pinned)' : ''}`} />
          <Field label="Go-live" value={placed.goLive} />
          <Field label="Prep starts" value={placed.prepStart} />
          <Field label="Hypercare ends" value={placed.hypercareEnd} />
        </>
      ) : (
        <Field label="Wave" value={unscheduled ? `Not scheduled: ${unscheduled.reason}` : 'Not scheduled'} />
      )}
      {placed && placed.reasons.length > 0 && (
        <Group gap={6} wrap="nowrap" align="flex-start">
          <Text size="sm" c="dimmed" w={170} style={{ flexShrink: 0 }}>
            Why this wave
          </Text>
          <List size="sm" spacing={2}>
            {placed.reasons.map((reason) => (
              <List.Item key={reason}>{reason}</List.Item>
            ))}
          </List>
        </Group>
      )}
      {holdsBack && <Field label="Holds it back" value={holdsBack} />}
      {violations.map((v) => (
        <Text key={v.message} size="sm" c="var(--mantine-color-red-text)">
          {v.message}
        </Text>
      ))}
    </Stack>
  );
}

export function SitePanel({ site, sites, dimensions, onClose }: { site: Site | null; sites: Site[]; dimensions: ReadinessDimension[]; onClose(): void }) {
  const [audit, setAudit] = useState<AuditEntry[]>([]);
  const checklist = useChecklistItems({ site: site?.code, enabled: site !== null });
  const gates = usePlaybookGates();

  useEffect(() => {
    if (!site) return;
    api['audit:list']({ entityId: site.code, limit: 200 }).then(setAudit, () => setAudit([]));
  }, [site]);

  if (!site) return null;
  const summary = readinessSummary(site, dimensions);
  return (
    <Drawer opened onClose={onClose} position="right" size="xl" title={`${site.code} ${site.name}`}>
      <Group justify="flex-end" mb="xs">
        <Button size="xs" variant="default" onClick={() => void downloadPackets({ site: site.code })} title="A file for the site lead to fill in offline and send back">
          Readiness packet for the site lead
        </Button>
      </Group>
      <Tabs defaultValue="site">
        <Tabs.List>
          <Tabs.Tab value="site">Site</Tabs.Tab>
          <Tabs.Tab value="readiness">Readiness</Tabs.Tab>
          <Tabs.Tab value="checklist">Checklist ({checklist.items.length})</Tabs.Tab>
          <Tabs.Tab value="history">History ({audit.length})</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="site" pt="sm">
          <SiteSchedule site={site.code} holdsBack={summary.blocking ? `Readiness: ${summary.blocking}` : null} />
          <Divider my="sm" label="Facts" labelPosition="left" />
          <Stack gap={4}>
            <Field label="Region, country" value={`${site.region}, ${site.country}`} />
            <Field label="Time zone" value={site.timezone} />
            <Field label="ERP" value={site.erp} />
            <Field label="Headcount" value={String(site.headcount)} />
            <Field label="Site lead" value={[site.siteLead.name, site.siteLead.email].filter(Boolean).join(' · ')} />
            <Field label="Willing · typical · tech" value={`${site.leadershipWillingness} · ${site.workflowRepresentativeness} · ${site.technicalSophistication}`} />
            <Field label="Pinned" value={site.pinnedWave === null ? '' : `wave ${site.pinnedWave}${site.pinnedGoLive ? ` on ${site.pinnedGoLive}` : ''}`} />
            <Field label="In scope" value={site.excluded ? 'excluded' : 'yes'} />
          </Stack>
          <Divider my="sm" label="Planning" labelPosition="left" />
          <SitePlanningFields site={site} sites={sites} />
        </Tabs.Panel>
        <Tabs.Panel value="readiness" pt="sm">
          <Text size="sm" mb="xs">
            {summary.blocking ? `Blocked: ${summary.blocking}.` : summary.readyDate ? `Ready ${summary.readyDate} (${summary.readyDimension} target).` : 'Ready now.'} Overall {Math.round(summary.overall)}.
          </Text>
          <Table fz="sm">
            <Table.Tbody>
              {dimensions.map((d) => {
                const value = site.readiness[d.key];
                return (
                  <Table.Tr key={d.key}>
                    <Table.Td>{d.label}</Table.Td>
                    <Table.Td>
                      <span className={`wp-rag wp-rag-${ragOf(value?.score, d.threshold)}`} style={{ display: 'inline-flex', minWidth: 48 }}>
                        {value?.score ?? '?'}
                      </span>
                    </Table.Td>
                    <Table.Td>{value?.targetDate ? `target ${value.targetDate}` : ''}</Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Tabs.Panel>
        <Tabs.Panel value="checklist" pt="sm">
          <SiteChecklist checklist={checklist} gates={gates} />
        </Tabs.Panel>
        <Tabs.Panel value="history" pt="sm">
          <ScrollArea h={600}>
            <Table fz="xs" data-testid="site-history">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>When</Table.Th>
                  <Table.Th>Who</Table.Th>
                  <Table.Th>What</Table.Th>
                  <Table.Th>From</Table.Th>
                  <Table.Th>To</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {audit.map((a) => (
                  <Table.Tr key={a.id}>
                    <Table.Td>{formatMoment(a.at)}</Table.Td>
                    <Table.Td>
                      {a.actor} <Text span size="xs" c="dimmed">({a.source})</Text>
                    </Table.Td>
                    <Table.Td>
                      {a.entity === 'site' ? a.field : `${a.entity} ${a.entityId.split('/').slice(1).join('/')} ${a.field}`}
                    </Table.Td>
                    <Table.Td>{a.oldValue ?? '—'}</Table.Td>
                    <Table.Td>{a.newValue ?? '—'}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollArea>
        </Tabs.Panel>
      </Tabs>
    </Drawer>
  );
}
