// Importing sites, ERPs and readiness from CSV and XLSX: real files through the real readers, into
// real plan files; every refusal names file, row and column and leaves the plan as it was.
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { SheetChoice } from '../../shared/contract';
import { commitSheetImport as commitImport, previewSheetImport } from '../../electron/services/sheets/sheet-import-service';
import type { PlanFile } from '../../electron/services/plan/plan-file';
import { OFF_THREAD_BYTES } from '../../electron/services/sheets/sheet-check-thread';
import { makePlanFile, reads } from '../support/plans';
import { useTempDir } from '../support/temp';

const tempDir = useTempDir();
const csv = (text: string) => Buffer.from(text, 'utf8');
const commitSheetImport = async (plan: PlanFile, fileName: string, bytes: Buffer, choices?: SheetChoice[]) => (await commitImport(plan, fileName, bytes, choices, 'import')).value;

const HUMAN = [
  'Site code,Site name,Region,ERP system,Headcount,Willingness,Representativeness,Sophistication,Data quality score,Data quality target date',
  'US-DET,Detroit Stamping,North America,SAP-S4,2100,3,4,4,81,',
  'NL-EHV,Eindhoven Optics,EMEA,SAP-S4,640,4,3,3,55,2027-05-01',
  'US-GRV,Greenville Assembly,Americas,SAP-S4,1450,5,5,2,,',
].join('\n');

async function refusedUnchanged(plan: PlanFile, fileName: string, bytes: Buffer, message: RegExp) {
  const before = reads(plan).exportText();
  await expect(commitSheetImport(plan, fileName, bytes)).rejects.toThrow(message);
  expect(reads(plan).exportText()).toBe(before);
}

