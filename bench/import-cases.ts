/**
 * Import figures of the data-exchange issue: 10,000 sites from CSV and from XLSX into a plan that
 * holds their ERPs, read, checked and committed (with its backup and audit entries). Each run
 * imports into a fresh copy of the same empty plan.
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
import type { BenchCase, BenchResult, Target } from './harness';
import { benchPlan } from './scheduler-cases';

const ROWS = 10_000;

export function importCases(): { cases: BenchCase[]; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'wave-planner-bench-import-'));
  const template = join(dir, 'empty.waveplan');
  let csv: Buffer;
  let xlsx: Buffer;
  const prepare = async () => {
    if (csv) return;
    const content = wavePlanOf(benchPlan(ROWS), 'Import bench');
    // Predecessors point at sites of the same file: keep them, the import resolves them.
    PlanFile.create(template, { ...content, sites: [] }, { actor: 'bench', source: 'cli' }).close();
    const { headers, rows } = siteSheetRows(content.sites, content.readinessDimensions);
    csv = Buffer.from(Papa.unparse({ fields: headers, data: rows }), 'utf8');
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Sites');
    sheet.addRow(headers);
    for (const row of rows) sheet.addRow(row);
    xlsx = Buffer.from(await workbook.xlsx.writeBuffer());
  };
  let run = 0;
  const importInto = async (fileName: string, bytes: Buffer) => {
    const path = join(dir, `run-${(run += 1)}.waveplan`);
    copyFileSync(template, path);
    const plan = PlanFile.open(path, { actor: 'bench' });
    try {
      const summary = await commitSheetImport(plan, fileName, bytes, undefined, 'import');
      if (summary.sitesAdded !== ROWS) throw new Error(`imported ${summary.sitesAdded} sites, expected ${ROWS}`);
    } finally {
      plan.close();
    }
  };
  return {
    cases: [
      { name: `import ${ROWS.toLocaleString('en')} sites from CSV`, runs: 5, setup: prepare, run: () => importInto('sites.csv', csv) },
      { name: `import ${ROWS.toLocaleString('en')} sites from XLSX`, runs: 5, setup: prepare, run: () => importInto('sites.xlsx', xlsx) },
    ],
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

export function importTargets(results: BenchResult[]): Target[] {
  const csvMs = results.find((r) => r.name === `import ${ROWS.toLocaleString('en')} sites from CSV`)?.medianMs ?? NaN;
  return [{ name: 'import 10,000 sites from CSV', value: csvMs, unit: 'ms', limit: 2000, pass: csvMs < 2000 }];
}
