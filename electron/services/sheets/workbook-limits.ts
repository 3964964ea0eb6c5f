/**
 * Limits on an XLSX workbook checked before exceljs parses it: an XLSX is a zip, and a small zip
 * can inflate to gigabytes (a "zip bomb") or hold a million rows. The zip's entries are inflated
 * here with a cap on the bytes they may produce, and the rows of each worksheet are counted, so
 * an absurd file is refused in milliseconds instead of exhausting memory.
 */
import { inflateRawSync } from 'node:zlib';
import { UserError } from '../errors';

/** What all of a workbook's parts may inflate to together. */
export const MAX_INFLATED_BYTES = 300 * 1024 * 1024;
/** Rows across a workbook's sheets: far more than any plan holds (the bench imports 10,000 sites). */
export const MAX_ROWS = 100_000;

const END_OF_DIRECTORY = 0x06054b50;
const DIRECTORY_ENTRY = 0x02014b50;
const LOCAL_HEADER = 0x04034b50;
const STORED = 0;
const DEFLATED = 8;

interface Entry {
  name: string;
  method: number;
  compressedSize: number;
  localOffset: number;
}

function refuse(message: string): never {
  throw new UserError('invalid-input', message);
}

function entriesOf(fileName: string, zip: Buffer): Entry[] {
  // The end-of-directory record is in the last 22 bytes, or before a comment of up to 65,535 bytes.
  let end = -1;
  for (let at = zip.length - 22; at >= Math.max(0, zip.length - 22 - 0xffff); at -= 1) {
    if (zip.readUInt32LE(at) === END_OF_DIRECTORY) {
      end = at;
      break;
    }
  }
  if (end < 0) refuse(`${fileName} is not a readable Excel workbook (it is not a zip archive).`);
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  const entries: Entry[] = [];
  for (let i = 0; i < count; i += 1) {
    if (at + 46 > zip.length || zip.readUInt32LE(at) !== DIRECTORY_ENTRY) refuse(`${fileName} is not a readable Excel workbook (its zip directory is damaged).`);
    const nameLength = zip.readUInt16LE(at + 28);
    entries.push({
      method: zip.readUInt16LE(at + 10),
      compressedSize: zip.readUInt32LE(at + 20),
      localOffset: zip.readUInt32LE(at + 42),
      name: zip.toString('utf8', at + 46, at + 46 + nameLength),
    });
    at += 46 + nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  }
  return entries;
}

function contentOf(fileName: string, zip: Buffer, entry: Entry, budget: number): Buffer {
  const at = entry.localOffset;
  if (at + 30 > zip.length || zip.readUInt32LE(at) !== LOCAL_HEADER) refuse(`${fileName} is not a readable Excel workbook (${entry.name} is damaged).`);
  const start = at + 30 + zip.readUInt16LE(at + 26) + zip.readUInt16LE(at + 28);
  const data = zip.subarray(start, start + entry.compressedSize);
  if (entry.method === STORED) return data;
  if (entry.method !== DEFLATED) refuse(`${fileName} is not a readable Excel workbook (${entry.name} uses an unknown compression).`);
  try {
    return inflateRawSync(data, { maxOutputLength: Math.max(1, budget) });
  } catch (error) {
    if ((error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE' || error instanceof RangeError) {
      refuse(`${fileName} inflates to more than ${MAX_INFLATED_BYTES / 1024 / 1024} MB when opened: it is not a workbook Wave Planner imports.`);
    }
    return refuse(`${fileName} is not a readable Excel workbook (${entry.name}: ${(error as Error).message}).`);
  }
}

/** Refuses a workbook that would inflate past the limit or holds more rows than a plan could. */
export function checkWorkbookLimits(fileName: string, bytes: Uint8Array): void {
  const zip = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let inflated = 0;
  let rows = 0;
  for (const entry of entriesOf(fileName, zip)) {
    const content = contentOf(fileName, zip, entry, MAX_INFLATED_BYTES - inflated);
    inflated += content.length;
    if (inflated > MAX_INFLATED_BYTES) refuse(`${fileName} inflates to more than ${MAX_INFLATED_BYTES / 1024 / 1024} MB when opened: it is not a workbook Wave Planner imports.`);
    if (/^xl\/worksheets\/[^/]+\.xml$/i.test(entry.name)) {
      rows += content.toString('latin1').match(/<(?:\w+:)?row[\s>]/g)?.length ?? 0;
      if (rows > MAX_ROWS) refuse(`${fileName} holds more than ${MAX_ROWS.toLocaleString('en')} rows; split it, or import sites and ERPs from smaller sheets.`);
    }
  }
}
