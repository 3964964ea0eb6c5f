import { describe, expect, it } from 'vitest';
import { createDispatch } from '../../electron/services/dispatch';
import { createHandlers } from '../../electron/services/handlers';
import { Workspace } from '../../electron/services/workspace';
import type { Site } from '../../shared/domain';
import { useTempDir } from '../support/temp';

const tempDir = useTempDir();

function sampleWorkspace() {
  const workspace = new Workspace(tempDir(), 'ui');
  workspace.openLastOrSample();
  return { workspace, plan: workspace.requirePlan(), dispatch: createDispatch(createHandlers(workspace)) };
}

describe('adding, removing and bulk-editing sites', () => {
  it('adds a site with its first readiness, audited, and refuses a duplicate code or unknown ERP', async () => {
    const { workspace, plan, dispatch } = sampleWorkspace();
    const site = { code: 'NL-EHV', name: 'Eindhoven Optics', erp: 'SAP-S4', leadershipWillingness: 4, workflowRepresentativeness: 3, technicalSophistication: 3, readiness: { data: { score: 55, targetDate: '2027-05-01' } } };
    const added = await dispatch('sites:create', { site });
    expect(added).toMatchObject({ ok: true, value: { code: 'NL-EHV', readiness: { data: { score: 55 } } } });
    expect(plan.audit({ entityId: 'NL-EHV', limit: 10 }).map((e) => e.field)).toContain('created');
    const before = plan.exportWavePlanText();
    expect(await dispatch('sites:create', { site })).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(await dispatch('sites:create', { site: { ...site, code: 'NL-AMS', erp: 'NOPE' } })).toMatchObject({ ok: false, error: { message: expect.stringContaining('unknown ERP "NOPE"') } });
    expect(plan.exportWavePlanText()).toBe(before);
    workspace.close();
  });

  it('removes a site and puts it back with its readiness history and checklist statuses', async () => {
    const { workspace, plan, dispatch } = sampleWorkspace();
    await dispatch('schedule:generate', { asOf: '2026-11-23' });
    const item = plan.checklist('US-DET')[0]!;
    plan.updateChecklistItem(item.id, { status: 'done', note: 'signed' }, 'ui');
    const history = plan.readinessHistory('US-DET');
    const removed = await dispatch('sites:delete', { codes: ['US-DET'] });
    if (!removed.ok) throw new Error(removed.error.message);
    expect(plan.listSites().some((s) => s.code === 'US-DET')).toBe(false);
    // Through the contract's schema too, as the renderer hands it back.
    const restored = await dispatch('sites:restore', { deleted: JSON.parse(JSON.stringify(removed.value)) });
    expect(restored.ok).toBe(true);
    expect(plan.readinessHistory('US-DET').map((h) => [h.dimension, h.score, h.recordedAt])).toEqual(history.map((h) => [h.dimension, h.score, h.recordedAt]));
    expect(plan.checklist('US-DET').find((c) => c.taskKey === item.taskKey)).toMatchObject({ status: 'done', note: 'signed' });
    expect(plan.audit({ entityId: 'US-DET', limit: 5 }).map((e) => e.field).slice(0, 2)).toEqual(['restored', 'deleted']);
    workspace.close();
  });

  it('refuses to remove a site another site waits for, and changes nothing', async () => {
    const { workspace, plan, dispatch } = sampleWorkspace();
    await dispatch('sites:update', { code: 'US-KNX', patch: { predecessors: ['US-DET'] } });
    const before = plan.exportWavePlanText();
    const result = await dispatch('sites:delete', { codes: ['US-DET', 'CA-WND'] });
    expect(result).toMatchObject({ ok: false, error: { code: 'refused', message: expect.stringContaining('US-KNX (waits for US-DET)') } });
    expect(plan.exportWavePlanText()).toBe(before);
    expect((await dispatch('sites:delete', { codes: ['US-DET', 'US-KNX'] })).ok).toBe(true);
    workspace.close();
  });

  it('sets region, ERP or scope on many sites at once, or on none when one value is refused', async () => {
    const { workspace, plan, dispatch } = sampleWorkspace();
    const updated = await dispatch('sites:updateMany', { codes: ['US-DET', 'US-KNX'], patch: { region: 'North America', excluded: true } });
    expect(updated.ok && (updated.value as Site[]).map((s) => [s.code, s.region, s.excluded])).toEqual([
      ['US-DET', 'North America', true],
      ['US-KNX', 'North America', true],
    ]);
    const before = plan.exportWavePlanText();
    const refused = await dispatch('sites:updateMany', { codes: ['US-DET', 'XX-NONE'], patch: { region: 'Elsewhere' } });
    expect(refused).toMatchObject({ ok: false, error: { code: 'not-found' } });
    expect(plan.exportWavePlanText()).toBe(before);
    workspace.close();
  });
});
