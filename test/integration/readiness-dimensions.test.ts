import { describe, expect, it } from 'vitest';
import { TestPlan } from '../support/plans';
import { useTempDir } from '../support/temp';

const tempDir = useTempDir();

describe('editing the readiness dimensions', () => {
  it('renames, reweighs, adds and removes dimensions in one step (a removed one takes its assessments), and Undo restores the plan exactly', async () => {
    const plan = TestPlan.create(tempDir());
    await plan.call('schedule:generate', { asOf: '2026-11-23' });
    const before = plan.read.exportText();
    const dimensions = plan.read.dimensions();
    const [first, second, ...rest] = dimensions;
    expect(plan.read.readinessHistory('US-DET', second!.key).length).toBeGreaterThan(0);

    const saved = await plan.call('readiness:saveDimensions', {
      dimensions: [{ ...first!, label: `${first!.label} (renamed)`, weight: 40 }, ...rest, { key: 'cyber', label: 'Cyber-security drill', weight: 10, threshold: 70 }],
    });
    expect(saved.map((d) => d.key)).toEqual([first!.key, ...rest.map((d) => d.key), 'cyber']);
    expect(plan.read.dimensions()[0]).toMatchObject({ label: `${first!.label} (renamed)`, weight: 40 });
    expect(plan.read.readinessHistory('US-DET', second!.key)).toEqual([]);
    // A site has no assessment on a new dimension yet: it blocks nothing until assessed.
    expect(plan.read.site('US-DET').readiness.cyber).toBeUndefined();
    // What the schedule was computed from changed.
    expect((await plan.call('schedule:status', {}))?.staleBecause).toContain('the readiness dimensions');

    await plan.call('history:undo', {});
    expect(plan.read.exportText()).toBe(before);
    plan.close();
  });

  it('refuses a bad dimension, a key or label used twice, no dimension at all, or no weight at all, and changes nothing', async () => {
    const plan = TestPlan.create(tempDir());
    const before = plan.read.exportText();
    const dimensions = plan.read.dimensions();
    const refusals = [
      [[...dimensions, { key: 'Bad key', label: 'Bad', weight: 1, threshold: 50 }], /^Dimension \d+: Key must start with a lowercase letter/],
      [[...dimensions, { key: 'extra', label: 'Extra', weight: 1, threshold: 150 }], /^Dimension \d+: Threshold /],
      [[...dimensions, { ...dimensions[0]!, label: 'Other label' }], /already used by dimension 1/],
      [[...dimensions, { ...dimensions[0]!, key: 'other' }], /the label ".*" is already used by dimension 1/],
      [[], /at least one readiness dimension/],
      [dimensions.map((d) => ({ ...d, weight: 0 })), /needs a weight above 0/],
    ] as const;
    for (const [input, message] of refusals) expect((await plan.refusal('readiness:saveDimensions', { dimensions: input })).message).toMatch(message);
    expect(plan.read.exportText()).toBe(before);
    plan.close();
  });
});
