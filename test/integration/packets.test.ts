// Site-lead readiness packets: made, edited as the site lead's app does, sealed, and merged back.
import { describe, expect, it } from 'vitest';
import { importPacket, makePacket, makePackets, openPacket, previewPacket, sealPacket } from '../../electron/services/packets';
import { generateAndStore } from '../../electron/services/plan/scheduling';
import type { SealedPacket } from '../../shared/packets';
import { makePlanFile } from '../support/plans';
import { useTempDir } from '../support/temp';

const tempDir = useTempDir();

/** What the site lead's app does: change values, keep the originals, seal again. */
function edited(packet: SealedPacket, change: (p: SealedPacket) => void): string {
  const copy = structuredClone(packet);
  change(copy);
  const { checksum: _old, ...body } = copy;
  return JSON.stringify(sealPacket(body));
}

function scheduledPlan() {
  const plan = makePlanFile(tempDir());
  generateAndStore(plan, '2026-11-23', 'ui');
  return plan;
}

describe('readiness packets', () => {
  it("holds the site's readiness, dimensions and open checklist items, for one site or a whole wave", () => {
    const plan = scheduledPlan();
    const packet = makePacket(plan, 'US-DET');
    expect(packet).toMatchObject({ format: 'wave-packet', planId: plan.info().uid, site: { code: 'US-DET', name: 'Detroit Stamping' } });
    expect(packet.readiness.map((r) => r.dimension)).toEqual(plan.dimensions().map((d) => d.key));
    expect(packet.checklist.length).toBe(plan.checklist('US-DET').filter((i) => i.status === 'todo').length);
    expect(packet.checklist.some((c) => c.gate)).toBe(true);
    const wave = makePackets(plan, { wave: 1 });
    expect(wave.map((f) => f.fileName)).toEqual(['CZ-PLZ readiness.wavepacket', 'ES-ZAZ readiness.wavepacket', 'IN-PNQ readiness.wavepacket', 'JP-NGY readiness.wavepacket']);
    plan.close();
  });

  it('merges the changes a site lead made, with the audit source "packet"', () => {
    const plan = scheduledPlan();
    const packet = makePacket(plan, 'US-DET');
    const item = packet.checklist[0]!;
    const text = edited(packet, (p) => {
      p.readiness.find((r) => r.dimension === 'data')!.value = { score: 80, targetDate: null };
      p.readiness.find((r) => r.dimension === 'data')!.comment = 'Master data cleansed';
      p.checklist[0]!.value = { status: 'done', note: 'Held on site' };
    });
    const preview = previewPacket(plan, 'US-DET.wavepacket', text);
    expect(preview.changes.map((c) => [c.key, c.conflict])).toEqual([
      ['readiness:data', false],
      [`checklist:${item.taskKey}`, false],
    ]);
    expect(importPacket(plan, 'US-DET.wavepacket', text, {})).toEqual({ site: 'US-DET', taken: 2, kept: 0 });
    expect(plan.getSite('US-DET').readiness.data).toEqual({ score: 80, targetDate: null });
    expect(plan.checklist('US-DET').find((i) => i.taskKey === item.taskKey)).toMatchObject({ status: 'done', note: 'Held on site' });
    expect(plan.readinessHistory('US-DET', 'data')[0]).toMatchObject({ score: 80, comment: 'Master data cleansed', source: 'packet' });
    expect(plan.audit({ entityId: 'US-DET', limit: 20 }).filter((a) => a.source === 'packet').length).toBeGreaterThanOrEqual(3);
    plan.close();
  });

  it('shows a value changed in both the plan and the packet as a conflict, and merges only after it is decided', () => {
    const plan = scheduledPlan();
    const packet = makePacket(plan, 'US-DET');
    const text = edited(packet, (p) => {
      p.readiness.find((r) => r.dimension === 'data')!.value = { score: 80, targetDate: null };
      p.readiness.find((r) => r.dimension === 'training')!.value = { score: 90, targetDate: null };
    });
    plan.setReadiness({ site: 'US-DET', dimension: 'data', score: 70, targetDate: null, comment: 'PM update' }, 'ui');
    const preview = previewPacket(plan, 'US-DET.wavepacket', text);
    expect(preview.changes.find((c) => c.key === 'readiness:data')).toMatchObject({ conflict: true, plan: '70', packet: '80' });
    expect(preview.changes.find((c) => c.key === 'readiness:training')).toMatchObject({ conflict: false });
    const before = plan.exportWavePlanText();
    expect(() => importPacket(plan, 'US-DET.wavepacket', text, {})).toThrow(/Decide the conflict first: Readiness: Data quality/);
    expect(plan.exportWavePlanText()).toBe(before);
    expect(importPacket(plan, 'US-DET.wavepacket', text, { 'readiness:data': 'plan' })).toEqual({ site: 'US-DET', taken: 1, kept: 1 });
    expect(plan.getSite('US-DET').readiness.data!.score).toBe(70);
    expect(plan.getSite('US-DET').readiness.training!.score).toBe(90);
    plan.close();
  });

  it('refuses a tampered packet and a packet of another plan, changing nothing', () => {
    const plan = scheduledPlan();
    const other = makePlanFile(tempDir(), undefined, 'other.waveplan');
    const packet = makePacket(plan, 'US-DET');
    const tampered = JSON.stringify({ ...packet, readiness: packet.readiness.map((r) => ({ ...r, value: { score: 100, targetDate: null } })) });
    expect(() => openPacket('US-DET.wavepacket', tampered)).toThrow(/was changed outside Wave Planner/);
    const before = other.exportWavePlanText();
    expect(() => importPacket(other, 'US-DET.wavepacket', JSON.stringify(packet), {})).toThrow(/belongs to another plan: "Northwind VisionQC rollout" \(plan id [0-9a-f]{8}\), not the open plan/);
    expect(other.exportWavePlanText()).toBe(before);
    expect(() => openPacket('notes.txt', 'hello')).toThrow(/notes\.txt is not a readiness packet/);
    plan.close();
    other.close();
  });
});
