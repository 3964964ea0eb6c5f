// Site-lead readiness packets: made, edited as the site lead's app does, sealed, and merged back.
import { describe, expect, it } from 'vitest';
import { openPacket, sealPacket } from '../../electron/services/packets';
import type { DownloadFile } from '../../shared/contract';
import type { SealedPacket } from '../../shared/packets';
import { TestPlan } from '../support/plans';
import { useTempDir } from '../support/temp';

const tempDir = useTempDir();

/** What the site lead's app does: change values, keep the originals, seal again. */
function edited(packet: SealedPacket, change: (p: SealedPacket) => void): string {
  const copy = structuredClone(packet);
  change(copy);
  const { mac: _old, ...body } = copy;
  return JSON.stringify(sealPacket(body));
}

const textOf = (file: DownloadFile) => Buffer.from(file.base64, 'base64').toString('utf8');

async function scheduledPlan(): Promise<TestPlan> {
  const plan = TestPlan.create(tempDir());
  await plan.call('schedule:generate', { asOf: '2026-11-23' });
  return plan;
}

async function packetOf(plan: TestPlan, site: string): Promise<SealedPacket> {
  const [file] = await plan.call('packets:export', { site });
  return openPacket(file!.fileName, textOf(file!));
}

describe('readiness packets', () => {
  it("holds the site's readiness, dimensions and open checklist items, for one site or a whole wave", async () => {
    const plan = await scheduledPlan();
    const packet = await packetOf(plan, 'US-DET');
    expect(packet).toMatchObject({ format: 'wave-packet', planId: plan.read.info().uid, site: { code: 'US-DET', name: 'Detroit Stamping' } });
    expect(packet.readiness.map((r) => r.dimension)).toEqual(plan.read.dimensions().map((d) => d.key));
    expect(packet.checklist.length).toBe(plan.read.checklist('US-DET').filter((i) => i.status === 'todo').length);
    expect(packet.checklist.some((c) => c.gate)).toBe(true);
    const wave = await plan.call('packets:export', { wave: 1 });
    expect(wave.map((f) => f.fileName)).toEqual(['CZ-PLZ readiness.wavepacket', 'ES-ZAZ readiness.wavepacket', 'IN-PNQ readiness.wavepacket', 'JP-NGY readiness.wavepacket']);
    plan.close();
  });

  it('merges the changes a site lead made, with the audit source "packet", as one undoable step', async () => {
    const plan = await scheduledPlan();
    const packet = await packetOf(plan, 'US-DET');
    const item = packet.checklist[0]!;
    const text = edited(packet, (p) => {
      p.readiness.find((r) => r.dimension === 'data')!.value = { score: 80, targetDate: null };
      p.readiness.find((r) => r.dimension === 'data')!.comment = 'Master data cleansed';
      p.checklist[0]!.value = { status: 'done', note: 'Held on site' };
    });
    const preview = await plan.call('packets:preview', { fileName: 'US-DET.wavepacket', content: text });
    expect(preview.changes.map((c) => [c.key, c.conflict])).toEqual([
      ['readiness:data', false],
      [`checklist:${item.taskKey}`, false],
    ]);
    const before = plan.read.exportText();
    expect(await plan.call('packets:import', { fileName: 'US-DET.wavepacket', content: text })).toEqual({ site: 'US-DET', taken: 2, kept: 0 });
    expect(plan.read.site('US-DET').readiness.data).toEqual({ score: 80, targetDate: null });
    expect(plan.read.checklist('US-DET').find((i) => i.taskKey === item.taskKey)).toMatchObject({ status: 'done', note: 'Held on site' });
    expect(plan.read.readinessHistory('US-DET', 'data')[0]).toMatchObject({ score: 80, comment: 'Master data cleansed', source: 'packet' });
    expect(plan.read.audit({ entityId: 'US-DET', limit: 20 }).filter((a) => a.source === 'packet').length).toBeGreaterThanOrEqual(3);
    expect((await plan.call('history:undo', {})).label).toBe('Merge US-DET.wavepacket');
    expect(plan.read.exportText()).toBe(before);
    expect(plan.read.checklist('US-DET').find((i) => i.taskKey === item.taskKey)!.status).toBe('todo');
    plan.close();
  });

  it('shows a value changed in both the plan and the packet as a conflict, and merges only after it is decided', async () => {
    const plan = await scheduledPlan();
    const packet = await packetOf(plan, 'US-DET');
    const text = edited(packet, (p) => {
      p.readiness.find((r) => r.dimension === 'data')!.value = { score: 80, targetDate: null };
      p.readiness.find((r) => r.dimension === 'training')!.value = { score: 90, targetDate: null };
    });
    await plan.call('readiness:set', { site: 'US-DET', dimension: 'data', score: 70, targetDate: null, comment: 'PM update' });
    const preview = await plan.call('packets:preview', { fileName: 'US-DET.wavepacket', content: text });
    expect(preview.changes.find((c) => c.key === 'readiness:data')).toMatchObject({ conflict: true, plan: '70', packet: '80' });
    expect(preview.changes.find((c) => c.key === 'readiness:training')).toMatchObject({ conflict: false });
    const before = plan.read.exportText();
    expect((await plan.refusal('packets:import', { fileName: 'US-DET.wavepacket', content: text })).message).toMatch(/Decide the conflict first: Readiness: Data quality/);
    expect(plan.read.exportText()).toBe(before);
    expect(await plan.call('packets:import', { fileName: 'US-DET.wavepacket', content: text, decisions: { 'readiness:data': 'plan' } })).toEqual({ site: 'US-DET', taken: 1, kept: 1 });
    expect(plan.read.site('US-DET').readiness.data!.score).toBe(70);
    expect(plan.read.site('US-DET').readiness.training!.score).toBe(90);
    plan.close();
  });

  it('refuses a tampered packet and a packet of another plan, changing nothing', async () => {
    const plan = await scheduledPlan();
    const other = TestPlan.create(tempDir(), undefined, 'other.waveplan');
    const packet = await packetOf(plan, 'US-DET');
    const tampered = JSON.stringify({ ...packet, readiness: packet.readiness.map((r) => ({ ...r, value: { score: 100, targetDate: null } })) });
    expect(() => openPacket('US-DET.wavepacket', tampered)).toThrow(/was changed outside Wave Planner/);
    const before = other.read.exportText();
    expect((await other.refusal('packets:import', { fileName: 'US-DET.wavepacket', content: JSON.stringify(packet) })).message).toMatch(
      /belongs to another plan: "Northwind VisionQC rollout" \(plan id [0-9a-f]{8}\), not the open plan/,
    );
    expect(other.read.exportText()).toBe(before);
    expect(() => openPacket('notes.txt', 'hello')).toThrow(/notes\.txt is not a readiness packet/);
    plan.close();
    other.close();
  });
});

