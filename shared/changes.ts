/**
 * What a write to the plan touched, as every transport announces it: the commit's revision, and per
 * entity the ids it changed. Screens refresh the entities named, never the whole plan.
 */
import type { AuditSource } from './domain';
import type { TeamStatus } from './team';

export const CHANGE_ENTITIES = ['plan', 'settings', 'crews', 'erps', 'sites', 'readiness', 'dimensions', 'checklist', 'schedule', 'playbook', 'baselines', 'scenarios'] as const;
export type ChangeEntity = (typeof CHANGE_ENTITIES)[number];

/** The entities the scheduler reads: a change to one of them can make the stored schedule out of date. */
export const SCHEDULER_INPUTS: readonly ChangeEntity[] = ['plan', 'settings', 'crews', 'erps', 'sites', 'readiness', 'dimensions'];

export interface Change {
  entity: ChangeEntity;
  /** Site codes (sites, readiness, checklist), ERP codes, setting keys; null when there were too many to list or none apply. */
  ids: string[] | null;
  /** How many rows of the entity the commit wrote (for readiness: the assessments recorded). */
  count: number;
}

export const COMMIT_KINDS = ['edit', 'undo', 'redo', 'create'] as const;
export type CommitKind = (typeof COMMIT_KINDS)[number];

/** What a write returns: its value, the plan's revision after it, and what it changed. */
export interface Committed<T> {
  value: T;
  revision: number;
  changes: Change[];
}

/** One entry of the change feed. */
export type ChangeEvent =
  | {
      type: 'commit';
      revision: number;
      changes: Change[];
      source: AuditSource;
      actor: string;
      label: string;
      kind: CommitKind;
      at: string;
    }
  /** Another plan was opened (or the open one closed): everything on screen belongs to the old one. */
  | { type: 'plan'; path: string | null }
  /** Where a team plan stands with its team changed (connected, changes waiting, Needs review). */
  | { type: 'team'; status: TeamStatus };

export function changedEntities(changes: readonly Change[]): Set<ChangeEntity> {
  return new Set(changes.map((c) => c.entity));
}

/** The ids a change names for `entity`: a list, 'all' when it changed too many to list, or none. */
export function changedIds(changes: readonly Change[], entity: ChangeEntity): string[] | 'all' | null {
  const found = changes.filter((c) => c.entity === entity);
  if (found.length === 0) return null;
  if (found.some((c) => c.ids === null)) return 'all';
  return [...new Set(found.flatMap((c) => c.ids ?? []))];
}
