/** The playbook: versioned task templates. Saving makes the next version; earlier ones stay. */
import type { PlaybookTask } from '../../../shared/domain';
import { UserError } from '../errors';
import type { ReadHandle, WriteHandle } from './handles';

export interface PlaybookVersion {
  version: number;
  tasks: PlaybookTask[];
}

function tasksOf(h: ReadHandle, versionId: number): PlaybookTask[] {
  const tasks = h.all<Omit<PlaybookTask, 'gate'> & { gate: number }>(
    `SELECT task_key AS id, title, phase, owner_role AS ownerRole, offset_days AS offsetDays,
            duration_days AS durationDays, applies_to AS appliesTo, gate
       FROM playbook_tasks WHERE playbook_version_id = ? ORDER BY position`,
    versionId,
  );
  return tasks.map((t) => ({ ...t, gate: t.gate === 1 }));
}

export function readPlaybook(h: ReadHandle): PlaybookVersion {
  const latest = h.get<{ id: number; version: number }>('SELECT id, version FROM playbook_versions ORDER BY version DESC LIMIT 1');
  if (!latest) return { version: 1, tasks: [] };
  return { version: latest.version, tasks: tasksOf(h, latest.id) };
}

/** Every version of the playbook, oldest first, with when it was saved and its note. */
export function readPlaybookVersions(h: ReadHandle): (PlaybookVersion & { note: string; createdAt: string })[] {
  return h
    .all<{ id: number; version: number; note: string; created_at: string }>('SELECT id, version, note, created_at FROM playbook_versions ORDER BY version')
    .map((v) => ({ version: v.version, note: v.note, createdAt: v.created_at, tasks: tasksOf(h, v.id) }));
}

export function writePlaybookVersion(h: WriteHandle, version: number, tasks: PlaybookTask[], note: string, createdAt = h.audit.context.at): void {
  const id = h.run('INSERT INTO playbook_versions (version, created_at, note) VALUES (?, ?, ?)', version, createdAt, note).lastInsertRowid;
  tasks.forEach((t, i) =>
    h.run(
      'INSERT INTO playbook_tasks (playbook_version_id, task_key, title, phase, owner_role, offset_days, duration_days, applies_to, gate, position) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
      id, t.id, t.title, t.phase, t.ownerRole, t.offsetDays, t.durationDays, t.appliesTo, t.gate ? 1 : 0, i,
    ),
  );
}

/** Saves `tasks` as the next version; task ids must be unique. Returns the new version. */
export function addPlaybookVersion(h: WriteHandle, tasks: PlaybookTask[], note: string): PlaybookVersion {
  const seen = new Map<string, number>();
  tasks.forEach((task, i) => {
    const first = seen.get(task.id);
    if (first !== undefined) throw new UserError('invalid-input', `Playbook task ${i + 1} (${task.title}): id "${task.id}" is already used by task ${first + 1}.`);
    seen.set(task.id, i);
  });
  const version = readPlaybook(h).version + 1;
  writePlaybookVersion(h, version, tasks, note);
  h.audit.record('playbook', String(version), 'created', null, note || `${tasks.length} tasks`);
  return readPlaybook(h);
}