describe('packets the plan can trust', () => {
  it('refuses a packet edited outside the site lead\'s app, forged for another site, or made from a copy of the plan', async () => {
    const plan = await scheduledPlan();
    const packet = await packetOf(plan, 'US-DET');
    const before = plan.read.exportText();
    // Edited in a text editor: the seal no longer matches.
    const edited_ = JSON.stringify({ ...packet, readiness: packet.readiness.map((r) => ({ ...r, value: { score: 100, targetDate: null } })) });
    expect((await plan.refusal('packets:import', { fileName: 'a.wavepacket', content: edited_ })).message).toMatch(/was changed outside Wave Planner \(its seal does not match/);
    // Resealed under a key of one's own choosing: the plan checks with the key it recorded.
    const { mac: _m, ...body } = packet;
    const rekeyed = JSON.stringify(sealPacket({ ...body, key: 'A'.repeat(43), readiness: body.readiness.map((r) => ({ ...r, value: { score: 100, targetDate: null } })) }));
    expect((await plan.refusal('packets:import', { fileName: 'b.wavepacket', content: rekeyed })).message).toMatch(/was changed outside Wave Planner/);
    // For another site, sealed properly with the packet's own key.
    const forged = edited(packet, (p) => (p.site = { code: 'US-GRV', name: 'Greenville Assembly' }));
    expect((await plan.refusal('packets:import', { fileName: 'c.wavepacket', content: forged })).message).toBe('c.wavepacket names site US-GRV, but the plan sent it for US-DET: it cannot be trusted.');
    // From a copy of the plan: same plan id, but a packet this plan never sent.
    await plan.call('plan:saveCopy', { path: `${plan.file.path}.copy` });
    const copy = TestPlan.open(`${plan.file.path}.copy.waveplan`, tempDir());
    const fromCopy = await packetOf(copy, 'US-DET');
    copy.close();
    expect((await plan.refusal('packets:import', { fileName: 'd.wavepacket', content: JSON.stringify(fromCopy) })).message).toMatch(/was not sent from this plan: it may have been made from a copy of the plan/);
    expect(plan.read.exportText()).toBe(before);
    plan.close();
  });

  it('measures conflicts against what the plan sent, not the packet\'s own originals', async () => {
    const plan = await scheduledPlan();
    const packet = await packetOf(plan, 'US-DET');
    await plan.call('readiness:set', { site: 'US-DET', dimension: 'data', score: 70, targetDate: null, comment: 'PM update' });
    // The lead (or anyone) sets the packet's "original" to the plan's new value, to hide the conflict.
    const hiding = edited(packet, (p) => {
      const data = p.readiness.find((r) => r.dimension === 'data')!;
      data.original = { score: 70, targetDate: null };
      data.value = { score: 95, targetDate: null };
    });
    const preview = await plan.call('packets:preview', { fileName: 'US-DET.wavepacket', content: hiding });
    expect(preview.changes.find((c) => c.key === 'readiness:data')).toMatchObject({ conflict: true, plan: '70', packet: '95' });
    plan.close();
  });

  it('refuses a packet naming an unknown dimension or one dimension twice, and says "already merged" the second time, without a backup', async () => {
    const plan = await scheduledPlan();
    const packet = await packetOf(plan, 'US-DET');
    const unknown = edited(packet, (p) => (p.readiness[0]!.dimension = 'vibes'));
    expect((await plan.refusal('packets:preview', { fileName: 'u.wavepacket', content: unknown })).message).toContain('names the readiness dimension "vibes", which the packet does not have');
    const twice = edited(packet, (p) => (p.readiness[1]!.dimension = p.readiness[0]!.dimension));
    expect((await plan.refusal('packets:preview', { fileName: 't.wavepacket', content: twice })).message).toContain(`names the readiness dimension "${packet.readiness[0]!.dimension}" twice`);

    const text = edited(packet, (p) => (p.readiness.find((r) => r.dimension === 'data')!.value = { score: 88, targetDate: null }));
    await plan.call('packets:import', { fileName: 'US-DET.wavepacket', content: text });
    const backups = (await plan.call('backups:list', {})).length;
    expect((await plan.refusal('packets:import', { fileName: 'US-DET.wavepacket', content: text })).message).toMatch(/^US-DET\.wavepacket was already merged, on \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC\. Nothing was changed\.$/);
    expect((await plan.call('backups:list', {})).length).toBe(backups);
    // Undoing the merge makes the packet mergeable again.
    await plan.call('history:undo', {});
    expect((await plan.call('packets:preview', { fileName: 'US-DET.wavepacket', content: text })).changes).toHaveLength(1);
    plan.close();
  });
});
