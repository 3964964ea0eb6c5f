/**
 * Reads a CSV (papaparse) or XLSX (exceljs) file into sheets of cell text, refusing what cannot be
 * read safely with a message naming the file, row and column: text that is not UTF-8, a truncated
 * quote, formulas, cells of absurd size, an empty file.
 */
import type ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { fromCalendarDate } from '../../../shared/dates';
import { isFormula, unguardCell } from '../../../shared/sheets/formula-guard';
import type { Sheet } from '../../../shared/sheets/sheet-import';
import { UserError } from '../errors';
import { checkWorkbookLimits } from './workbook-limits';

/** A cell longer than this is not a site attribute: refused rather than stored. */
export const MAX_CELL_CHARS = 10_000;
export const MAX_FILE_BYTES = 50 * 1024 * 1024;
/** An exported workbook's schedule and crew load sheets are for reading; its Sites and ERPs sheets import. */
const READ_ONLY_SHEETS = new Set(['schedule', 'crew load']);

function refuse(message: string): never {
  throw new UserError('invalid-input', message);
}

function checkCell(fileName: string, row: number, column: string, text: string): void {
  if (text.length > MAX_CELL_CHARS) refuse(`${fileName}, row ${row}, column "${column}": the cell holds ${text.length.toLocaleString('en')} characters (at most ${MAX_CELL_CHARS.toLocaleString('en')}).`);
}

export async function readSheets(fileName: string, bytes: Uint8Array): Promise<Sheet[]> {
  if (bytes.length === 0) refuse(`${fileName} is empty.`);
  if (bytes.length > MAX_FILE_BYTES) refuse(`${fileName} is ${(bytes.length / 1024 / 1024).toFixed(0)} MB; at most ${MAX_FILE_BYTES / 1024 / 1024} MB can be imported.`);
  const lower = fileName.toLowerCase();
  if (lower.endsWith('.xlsx')) return readWorkbook(fileName, bytes);
  if (lower.endsWith('.csv') || lower.endsWith('.txt')) return [readCsv(fileName, bytes)];
  return refuse(`${fileName}: only CSV (.csv) and Excel workbooks (.xlsx) can be imported as sheets.`);
}

export function readCsv(fileName: string, bytes: Uint8Array): Sheet {
  if (bytes.includes(0)) refuse(`${fileName} is not a text file (it holds NUL bytes): save it as CSV UTF-8.`);
  let text: string;
  try {
    // A byte-order mark is dropped by the decoder.
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return refuse(`${fileName} is not UTF-8 text: in Excel choose "CSV UTF-8 (Comma delimited)" when saving.`);
  }
  if (text.trim() === '') refuse(`${fileName} has no rows.`);
  const parsed = Papa.parse<string[]>(text, { skipEmptyLines: 'greedy', delimitersToGuess: [',', ';', '\t', '|'] });
  const fatal = parsed.errors.find((e) => e.type === 'Quotes' || e.code === 'UndetectableDelimiter');
  if (fatal && fatal.code !== 'UndetectableDelimiter') refuse(`${fileName}, row ${(fatal.row ?? 0) + 1}: ${fatal.message} (is the file cut short?).`);
  const [headers = [], ...rows] = parsed.data;
  return checkedSheet(fileName, headers, rows);
}

function checkedSheet(source: string, rawHeaders: string[], rows: string[][]): Sheet {
  const headers = rawHeaders.map((h) => h.trim());
  if (headers.length === 0 || headers.every((h) => h === '')) refuse(`${source}: the first row must name the columns.`);
  headers.forEach((h, i) => checkCell(source, 1, h || `column ${i + 1}`, h));
  const values = rows.map((cells, index) => {
    const row = index + 2;
    return cells.map((cell, column) => {
      const name = headers[column] || `column ${column + 1}`;
      checkCell(source, row, name, cell);
      if (column >= headers.length && cell.trim() !== '') refuse(`${source}, row ${row}: it has ${cells.length} cells but the header names ${headers.length} columns.`);
      if (isFormula(cell)) refuse(`${source}, row ${row}, column "${name}": holds a formula (${cell.trim().slice(0, 30)}); import values only.`);
      return unguardCell(cell);
    });
  });
  if (values.length === 0) refuse(`${source}: there are column names but no rows.`);
  return { source, headers, rows: values };
}

/** A cell's value as the text a user sees: numbers as written, dates as YYYY-MM-DD. */
function cellText(source: string, row: number, column: string, value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  // Excel stores a day as a date at midnight UTC.
  if (value instanceof Date) return fromCalendarDate(new Date(value.getUTCFullYear(), value.getUTCMonth(), value.getUTCDate()));
  if ('formula' in value || 'sharedFormula' in value) return refuse(`${source}, row ${row}, column "${column}": holds a formula; paste values only (Paste Special › Values) and import again.`);
  if ('error' in value) return refuse(`${source}, row ${row}, column "${column}": holds the error ${value.error}.`);
  if ('richText' in value) return value.richText.map((r) => r.text).join('');
  if ('text' in value) return String(value.text);
  return String(value);
}

async function readWorkbook(fileName: string, bytes: Uint8Array): Promise<Sheet[]> {
  checkWorkbookLimits(fileName, bytes);
  // Loaded when needed: exceljs is large, and most imports are CSV.
  const { default: Excel } = await import('exceljs');
  const workbook = new Excel.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  } catch (error) {
    return refuse(`${fileName} is not a readable Excel workbook (${(error as Error).message.slice(0, 120)}).`);
  }
  const sheets: Sheet[] = [];
  for (const worksheet of workbook.worksheets) {
    if (READ_ONLY_SHEETS.has(worksheet.name.toLowerCase()) || worksheet.actualRowCount === 0) continue;
    const source = `${fileName} › ${worksheet.name}`;
    const width = worksheet.actualColumnCount;
    const grid: string[][] = [];
    worksheet.eachRow({ includeEmpty: true }, (row, rowNumber) => {
      const cells: string[] = [];
      for (let c = 1; c <= Math.max(width, row.cellCount); c += 1) cells.push(cellText(source, rowNumber, grid[0]?.[c - 1] || `column ${c}`, row.getCell(c).value).trim());
      grid[rowNumber - 1] = cells;
    });
    const [headers = [], ...rows] = Array.from(grid, (r) => r ?? []);
    sheets.push(checkedSheet(source, headers, rows.filter((r) => r.some((c) => c !== ''))));
  }
  if (sheets.length === 0) refuse(`${fileName} has no sheet with rows.`);
  return sheets;
}
