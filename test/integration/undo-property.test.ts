// Undo and redo as a property: from the sample plan, any sequence of 1–30 writes drawn from every
// write operation, undone whole, gives back the plan byte for byte (its wave-plan export and
// everything the export leaves out: schedule, checklists, readiness history, baselines); redone
// whole, the plan after the sequence. The audit log keeps the edits and shows each undo.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { openPacket, sealPacket } from '../../electron/services/packets';
import { WRITE_OPERATIONS, type WriteOperation } from '../../shared/contract';
import { samplePlan } from '../../electron/services/sample-plan';
import { serializeWavePlan } from '../../shared/interchange';
import { TestPlan } from '../support/plans';
import { useTempDir } from '../support/temp';

const tempDir = useTempDir();

const SITES = ['US-GRV', 'US-DET', 'US-COL', 'MX-MTY', 'MX-QRO', 'CA-WND', 'DE-STR', 'CZ-PLZ', 'FR-LYO', 'SE-GOT', 'IN-PNQ', 'UK-SUN'];
const ERPS = ['SAP-S4', 'ORA-EBS', 'QAD'];
const DIMENSIONS = ['sponsorship', 'data', 'integration', 'training'];
const day = fc.integer({ min: 0, max: 500 }).map((n) => new Date(Date.UTC(2027, 0, 1 + n)).toISOString().slice(0, 10));

/** One write, described by data; `run` turns it into a contract call against the plan as it is then. */
type Step = { op: WriteOperation | 'backups:restore'; pick: number; value: number; text: string; date: string };
const step: fc.Arbitrary<Step> = fc.record({
  op: fc.constantFrom(...WRITE_OPERATIONS.filter((op) => op !== 'history:undo' && op !== 'history:redo')),
  pick: fc.nat(1000),
  value: fc.integer({ min: 1, max: 5 }),
  text: fc.constantFrom('Midwest', 'EMEA', 'Rust Belt', 'Note: union briefing', ''),
  date: day,
});

const textOf = (base64: string) => Buffer.from(base64, 'base64').toString('utf8');

