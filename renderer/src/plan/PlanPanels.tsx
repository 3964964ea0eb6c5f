/** The side panels of the plan: violations (with a fix), unscheduled sites, the lighthouse choice. */
import { Badge, Button, Group, ScrollArea, Select, Stack, Table, Text } from '@mantine/core';
import type { ScheduleView } from '../../../shared/contract';
import type { Site } from '../../../shared/domain';

export function ViolationsPanel({ view, onRelease, onFocus }: { view: ScheduleView; onRelease(site: string): void; onFocus(site: string): void }) {
  const violations = view.schedule.violations;
  if (violations.length === 0) {
    return (
      <Text size="sm" c="dimmed" p="xs" data-testid="no-violations" data-schedule={view.revision}>
        No rule is broken. Pinned, moved and locked sites all keep the scheduling rules.
      </Text>
    );
  }
  return (
    <ScrollArea h="100%">
      <Stack gap={6} p={4} data-testid="violations" data-schedule={view.revision}>
        {violations.map((v, i) => (
          <div key={`${v.site}-${v.rule}-${i}`} className="wp-violation">
            <Group justify="space-between" wrap="nowrap" gap={4}>
              <Text size="sm" fw={600} style={{ cursor: 'pointer' }} onClick={() => onFocus(v.site)}>
                {v.site}{' '}
                <Badge size="xs" color="red" variant="light">
                  {v.rule}
                </Badge>
              </Text>
              <Button size="compact-xs" variant="subtle" onClick={() => onRelease(v.site)} title="Unpin the site and re-plan: the scheduler puts it where the rules allow">
                Let the scheduler place it
              </Button>
            </Group>
            <Text size="xs" c="dimmed">
              {v.message}
            </Text>
          </div>
        ))}
      </Stack>
    </ScrollArea>
  );
}

export function UnscheduledPanel({ view, sites }: { view: ScheduleView; sites: Site[] }) {
  const names = new Map(sites.map((s) => [s.code, s.name]));
  if (view.schedule.unscheduled.length === 0) {
    return (
      <Text size="sm" c="dimmed" p="xs">
        Every site in scope has a go-live date.
      </Text>
    );
  }
  return (
    <ScrollArea h="100%">
      <Stack gap={8} p={4} data-testid="unscheduled">
        {view.schedule.unscheduled.map((u) => (
          <div key={u.site}>
            <Text size="sm" fw={600}>
              {u.site} <Text span size="xs" c="dimmed">{names.get(u.site)}</Text>
            </Text>
            <Text size="xs">{u.reason}</Text>
          </div>
        ))}
      </Stack>
    </ScrollArea>
  );
}

export function LighthousePanel({ view, sites, override, onOverride }: { view: ScheduleView; sites: Site[]; override: string | null; onOverride(site: string | null): void }) {
  const lighthouse = view.schedule.lighthouse;
  return (
    <Stack gap="xs" p={4} data-testid="lighthouse">
      {lighthouse ? (
        <Text size="sm">
          <b>{lighthouse.site}</b> {sites.find((s) => s.code === lighthouse.site)?.name} goes first
          {override ? ', chosen by you.' : `: the most willing, representative and ready of the sites able to start earliest.`}
        </Text>
      ) : (
        <Text size="sm" c="dimmed">
          No site can be the lighthouse yet.
        </Text>
      )}
      {lighthouse && lighthouse.candidates.length > 0 && (
        <Table fz="xs" verticalSpacing={2}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Candidate</Table.Th>
              <Table.Th ta="right">Willing ·40</Table.Th>
              <Table.Th ta="right">Typical ·35</Table.Th>
              <Table.Th ta="right">Ready ·25</Table.Th>
              <Table.Th ta="right">Score</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {lighthouse.candidates.map((c) => (
              <Table.Tr key={c.site}>
                <Table.Td>{c.site}</Table.Td>
                <Table.Td ta="right">{c.terms.willingness.toFixed(3)}</Table.Td>
                <Table.Td ta="right">{c.terms.representativeness.toFixed(3)}</Table.Td>
                <Table.Td ta="right">{c.terms.readiness.toFixed(3)}</Table.Td>
                <Table.Td ta="right" fw={600}>
                  {c.score.toFixed(3)}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <Select
        label="Lighthouse"
        description="Override the computed choice; clear to let the scheduler choose."
        placeholder="Computed choice"
        data={sites.filter((s) => !s.excluded).map((s) => ({ value: s.code, label: `${s.code} ${s.name}` }))}
        value={override}
        onChange={onOverride}
        clearable
        searchable
        size="xs"
      />
    </Stack>
  );
}
