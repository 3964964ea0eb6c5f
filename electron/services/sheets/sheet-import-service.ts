/**
 * Importing sites, ERPs and readiness from CSV or XLSX into a plan: a preview that lists every
 * problem and what would be added, changed and left alone, and an all-or-nothing commit (a backup
 * first, then one undoable commit with its audit entries). Both run the same check; the commit runs
 * it again inside its transaction, so it writes exactly what the plan holds at that moment allows.
 */
import type { Committed } from '../../../shared/changes';
import type { SheetChoice, SheetImportPreview, SheetImportSummary } from '../../../shared/contract';
import type { AuditSource, Site } from '../../../shared/domain';
import { sheetFields, type SheetKind } from '../../../shared/sheets/fields';
import { describeSheetProblem, type ImportCheck, type PlanSnapshot } from '../../../shared/sheets/sheet-import';
import { UserError } from '../errors';
import { insertErp, readErps, writeErpRow } from '../plan/erps';
import type { ReadHandle, WriteHandle } from '../plan/handles';
import { revisionBefore } from '../plan/history';
import type { PlanFile } from '../plan/plan-file';
import { requirePlanRow } from '../plan/plan-settings';
import { appendReadiness, readDimensions } from '../plan/readiness';
import { getSite, insertSite, patchSite, readSites, siteIdOf, sitesByCode, writePredecessors } from '../plan/sites';
import { readSheets } from './read-sheets';
import { checkSheets } from './sheet-check';
import { readAndCheckSheetsOffThread } from './sheet-check-thread';

const LISTED = 200;

function snapshotOf(h: ReadHandle): PlanSnapshot {
  return { sites: readSites(h), erps: readErps(h), dimensions: readDimensions(h) };
}

export async function previewSheetImport(plan: PlanFile, fileName: string, bytes: Uint8Array, choices?: SheetChoice[]): Promise<SheetImportPreview> {
  const snapshot = snapshotOf(plan.reader);
  const { sheets, result } = await readAndCheckSheetsOffThread(fileName, bytes, choices, snapshot);
  const { dimensions } = snapshot;
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
    sheets,
    fields: { sites: fieldsOf('sites'), erps: fieldsOf('erps') },
    sites: summary(result.sites),
    erps: summary(result.erps),
    problems: result.problems.slice(0, LISTED),
    problemCount: result.problems.length,
  };
}

function refuseProblems(fileName: string, result: ImportCheck): void {
  if (result.problems.length === 0) return;
  const shown = result.problems.slice(0, 10).map(describeSheetProblem).join('\n');
  const more = result.problems.length > 10 ? `\n… and ${result.problems.length - 10} more` : '';
  throw new UserError('invalid-input', `Nothing was imported: ${result.problems.length} problem${result.problems.length === 1 ? '' : 's'} in ${fileName}.\n${shown}${more}`, result.problems.map((p) => ({ path: `${p.source}:${p.row}:${p.column}`, message: p.message })));
}

type Readiness = Record<string, { score: number | null; targetDate: string | null }>;

function appendReadinessChanges(h: WriteHandle, code: string, before: Readiness, after: Readiness): void {
  const siteId = siteIdOf(h, code)!;
  for (const [dimension, value] of Object.entries(after)) {
    const old = before[dimension] ?? { score: null, targetDate: null };
    if (old.score === value.score && old.targetDate === value.targetDate) continue;
    appendReadiness(h, { siteId, dimension, score: value.score, targetDate: value.targetDate, comment: 'Imported' });
    h.audit.recordChanges('readiness', `${code}/${dimension}`, old, value);
  }
}

function writeImport(h: WriteHandle, fileName: string, { erps, sites }: ImportCheck): void {
  for (const erp of erps.added) {
    insertErp(h, erp);
    h.audit.record('erp', erp.code, 'created', null, erp.name);
  }
  for (const { code, value } of erps.changed) {
    const before = readErps(h, code)[0]!;
    writeErpRow(h, code, value);
    h.audit.recordChanges('erp', code, before, value);
  }
  // New sites first without predecessors, so that any site may wait for any other in the file.
  const dimensions = new Set(readDimensions(h).map((d) => d.key));
  for (const site of sites.added) {
    insertSite(h, site, { predecessors: false, dimensions });
    h.audit.record('site', site.code, 'created', null, site.name);
  }
  // The sites a file changes, read once in this write rather than once or twice per row.
  const current = sites.changed.length > 0 ? sitesByCode(h) : new Map<string, Site>();
  for (const { code, value } of sites.changed) {
    const before = current.get(code.toLowerCase()) ?? getSite(h, code);
    const { readiness, ...fields } = value;
    patchSite(h, before, fields);
    appendReadinessChanges(h, before.code, before.readiness, readiness);
  }
  for (const site of sites.added) {
    const siteId = siteIdOf(h, site.code)!;
    writePredecessors(h, siteId, site.predecessors, true);
    // A new site's first assessments are its readiness history (with actor, time and source
    // 'import'); its "created" audit entry stands for the rest, as when a site is added in the app.
    for (const [dimension, value] of Object.entries(site.readiness)) {
      if (value.score !== null || value.targetDate !== null) appendReadiness(h, { siteId, dimension, score: value.score, targetDate: value.targetDate, comment: 'Imported' });
    }
  }
  h.audit.record('plan', requirePlanRow(h).uid, 'import', null, `${fileName}: ${sites.added.length} sites added, ${sites.changed.length} changed; ${erps.added.length} ERPs added, ${erps.changed.length} changed`);
}

/** A commit that found the plan changed since its file was checked: checked again, in place. */
class ChangedMeanwhile extends Error {}

export async function commitSheetImport(plan: PlanFile, fileName: string, bytes: Uint8Array, choices: SheetChoice[] | undefined, source: AuditSource): Promise<Committed<SheetImportSummary>> {
  const checkedAt = plan.revision();
  const { result: early } = await readAndCheckSheetsOffThread(fileName, bytes, choices, snapshotOf(plan.reader));
  refuseProblems(fileName, early);
  const total = early.erps.added.length + early.erps.changed.length + early.sites.added.length + early.sites.changed.length;
  const backupPath = total > 0 ? plan.backupNow('import') : null;
  const commit = (check: (h: WriteHandle) => ImportCheck) =>
    plan.mutate({ label: `Import ${fileName}`, source }, (h) => {
      const result = check(h);
      refuseProblems(fileName, result);
      writeImport(h, fileName, result);
      return {
        fileName,
        sitesAdded: result.sites.added.length,
        sitesChanged: result.sites.changed.length,
        sitesUnchanged: result.sites.unchanged.length,
        erpsAdded: result.erps.added.length,
        erpsChanged: result.erps.changed.length,
        erpsUnchanged: result.erps.unchanged.length,
        backupPath,
      };
    });
  try {
    return await commit((h) => {
      if (revisionBefore(h) !== checkedAt) throw new ChangedMeanwhile();
      return early;
    });
  } catch (error) {
    if (!(error instanceof ChangedMeanwhile)) throw error;
  }
  // The plan changed while the file was read (another window, another program): rare, so the file is
  // read again here and checked inside the transaction, against exactly what the plan holds then.
  const sheets = await readSheets(fileName, bytes);
  return commit((h) => checkSheets(sheets, choices, snapshotOf(h)).result);
}
