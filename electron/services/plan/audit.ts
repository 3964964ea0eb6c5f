/** The audit log: who changed which field of what, from what to what, and through which door. */
import type Database from 'better-sqlite3';
import type { AuditEntry, AuditSource } from '../../../shared/domain';
import { statement } from './statements';

export interface WriteContext {
  actor: string;
  source: AuditSource;
}

function asText(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  return typeof value === 'string' ? value : JSON.stringify(value);
}

export class AuditWriter {
  private readonly insert: Database.Statement;
  private readonly at = new Date().toISOString();

  constructor(db: Database.Database, readonly context: WriteContext) {
    this.insert = statement(db, 
      'INSERT INTO audit_log (at, actor, entity, entity_id, field, old_value, new_value, source) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    );
  }

  record(entity: string, entityId: string, field: string, oldValue: unknown, newValue: unknown): void {
    this.insert.run(this.at, this.context.actor, entity, entityId, field, asText(oldValue), asText(newValue), this.context.source);
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
}

export function listAudit(db: Database.Database, filter: { entity?: string; entityId?: string; limit: number }): AuditEntry[] {
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
  const rows = statement(db, sql).all(...params, filter.limit) as AuditRow[];
  return rows.map((r) => ({
    id: r.id,
    at: r.at,
    actor: r.actor,
    entity: r.entity,
    entityId: r.entity_id,
    field: r.field,
    oldValue: r.old_value,
    newValue: r.new_value,
    source: r.source,
  }));
}