async function run(plan: TestPlan, s: Step): Promise<void> {
  const site = SITES[s.pick % SITES.length]!;
  const schedule = plan.read.schedule();
  const placed = schedule?.schedule.waves.flatMap((w) => w.sites.map((p) => ({ site: p.site, wave: w.number }))) ?? [];
  const items = plan.read.checklist();
  const statuses = ['todo', 'doing', 'done', 'blocked', 'n/a'] as const;
  const call = (name: WriteOperation, input: unknown) => plan.dispatch(name, input);
  switch (s.op) {
    case 'plan:update':
      return void (await call('plan:update', s.pick % 3 === 0 ? { name: `Program ${s.value}` } : s.pick % 3 === 1 ? { holidays: [s.date] } : { freezeWindows: [{ from: s.date, to: s.date, reason: s.text }] }));
    case 'settings:update':
      return void (await call('settings:update', s.pick % 2 ? { staggerDays: s.value * 3 } : { maxSitesPerWave: s.value }));
    case 'erps:create':
      return void (await call('erps:create', { erp: { code: `NEW-${s.pick}`, name: `New ERP ${s.pick}`, connectorStatus: 'in-build', connectorReadyDate: s.date } }));
    case 'erps:update':
      return void (await call('erps:update', { code: ERPS[s.pick % ERPS.length], patch: s.pick % 2 ? { connectorReadyDate: s.date } : { name: `Renamed ${s.value}` } }));
    case 'sites:update':
      return void (await call('sites:update', { code: site, patch: s.pick % 3 === 0 ? { region: s.text || 'Americas' } : s.pick % 3 === 1 ? { leadershipWillingness: s.value } : { earliestGoLive: s.date, notes: s.text } }));
    case 'sites:updateMany':
      return void (await call('sites:updateMany', { codes: [site, SITES[(s.pick + 1) % SITES.length]], patch: { excluded: s.pick % 2 === 0 } }));
    case 'sites:create':
      return void (await call('sites:create', { site: { code: `NEW-${s.pick}`, name: 'New plant', erp: ERPS[s.value % ERPS.length], leadershipWillingness: s.value, workflowRepresentativeness: 3, technicalSophistication: 2, readiness: { data: { score: 60, targetDate: s.date } } } }));
    case 'sites:delete':
      return void (await call('sites:delete', { codes: [site] }));
    case 'readiness:set':
      return void (await call('readiness:set', { site, dimension: DIMENSIONS[s.pick % DIMENSIONS.length], score: s.value * 19, targetDate: s.value < 4 ? s.date : null, comment: s.text }));
    case 'playbook:save': {
      const tasks = plan.read.playbook().tasks;
      return void (await call('playbook:save', { tasks: s.pick % 2 ? tasks.slice(1) : tasks.map((t, i) => (i === 0 ? { ...t, offsetDays: t.offsetDays - s.value } : t)), note: s.text }));
    }
    case 'interchange:import': {
      const content = plan.read.content();
      const sites = content.sites.slice(0, 10 + (s.pick % 10)).map((x) => ({ ...x, predecessors: [], pinnedWave: null, pinnedGoLive: null }));
      return void (await call('interchange:import', { fileName: 'part.json', content: serializeWavePlan({ ...content, sites, plan: { ...content.plan, lighthouseOverride: null } }) }));
    }
    case 'sheets:import':
      return void (await call('sheets:import', { fileName: 'sites.csv', base64: Buffer.from(`code,region,name,erp,leadershipWillingness,workflowRepresentativeness,technicalSophistication\n${site},${s.text || 'Sheet region'},Plant ${s.pick},SAP-S4,3,3,3\nCSV-${s.pick},EMEA,Sheet plant,QAD,4,4,2\n`).toString('base64') }));
    case 'packets:import': {
      const files = await plan.dispatch('packets:export', { site });
      if (!files.ok) return;
      const packet = openPacket('p.wavepacket', textOf((files.value as { value: { base64: string }[] }).value[0]!.base64));
      packet.readiness[0]!.value = { score: s.value * 20, targetDate: null };
      if (packet.checklist[0]) packet.checklist[0].value = { status: 'done', note: s.text };
      const { mac: _old, ...body } = packet;
      return void (await call('packets:import', { fileName: `${site}.wavepacket`, content: JSON.stringify(sealPacket(body)) }));
    }
    case 'packets:export':
      return void (await call('packets:export', { site }));
    case 'schedule:generate':
      return void (await call('schedule:generate', { asOf: '2026-11-23' }));
    case 'schedule:pin':
      return void (await call('schedule:pin', { site: placed[s.pick % Math.max(1, placed.length)]?.site ?? site, pinned: s.pick % 3 !== 0 }));
    case 'schedule:lock':
      return void (await call('schedule:lock', { wave: s.pick % 4, locked: s.pick % 2 === 0 }));
    case 'schedule:move': {
      const target = placed[s.pick % Math.max(1, placed.length)];
      return void (await call('schedule:move', { site: target?.site ?? site, wave: 1 + (s.value % 4), goLive: null }));
    }
    case 'schedule:lighthouse':
      return void (await call('schedule:lighthouse', { site: s.pick % 3 === 0 ? null : site }));
    case 'schedule:release':
      return void (await call('schedule:release', { site }));
    case 'checklist:update':
      if (items.length === 0) return;
      return void (await call('checklist:update', { id: items[s.pick % items.length]!.id, status: statuses[s.value % statuses.length], note: s.text }));
    case 'checklist:updateMany':
      if (items.length === 0) return;
      return void (await call('checklist:updateMany', { ids: items.filter((_, i) => i % 7 === s.pick % 7).map((i) => i.id), owner: s.text || 'PMO' }));
    case 'backups:restore': {
      const taken = await plan.dispatch('backups:take', {});
      if (!taken.ok) return;
      await call('sites:update', { code: site, patch: { notes: `before restore ${s.pick}` } });
      return void (await call('backups:restore', { file: (taken.value as { file: string }).file }));
    }
    case 'crews:save': {
      const crews = plan.read.info().crews;
      const phases = ['prep', 'cutover', 'hypercare', 'rollout'] as const;
      return void (await call('crews:save', {
        crews: s.pick % 3 === 0 ? crews.slice(1) : [...crews.map((c, i) => (i === 0 ? { ...c, size: s.value } : c)), { name: `Crew ${s.pick}`, size: s.value, phase: phases[s.pick % 4], notes: s.text }],
      }));
    }
    case 'readiness:saveDimensions': {
      const dimensions = plan.read.dimensions();
      // Remove one (with its assessments), or reweigh one and add another.
      return void (await call('readiness:saveDimensions', {
        dimensions:
          s.pick % 3 === 0 && dimensions.length > 1
            ? dimensions.filter((_, i) => i !== s.pick % dimensions.length)
            : [...dimensions.map((d, i) => (i === 0 ? { ...d, weight: s.value } : d)), { key: `extra${s.pick}`, label: `Extra ${s.pick}`, weight: 1, threshold: 60 }],
      }));
    }
    case 'baselines:save':
      return void (await call('baselines:save', { name: `Baseline ${s.pick}` }));
    case 'scenarios:save':
      // A connector slip, a tighter wave and a site's readiness target: each kind of change a scenario holds.
      return void (await call('scenarios:save', {
        name: `What if ${s.pick % 3}`,
        note: s.text,
        changes: { settings: { maxSitesPerWave: s.value }, erps: [{ code: ERPS[s.pick % ERPS.length], connectorReadyDate: s.date }], sites: [{ code: site, excluded: s.pick % 2 === 0, readinessTargets: { data: s.date } }] },
      }));
    case 'scenarios:remove':
      return void (await call('scenarios:remove', { name: `What if ${s.pick % 3}` }));
    case 'scenarios:adopt':
      return void (await call('scenarios:adopt', { name: `What if ${s.pick % 3}` }));
    default:
      throw new Error(`no step for ${s.op}`);
  }
}