describe('importing a sheet of sites', () => {
  it('guesses the columns from human headers and previews what is added, changed and left alone', async () => {
    const plan = makePlanFile(tempDir());
    const preview = await previewSheetImport(plan, 'sites.csv', csv(HUMAN));
    expect(preview.sheets[0]).toMatchObject({ kind: 'sites', rows: 3 });
    expect(preview.sheets[0]!.mapping).toEqual(['code', 'name', 'region', 'erp', 'headcount', 'leadershipWillingness', 'workflowRepresentativeness', 'technicalSophistication', 'readiness.data.score', 'readiness.data.targetDate']);
    expect(preview.problemCount).toBe(0);
    expect(preview.sites.added).toEqual(['NL-EHV']);
    expect(preview.sites.changed).toEqual([{ code: 'US-DET', fields: ['region', 'readiness.data'] }]);
    expect(preview.sites.unchangedCount).toBe(1);
    plan.close();
  });

  it('commits every row in one step with audit entries, and a second import of the same file changes nothing', async () => {
    const plan = makePlanFile(tempDir());
    const summary = await commitSheetImport(plan, 'sites.csv', csv(HUMAN));
    expect(summary).toMatchObject({ sitesAdded: 1, sitesChanged: 1, sitesUnchanged: 1 });
    expect(summary.backupPath).toMatch(/before-import/);
    expect(reads(plan).site('US-DET')).toMatchObject({ region: 'North America', readiness: { data: { score: 81 } } });
    expect(reads(plan).site('NL-EHV')).toMatchObject({ name: 'Eindhoven Optics', headcount: 640, readiness: { data: { score: 55, targetDate: '2027-05-01' } } });
    const audit = reads(plan).audit({ entityId: 'US-DET', limit: 10 });
    expect(audit.filter((a) => a.source === 'import').map((a) => a.field).sort()).toEqual(['region', 'score']);
    const again = await commitSheetImport(plan, 'sites.csv', csv(HUMAN));
    expect(again).toMatchObject({ sitesAdded: 0, sitesChanged: 0, sitesUnchanged: 3, backupPath: null });
    plan.close();
  });

  it('lists every bad value by row and column, and imports nothing', async () => {
    const plan = makePlanFile(tempDir());
    const bad = [
      'code,name,erp,leadershipWillingness,workflowRepresentativeness,technicalSophistication,earliestGoLive,readiness.data.score',
      'NL-EHV,Eindhoven,SAP-S4,4,3,3,2027-02-30,50',
      'NL-AMS,Amsterdam,NOPE,4,3,3,,50',
      'NL-EHV,Eindhoven again,SAP-S4,4,3,3,,50',
      'NL-RTM,Rotterdam,SAP-S4,9,3,3,,150',
    ].join('\n');
    const preview = await previewSheetImport(plan, 'bad.csv', csv(bad));
    const problems = preview.problems.map((p) => `${p.row}/${p.column}: ${p.message}`);
    expect(problems).toEqual([
      '2/earliestGoLive: must be a real date written YYYY-MM-DD (got "2027-02-30")',
      '5/readiness.data.score: must be a score from 0 to 100, or "unknown" (got "150")',
      expect.stringMatching(/^3\/erp: unknown ERP "NOPE"/),
      '4/code: duplicates row 2 ("NL-EHV")',
      '5/leadershipWillingness: must be a whole number from 1 to 5 (got 9)',
    ]);
    await refusedUnchanged(plan, 'bad.csv', csv(bad), /Nothing was imported: 5 problems in bad\.csv/);
    plan.close();
  });

  it('reads a semicolon-separated file with a byte-order mark, as Excel writes it in much of Europe', async () => {
    const plan = makePlanFile(tempDir());
    const text = '\uFEFFSite code;Region\nUS-DET;Midwest\n';
    await commitSheetImport(plan, 'excel.csv', csv(text));
    expect(reads(plan).site('US-DET').region).toBe('Midwest');
    plan.close();
  });

  it('refuses files it cannot read safely, naming the file and where', async () => {
    const plan = makePlanFile(tempDir());
    await refusedUnchanged(plan, 'empty.csv', Buffer.alloc(0), /empty\.csv is empty/);
    await refusedUnchanged(plan, 'cut.csv', csv('Site code,Region\nUS-DET,"Mid'), /cut\.csv, row 2: .*(cut short)/);
    await refusedUnchanged(plan, 'latin1.csv', Buffer.from('Site code,Region\nUS-DET,M\xfcnchen\n', 'latin1'), /latin1\.csv is not UTF-8 text/);
    await refusedUnchanged(plan, 'formula.csv', csv('Site code,Headcount\nUS-DET,=SUM(A1:A3)\n'), /formula\.csv, row 2, column "Headcount": holds a formula/);
    await refusedUnchanged(plan, 'huge.csv', csv(`Site code,Notes\nUS-DET,${'x'.repeat(1024 * 1024)}\n`), /huge\.csv, row 2, column "Notes": the cell holds 1,048,576 characters/);
    await refusedUnchanged(plan, 'headers.csv', csv('Site code,Region\n'), /no rows/);
    await refusedUnchanged(plan, 'nocode.csv', csv('Region,Country\nEMEA,France\n'), /no column holds the site code/);
    await refusedUnchanged(plan, 'binary.xlsx', Buffer.from('PK\u0003\u0004 not really a zip'), /binary\.xlsx is not a readable Excel workbook/);
    plan.close();
  });

  it('imports ERPs and sites from the sheets of one workbook, dates as days, and refuses formula cells', async () => {
    const plan = makePlanFile(tempDir());
    const workbook = new ExcelJS.Workbook();
    const erps = workbook.addWorksheet('ERPs');
    erps.addRow(['ERP code', 'ERP name', 'Vendor', 'Connector status', 'Connector ready date']);
    erps.addRow(['SYSPRO', 'SYSPRO 8', 'SYSPRO', 'in-build', new Date(Date.UTC(2027, 5, 30))]);
    const sites = workbook.addWorksheet('Sites');
    sites.addRow(['Site code', 'Site name', 'ERP', 'Willingness', 'Representativeness', 'Sophistication', 'Earliest go-live', 'Predecessors']);
    sites.addRow(['ZA-JNB', 'Johannesburg', 'SYSPRO', 3, 3, 3, new Date(Date.UTC(2027, 8, 1)), 'ZA-CPT']);
    sites.addRow(['ZA-CPT', 'Cape Town', 'SYSPRO', 4, 4, 3, null, '']);
    const bytes = Buffer.from(await workbook.xlsx.writeBuffer());
    const summary = await commitSheetImport(plan, 'africa.xlsx', bytes);
    expect(summary).toMatchObject({ erpsAdded: 1, sitesAdded: 2 });
    expect(reads(plan).erps().find((e) => e.code === 'SYSPRO')).toMatchObject({ connectorStatus: 'in-build', connectorReadyDate: '2027-06-30' });
    expect(reads(plan).site('ZA-JNB')).toMatchObject({ earliestGoLive: '2027-09-01', predecessors: ['ZA-CPT'] });

    sites.getCell('D3').value = { formula: 'D2+1', result: 4 };
    const withFormula = Buffer.from(await workbook.xlsx.writeBuffer());
    await refusedUnchanged(plan, 'africa.xlsx', withFormula, /africa\.xlsx › Sites, row 3, column "Willingness": holds a formula/);
    plan.close();
  });

  it('takes a mapping chosen by the user over the guess', async () => {
    const plan = makePlanFile(tempDir());
    const text = 'Facility,Zone\nUS-DET,Rust Belt\n';
    const preview = await previewSheetImport(plan, 'plants.csv', csv(text));
    expect(preview.sheets[0]!.mapping).toEqual([null, null]);
    const choices = [{ source: 'plants.csv', kind: 'sites' as const, mapping: ['code', 'region'] }];
    await commitSheetImport(plan, 'plants.csv', csv(text), choices);
    expect(reads(plan).site('US-DET').region).toBe('Rust Belt');
    await expect(previewSheetImport(plan, 'plants.csv', csv(text), [{ ...choices[0]!, mapping: ['code', 'zone'] }])).rejects.toThrow(/"zone" is not a field of a sites sheet/);
    plan.close();
  });

  it('reads a large file on a worker thread with the same refusals and the same result', async () => {
    const plan = makePlanFile(tempDir());
    const header = 'Site code,Site name,Region,ERP system,Headcount,Willingness,Representativeness,Sophistication';
    const rows = Array.from({ length: 3_000 }, (_, i) => `XL-${String(i).padStart(4, '0')},Large plant ${i} of the western network,EMEA,SAP-S4,${100 + i},3,4,2`);
    const large = (lines: string[]) => csv([header, ...lines].join('\n'));
    expect(large(rows).length).toBeGreaterThan(OFF_THREAD_BYTES);
    await refusedUnchanged(plan, 'large.csv', large([...rows.slice(0, -1), 'XL-2999,Last plant,EMEA,SAP-S4,50,9,4,2']), /large\.csv, row 3001, column "Willingness"/);
    await refusedUnchanged(plan, 'large.csv', large([...rows, 'XL-3000,"Cut short']), /large\.csv, row 3002: Quoted field unterminated/);
    await expect(previewSheetImport(plan, 'large.csv', large(rows), [{ source: 'large.csv', kind: 'sites', mapping: ['code', 'zone'] }])).rejects.toThrow(/"zone" is not a field of a sites sheet/);
    // A small file imported while the large one is read: the large one is checked again against the plan as it is then.
    const importing = commitSheetImport(plan, 'large.csv', large(rows));
    await commitSheetImport(plan, 'one.csv', csv(`${header}\nXL-0001,Early plant,EMEA,SAP-S4,5,3,4,2`));
    expect(await importing).toMatchObject({ sitesAdded: 2_999, sitesChanged: 1 });
    expect(reads(plan).site('XL-0001')).toMatchObject({ name: 'Large plant 1 of the western network', headcount: 101 });
    expect(reads(plan).site('XL-2999')).toMatchObject({ name: 'Large plant 2999 of the western network', headcount: 3_099, erp: 'SAP-S4' });
    plan.close();
  });
});

