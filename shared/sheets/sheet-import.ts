/**
 * From sheets (rows of cell text) to a checked import: every row converted and validated against the
 * plan as it is, every problem with its sheet, row, column and field, and what the import would add,
 * change and leave alone. Preview and commit run this same function on the same file, so what the
 * preview promised is what the commit writes. Blank cells leave a value as it is.
 */
import { DAY_RANGE_MESSAGE, isIsoDate, isPlanDay } from '../dates';
import { erpSchema, siteSchema, type Erp, type ReadinessDimension, type Site } from '../domain';
import { problemsFromZod } from '../interchange';
import { guessKind, guessMapping, sheetFields, type CellType, type SheetField, type SheetKind } from './fields';

export interface Sheet {
  /** The file, and for a workbook the sheet: "sites.xlsx › Sites". */
  source: string;
  headers: string[];
  /** Cell text, one array per data row (the header is row 1, so rows[0] is row 2). */
  rows: string[][];
}

export interface SheetPlan {
  sheet: Sheet;
  kind: SheetKind;
  /** The field each column holds, or null to leave the column out. */
  mapping: (string | null)[];
}

export interface SheetProblem {
  source: string;
  /** The row in the sheet as a spreadsheet numbers it (the header is row 1); 0 for the sheet as a whole. */
  row: number;
  column: string;
  field: string;
  message: string;
}

export interface Changes<T> {
  added: T[];
  changed: { code: string; fields: string[]; value: T }[];
  unchanged: string[];
}

export interface ImportCheck {
  erps: Changes<Erp>;
  sites: Changes<Site>;
  problems: SheetProblem[];
}

export interface PlanSnapshot {
  sites: Site[];
  erps: Erp[];
  dimensions: ReadinessDimension[];
}

export function describeSheetProblem(p: SheetProblem): string {
  const where = [p.source, p.row > 0 ? `row ${p.row}` : '', p.column ? `column "${p.column}"` : '', p.field && p.field !== p.column ? `(${p.field})` : ''].filter(Boolean).join(', ');
  return `${where}: ${p.message}`;
}

/** Plans every sheet with its guessed kind and mapping. */
export function planSheets(sheets: Sheet[], dimensions: ReadinessDimension[]): SheetPlan[] {
  return sheets.map((sheet) => {
    const kind = guessKind(sheet.headers);
    return { sheet, kind, mapping: guessMapping(sheet.headers, sheetFields(kind, dimensions)) };
  });
}

const WHOLE = /^\d+$/;
/** A decimal number as people write it in a sheet: "62", "62.5" (a decimal comma is read as a point). */
const DECIMAL = /^\d+(\.\d+)?$/;

const TRUE = new Set(['true', 'yes', 'y', '1', 'x', 'excluded']);
const FALSE = new Set(['false', 'no', 'n', '0', '', 'in scope']);

/** What a problem quotes of the cell: ` (got "…")`. */
const gotOf = (text: string) => ` (got "${text.length > 40 ? `${text.slice(0, 37)}...` : text}")`;

function toValue(text: string, type: CellType): { ok: true; value: unknown } | { ok: false; message: string } {
  switch (type) {
    case 'text':
      return { ok: true, value: text };
    // Decimal digits only: JavaScript's Number() would also read "0x10", "1e2" and "Infinity".
    case 'integer':
      return WHOLE.test(text) ? { ok: true, value: Number(text) } : { ok: false, message: `must be a whole number written in digits${gotOf(text)}` };
    case 'score': {
      if (text === '?' || text.toLowerCase() === 'unknown') return { ok: true, value: null };
      const digits = text.replace(/%$/, '').replace(',', '.');
      const n = DECIMAL.test(digits) ? Number(digits) : NaN;
      return n >= 0 && n <= 100 ? { ok: true, value: n } : { ok: false, message: `must be a score from 0 to 100, or "unknown"${gotOf(text)}` };
    }
    case 'date':
      if (!isIsoDate(text)) return { ok: false, message: `must be a real date written YYYY-MM-DD${gotOf(text)}` };
      return isPlanDay(text) ? { ok: true, value: text } : { ok: false, message: `${DAY_RANGE_MESSAGE}${gotOf(text)}` };
    case 'boolean': {
      const lower = text.toLowerCase();
      if (TRUE.has(lower)) return { ok: true, value: true };
      if (FALSE.has(lower)) return { ok: true, value: false };
      return { ok: false, message: `must be yes or no${gotOf(text)}` };
    }
    case 'list':
      return { ok: true, value: text.split(/[;,]/).map((s) => s.trim()).filter(Boolean) };
    case 'blackouts': {
      const windows = [];
      for (const part of text.split(';').map((s) => s.trim()).filter(Boolean)) {
        const match = /^(\d{4}-\d{2}-\d{2})\s*(?:\.\.|–|—|to)\s*(\d{4}-\d{2}-\d{2})\s*(.*)$/.exec(part);
        if (!match) return { ok: false, message: `must list windows as "YYYY-MM-DD..YYYY-MM-DD reason", separated by ";" (got "${part}")` };
        windows.push({ from: match[1]!, to: match[2]!, reason: match[3]!.trim() });
      }
      return { ok: true, value: windows };
    }
  }
}

