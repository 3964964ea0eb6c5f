/**
 * Import figures of the data-exchange issue: 10,000 sites from CSV and from XLSX into a plan that
 * holds their ERPs, read, checked and committed (with its backup, audit entries and undo data).
 * Each run imports into a fresh copy of the same empty plan; one case imports the same sites, each
 * changed, into a copy of the plan that holds them. And the write-path issue's figure:
 * undoing that CSV import (one step, one transaction).
 */
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PlanFile } from '../electron/services/plan/plan-file';
import { commitSheetImport } from '../electron/services/sheets/sheet-import-service';
import { siteSheetRows } from '../shared/sheets/site-rows';
import { wavePlanOf } from '../test/support/generate-plan';
import { medianOf, type BenchCase, type BenchResult, type Target } from './harness';
import { benchPlan } from './scheduler-cases';

const ROWS = 10_000;

export function importCases(): { cases: BenchCase[]; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'wave-planner-bench-import-'));
  const template = join(dir, 'empty.waveplan');
  const full = join(dir, 'full.waveplan');
  let csv: Buffer;
  let updateCsv: Buffer;
  let xlsx: Buffer;
  const prepare = async () => {
    if (csv) return;
    const content = wavePlanOf(benchPlan(ROWS), 'Import bench');
    // Predecessors point at sites of the same file: keep them, the import resolves them.
    PlanFile.create(template, { ...content, sites: [] }, { actor: 'bench', source: 'cli' }).close();
    PlanFile.create(full, content, { actor: 'bench', source: 'cli' }).close();
    const { headers, rows } = siteSheetRows(content.sites, content.readinessDimensions);
    csv = Buffer.from(Papa.unparse({ fields: headers, data: rows }), 'utf8');
    // The site list kept in a spreadsheet and imported again: every site's headcount has changed.
    const updated = siteSheetRows(content.sites.map((site) => ({ ...site, headcount: site.headcount + 1 })), content.readinessDimensions);
    updateCsv = Buffer.from(Papa.unparse({ fields: updated.headers, data: updated.rows }), 'utf8');
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Sites');
    sheet.addRow(headers);
    for (const row of rows) sheet.addRow(row);
    xlsx = Buffer.from(await workbook.xlsx.writeBuffer());
  };
  let run = 0;
  const importInto = async (fileName: string, bytes: Buffer, into = template) => {
    const path = join(dir, `run-${(run += 1)}.waveplan`);
    copyFileSync(into, path);
    const plan = PlanFile.open(path, { actor: 'bench' });
    try {
      const summary = (await commitSheetImport(plan, fileName, bytes, undefined, 'import')).value;
      if (summary.sitesAdded + summary.sitesChanged !== ROWS) throw new Error(`imported ${summary.sitesAdded} and changed ${summary.sitesChanged} sites, expected ${ROWS}`);
    } finally {
      plan.close();
    }
  };
  let imported: PlanFile;
  const undoImport: BenchCase = {
    name: `undo of the import of ${ROWS.toLocaleString('en')} sites from CSV`,
    runs: 5,
    setup: async () => {
      await prepare();
      const path = join(dir, 'undo.waveplan');
      copyFileSync(template, path);
      imported = PlanFile.open(path, { actor: 'bench' });
      await commitSheetImport(imported, 'sites.csv', csv, undefined, 'import');
    },
    // Times the undo; the redo after it (not timed) puts the import back for the next run.
    run: async () => {
      const start = performance.now();
      const undone = await imported.undo('ui');
      const ms = performance.now() - start;
      if (!undone.changes.some((c) => c.entity === 'sites')) throw new Error('the undo took back no sites');
      await imported.redo('ui');
      return ms;
    },
  };
  return {
    cases: [
      { name: `import ${ROWS.toLocaleString('en')} sites from CSV`, runs: 5, setup: prepare, run: () => importInto('sites.csv', csv) },
      { name: `import ${ROWS.toLocaleString('en')} sites from XLSX`, runs: 5, setup: prepare, run: () => importInto('sites.xlsx', xlsx) },
      { name: `import ${ROWS.toLocaleString('en')} changed sites from CSV into the plan that holds them`, runs: 5, setup: prepare, run: () => importInto('sites.csv', updateCsv, full) },
      undoImport,
    ],
    cleanup: () => {
      imported?.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function importTargets(results: BenchResult[]): Target[] {
  const csvMs = medianOf(results, `import ${ROWS.toLocaleString('en')} sites from CSV`);
  const undoMs = medianOf(results, `undo of the import of ${ROWS.toLocaleString('en')} sites from CSV`);
  return [
    { name: 'import 10,000 sites from CSV', value: csvMs, unit: 'ms', limit: 2000, pass: csvMs < 2000 },
    { name: 'undo of a 10,000-site CSV import', value: undoMs, unit: 'ms', limit: 2000, pass: undoMs < 2000 },
  ];
}
