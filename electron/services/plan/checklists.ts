/**
 * Checklist items: the playbook made concrete for each placed site. A new schedule moves the due
 * dates of open items and keeps what was started; people change status, owner and note.
 */
import type { ChecklistItem, ChecklistStatus } from '../../../shared/domain';
import type { PlannedChecklistItem } from '../../../shared/playbook';
import { UserError } from '../errors';
import type { ReadHandle, WriteHandle } from './handles';

interface ChecklistRow {
  id: number;
  site: string;
  task_key: string;
  playbook_version: number;
  title: string;
  due_date: string;
  status: ChecklistStatus;
  owner: string;
  note: string;
  completed_at: string | null;
}

const fromRow = (r: ChecklistRow): ChecklistItem => ({
  id: r.id,
  site: r.site,
  taskKey: r.task_key,
  playbookVersion: r.playbook_version,
  title: r.title,
  dueDate: r.due_date,
  status: r.status,
  owner: r.owner,
  note: r.note,
  completedAt: r.completed_at,
});

const SELECT = 'SELECT c.*, s.code AS site FROM checklist_items c JOIN sites s ON s.id = c.site_id';

/**
 * Items due the same day at one site in their playbook's order: the order the tasks were made in
 * here, and the same for every team member however the items reached them.
 */
const IN_ORDER = `LEFT JOIN playbook_versions pv ON pv.version = c.playbook_version
  LEFT JOIN playbook_tasks pt ON pt.playbook_version_id = pv.id AND pt.task_key = c.task_key`;
const ORDER = 'ORDER BY c.due_date, s.code, pt.position, c.task_key';

export function readChecklist(h: ReadHandle, site?: string): ChecklistItem[] {
  const rows = site === undefined ? h.all<ChecklistRow>(`${SELECT} ${IN_ORDER} ${ORDER}`) : h.all<ChecklistRow>(`${SELECT} ${IN_ORDER} WHERE s.code = ? ${ORDER}`, site);
  return rows.map(fromRow);
}

export function readChecklistItem(h: ReadHandle, id: number): ChecklistItem | null {
  const row = h.get<ChecklistRow>(`${SELECT} WHERE c.id = ?`, id);
  return row ? fromRow(row) : null;
}

function siteIds(h: ReadHandle): Map<string, number> {
  return new Map(h.all<{ id: number; code: string }>('SELECT id, code FROM sites').map((r) => [r.code.toLowerCase(), r.id]));
}

/**
 * Brings the checklist in line with a new schedule: open items move to their new due dates and keep
 * status, owner and note; finished ones stay as they are; untouched items of sites no longer placed
 * go, started ones stay. `onlySites` (lower-case codes) limits the work to the sites whose placement changed.
 */
export function syncChecklist(h: WriteHandle, planned: PlannedChecklistItem[], playbookVersion: number, onlySites?: Set<string>): void {
  const ids = siteIds(h);
  const limit = onlySites ? [...onlySites].flatMap((code) => ids.get(code) ?? []) : null;
  if (limit && limit.length === 0) return;
  const rows = h.all<{ id: number; site_id: number; site: string; task_key: string; status: ChecklistStatus; due_date: string; note: string; title: string }>(
    `SELECT c.id, c.site_id, s.code AS site, c.task_key, c.status, c.due_date, c.note, c.title FROM checklist_items c JOIN sites s ON s.id = c.site_id ${limit ? 'WHERE c.site_id IN (SELECT value FROM json_each(?))' : ''}`,
    ...(limit ? [JSON.stringify(limit)] : []),
  );
  const existing = new Map(rows.map((row) => [`${row.site_id}\u0000${row.task_key}`, row]));
  const keep = new Set<number>();
  for (const item of planned) {
    if (onlySites && !onlySites.has(item.site.toLowerCase())) continue;
    const siteId = ids.get(item.site.toLowerCase());
    if (siteId === undefined) continue;
    const found = existing.get(`${siteId}\u0000${item.taskKey}`);
    if (!found) {
      h.run('INSERT INTO checklist_items (site_id, task_key, playbook_version, title, due_date, status, owner) VALUES (?, ?, ?, ?, ?, ?, ?)', siteId, item.taskKey, playbookVersion, item.title, item.dueDate, 'todo', item.ownerRole);
      continue;
    }
    keep.add(found.id);
    const finished = found.status === 'done' || found.status === 'n/a';
    if (!finished && (found.due_date !== item.dueDate || found.title !== item.title)) {
      h.run('UPDATE checklist_items SET due_date = ?, title = ? WHERE id = ?', item.dueDate, item.title, found.id);
      if (found.due_date !== item.dueDate) h.audit.record('checklist', `${found.site}/${found.task_key}`, 'dueDate', found.due_date, item.dueDate);
    }
  }
  for (const row of rows) {
    if (!keep.has(row.id) && row.status === 'todo' && row.note === '') h.run('DELETE FROM checklist_items WHERE id = ?', row.id);
  }
}

export interface ChecklistPatch {
  status?: ChecklistStatus | undefined;
  owner?: string | undefined;
  note?: string | undefined;
}

/** Changes one item's status, owner or note; a finished item keeps when it was finished. */
export function updateChecklistItem(h: WriteHandle, id: number, patch: ChecklistPatch): ChecklistItem {
  const before = h.get<ChecklistRow>(`${SELECT} WHERE c.id = ?`, id);
  if (!before) throw new UserError('not-found', `No checklist item ${id}.`);
  const item = fromRow(before);
  const after = { status: patch.status ?? item.status, owner: patch.owner ?? item.owner, note: patch.note ?? item.note };
  const completedAt = after.status === 'done' ? (item.completedAt ?? h.audit.context.at) : null;
  h.run('UPDATE checklist_items SET status = ?, owner = ?, note = ?, completed_at = ? WHERE id = ?', after.status, after.owner, after.note, completedAt, id);
  h.audit.recordChanges('checklist', `${item.site}/${item.taskKey}`, { status: item.status, owner: item.owner, note: item.note }, after);
  return fromRow(h.get<ChecklistRow>(`${SELECT} WHERE c.id = ?`, id)!);
}

/** The same change to several items: all of them, or none. */
export function updateChecklistItems(h: WriteHandle, ids: number[], patch: ChecklistPatch): ChecklistItem[] {
  return ids.map((id) => updateChecklistItem(h, id, patch));
}