function setPath(target: Record<string, unknown>, parts: readonly string[], value: unknown): void {
  let node = target;
  for (let i = 0; i < parts.length - 1; i += 1) {
    const part = parts[i]!;
    if (typeof node[part] !== 'object' || node[part] === null) node[part] = {};
    node = node[part] as Record<string, unknown>;
  }
  node[parts.at(-1)!] = value;
}

interface RowValues {
  row: number;
  values: Record<string, unknown>;
  /** The column each field came from, to point problems at it. */
  columns: Map<string, string>;
}

/** Converts each data row's mapped cells; blank cells are left out (they change nothing). */
function readRows(plan: SheetPlan, fields: SheetField[], problems: SheetProblem[]): RowValues[] {
  const byKey = new Map(fields.map((f) => [f.key, f]));
  // What each mapped column needs is worked out once per sheet, not once per cell (10,000 rows).
  const mapped = plan.mapping.flatMap((key, column) => {
    const field = key ? byKey.get(key) : undefined;
    if (!key || !field) return [];
    const parts = key.split('.');
    const group = parts.slice(0, key.startsWith('readiness.') ? 3 : 1).join('.');
    return [{ column, key, field, parts, group, header: plan.sheet.headers[column] ?? `column ${column + 1}` }];
  });
  const out: RowValues[] = [];
  plan.sheet.rows.forEach((cells, index) => {
    const row = index + 2;
    if (cells.every((c) => c.trim() === '')) return;
    const values: Record<string, unknown> = {};
    const columns = new Map<string, string>();
    for (const { column, key, field, parts, group, header } of mapped) {
      const text = (cells[column] ?? '').trim();
      if (text === '') continue;
      columns.set(group, header);
      columns.set(key, header);
      const converted = toValue(text, field.type);
      if (!converted.ok) problems.push({ source: plan.sheet.source, row, column: header, field: key, message: converted.message });
      else setPath(values, parts, converted.value);
    }
    out.push({ row, values, columns });
  });
  return out;
}

function columnOf(columns: Map<string, string>, path: string): string {
  const parts = path.split(/[.[]/);
  for (let n = parts.length; n > 0; n -= 1) {
    const column = columns.get(parts.slice(0, n).join('.'));
    if (column) return column;
  }
  return '';
}

function changedFields(before: Record<string, unknown>, after: Record<string, unknown>): string[] {
  const fields: string[] = [];
  for (const key of Object.keys(after)) {
    if (key === 'readiness') {
      const b = (before.readiness ?? {}) as Record<string, unknown>;
      const a = after.readiness as Record<string, unknown>;
      for (const dim of Object.keys(a)) if (JSON.stringify(b[dim] ?? { score: null, targetDate: null }) !== JSON.stringify(a[dim])) fields.push(`readiness.${dim}`);
    } else if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) fields.push(key);
  }
  return fields;
}

