/**
 * What a member of a team may change in their plan file, checked inside every edit (whatever door
 * it came through: a screen, the command line, an import), so that nothing is made here that the
 * team would refuse or could not place.
 */
import { UserError } from '../errors';
import type { ReadHandle } from '../plan/handles';
import type { EditGuard, PlanFile } from '../plan/plan-file';
import { readLink } from './team-records';

/** A planner changes everything but the codes sites and ERPs are known by across the team. */
const plannerGuard: EditGuard = function plannerGuard(h: ReadHandle, revision: number): void {
  const renamed = h.get<{ tbl: string; before: string; after: string }>(
    `SELECT tbl, json_extract(before_json, '$[1]') AS before, json_extract(after_json, '$[1]') AS after FROM undo_changes
      WHERE revision = ? AND op = 'update' AND tbl IN ('sites', 'erps') AND lower(json_extract(before_json, '$[1]')) <> lower(json_extract(after_json, '$[1]')) LIMIT 1`,
    revision,
  );
  if (renamed) {
    const what = renamed.tbl === 'sites' ? 'site' : 'ERP';
    throw new UserError('refused', `In a team plan every member knows ${what} ${renamed.before} by its code, so it cannot become ${renamed.after}. Add a new ${what} instead. Nothing was changed.`);
  }
};

/** A site lead changes the readiness and checklists of their own sites, nothing else. */
function siteLeadGuard(sites: string[]): EditGuard {
  return (_h: ReadHandle, _revision: number, changes: { entity: string; ids: string[] | null }[]): void => {
    const mine = new Set(sites.map((s) => s.toLowerCase()));
    const outside = changes.find((c) => !(c.entity === 'readiness' || c.entity === 'checklist') || c.ids === null || c.ids.some((id) => !mine.has(id.toLowerCase())));
    if (outside) {
      throw new UserError('refused', `You take part in this team as the site lead of ${sites.join(', ')}: you can change their readiness and checklists; the planners change the rest. Nothing was changed.`);
    }
  };
}

/**
 * Sets the plan's edit check from its membership (none for a plan of one's own), and its edits'
 * author: the member, by the name the team knows them by.
 */
export function guardTeamEdits(plan: PlanFile): void {
  const link = readLink(plan.reader);
  plan.setEditGuard(!link ? null : link.role === 'site-lead' ? siteLeadGuard(JSON.parse(link.sites_json) as string[]) : plannerGuard);
  if (link) plan.setActor(link.member_name);
}
