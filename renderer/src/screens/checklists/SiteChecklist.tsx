/** One site's checklist, editable as on the Checklists screen: tick done, owner, status and note in place. */
import { Alert, Stack, Text } from '@mantine/core';
import { useMemo } from 'react';
import { todayIso } from '../../../../shared/dates';
import { byDueThenTitle, isOverdue, progressOf } from './checklist-rows';
import { ChecklistItemRow, SITE_CHECKLIST_COLUMNS } from './ChecklistItemRow';
import type { ChecklistItems } from './use-checklist-items';
import { plural } from '../../../../shared/plural';

export function SiteChecklist({ checklist, gates }: { checklist: ChecklistItems; gates: ReadonlySet<string> }) {
  const { items, error, clearError, update } = checklist;
  const today = todayIso();
  const sorted = useMemo(() => [...items].sort(byDueThenTitle), [items]);
  const progress = progressOf(items, gates, today);
  if (items.length === 0) return <Text size="sm">No checklist yet: the site gets one when a re-plan places it in a wave.</Text>;
  return (
    <Stack gap="xs">
      <Text size="sm">
        {progress.done} of {progress.total} done · {progress.overdue} overdue · {plural(progress.openGates, 'open gate')}
      </Text>
      {error && (
        <Alert color="red" withCloseButton closeButtonLabel="Dismiss" onClose={clearError}>
          {error}
        </Alert>
      )}
      <div role="list" aria-label="Checklist of this site">
        {sorted.map((item) => (
          <div
            key={item.id}
            role="listitem"
            className={`wp-checklist-row${isOverdue(item, today) ? ' wp-checklist-overdue' : ''}`}
            data-item={`${item.site}/${item.taskKey}`}
            data-status={item.status}
            style={{ gridTemplateColumns: SITE_CHECKLIST_COLUMNS, minHeight: 38 }}
          >
            <ChecklistItemRow item={item} overdue={isOverdue(item, today)} gate={gates.has(item.taskKey)} update={update} />
          </div>
        ))}
      </div>
    </Stack>
  );
}
