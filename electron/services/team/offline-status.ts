/**
 * Where a team plan stands when no link keeps it in step: opened by the command line, without its
 * member's key here, or while its link is still loading (`starting`).
 */
import type { TeamStatus } from '../../../shared/team';
import type { PlanFile } from '../plan/plan-file';
import { readLink, readPending, readRefusals } from './team-records';

export function offlineStatus(plan: PlanFile, starting = false): TeamStatus | null {
  const link = readLink(plan.reader);
  if (!link) return null;
  return {
    server: link.server_url,
    member: link.member_name,
    role: link.role,
    sites: JSON.parse(link.sites_json) as string[],
    state: link.revoked_at ? 'revoked' : starting ? 'connecting' : 'offline',
    waiting: readPending(plan.reader).length,
    offlineSince: null,
    syncedAt: null,
    reviews: plan.reader.get<{ n: number }>('SELECT count(*) AS n FROM team_reviews')!.n,
    refusals: readRefusals(plan.reader),
  };
}
