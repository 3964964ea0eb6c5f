/** The title bar's word on a team plan: synced, changes waiting, offline since when, revoked; and what waits for a decision. */
import { Button, ColorSwatch, Group, Text } from '@mantine/core';
import { STATE_COLOURS, teamStateText } from '../screens/team/team-state';
import { useNavigationStore } from '../stores/navigation-store';
import { useTeamStore } from '../stores/team-store';

export function TeamBadge() {
  const status = useTeamStore((s) => s.status);
  const show = useNavigationStore((s) => s.show);
  if (!status) return null;
  return (
    <Button size="compact-sm" variant="default" onClick={() => show('team')} data-testid="team-badge" title={`${status.member} on ${status.server}: open the Team screen`}>
      <Group gap={6} wrap="nowrap">
        <ColorSwatch color={`var(--mantine-color-${STATE_COLOURS[status.state]}-6)`} size={10} withShadow={false} aria-hidden />
        <span>{teamStateText(status)}</span>
        {status.reviews > 0 && (
          <Text span size="xs" fw={700} c="var(--mantine-color-orange-text)">
            · {status.reviews} to review
          </Text>
        )}
      </Group>
    </Button>
  );
}
