/**
 * Importing sites, ERPs and readiness from CSV or XLSX into a plan: a preview that lists every
 * problem and what would be added, changed and left alone, and an all-or-nothing commit (a backup
 * first, then one transaction with its audit entries). Both read the file afresh and run the same
 * check, so the commit writes exactly what the preview showed.
 */
import type { SheetChoice, SheetImportPreview, SheetImportSummary } from '../../../shared/contract';
import type { AuditSource } from '../../../shared/domain';
import { sheetFields, type SheetKind } from '../../../shared/sheets/fields';
import { checkImport, describeSheetProblem, planSheets, type ImportCheck, type SheetPlan } from '../../../shared/sheets/sheet-import';
import { UserError } from '../errors';
import { backupPlan } from '../plan/backup';
import * as write from '../plan/content-writer';
import type { PlanFile } from '../plan/plan-file';
import { insertSite } from '../plan/site-lifecycle';
import { readSheets } from './read-sheets';

const LISTED = 200;

async function check(plan: PlanFile, fileName: string, bytes: Uint8Array, choices: SheetChoice[] | undefined): Promise<{ plans: SheetPlan[]; result: ImportCheck }> {
  const dimensions = plan.dimensions();
  const guessed = planSheets(await readSheets(fileName, bytes), dimensions);
  const plans = guessed.map((p): SheetPlan => {
    const choice = choices?.find((c) => c.source === p.sheet.source);
    if (!choice) return p;
    const known = new Set(sheetFields(choice.kind, dimensions).map((f) => f.key));
    const unknown = choice.mapping.find((key) => key !== null && !known.has(key));
    if (unknown) throw new UserError('invalid-input', `${p.sheet.source}: "${unknown}" is not a field of a ${choice.kind} sheet.`);
    return { ...p, kind: choice.kind, mapping: p.sheet.headers.map((_, i) => choice.mapping[i] ?? null) };
  });
  return { plans, result: checkImport(plans, { sites: plan.listSites(), erps: plan.listErps(), dimensions }) };
}

export async function previewSheetImport(plan: PlanFile, fileName: string, bytes: Uint8Array, choices?: SheetChoice[]): Promise<SheetImportPreview> {
  const { plans, result } = await check(plan, fileName, bytes, choices);
  const dimensions = plan.dimensions();
  const fieldsOf = (kind: SheetKind) => sheetFields(kind, dimensions).map((f) => ({ key: f.key, label: f.label }));
  const summary = (changes: { added: { code: string }[]; changed: { code: string; fields: string[] }[]; unchanged: string[] }) => ({
    added: changes.added.slice(0, LISTED).map((x) => x.code),
    addedCount: changes.added.length,
    changed: changes.changed.slice(0, LISTED).map((c) => ({ code: c.code, fields: c.fields })),
    changedCount: changes.changed.length,
    unchangedCount: changes.unchanged.length,
  });
  return {
    fileName,
    sheets: plans.map((p) => ({ source: p.sheet.source, kind: p.kind, headers: p.sheet.headers, mapping: p.mapping, rows: p.sheet.rows.length, sample: p.sheet.rows.slice(0, 5) })),
    fields: { sites: fieldsOf('sites'), erps: fieldsOf('erps') },
    sites: summary(result.sites),
    erps: summary(result.erps),
    problems: result.problems.slice(0, LISTED),
    problemCount: result.problems.length,
  };
}

export async function commitSheetImport(plan: PlanFile, fileName: string, bytes: Uint8Array, choices: SheetChoice[] | undefined, source: AuditSource): Promise<SheetImportSummary> {
  const { result } = await check(plan, fileName, bytes, choices);
  if (result.problems.length > 0) {
    const shown = result.problems.slice(0, 10).map(describeSheetProblem).join('\n');
    const more = result.problems.length > 10 ? `\n… and ${result.problems.length - 10} more` : '';
    throw new UserError('invalid-input', `Nothing was imported: ${result.problems.length} problem${result.problems.length === 1 ? '' : 's'} in ${fileName}.\n${shown}${more}`, result.problems.map((p) => ({ path: `${p.source}:${p.row}:${p.column}`, message: p.message })));
  }
  const { erps, sites } = result;
  const total = erps.added.length + erps.changed.length + sites.added.length + sites.changed.length;
  const backupPath = total > 0 ? backupPlan(plan.db, plan.path, 'import') : null;
  if (total > 0) {
    plan.write(source, (audit) => {
      for (const erp of erps.added) {
        write.insertErp(plan.db, erp);
        audit.record('erp', erp.code, 'created', null, erp.name);
      }
      for (const { code, value } of erps.changed) {
        const before = plan.listErps().find((e) => e.code === code)!;
        write.updateErpRow(plan.db, code, value);
        audit.recordChanges('erp', code, before, value);
      }
      // New sites first without predecessors, so that any site may wait for any other in the file.
      for (const site of sites.added) {
        insertSite(plan, { ...site, predecessors: [] });
        audit.record('site', site.code, 'created', null, site.name);
      }
      for (const { code, value } of sites.changed) {
        const before = plan.getSite(code);
        const { readiness, ...fields } = value;
        plan.applySitePatch(code, fields, audit);
        appendReadinessChanges(plan, code, before.readiness, readiness, audit);
      }
      for (const site of sites.added) {
        const siteId = write.siteIdOf(plan.db, site.code)!;
        write.writePredecessors(plan.db, siteId, site.predecessors);
        // A new site's first assessments are its readiness history (with actor, time and source
        // 'import'); its "created" audit entry stands for the rest, as when a site is added in the app.
        for (const [dimension, value] of Object.entries(site.readiness)) {
          if (value.score !== null || value.targetDate !== null) write.appendReadiness(plan.db, { siteId, dimension, score: value.score, targetDate: value.targetDate, comment: 'Imported' }, audit);
        }
      }
      audit.record('plan', plan.info().uid, 'import', null, `${fileName}: ${sites.added.length} sites added, ${sites.changed.length} changed; ${erps.added.length} ERPs added, ${erps.changed.length} changed`);
    });
  }
  return {
    fileName,
    sitesAdded: sites.added.length,
    sitesChanged: sites.changed.length,
    sitesUnchanged: sites.unchanged.length,
    erpsAdded: erps.added.length,
    erpsChanged: erps.changed.length,
    erpsUnchanged: erps.unchanged.length,
    backupPath,
  };
}

type Readiness = Record<string, { score: number | null; targetDate: string | null }>;

function appendReadinessChanges(plan: PlanFile, code: string, before: Readiness, after: Readiness, audit: Parameters<Parameters<PlanFile['write']>[1]>[0]): void {
  const siteId = write.siteIdOf(plan.db, code)!;
  for (const [dimension, value] of Object.entries(after)) {
    const old = before[dimension] ?? { score: null, targetDate: null };
    if (old.score === value.score && old.targetDate === value.targetDate) continue;
    write.appendReadiness(plan.db, { siteId, dimension, score: value.score, targetDate: value.targetDate, comment: 'Imported' }, audit);
    audit.recordChanges('readiness', `${code}/${dimension}`, old, value);
  }
}
