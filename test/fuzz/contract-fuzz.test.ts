// Every contract operation fed generated wrong inputs (wrong types, huge strings, prototype keys,
// NaN and impossible dates, deep nesting): the answer is always a result envelope, a refusal never
// reaches the internal-error path, and a refusal writes nothing.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { OPERATION_NAMES, type OperationName } from '../../shared/contract';
import { createDispatch } from '../../electron/services/dispatch';
import { createHandlers } from '../../electron/services/handlers';
import { Workspace } from '../../electron/services/workspace';
import { reads } from '../support/plans';
import { useTempDir } from '../support/temp';

const tempDir = useTempDir();

/** Operations that name files to create or write: fuzzing them would scatter files; their path checks are tested apart. */
const WRITES_FILES_ANYWHERE = new Set<OperationName>(['plan:new', 'plan:open', 'plan:saveCopy', 'team:join']);
export const FUZZ_RUNS = 120;

const hostile = fc.oneof(
  fc.anything({ withNullPrototype: true, withObjectString: true, withBigInt: true, withDate: true, withMap: true, withSet: true, withTypedArray: true, withSparseArray: true, maxDepth: 4 }),
  fc.constantFrom(
    JSON.parse('{"__proto__": {"polluted": true}}'),
    { constructor: { prototype: { polluted: true } } },
    { code: 'US-DET', patch: JSON.parse('{"__proto__": {"admin": true}, "headcount": "1e999"}') },
    { asOf: 'NaN-NaN-NaN' },
    { asOf: '2027-02-30' },
    { name: 'x'.repeat(1_000_000) },
    { site: 'US-DET', dimension: 'data', score: Number.NaN, targetDate: null },
    { site: 'US-DET', dimension: 'data', score: Number.POSITIVE_INFINITY, targetDate: '2027-13-01' },
    { codes: Array.from({ length: 5 }, () => '../../etc/passwd') },
    { fileName: 'a.csv', base64: '!!!not base64!!!' },
    { fileName: 'a.wavepacket', content: '{"format":"wave-packet","version":1}' },
    { wave: -1 },
    { id: 1e308 },
    null,
    [],
    'string',
    42,
  ),
);

describe('fuzzing the contract', () => {
  it(`answers ${OPERATION_NAMES.length - WRITES_FILES_ANYWHERE.size} operations × ${FUZZ_RUNS} generated inputs without a crash or a partial write`, async () => {
    const workspace = new Workspace(tempDir(), 'ui');
    workspace.openLastOrSample();
    const internal: unknown[] = [];
    const dispatch = createDispatch(createHandlers(workspace), (error) => internal.push(error));
    let refusals = 0;
    // The plan's text, read again only after an input was accepted: reading it is most of this test's time.
    const planText = () => reads(workspace.requirePlan()).exportTextUnchecked();
    for (const name of OPERATION_NAMES.filter((n) => !WRITES_FILES_ANYWHERE.has(n))) {
      let before = planText();
      await fc.assert(
        fc.asyncProperty(hostile, async (input) => {
          const result = await dispatch(name, input);
          expect(typeof result.ok).toBe('boolean');
          if (!result.ok) {
            refusals += 1;
            expect(result.error.code, `${name} ${result.error.message}`).not.toBe('internal');
            expect(result.error.message.length).toBeGreaterThan(0);
            expect(planText()).toBe(before);
          } else before = planText();
          expect(({} as Record<string, unknown>).polluted).toBeUndefined();
          expect(({} as Record<string, unknown>).admin).toBeUndefined();
        }),
        { numRuns: FUZZ_RUNS, seed: 20261123 },
      );
      // Whatever the operation accepted, the plan still exports as a file the shipped schema takes.
      reads(workspace.requirePlan()).exportText();
    }
    expect(internal).toEqual([]);
    expect(refusals).toBeGreaterThan((OPERATION_NAMES.length - WRITES_FILES_ANYWHERE.size) * FUZZ_RUNS * 0.5);
    workspace.close();
  }, 300_000);
});