/** The whole plan, including what the wave-plan export leaves out. */
function fullState(plan: TestPlan): string {
  const read = plan.read;
  return JSON.stringify({
    content: read.exportText(),
    schedule: read.schedule(),
    checklist: read.checklist(),
    history: read.sites().map((s) => read.readinessHistory(s.code)),
    baselines: plan.file.reader.all('SELECT * FROM baselines b LEFT JOIN baseline_entries e ON e.baseline_id = b.id ORDER BY b.id, e.site_code'),
    scenarios: plan.file.reader.all('SELECT * FROM scenarios ORDER BY id'),
    playbooks: plan.file.reader.all('SELECT version, note FROM playbook_versions ORDER BY version'),
  });
}

describe('undo and redo of every write', () => {
  it('undo all gives back the plan byte for byte, redo all the plan after the sequence, and the audit log shows the undos', async () => {
    const dir = tempDir();
    const plan = TestPlan.create(dir, samplePlan());
    await plan.call('schedule:generate', { asOf: '2026-11-23' });
    let runs = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 30 }), async (steps) => {
        runs += 1;
        // Each run starts from the same plan: undo whatever the last run left redone.
        const start = fullState(plan);
        const auditBefore = plan.read.audit({ limit: 100_000 }).length;
        const historyBefore = (await plan.call('history:list', {})).undo.length;
        for (const s of steps) await run(plan, s);
        const after = fullState(plan);
        const edits = plan.read.audit({ limit: 100_000 }).length - auditBefore;

        let undone = 0;
        for (; (await plan.call('history:list', {})).undo.length > historyBefore; undone += 1) await plan.call('history:undo', {});
        expect(fullState(plan)).toBe(start);
        // Every audit entry of the sequence is answered by one of its undo, newest first.
        const newest = plan.read.audit({ limit: 100_000 }).slice(0, edits);
        expect(newest.filter((a) => a.action === 'undo')).toHaveLength(edits);

        // As many redos as undos: a run whose writes were all refused leaves the last run's redo steps in place.
        for (let n = 0; n < undone; n += 1) await plan.call('history:redo', {});
        expect(fullState(plan)).toBe(after);
        // Back to the start for the next run, by undo again.
        while ((await plan.call('history:list', {})).undo.length > historyBefore) await plan.call('history:undo', {});
        expect(fullState(plan)).toBe(start);
      }),
      { numRuns: 40, seed: 20261202, endOnFailure: true },
    );
    expect(runs).toBe(40);
    plan.close();
  }, 240_000);
});
