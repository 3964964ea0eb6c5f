/**
 * Reading an imported sheet file and checking it against the plan: the part of an import that does
 * not write, and the slow part of a large one (10,000 rows: about 1 s to read a workbook and half a
 * second to check). It needs only a snapshot of the plan, so it can run on a worker thread.
 */
import type { SheetChoice, SheetImportPreview } from '../../../shared/contract';
import { sheetFields } from '../../../shared/sheets/fields';
import { checkImport, planSheets, type ImportCheck, type PlanSnapshot, type Sheet, type SheetPlan } from '../../../shared/sheets/sheet-import';
import { UserError } from '../errors';
import { readSheets } from './read-sheets';

export interface CheckedSheets {
  plans: SheetPlan[];
  result: ImportCheck;
}

/** How each sheet was read, as the preview shows it: the cells of its first rows, not all of them. */
export type SheetOutline = SheetImportPreview['sheets'][number];

/** What a check hands back from its thread: the sheets in outline (copying every cell back costs more than reading them). */
export interface CheckedOutline {
  sheets: SheetOutline[];
  result: ImportCheck;
}

export function outlineOf({ plans, result }: CheckedSheets): CheckedOutline {
  return { sheets: plans.map((p) => ({ source: p.sheet.source, kind: p.kind, headers: p.sheet.headers, mapping: p.mapping, rows: p.sheet.rows.length, sample: p.sheet.rows.slice(0, 5) })), result };
}

/** The sheets mapped as guessed, or as the user chose, and checked against `plan`. */
export function checkSheets(sheets: Sheet[], choices: SheetChoice[] | undefined, plan: PlanSnapshot): CheckedSheets {
  const plans = planSheets(sheets, plan.dimensions).map((p): SheetPlan => {
    const choice = choices?.find((c) => c.source === p.sheet.source);
    if (!choice) return p;
    const known = new Set(sheetFields(choice.kind, plan.dimensions).map((f) => f.key));
    const unknown = choice.mapping.find((key) => key !== null && !known.has(key));
    if (unknown) throw new UserError('invalid-input', `${p.sheet.source}: "${unknown}" is not a field of a ${choice.kind} sheet.`);
    return { ...p, kind: choice.kind, mapping: p.sheet.headers.map((_, i) => choice.mapping[i] ?? null) };
  });
  return { plans, result: checkImport(plans, plan) };
}

export async function readAndCheckSheets(fileName: string, bytes: Uint8Array, choices: SheetChoice[] | undefined, plan: PlanSnapshot): Promise<CheckedOutline> {
  return outlineOf(checkSheets(await readSheets(fileName, bytes), choices, plan));
}
