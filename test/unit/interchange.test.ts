import { describe, expect, it } from 'vitest';
import sampleDocumentJson from '../../resources/sample-plan.json';
import { parseJsonText, serializeWavePlan, validateWavePlan } from '../../shared/interchange';

const sample = () => JSON.parse(JSON.stringify(sampleDocumentJson)) as Record<string, any>;

function problemsOf(document: unknown) {
  const result = validateWavePlan(document);
  if (result.ok) throw new Error('expected the document to be refused');
  return result.problems;
}

describe('the wave-plan interchange format', () => {
  it('reads the sample plan: 24 sites in 3 regions on 8 ERPs in every connector state', () => {
    const result = validateWavePlan(sample());
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const plan = result.value;
    expect(plan.sites).toHaveLength(24);
    expect(new Set(plan.sites.map((s) => s.region))).toEqual(new Set(['Americas', 'EMEA', 'APAC']));
    expect(plan.erps).toHaveLength(8);
    expect(new Set(plan.erps.map((e) => e.connectorStatus))).toEqual(new Set(['not-started', 'in-build', 'validated']));
    expect(plan.sites.some((s) => Object.values(s.readiness).some((r) => r.score === null))).toBe(true);
    expect(plan.sites.some((s) => s.blackouts.length > 0 && s.predecessors.length > 0)).toBe(true);
  });

  it('serializes the sample byte for byte as it is stored', () => {
    const result = validateWavePlan(sample());
    if (!result.ok) throw new Error('sample invalid');
    expect(serializeWavePlan(result.value)).toBe(`${JSON.stringify(sampleDocumentJson, null, 2)}\n`);
  });

  it('names the JSON path of a score out of range', () => {
    const doc = sample();
    doc.sites[12].readiness.data.score = 140;
    expect(problemsOf(doc)).toContainEqual({ path: 'sites[12].readiness.data.score', message: 'must be between 0 and 100 (got 140)' });
  });

  it('refuses a date that does not exist', () => {
    const doc = sample();
    doc.sites[3].earliestGoLive = '2027-02-30';
    const [problem] = problemsOf(doc);
    expect(problem!.path).toBe('sites[3].earliestGoLive');
    expect(problem!.message).toContain('real calendar date');
    expect(problem!.message).toContain('2027-02-30');
  });

  it('refuses an unknown ERP, a duplicate site code and a predecessor that does not exist', () => {
    const doc = sample();
    doc.sites[1].erp = 'SAP-R3';
    doc.sites[5].code = doc.sites[2].code;
    doc.sites[7].predecessors = ['XX-NOPE'];
    const problems = problemsOf(doc);
    expect(problems).toContainEqual({ path: 'sites[1].erp', message: 'unknown ERP "SAP-R3" (not in erps)' });
    expect(problems).toContainEqual({ path: 'sites[5].code', message: `duplicates sites[2] ("${doc.sites[2].code}")` });
    expect(problems).toContainEqual({ path: 'sites[7].predecessors[0]', message: 'unknown site "XX-NOPE"' });
  });

  it('refuses unknown fields, missing fields and readiness for unknown dimensions', () => {
    const doc = sample();
    doc.sites[0].colour = 'red';
    delete doc.sites[1].name;
    doc.sites[2].readiness.morale = { score: 50, targetDate: null };
    const problems = problemsOf(doc);
    expect(problems).toContainEqual({ path: 'sites[0]', message: 'unknown field "colour"' });
    expect(problems.find((p) => p.path === 'sites[1].name')?.message).toMatch(/^is required/);
    // Cross-reference checks run once the shapes are right.
    delete doc.sites[0].colour;
    doc.sites[1].name = 'Back again';
    expect(problemsOf(doc)).toContainEqual({ path: 'sites[2].readiness.morale', message: 'unknown readiness dimension "morale"' });
  });

  it('refuses other formats and newer versions by name', () => {
    expect(problemsOf({ format: 'wave-schedule', version: 1 })[0]!.message).toContain('not a wave-plan file');
    const doc = sample();
    doc.version = 3;
    expect(problemsOf(doc)[0]).toMatchObject({ path: 'version', message: expect.stringContaining('must be 1 or 2') });
  });

  it('reports JSON syntax errors with line and column, and empty files', () => {
    const result = parseJsonText('{\n  "format": "wave-plan",\n  oops\n}');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems[0]!.message).toMatch(/line 3, column 3/);
    const empty = parseJsonText('   ');
    expect(!empty.ok && empty.problems[0]!.message).toBe('the file is empty');
    const bom = parseJsonText('\uFEFF{"a":1}');
    expect(bom.ok && bom.value).toEqual({ a: 1 });
  });
});