describe('numbers and workbooks that are not what they seem', () => {
  it('reads numbers as decimal digits only: "0x10" and "1e2" are refused, "62,5" is 62.5', async () => {
    const plan = makePlanFile(tempDir());
    const text = ['Site code,Headcount,Data quality score', 'US-DET,0x10,62', 'US-GRV,1450,1e2', 'US-COL,Infinity,50'].join('\n');
    const preview = await previewSheetImport(plan, 'hex.csv', csv(text));
    expect(preview.problems.map((p) => `${p.row}/${p.column}: ${p.message}`)).toEqual([
      '2/Headcount: must be a whole number written in digits (got "0x10")',
      '3/Data quality score: must be a score from 0 to 100, or "unknown" (got "1e2")',
      '4/Headcount: must be a whole number written in digits (got "Infinity")',
    ]);
    await commitSheetImport(plan, 'comma.csv', csv('Site code;Data quality score\nUS-DET;62,5\n'));
    expect(reads(plan).site('US-DET').readiness.data!.score).toBe(62.5);
    plan.close();
  });

  it('refuses a workbook that inflates to hundreds of megabytes, or holds more rows than a plan could, before parsing it', async () => {
    const { constants, deflateRawSync } = await import('node:zlib');
    const plan = makePlanFile(tempDir());
    // A worksheet of 100,001 rows.
    const rows = Array.from({ length: 100_001 }, (_, i) => `<row r="${i + 1}"/>`).join('');
    const many = zipOf('xl/worksheets/sheet1.xml', deflateRawSync(Buffer.from(`<worksheet><sheetData>${rows}</sheetData></worksheet>`)));
    await refusedUnchanged(plan, 'many.xlsx', many, /many\.xlsx holds more than 100,000 rows/);
    // A "zip bomb": one entry that inflates to 400 MB of zeros, from 400 copies of a flushed 1 MB block
    // (zeros refer only to zeros, so the copies chain into one valid stream) and a final empty block.
    const block = deflateRawSync(Buffer.alloc(1024 * 1024), { finishFlush: constants.Z_SYNC_FLUSH });
    const bomb = zipOf('xl/worksheets/sheet1.xml', Buffer.concat([...Array.from({ length: 400 }, () => block), Buffer.from([0x03, 0x00])]));
    expect(bomb.length).toBeLessThan(1024 * 1024);
    await refusedUnchanged(plan, 'bomb.xlsx', bomb, /bomb\.xlsx inflates to more than 300 MB when opened/);
    plan.close();
  }, 60_000);
});

/** A one-entry zip archive (deflated), as a workbook's outer shell. */
function zipOf(name: string, deflated: Buffer): Buffer {
  const nameBytes = Buffer.from(name);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt16LE(8, 8);
  local.writeUInt32LE(deflated.length, 18);
  local.writeUInt16LE(nameBytes.length, 26);
  const directory = Buffer.alloc(46);
  directory.writeUInt32LE(0x02014b50, 0);
  directory.writeUInt16LE(20, 4);
  directory.writeUInt16LE(20, 6);
  directory.writeUInt16LE(8, 10);
  directory.writeUInt32LE(deflated.length, 20);
  directory.writeUInt16LE(nameBytes.length, 28);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(46 + nameBytes.length, 12);
  end.writeUInt32LE(30 + nameBytes.length + deflated.length, 16);
  return Buffer.concat([local, nameBytes, deflated, directory, nameBytes, end]);
}
