/** The side panels of the plan: violations (with a fix), unscheduled sites by cause, the lighthouse choice. */
import { Badge, Button, Group, ScrollArea, Select, Stack, Table, Text } from '@mantine/core';
import { useMemo, useState } from 'react';
import type { ScheduleView } from '../../../shared/contract';
import type { Site } from '../../../shared/domain';
import { unscheduledByCause, type PlanParts } from '../../../shared/report/decisions';
import type { Intent, ScreenId } from '../stores/navigation-store';
import { plural } from '../../../shared/plural';

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

/** Sites a group lists before "show all": a cause can hold hundreds. */
const SITES_SHOWN = 5;

/**
 * The unscheduled sites grouped by what blocks them (one ERP connector, one readiness dimension
 * without a target date, …), largest group first, each with what would unblock it and a way to
 * the screen where that is done.
 */
export function UnscheduledPanel({ view, parts, onOpen }: { view: ScheduleView; parts: PlanParts; onOpen(screen: ScreenId, intent?: Intent): void }) {
  const [expanded, setExpanded] = useState<Set<string>>(new Set());
  const groups = useMemo(() => unscheduledByCause(parts, view.schedule), [parts, view.schedule]);
  const names = useMemo(() => new Map(parts.sites.map((s) => [s.code, s.name])), [parts.sites]);
  const reasons = useMemo(() => new Map(view.schedule.unscheduled.map((u) => [u.site, u.reason])), [view.schedule.unscheduled]);
  if (groups.length === 0) {
    return (
      <Text size="sm" c="dimmed" p="xs">
        Every site in scope has a go-live date.
      </Text>
    );
  }
  return (
    <ScrollArea h="100%">
      <Stack gap="sm" p={4} data-testid="unscheduled">
        {groups.map((group) => {
          const all = expanded.has(group.key);
          const target: ScreenId | null = group.rule === 'readiness' ? 'readiness' : group.rule === 'erp-connector' ? 'portfolio' : null;
          return (
            <div key={group.key} data-cause={group.key}>
              <Text size="sm" fw={600}>
                {group.cause}{' '}
                <Badge size="sm" variant="light" color="gray">
                  {plural(group.sites.length, 'site')}
                </Badge>
              </Text>
              {group.action && (
                <Text size="xs" c="dimmed">
                  To schedule them: {group.action}.
                </Text>
              )}
              {target && (
                <Button size="compact-xs" variant="light" my={4} onClick={() => onOpen(target, target === 'portfolio' ? { kind: 'show-erps' } : undefined)}>
                  {target === 'readiness' ? 'Open readiness' : 'Open the ERPs'}
                </Button>
              )}
              {(all ? group.sites : group.sites.slice(0, SITES_SHOWN)).map((code) => (
                <Text key={code} size="xs" title={reasons.get(code)}>
                  <b>{code}</b> {names.get(code)}
                </Text>
              ))}
              {group.sites.length > SITES_SHOWN && (
                <Button size="compact-xs" variant="transparent" px={0} onClick={() => setExpanded(new Set(expanded).add(group.key))} hidden={all}>
                  and {group.sites.length - SITES_SHOWN} more
                </Button>
              )}
            </div>
          );
        })}
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
