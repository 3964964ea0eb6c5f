/** The plan's ERP systems and their connectors. */
import type { ErpPatch } from '../../../shared/contract';
import { erpSchema, type Erp } from '../../../shared/domain';
import { parseWithProblems } from '../../../shared/interchange';
import { UserError } from '../errors';
import type { ReadHandle, WriteHandle } from './handles';

interface ErpRow {
  id: number;
  code: string;
  name: string;
  vendor: string;
  version: string;
  connector_status: Erp['connectorStatus'];
  connector_ready_date: string | null;
  notes: string;
}

const fromRow = (r: ErpRow): Erp => ({
  code: r.code,
  name: r.name,
  vendor: r.vendor,
  version: r.version,
  connectorStatus: r.connector_status,
  connectorReadyDate: r.connector_ready_date,
  notes: r.notes,
});

/** Every ERP, or the one with `code`. */
export function readErps(h: ReadHandle, code?: string): Erp[] {
  const rows = code === undefined ? h.all<ErpRow>('SELECT * FROM erps ORDER BY position, code') : h.all<ErpRow>('SELECT * FROM erps WHERE code = ?', code);
  return rows.map(fromRow);
}

export function erpIdOf(h: ReadHandle, code: string): number | undefined {
  return h.get<{ id: number }>('SELECT id FROM erps WHERE code = ?', code)?.id;
}

/** A new ERP goes last, unless it keeps the place it has elsewhere (a team member's ERP). */
export function insertErp(h: WriteHandle, erp: Erp, position?: number): void {
  const place = position ?? h.get<{ next: number }>('SELECT coalesce(max(position), 0) + 1 AS next FROM erps')!.next;
  h.run(
    'INSERT INTO erps (code, name, vendor, version, connector_status, connector_ready_date, notes, position) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    erp.code, erp.name, erp.vendor, erp.version, erp.connectorStatus, erp.connectorReadyDate, erp.notes, place,
  );
}

export function writeErpRow(h: WriteHandle, code: string, erp: Erp): void {
  h.run(
    'UPDATE erps SET code = ?, name = ?, vendor = ?, version = ?, connector_status = ?, connector_ready_date = ?, notes = ? WHERE code = ?',
    erp.code, erp.name, erp.vendor, erp.version, erp.connectorStatus, erp.connectorReadyDate, erp.notes, code,
  );
}

/** Adds an ERP, checked. */
export function createErp(h: WriteHandle, input: unknown): Erp {
  const parsed = parseWithProblems(erpSchema, input);
  if (!parsed.ok) throw new UserError('invalid-input', `New ERP: ${parsed.problems[0]!.path} ${parsed.problems[0]!.message}`, parsed.problems);
  const erp = parsed.value;
  if (erpIdOf(h, erp.code) !== undefined) throw new UserError('conflict', `An ERP with code "${erp.code}" already exists.`);
  insertErp(h, erp);
  h.audit.record('erp', erp.code, 'created', null, erp.name);
  return readErps(h, erp.code)[0]!;
}

/** Edits an ERP's fields (its code too), checked as a whole. */
export function updateErp(h: WriteHandle, code: string, patch: ErpPatch): Erp {
  const before = readErps(h, code)[0];
  if (!before) throw new UserError('not-found', `No ERP with code "${code}".`);
  const merged = parseWithProblems(erpSchema, { ...before, ...patch });
  if (!merged.ok) throw new UserError('invalid-input', `ERP ${code}: ${merged.problems[0]!.path} ${merged.problems[0]!.message}`, merged.problems);
  const after = merged.value;
  if (after.code.toLowerCase() !== before.code.toLowerCase() && erpIdOf(h, after.code) !== undefined) {
    throw new UserError('conflict', `An ERP with code "${after.code}" already exists.`);
  }
  writeErpRow(h, before.code, after);
  h.audit.recordChanges('erp', before.code, before, after);
  return readErps(h, after.code)[0]!;
}
