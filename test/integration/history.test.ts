// Undo and redo on the backend: one user action is one step, a new edit ends what could be redone,
// opening a plan starts a fresh history, and an undo never overwrites what someone else changed since.
import { describe, expect, it } from 'vitest';
import { TestPlan } from '../support/plans';
import { useTempDir } from '../support/temp';

const tempDir = useTempDir();

describe('the undo history', () => {
  it('lists the steps newest first, redoes in the order they were undone, and a new edit ends the redo list', async () => {
    const plan = TestPlan.create(tempDir());
    await plan.call('sites:update', { code: 'US-DET', patch: { region: 'Midwest' } });
    await plan.call('readiness:set', { site: 'US-DET', dimension: 'data', score: 80, targetDate: null, comment: '' });
    await plan.call('settings:update', { staggerDays: 5 });
    expect((await plan.call('history:list', {})).undo.map((s) => s.label)).toEqual(['Set Stagger (days) to 5', 'Readiness of US-DET (data)', 'Edit region of US-DET']);
    await plan.call('history:undo', {});
    await plan.call('history:undo', {});
    expect((await plan.call('history:list', {})).redo.map((s) => s.label)).toEqual(['Readiness of US-DET (data)', 'Set Stagger (days) to 5']);
    expect(plan.read.site('US-DET').readiness.data!.score).toBe(62);
    await plan.call('history:redo', {});
    expect(plan.read.site('US-DET').readiness.data!.score).toBe(80);
    await plan.call('sites:update', { code: 'US-DET', patch: { notes: 'a new branch' } });
    expect((await plan.call('history:list', {})).redo).toEqual([]);
    expect(await plan.refusal('history:redo', {})).toMatchObject({ code: 'refused', message: 'There is nothing to redo.' });
    plan.close();
  });

  it('starts fresh when the plan is opened again', async () => {
    const dir = tempDir();
    const plan = TestPlan.create(dir);
    await plan.call('sites:update', { code: 'US-DET', patch: { region: 'Midwest' } });
    const path = plan.file.path;
    plan.close();
    const again = TestPlan.open(path, dir);
    expect(await again.call('history:list', {})).toEqual({ undo: [], redo: [] });
    expect(await again.refusal('history:undo', {})).toMatchObject({ message: 'There is nothing to undo.' });
    again.close();
  });

  it('refuses to undo an edit whose site another program changed since, naming it, and changes nothing', async () => {
    const dir = tempDir();
    const mine = TestPlan.create(dir);
    const theirs = TestPlan.open(mine.file.path, dir);
    await mine.call('sites:update', { code: 'US-DET', patch: { name: 'Detroit Press Shop' } });
    await theirs.call('sites:update', { code: 'US-DET', patch: { name: 'Detroit Stamping Plant' } });
    const before = mine.read.exportText();
    const refusal = await mine.refusal('history:undo', {});
    expect(refusal).toEqual({
      code: 'conflict',
      message: `Cannot undo "Edit name of US-DET": site US-DET was changed since ("Edit name of US-DET", by test-user in the app). Nothing was changed.`,
    });
    expect(mine.read.exportText()).toBe(before);
    // Their edit can still be undone by them.
    await theirs.call('history:undo', {});
    expect(mine.read.site('US-DET').name).toBe('Detroit Press Shop');
    theirs.close();
    mine.close();
  });

  it('refuses to undo adding a site that another program has since given a readiness assessment', async () => {
    const dir = tempDir();
    const mine = TestPlan.create(dir);
    const theirs = TestPlan.open(mine.file.path, dir);
    await mine.call('sites:create', { site: { code: 'NL-EHV', name: 'Eindhoven Optics', erp: 'SAP-S4', leadershipWillingness: 4, workflowRepresentativeness: 3, technicalSophistication: 3 } });
    await theirs.call('readiness:set', { site: 'NL-EHV', dimension: 'data', score: 70, targetDate: null, comment: 'first look' });
    const before = mine.read.exportText();
    expect((await mine.refusal('history:undo', {})).message).toMatch(/^Cannot undo "Add site NL-EHV": the readiness of NL-EHV was added since and depends on it\. Nothing was changed\.$/);
    expect(mine.read.exportText()).toBe(before);
    theirs.close();
    mine.close();
  });
});
