/** The audit log: who changed which field of what, from what to what, through which door, in which commit. */
import type Database from 'better-sqlite3';
import type { AuditEntry, AuditSource } from '../../../shared/domain';
import type { ReadHandle } from './handles';
import { statement } from './statements';

export interface WriteContext {
  actor: string;
  source: AuditSource;
  /** When the change was made (a change from a team member keeps their time). */
  at: string;
  revision: number;
}

function asText(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  return typeof value === 'string' ? value : JSON.stringify(value);
}

const INSERT = 'INSERT INTO audit_log (at, actor, entity, entity_id, field, old_value, new_value, source, revision, action) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)';

export class AuditWriter {
  #context: WriteContext;

  constructor(
    private readonly db: Database.Database,
    context: WriteContext,
  ) {
    this.#context = context;
  }

  get context(): WriteContext {
    return this.#context;
  }

  /** Records what `write` does as done by `actor` at `at` (a team member's change, taken in one commit with others'). */
  speaking<T>(actor: string, at: string, write: () => T): T {
    const before = this.#context;
    this.#context = { ...before, actor, at };
    try {
      return write();
    } finally {
      this.#context = before;
    }
  }

  record(entity: string, entityId: string, field: string, oldValue: unknown, newValue: unknown): void {
    const c = this.context;
    statement(this.db, INSERT).run(c.at, c.actor, entity, entityId, field, asText(oldValue), asText(newValue), c.source, c.revision, 'edit');
  }

  /** Records each field whose value differs; returns how many did. */
  recordChanges(entity: string, entityId: string, before: Record<string, unknown>, after: Record<string, unknown>): number {
    let changed = 0;
    for (const field of Object.keys(after)) {
      if (JSON.stringify(before[field]) !== JSON.stringify(after[field])) {
        this.record(entity, entityId, field, before[field], after[field]);
        changed += 1;
      }
    }
    return changed;
  }

  /**
   * The audit entries of an undo or redo: those of the commit it takes back (old and new values
   * swapped) or does again, under this commit's actor, time and source.
   */
  recordReplay(of: number, action: 'undo' | 'redo'): void {
    const c = this.context;
    const swap = action === 'undo';
    statement(
      this.db,
      `INSERT INTO audit_log (at, actor, entity, entity_id, field, old_value, new_value, source, revision, action)
       SELECT ?, ?, entity, entity_id, field, ${swap ? 'new_value, old_value' : 'old_value, new_value'}, ?, ?, ?
         FROM audit_log WHERE revision = ? AND action = 'edit' ORDER BY id`,
    ).run(c.at, c.actor, c.source, c.revision, action, of);
  }
}

interface AuditRow {
  id: number;
  at: string;
  actor: string;
  entity: string;
  entity_id: string;
  field: string;
  old_value: string | null;
  new_value: string | null;
  source: AuditSource;
  action: AuditEntry['action'];
}

export function listAudit(h: ReadHandle, filter: { entity?: string | undefined; entityId?: string | undefined; limit: number }): AuditEntry[] {
  const where: string[] = [];
  const params: unknown[] = [];
  if (filter.entity) {
    where.push('entity = ?');
    params.push(filter.entity);
  }
  if (filter.entityId) {
    // A site's own entries, and those of its readiness and checklist items ("US-DET/data").
    where.push('(entity_id = ? COLLATE NOCASE OR substr(entity_id, 1, ?) = ? COLLATE NOCASE)');
    params.push(filter.entityId, filter.entityId.length + 1, `${filter.entityId}/`);
  }
  const sql = `SELECT * FROM audit_log ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id DESC LIMIT ?`;
  return h.all<AuditRow>(sql, ...params, filter.limit).map((r) => ({
    id: r.id,
    at: r.at,
    actor: r.actor,
    entity: r.entity,
    entityId: r.entity_id,
    field: r.field,
    oldValue: r.old_value,
    newValue: r.new_value,
    source: r.source,
    action: r.action,
  }));
}
