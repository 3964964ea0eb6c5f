// The importers fed generated files: random bytes, CSV-shaped text with hostile cells, broken
// workbooks, broken JSON and packets. Each is either read or refused with a message naming the file;
// nothing else is thrown, and a refused import changes nothing.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { UserError } from '../../electron/services/errors';
import { openPacket } from '../../electron/services/packets';
import { commitSheetImport } from '../../electron/services/sheets/sheet-import-service';
import { parseJsonText, validateWavePlan } from '../../shared/interchange';
import { makePlanFile, reads } from '../support/plans';
import { useTempDir } from '../support/temp';

const tempDir = useTempDir();
export const IMPORT_FUZZ_RUNS = 150;

const cell = fc.oneof(
  fc.string({ maxLength: 20 }),
  fc.constantFrom('US-DET', 'SAP-S4', '=1+1', '2027-02-30', '1e999', '-0', 'NaN', '"', '""', ';', '\n', '\u0000', '💥', 'x'.repeat(12_000), '2027-06-01..2027-05-01', 'yes', '150', '?'),
);
const header = fc.constantFrom('code', 'Site code', 'name', 'erp', 'headcount', 'readiness.data.score', 'earliestGoLive', 'predecessors', 'blackouts', 'excluded', 'Zone', '', '__proto__', 'constructor');
const csvText = fc
  .tuple(fc.array(header, { minLength: 1, maxLength: 6 }), fc.array(fc.array(cell, { maxLength: 7 }), { maxLength: 6 }), fc.constantFrom(',', ';', '\t'))
  .map(([headers, rows, sep]) => [headers, ...rows].map((r) => r.map((c) => (/[",;\n\t]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(sep)).join('\n'));
const file = fc.oneof(
  csvText.map((text) => ({ name: 'fuzz.csv', bytes: Buffer.from(text, 'utf8') })),
  fc.uint8Array({ maxLength: 400 }).map((bytes) => ({ name: 'fuzz.csv', bytes: Buffer.from(bytes) })),
  fc.uint8Array({ maxLength: 400 }).map((bytes) => ({ name: 'fuzz.xlsx', bytes: Buffer.concat([Buffer.from('PK\u0003\u0004'), Buffer.from(bytes)]) })),
);

function expectRefusal(error: unknown): void {
  expect(error, String(error)).toBeInstanceOf(UserError);
  expect((error as UserError).message).toMatch(/fuzz|Nothing was imported/);
}

describe('fuzzing the importers', () => {
  it(`reads or refuses ${IMPORT_FUZZ_RUNS} generated CSV and XLSX files, changing nothing when it refuses`, async () => {
    const plan = makePlanFile(tempDir());
    await fc.assert(
      fc.asyncProperty(file, async ({ name, bytes }) => {
        const before = reads(plan).exportText();
        try {
          await commitSheetImport(plan, name, bytes, undefined, 'import');
        } catch (error) {
          expectRefusal(error);
          expect(reads(plan).exportText()).toBe(before);
        }
      }),
      { numRuns: IMPORT_FUZZ_RUNS, seed: 20261123 },
    );
    plan.close();
  }, 300_000);

  it(`refuses ${IMPORT_FUZZ_RUNS} generated wave-plan documents and packets with a message, never a crash`, () => {
    const json = fc.oneof(fc.json(), fc.string({ maxLength: 200 }), fc.anything().map((v) => JSON.stringify(v) ?? 'null'));
    fc.assert(
      fc.property(json, (text) => {
        const parsed = parseJsonText(text);
        const validated = parsed.ok ? validateWavePlan(parsed.value) : parsed;
        if (!validated.ok) expect(validated.problems.length).toBeGreaterThan(0);
        try {
          openPacket('fuzz.wavepacket', text);
          throw new Error('a generated packet was accepted');
        } catch (error) {
          expectRefusal(error);
        }
      }),
      { numRuns: IMPORT_FUZZ_RUNS, seed: 20261123 },
    );
  });
});
