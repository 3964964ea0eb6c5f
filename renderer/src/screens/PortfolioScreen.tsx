/** Portfolio: every site of the plan, editable in place, and the ERPs they run. */
import { Alert, Badge, Group, ScrollArea, Stack, Table, Text, TextInput, Title, UnstyledButton } from '@mantine/core';
import { useEffect, useMemo, useState } from 'react';
import type { SitePatch } from '../../../shared/contract';
import type { Erp, Site } from '../../../shared/domain';
import { EditableCell } from '../components/EditableCell';
import { usePlanStore } from '../stores/plan-store';
import { usePortfolioStore } from '../stores/portfolio-store';
import { SitePanel } from './SitePanel';

type Column = {
  key: string;
  label: string;
  /** Full meaning, shown on hover, where the header is abbreviated. */
  title?: string;
  align?: 'left' | 'right';
  get(site: Site): string;
  /** Turns the edited text into a patch; throws with a message for text that cannot be a value. */
  toPatch?(text: string): SitePatch;
};

function wholeNumber(text: string, label: string): number {
  const n = Number(text.trim());
  if (text.trim() === '' || !Number.isInteger(n)) throw new Error(`${label} must be a whole number`);
  return n;
}

const COLUMNS: Column[] = [
  { key: 'code', label: 'Code', get: (s) => s.code },
  { key: 'name', label: 'Site', get: (s) => s.name, toPatch: (t) => ({ name: t }) },
  { key: 'region', label: 'Region', get: (s) => s.region, toPatch: (t) => ({ region: t }) },
  { key: 'country', label: 'Country', get: (s) => s.country, toPatch: (t) => ({ country: t }) },
  { key: 'erp', label: 'ERP', get: (s) => s.erp, toPatch: (t) => ({ erp: t.trim() }) },
  { key: 'headcount', label: 'Headcount', align: 'right', get: (s) => String(s.headcount), toPatch: (t) => ({ headcount: wholeNumber(t, 'Headcount') }) },
  { key: 'willingness', label: 'Willing', title: 'Leadership willingness, 1–5', align: 'right', get: (s) => String(s.leadershipWillingness), toPatch: (t) => ({ leadershipWillingness: wholeNumber(t, 'Willingness') }) },
  { key: 'representativeness', label: 'Typical', title: 'Workflow representativeness, 1–5', align: 'right', get: (s) => String(s.workflowRepresentativeness), toPatch: (t) => ({ workflowRepresentativeness: wholeNumber(t, 'Representativeness') }) },
  { key: 'sophistication', label: 'Tech', title: 'Technical sophistication, 1–5 (earns nothing in the lighthouse choice)', align: 'right', get: (s) => String(s.technicalSophistication), toPatch: (t) => ({ technicalSophistication: wholeNumber(t, 'Sophistication') }) },
  { key: 'lead', label: 'Site lead', get: (s) => s.siteLead.name },
];

function connectorColor(status: Erp['connectorStatus']): string {
  return status === 'validated' ? 'teal' : status === 'in-build' ? 'yellow' : 'gray';
}

export function PortfolioScreen() {
  const { sites, erps, loaded, error, load, updateSite } = usePortfolioStore();
  const generation = usePlanStore((s) => s.generation);
  const [filter, setFilter] = useState('');
  const [openSite, setOpenSite] = useState<string | null>(null);
  const dimensions = usePortfolioStore((s) => s.dimensions);

  useEffect(() => {
    void load();
  }, [load, generation]);

  const visible = useMemo(() => {
    const needle = filter.trim().toLowerCase();
    if (!needle) return sites;
    return sites.filter((s) => [s.code, s.name, s.region, s.country, s.erp].some((v) => v.toLowerCase().includes(needle)));
  }, [sites, filter]);

  const erpByCode = useMemo(() => new Map(erps.map((e) => [e.code, e])), [erps]);

  return (
    <Stack gap="md" h="100%">
      <Group justify="space-between">
        <div>
          <Title order={2}>Portfolio</Title>
          <Text c="dimmed" size="sm">
            {sites.length} sites, {sites.filter((s) => !s.excluded).length} in scope, on {erps.length} ERPs
          </Text>
        </div>
        <TextInput placeholder="Filter sites" aria-label="Filter sites" value={filter} onChange={(e) => setFilter(e.currentTarget.value)} w={260} />
      </Group>
      {error && <Alert color="red" title="Could not load the sites">{error}</Alert>}
      <ScrollArea style={{ flex: 1 }} type="auto">
        <Table striped highlightOnHover stickyHeader verticalSpacing={4} aria-label="Sites" data-loaded={loaded} style={{ whiteSpace: 'nowrap' }}>
          <Table.Thead>
            <Table.Tr>
              {COLUMNS.map((c) => (
                <Table.Th key={c.key} ta={c.align} title={c.title}>
                  {c.label}
                </Table.Th>
              ))}
              <Table.Th>Connector</Table.Th>
              <Table.Th>Scope</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {visible.map((site) => {
              const erp = erpByCode.get(site.erp);
              return (
                <Table.Tr key={site.code} data-site={site.code} style={site.excluded ? { opacity: 0.55 } : undefined}>
                  {COLUMNS.map((column) => (
                    <Table.Td key={column.key}>
                      {column.toPatch ? (
                        <EditableCell
                          value={column.get(site)}
                          label={`${column.label} of ${site.code}`}
                          align={column.align}
                          onCommit={async (text) => {
                            await updateSite(site.code, column.toPatch!(text));
                          }}
                        />
                      ) : column.key === 'code' ? (
                        <UnstyledButton onClick={() => setOpenSite(site.code)} aria-label={`Open ${site.code}`} title="Everything about this site">
                          <Text size="sm" fw={600} ff="monospace" c="blue">
                            {site.code}
                          </Text>
                        </UnstyledButton>
                      ) : (
                        <Text size="sm">{column.get(site)}</Text>
                      )}
                    </Table.Td>
                  ))}
                  <Table.Td>
                    {erp && (
                      <Badge color={connectorColor(erp.connectorStatus)} variant="light" size="sm" tt="none" styles={{ root: { overflow: 'visible', maxWidth: 'none' }, label: { overflow: 'visible' } }}>
                        {erp.connectorStatus}
                      </Badge>
                    )}
                  </Table.Td>
                  <Table.Td>
                    {site.excluded ? (
                      <Badge size="sm" color="gray" variant="outline" tt="none" styles={{ root: { overflow: 'visible', maxWidth: 'none' }, label: { overflow: 'visible' } }}>
                        excluded
                      </Badge>
                    ) : (
                      <Text size="sm" c="dimmed">
                        in scope
                      </Text>
                    )}
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </ScrollArea>
      <SitePanel site={sites.find((s) => s.code === openSite) ?? null} dimensions={dimensions} onClose={() => setOpenSite(null)} />
    </Stack>
  );
}
