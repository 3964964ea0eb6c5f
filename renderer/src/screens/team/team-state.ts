/** A team plan's state as the title bar and the Team screen show it. */
import { teamStateInWords, type TeamStatus } from '../../../../shared/team';
import { formatMoment } from '../../components/format-moment';

export const STATE_COLOURS: Record<TeamStatus['state'], string> = { synced: 'teal', waiting: 'blue', connecting: 'gray', offline: 'orange', revoked: 'red' };

/** The state in words, with "offline since" in local time. */
export function teamStateText(status: TeamStatus): string {
  if (status.state === 'offline' && status.offlineSince) return `Offline since ${formatMoment(status.offlineSince)}${status.waiting ? ` · ${status.waiting} waiting` : ''}`;
  return teamStateInWords(status);
}