/** Checks every sheet against the plan: ERP sheets first, so sites may name ERPs added with them. */
export function checkImport(plans: SheetPlan[], plan: PlanSnapshot): ImportCheck {
  const problems: SheetProblem[] = [];
  const erps: Changes<Erp> = { added: [], changed: [], unchanged: [] };
  const sites: Changes<Site> = { added: [], changed: [], unchanged: [] };
  const erpCodes = new Set(plan.erps.map((e) => e.code.toLowerCase()));
  const siteCodes = new Set(plan.sites.map((s) => s.code.toLowerCase()));
  // Looked up by code for each row: a 10,000-row update of a 10,000-site plan must not search the plan per row.
  const erpByCode = new Map(plan.erps.map((e) => [e.code.toLowerCase(), e]));
  const siteByCode = new Map(plan.sites.map((s) => [s.code.toLowerCase(), s]));
  const ordered = [...plans.filter((p) => p.kind === 'erps'), ...plans.filter((p) => p.kind === 'sites')];

  for (const sheetPlan of ordered) {
    const source = sheetPlan.sheet.source;
    const fields = sheetFields(sheetPlan.kind, plan.dimensions);
    const codeColumn = sheetPlan.mapping.indexOf('code');
    if (codeColumn < 0) {
      problems.push({ source, row: 0, column: '', field: 'code', message: `no column holds the ${sheetPlan.kind === 'erps' ? 'ERP' : 'site'} code: map one to "code"` });
      continue;
    }
    const seen = new Map<string, number>();
    for (const { row, values, columns } of readRows(sheetPlan, fields, problems)) {
      const code = typeof values.code === 'string' ? values.code : '';
      const problem = (path: string, message: string) => problems.push({ source, row, column: columnOf(columns, path), field: path, message });
      /** A value the row lacks: named by its field, as no column holds it. */
      const missing = (path: string, message: string) => {
        const label = fields.find((f) => f.key === path)?.label ?? path;
        problem(path, `${label} is needed for a new ${sheetPlan.kind === 'erps' ? 'ERP' : 'site'} and no column holds it (${message.replace(/^is required \((.*)\)$/, '$1')})`);
      };
      if (!code) {
        problems.push({ source, row, column: sheetPlan.sheet.headers[codeColumn]!, field: 'code', message: 'is empty: every row needs its code' });
        continue;
      }
      const earlier = seen.get(code.toLowerCase());
      if (earlier !== undefined) {
        problem('code', `duplicates row ${earlier} ("${code}")`);
        continue;
      }
      seen.set(code.toLowerCase(), row);
      if (sheetPlan.kind === 'erps') {
        const before = erpByCode.get(code.toLowerCase());
        const result = erpSchema.safeParse({ ...before, ...values, code: before?.code ?? code }, { reportInput: true });
        if (!result.success) {
          for (const p of problemsFromZod(result.error)) (columnOf(columns, p.path) ? problem : missing)(p.path, p.message);
          continue;
        }
        if (!before) {
          erps.added.push(result.data);
          erpCodes.add(code.toLowerCase());
        } else {
          const fieldsChanged = changedFields(before, result.data);
          if (fieldsChanged.length) erps.changed.push({ code: before.code, fields: fieldsChanged, value: result.data });
          else erps.unchanged.push(before.code);
        }
        continue;
      }
      const before = siteByCode.get(code.toLowerCase());
      const readiness = { ...(before?.readiness ?? {}) };
      for (const [dim, value] of Object.entries((values.readiness ?? {}) as Record<string, object>)) readiness[dim] = { score: null, targetDate: null, ...readiness[dim], ...value };
      const result = siteSchema.safeParse({ ...before, ...values, siteLead: { ...before?.siteLead, ...(values.siteLead as object) }, code: before?.code ?? code, readiness }, { reportInput: true });
      if (!result.success) {
        for (const p of problemsFromZod(result.error)) (columnOf(columns, p.path) ? problem : missing)(p.path, p.message);
        continue;
      }
      const site = result.data;
      let ok = true;
      if (!erpCodes.has(site.erp.toLowerCase())) {
        problem('erp', `unknown ERP "${site.erp}" (the plan has ${[...plan.erps.map((e) => e.code)].join(', ') || 'none'})`);
        ok = false;
      }
      for (const dim of Object.keys(site.readiness)) {
        if (!plan.dimensions.some((d) => d.key === dim)) {
          problem(`readiness.${dim}`, `unknown readiness dimension "${dim}"`);
          ok = false;
        }
      }
      if (!ok) continue;
      if (!before) {
        sites.added.push(site);
        siteCodes.add(site.code.toLowerCase());
      } else {
        const fieldsChanged = changedFields(before, site);
        if (fieldsChanged.length) sites.changed.push({ code: before.code, fields: fieldsChanged, value: site });
        else sites.unchanged.push(before.code);
      }
    }
    // Predecessors may name sites anywhere in the plan or the file.
    for (const site of [...sites.added, ...sites.changed.map((c) => c.value)]) {
      for (const p of site.predecessors) {
        if (!siteCodes.has(p.toLowerCase())) problems.push({ source, row: seen.get(site.code.toLowerCase()) ?? 0, column: 'predecessors', field: 'predecessors', message: `unknown predecessor "${p}"` });
        if (p.toLowerCase() === site.code.toLowerCase()) problems.push({ source, row: seen.get(site.code.toLowerCase()) ?? 0, column: 'predecessors', field: 'predecessors', message: 'a site cannot be its own predecessor' });
      }
    }
  }
  return { erps, sites, problems };
}
