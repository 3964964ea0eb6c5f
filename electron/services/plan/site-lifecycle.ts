/**
 * Adding, removing and bulk-editing sites. Removing a site takes its readiness history and checklist
 * with it (the database cascades), so a removal returns everything it took: handing that back to
 * `restoreSites` puts the site back as it was, which is how the app undoes a delete.
 */
import type { DeletedSite, SitePatch } from '../../../shared/contract';
import { siteSchema, type AuditSource, type Site } from '../../../shared/domain';
import { parseWithProblems } from '../../../shared/interchange';
import { UserError } from '../errors';
import * as read from './content-reader';
import * as write from './content-writer';
import type { PlanFile } from './plan-file';
import { checkSiteReferences } from './site-references';
import { statement } from './statements';

/** Adds a site (readiness, when given, recorded as its first assessments). */
export function createSite(plan: PlanFile, input: unknown, source: AuditSource): Site {
  const parsed = parseWithProblems(siteSchema, input);
  if (!parsed.ok) {
    const first = parsed.problems[0]!;
    throw new UserError('invalid-input', `New site: ${first.path} ${first.message}`, parsed.problems);
  }
  const site = parsed.value;
  plan.write(source, (audit) => {
    insertSite(plan, site);
    audit.record('site', site.code, 'created', null, site.name);
    const siteId = write.siteIdOf(plan.db, site.code)!;
    for (const [dimension, value] of Object.entries(site.readiness)) {
      write.appendReadiness(plan.db, { siteId, dimension, score: value.score, targetDate: value.targetDate, comment: 'Site added' }, audit);
    }
  });
  return plan.getSite(site.code);
}

/** Inserts a checked site with its blackouts and predecessors (no readiness), inside the caller's transaction. */
export function insertSite(plan: PlanFile, site: Site): void {
  if (write.siteIdOf(plan.db, site.code) !== undefined) throw new UserError('conflict', `A site with code "${site.code}" already exists.`);
  checkSiteReferences(plan.db, site.code, site);
  const dimensions = new Set(read.readDimensions(plan.db).map((d) => d.key));
  for (const dimension of Object.keys(site.readiness)) {
    if (!dimensions.has(dimension)) throw new UserError('invalid-input', `Site ${site.code}: unknown readiness dimension "${dimension}".`);
  }
  const siteId = write.insertSiteRow(plan.db, site);
  write.writeBlackouts(plan.db, siteId, site.blackouts);
  write.writePredecessors(plan.db, siteId, site.predecessors);
}

/** Removes sites in one transaction. Refused while a site that stays names one of them as predecessor. */
export function deleteSites(plan: PlanFile, codes: string[], source: AuditSource): DeletedSite[] {
  const sites = codes.map((code) => plan.getSite(code));
  const leaving = new Set(sites.map((s) => s.code.toLowerCase()));
  const dependents = plan.listSites().filter((s) => !leaving.has(s.code.toLowerCase()) && s.predecessors.some((p) => leaving.has(p.toLowerCase())));
  if (dependents.length > 0) {
    const list = dependents.slice(0, 5).map((d) => `${d.code} (waits for ${d.predecessors.filter((p) => leaving.has(p.toLowerCase())).join(', ')})`);
    throw new UserError('refused', `Cannot remove: ${list.join('; ')}${dependents.length > 5 ? ` and ${dependents.length - 5} more` : ''}. Remove the predecessor link first.`);
  }
  return plan.write(source, (audit) => {
    const taken = sites.map((site) => snapshotOf(plan, site));
    for (const site of sites) {
      statement(plan.db, 'DELETE FROM sites WHERE code = ?').run(site.code);
      audit.record('site', site.code, 'deleted', site.name, null);
    }
    return taken;
  });
}

function snapshotOf(plan: PlanFile, site: Site): DeletedSite {
  const siteId = write.siteIdOf(plan.db, site.code)!;
  const readinessHistory = statement(plan.db, 'SELECT dimension_key AS dimension, score, target_date AS targetDate, comment, actor, recorded_at AS recordedAt, source FROM readiness_entries WHERE site_id = ? ORDER BY id')
    .all(siteId) as DeletedSite['readinessHistory'];
  const checklist = statement(plan.db, 'SELECT task_key AS taskKey, playbook_version AS playbookVersion, title, due_date AS dueDate, status, owner, note, completed_at AS completedAt FROM checklist_items WHERE site_id = ? ORDER BY id')
    .all(siteId) as DeletedSite['checklist'];
  return { site, readinessHistory, checklist };
}

/** Puts removed sites back with their readiness history and checklist, as `deleteSites` returned them. */
export function restoreSites(plan: PlanFile, deleted: DeletedSite[], source: AuditSource): Site[] {
  // Predecessors among the restored sites are written once all of them exist.
  plan.write(source, (audit) => {
    for (const { site } of deleted) insertSite(plan, { ...site, predecessors: [] });
    for (const { site, readinessHistory, checklist } of deleted) {
      const siteId = write.siteIdOf(plan.db, site.code)!;
      write.writePredecessors(plan.db, siteId, site.predecessors);
      const entry = statement(plan.db, 
        'INSERT INTO readiness_entries (site_id, dimension_key, score, target_date, comment, actor, recorded_at, source) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      );
      for (const e of readinessHistory) entry.run(siteId, e.dimension, e.score, e.targetDate, e.comment, e.actor, e.recordedAt, e.source);
      const item = statement(plan.db, 
        'INSERT INTO checklist_items (site_id, task_key, playbook_version, title, due_date, status, owner, note, completed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
      );
      for (const c of checklist) item.run(siteId, c.taskKey, c.playbookVersion, c.title, c.dueDate, c.status, c.owner, c.note, c.completedAt);
      audit.record('site', site.code, 'restored', null, site.name);
    }
  });
  return deleted.map(({ site }) => plan.getSite(site.code));
}

/** The same fields set on many sites, in one transaction: all of them change or none. */
export function updateSites(plan: PlanFile, codes: string[], patch: SitePatch, source: AuditSource): Site[] {
  if ('code' in patch) throw new UserError('invalid-input', 'Codes are unique: change them one site at a time.');
  return plan.write(source, (audit) => codes.map((code) => plan.applySitePatch(code, patch, audit)));
}
