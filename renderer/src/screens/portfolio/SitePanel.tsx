/** Everything about one site: attributes, blackouts, predecessors, notes, readiness, checklist and its history. */
import { Badge, Button, Divider, Drawer, Group, ScrollArea, Stack, Table, Tabs, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import type { AuditEntry, ChecklistItem, ReadinessDimension, Site } from '../../../../shared/domain';
import { readinessSummary } from '../../../../shared/readiness';
import { ragOf } from '../../../../shared/report/report-model';
import { api } from '../../api/client';
import { SitePlanningFields } from './SitePlanningFields';
import { downloadPackets } from '../../packets/download-packets';

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

export function SitePanel({ site, sites, dimensions, onClose }: { site: Site | null; sites: Site[]; dimensions: ReadinessDimension[]; onClose(): void }) {
  const [audit, setAudit] = useState<AuditEntry[]>([]);
  const [checklist, setChecklist] = useState<ChecklistItem[]>([]);

  useEffect(() => {
    if (!site) return;
    Promise.all([api['audit:list']({ entityId: site.code, limit: 200 }), api['checklist:list']({ site: site.code })]).then(
      ([siteAudit, items]) => {
        setAudit(siteAudit);
        setChecklist(items);
      },
      () => setAudit([]),
    );
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
          <Tabs.Tab value="checklist">Checklist ({checklist.length})</Tabs.Tab>
          <Tabs.Tab value="history">History ({audit.length})</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="site" pt="sm">
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
          <ScrollArea h={600}>
            <Table fz="xs">
              <Table.Tbody>
                {checklist.map((item) => (
                  <Table.Tr key={item.id}>
                    <Table.Td>{item.dueDate}</Table.Td>
                    <Table.Td>{item.title}</Table.Td>
                    <Table.Td>
                      <Badge size="xs" variant="light" color={item.status === 'done' ? 'teal' : item.status === 'blocked' ? 'red' : 'gray'}>
                        {item.status}
                      </Badge>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollArea>
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
                    <Table.Td>{a.at.slice(0, 16).replace('T', ' ')}</Table.Td>
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
