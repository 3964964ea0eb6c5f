import { describe, expect, it } from 'vitest';
import { TestPlan } from '../support/plans';
import { useTempDir } from '../support/temp';

const tempDir = useTempDir();

describe('adding, removing and bulk-editing sites', () => {
  it('adds a site with its first readiness, audited, and refuses a duplicate code or unknown ERP', async () => {
    const plan = TestPlan.create(tempDir());
    const site = { code: 'NL-EHV', name: 'Eindhoven Optics', erp: 'SAP-S4', leadershipWillingness: 4, workflowRepresentativeness: 3, technicalSophistication: 3, readiness: { data: { score: 55, targetDate: '2027-05-01' } } };
    expect(await plan.call('sites:create', { site })).toMatchObject({ code: 'NL-EHV', readiness: { data: { score: 55 } } });
    expect(plan.read.audit({ entityId: 'NL-EHV', limit: 10 }).map((e) => e.field)).toContain('created');
    const before = plan.read.exportText();
    expect(await plan.refusal('sites:create', { site })).toMatchObject({ code: 'conflict' });
    expect(await plan.refusal('sites:create', { site: { ...site, code: 'NL-AMS', erp: 'NOPE' } })).toMatchObject({ message: expect.stringContaining('unknown ERP "NOPE"') });
    expect(plan.read.exportText()).toBe(before);
    plan.close();
  });

  it('removes a site, and Undo puts it back with its readiness history and checklist statuses', async () => {
    const plan = TestPlan.create(tempDir());
    await plan.call('schedule:generate', { asOf: '2026-11-23' });
    const item = plan.read.checklist('US-DET')[0]!;
    await plan.call('checklist:update', { id: item.id, status: 'done', note: 'signed' });
    const history = plan.read.readinessHistory('US-DET');
    const before = plan.read.exportText();
    expect(await plan.call('sites:delete', { codes: ['US-DET'] })).toEqual(['US-DET']);
    expect(plan.read.sites().some((s) => s.code === 'US-DET')).toBe(false);
    expect((await plan.call('history:undo', {})).label).toBe('Remove site US-DET');
    expect(plan.read.readinessHistory('US-DET')).toEqual(history);
    expect(plan.read.checklist('US-DET').find((c) => c.taskKey === item.taskKey)).toMatchObject({ id: item.id, status: 'done', note: 'signed' });
    expect(plan.read.exportText()).toBe(before);
    expect(plan.read.audit({ entityId: 'US-DET', limit: 5 }).map((e) => [e.field, e.action]).slice(0, 2)).toEqual([
      ['deleted', 'undo'],
      ['deleted', 'edit'],
    ]);
    plan.close();
  });

  it('refuses to remove a site another site waits for, and changes nothing', async () => {
    const plan = TestPlan.create(tempDir());
    await plan.call('sites:update', { code: 'US-KNX', patch: { predecessors: ['US-DET'] } });
    const before = plan.read.exportText();
    expect(await plan.refusal('sites:delete', { codes: ['US-DET', 'CA-WND'] })).toMatchObject({ code: 'refused', message: expect.stringContaining('US-KNX (waits for US-DET)') });
    expect(plan.read.exportText()).toBe(before);
    await plan.call('sites:delete', { codes: ['US-DET', 'US-KNX'] });
    plan.close();
  });

  it('sets region, ERP or scope on many sites at once, or on none when one value is refused', async () => {
    const plan = TestPlan.create(tempDir());
    const updated = await plan.call('sites:updateMany', { codes: ['US-DET', 'US-KNX'], patch: { region: 'North America', excluded: true } });
    expect(updated.map((s) => [s.code, s.region, s.excluded])).toEqual([
      ['US-DET', 'North America', true],
      ['US-KNX', 'North America', true],
    ]);
    const before = plan.read.exportText();
    expect(await plan.refusal('sites:updateMany', { codes: ['US-DET', 'XX-NONE'], patch: { region: 'Elsewhere' } })).toMatchObject({ code: 'not-found' });
    expect(plan.read.exportText()).toBe(before);
    // One bulk edit is one step of Undo.
    await plan.call('history:undo', {});
    expect(plan.read.site('US-KNX')).toMatchObject({ region: 'Americas', excluded: false });
    // A site named twice (as a selection may name it) is changed, and audited, once.
    const regionEntries = () => plan.read.audit({ entityId: 'US-DET', limit: 50 }).filter((a) => a.field === 'region').length;
    const entriesBefore = regionEntries();
    expect((await plan.call('sites:updateMany', { codes: ['US-DET', 'us-det'], patch: { region: 'Great Lakes' } })).map((s) => s.region)).toEqual(['Great Lakes', 'Great Lakes']);
    expect(regionEntries()).toBe(entriesBefore + 1);
    plan.close();
  });
});
