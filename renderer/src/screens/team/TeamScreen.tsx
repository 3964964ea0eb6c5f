/**
 * Team: where the plan stands with its team (connected, changes waiting, offline since when,
 * revoked), what the server refused, and Needs review — each field two members changed while apart,
 * with both values, who set them and when, and a decision that reaches every member. A plan of
 * one's own offers to share it, or to join a team's plan instead.
 */
import { Alert, Badge, Button, Card, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import type { ReviewItem } from '../../../../shared/team';
import { STATE_COLOURS, teamStateText } from './team-state';
import { api } from '../../api/client';
import { formatMoment } from '../../components/format-moment';
import { notify } from '../../layout/notify';
import { useTeamStore } from '../../stores/team-store';
import { JoinDialog, ShareDialog } from './TeamDialogs';


function OwnPlan() {
  const [dialog, setDialog] = useState<'share' | 'join' | null>(null);
  return (
    <Stack gap="sm" maw={820}>
      <Title order={2}>Team</Title>
      <Text size="sm">
        This plan is yours alone. Share it with a team server to plan together with other program managers and your site leads: everyone keeps their own copy and works offline; changes travel when the
        server can be reached, and a field two people changed while apart waits here for a decision instead of one change silently replacing the other.
      </Text>
      <Group>
        <Button onClick={() => setDialog('share')}>Share this plan with a team…</Button>
        <Button variant="default" onClick={() => setDialog('join')}>
          Join a team plan…
        </Button>
      </Group>
      <ShareDialog opened={dialog === 'share'} onClose={() => setDialog(null)} />
      <JoinDialog opened={dialog === 'join'} onClose={() => setDialog(null)} />
    </Stack>
  );
}

function ReviewRow({ review }: { review: ReviewItem }) {
  const [busy, setBusy] = useState(false);
  const decide = (choice: number | 'shown', words: string) => {
    setBusy(true);
    api['team:decide']({ id: review.id, choice })
      .then(() => notify(`Decided ${review.subject} · ${review.field}: ${words}. Every member gets the decision.`, 'ok'), (err: Error) => notify(err.message, 'error'))
      .finally(() => {
        setBusy(false);
        void useTeamStore.getState().load();
      });
  };
  return (
    <Table.Tr data-testid="review-item">
      <Table.Td>
        <Text size="sm" fw={600}>
          {review.subject}
        </Text>
        <Text size="sm">{review.field}</Text>
        {review.refusal && (
          <Text size="xs" c="red.8">
            Could not be taken here: {review.refusal}
          </Text>
        )}
      </Table.Td>
      <Table.Td>
        <Text size="sm">{review.shown.text}</Text>
        <Button size="compact-xs" variant="subtle" disabled={busy} onClick={() => decide('shown', review.shown.text)} aria-label={`Keep this: ${review.shown.text}, for ${review.subject} ${review.field}`}>
          Keep this
        </Button>
      </Table.Td>
      <Table.Td>
        <Stack gap={6}>
          {review.choices.map((choice, index) => (
            <Group key={`${choice.by}-${choice.at}-${index}`} gap="xs" wrap="nowrap" align="flex-start">
              <Button size="compact-xs" disabled={busy} onClick={() => decide(index, choice.text)} aria-label={`Choose ${choice.text} by ${choice.by} for ${review.subject} ${review.field}`}>
                Choose
              </Button>
              <div>
                <Text size="sm">{choice.text}</Text>
                <Text size="xs" c="dimmed">
                  {choice.by}
                  {choice.at ? `, ${formatMoment(choice.at)}` : ''}
                </Text>
              </div>
            </Group>
          ))}
        </Stack>
      </Table.Td>
    </Table.Tr>
  );
}

export function TeamScreen() {
  const { status, reviews, load } = useTeamStore();
  const [syncing, setSyncing] = useState(false);
  useEffect(() => void load().catch((e: Error) => notify(e.message, 'error')), [load]);
  if (!status) return <OwnPlan />;
  const syncNow = () => {
    setSyncing(true);
    api['team:syncNow']()
      .then((now) => now && useTeamStore.getState().setStatus(now), (e: Error) => notify(e.message, 'error'))
      .finally(() => setSyncing(false));
  };
  return (
    <Stack gap="md" maw={1200}>
      <Group justify="space-between" align="flex-start">
        <div>
          <Title order={2}>Team</Title>
          <Text size="sm" c="dimmed">
            {status.member} · {status.role === 'planner' ? 'planner: sees and changes the whole plan' : `site lead of ${status.sites.join(', ')}: changes their readiness and checklists; the planners change the rest`}
          </Text>
        </div>
        <Button onClick={syncNow} loading={syncing} disabled={status.state === 'revoked'}>
          Sync now
        </Button>
      </Group>
      <Card withBorder>
        <Group gap="lg">
          <Badge color={STATE_COLOURS[status.state]} variant="light" size="lg" data-testid="team-state">
            {teamStateText(status)}
          </Badge>
          <Text size="sm">Server: {status.server}</Text>
          {status.syncedAt && <Text size="sm">Last in step: {formatMoment(status.syncedAt)}</Text>}
        </Group>
      </Card>
      {status.state === 'revoked' && (
        <Alert color="red" title="Access revoked">
          The team server no longer accepts this member. The plan stays on this computer as it is; changes no longer travel. Ask a planner for a new join code.
        </Alert>
      )}
      {status.refusals.length > 0 && (
        <Alert color="orange" title="Changes the team server refused">
          {status.refusals.slice(0, 5).map((r) => (
            <Text size="sm" key={`${r.at}-${r.message}`}>
              {formatMoment(r.at)}: {r.message}
            </Text>
          ))}
        </Alert>
      )}
      <div>
        <Title order={3} size="h4">
          Needs review{reviews.length > 0 ? ` (${reviews.length})` : ''}
        </Title>
        <Text size="sm" c="dimmed" mb="xs">
          Fields two members changed while apart (and values this plan could not take). The plan shows the value before until someone decides; the decision reaches every member.
        </Text>
        {reviews.length === 0 ? (
          <Text size="sm">Nothing waits for a decision.</Text>
        ) : (
          <Table verticalSpacing="xs" aria-label="Needs review" data-testid="needs-review">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Field</Table.Th>
                <Table.Th>Shown now</Table.Th>
                <Table.Th>Values set while apart</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {reviews.map((review) => (
                <ReviewRow key={review.id} review={review} />
              ))}
            </Table.Tbody>
          </Table>
        )}
      </div>
    </Stack>
  );
}
