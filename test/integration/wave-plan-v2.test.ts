// wave-plan version 2: the whole plan leaves the product and comes back, byte for byte.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { validateWavePlan } from '../../shared/interchange';
import { wavePlanSchemaText } from '../../shared/wave-plan-schema';
import { contentOfText, sampleDocument, TestPlan } from '../support/plans';
import { useTempDir } from '../support/temp';
import { expectMatchesShippedSchema } from '../support/wave-plan-schema';

const tempDir = useTempDir();
const AS_OF = '2026-11-23';

/** The sample with everything a user makes beside its content: history, checklist work, pins, locks, baselines, a playbook edit. */
async function workedPlan() {
  const plan = TestPlan.create(tempDir());
  await plan.call('schedule:lighthouse', { site: 'US-GRV' });
  const { view } = await plan.call('schedule:generate', { asOf: AS_OF });
  await plan.call('readiness:set', { site: 'US-DET', dimension: 'data', score: 55, targetDate: '2027-02-01', comment: 'cleansing started' });
  await plan.call('readiness:set', { site: 'US-DET', dimension: 'data', score: 80, targetDate: null, comment: 'cleansed' });
  const item = plan.read.checklist('US-GRV')[0]!;
  await plan.call('checklist:update', { id: item.id, status: 'done', owner: 'Ana Ruiz', note: 'signed off' });
  const waveOne = view.schedule.waves.find((w) => w.number === 1)!;
  await plan.call('schedule:pin', { site: waveOne.sites[0]!.site, pinned: true });
  await plan.call('schedule:lock', { wave: 1, locked: true });
  await plan.call('baselines:save', { name: 'Steering committee November' });
  const { tasks } = plan.read.playbook();
  await plan.call('playbook:save', { tasks: tasks.map((t, i) => (i === 0 ? { ...t, title: `${t.title} (revised)` } : t)), note: 'kickoff renamed' });
  return { plan, item, waveOne };
}

describe('wave-plan version 2', () => {
  it('carries identity, readiness history, checklists, pins, locks, lighthouse, baselines and playbook versions, and round-trips byte for byte', async () => {
    const { plan, item, waveOne } = await workedPlan();
    const text = plan.read.exportText();
    const doc = JSON.parse(text);
    expect(doc).toMatchObject({ format: 'wave-plan', version: 2, plan: { id: plan.read.info().uid }, scenarios: [] });
    const det = doc.sites.find((s: { code: string }) => s.code === 'US-DET');
    expect(det.readinessHistory.filter((e: { dimension: string }) => e.dimension === 'data').slice(-2)).toMatchObject([
      { score: 55, targetDate: '2027-02-01', comment: 'cleansing started' },
      { score: 80, targetDate: null, comment: 'cleansed' },
    ]);
    expect(det.readiness.data).toEqual({ score: 80, targetDate: null });
    const grv = doc.sites.find((s: { code: string }) => s.code === 'US-GRV');
    expect(grv.checklist.find((c: { task: string }) => c.task === item.taskKey)).toMatchObject({ status: 'done', owner: 'Ana Ruiz', note: 'signed off' });
    expect(doc.schedule).toMatchObject({ lighthouseOverride: 'US-GRV', pins: [{ site: waveOne.sites[0]!.site, wave: 1 }], lockedWaves: [{ number: 1 }] });
    expect(doc.schedule.lockedWaves[0].sites.map((s: { site: string }) => s.site)).toEqual(waveOne.sites.map((s) => s.site));
    expect(doc.baselines).toMatchObject([{ name: 'Steering committee November', asOf: AS_OF }]);
    expect(doc.playbook).toMatchObject({ version: 2, note: 'kickoff renamed', earlierVersions: [{ version: 1 }] });

    // Into a new plan file, and into an existing plan: the same bytes come out.
    const copy = TestPlan.create(tempDir(), contentOfText(text), 'copy.waveplan');
    expect(copy.read.exportText()).toBe(text);
    const other = TestPlan.create(tempDir(), undefined, 'other.waveplan');
    await other.call('interchange:import', { fileName: 'worked.wave-plan.json', content: text });
    expect(other.read.exportText()).toBe(text);

    // The locks hold in the copy: a re-plan keeps wave 1 where it was.
    const replanned = await copy.call('schedule:generate', { asOf: AS_OF });
    expect(replanned.view.schedule.waves.find((w) => w.number === 1)!.sites.map((s) => [s.site, s.goLive])).toEqual(waveOne.sites.map((s) => [s.site, s.goLive]));
    expect(replanned.view.lockedWaves).toEqual([1]);
    for (const p of [plan, copy, other]) p.close();
  });

  it('ships a JSON Schema generated from the importer\'s own schemas, which the sample and a worked plan match and a broken file does not', async () => {
    expect(readFileSync(new URL('../../resources/wave-plan.schema.json', import.meta.url), 'utf8'), 'run npm run schema').toBe(wavePlanSchemaText());
    const { plan } = await workedPlan();
    const text = plan.read.exportText();
    expectMatchesShippedSchema(text);
    expectMatchesShippedSchema(JSON.stringify(sampleDocument()));
    const broken = JSON.parse(text);
    broken.sites[0].checklist[0].status = 'finished';
    expect(() => expectMatchesShippedSchema(JSON.stringify(broken))).toThrow(/sites\/0\/checklist\/0\/status/);
    plan.close();
  });

  it('still imports version 1 files, which carry no history', () => {
    const result = validateWavePlan(sampleDocument());
    expect(result.ok && result.value.record).toBeUndefined();
  });

  it('names the path of every reference in a version 2 file that does not resolve, and imports nothing', async () => {
    const { plan } = await workedPlan();
    const doc = JSON.parse(plan.read.exportText());
    const det = doc.sites.findIndex((s: { code: string }) => s.code === 'US-DET');
    doc.sites[det].readinessHistory[0].dimension = 'vibes';
    doc.sites[det].checklist.push({ ...doc.sites[det].checklist[0], task: 'no-such-task' });
    doc.schedule.pins.push({ site: 'XX-NOPE', wave: 2, goLive: null });
    doc.sites[det].readiness.data.score = 10;
    const result = validateWavePlan(doc);
    expect(result.ok).toBe(false);
    const paths = result.ok ? [] : result.problems.map((p) => p.path);
    expect(paths).toEqual(
      expect.arrayContaining([`sites[${det}].readinessHistory[0].dimension`, `sites[${det}].checklist[${doc.sites[det].checklist.length - 1}].task`, 'schedule.pins[1].site', `sites[${det}].readiness.data`]),
    );
    const revision = plan.file.revision();
    await expect(plan.call('interchange:import', { fileName: 'broken.json', content: JSON.stringify(doc) })).rejects.toThrow(/broken\.json: sites\[\d+\]/);
    expect(plan.file.revision()).toBe(revision);
    plan.close();
  });
});
