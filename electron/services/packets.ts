/**
 * Readiness packets on the backend: made from the plan and sealed with a checksum, opened (refused
 * when tampered with), and merged back with the audit source `packet`, conflicts decided by the
 * program manager. A packet of another plan is refused.
 */
import { createHash } from 'node:crypto';
import type { DownloadFile, PacketPreview, PacketImportSummary } from '../../shared/contract';
import { parseJsonText, parseWithProblems } from '../../shared/interchange';
import { canonicalPacketText, packetBodySchema, packetChanges, PACKET_FORMAT, PACKET_VERSION, type PacketBody, type SealedPacket } from '../../shared/packets';
import type { Committed } from '../../shared/changes';
import { UserError } from './errors';
import { downloadOf, safeFileStem } from './download-file';
import { readChecklist, updateChecklistItem } from './plan/checklists';
import type { ReadHandle } from './plan/handles';
import { requirePlanRow } from './plan/plan-settings';
import type { PlanFile } from './plan/plan-file';
import { readPlaybook } from './plan/playbooks';
import { appendReadiness, readDimensions } from './plan/readiness';
import { readCurrentSchedule } from './plan/schedules';
import { getSite, siteIdOf } from './plan/sites';

const OPEN = new Set(['todo', 'doing', 'blocked']);

export function sealPacket(body: PacketBody): SealedPacket {
  return { ...body, checksum: createHash('sha256').update(canonicalPacketText(body)).digest('hex') };
}

export function packetFile(packet: SealedPacket): DownloadFile {
  return downloadOf(`${safeFileStem(`${packet.site.code} readiness`)}.wavepacket`, 'application/json', `${JSON.stringify(packet, null, 2)}\n`);
}

export function makePacket(h: ReadHandle, code: string, now = new Date()): SealedPacket {
  const site = getSite(h, code);
  const plan = requirePlanRow(h);
  const dimensions = readDimensions(h);
  const gates = new Set(readPlaybook(h).tasks.filter((t) => t.gate).map((t) => t.id));
  const body: PacketBody = {
    format: PACKET_FORMAT,
    version: PACKET_VERSION,
    planId: plan.uid,
    planName: plan.name,
    createdAt: now.toISOString(),
    site: { code: site.code, name: site.name },
    dimensions: dimensions.map((d) => ({ key: d.key, label: d.label, threshold: d.threshold })),
    readiness: dimensions.map((d) => {
      const value = site.readiness[d.key] ?? { score: null, targetDate: null };
      return { dimension: d.key, original: value, value, comment: '' };
    }),
    checklist: readChecklist(h, site.code)
      .filter((item) => OPEN.has(item.status))
      .map((item) => ({ taskKey: item.taskKey, title: item.title, dueDate: item.dueDate, gate: gates.has(item.taskKey), original: { status: item.status, note: item.note }, value: { status: item.status, note: item.note } })),
  };
  return sealPacket(body);
}

/** Packets for one site, or for every site of a wave of the current schedule. */
export function makePackets(h: ReadHandle, target: { site?: string | undefined; wave?: number | undefined }): DownloadFile[] {
  if (target.site) return [packetFile(makePacket(h, target.site))];
  const schedule = readCurrentSchedule(h);
  const wave = schedule?.schedule.waves.find((w) => w.number === target.wave);
  if (!wave) throw new UserError('not-found', `There is no wave ${target.wave} in the current schedule.`);
  return wave.sites.map((s) => packetFile(makePacket(h, s.site)));
}

/** Reads a packet file: its shape, then its checksum. */
export function openPacket(fileName: string, text: string): SealedPacket {
  const parsed = parseJsonText(text);
  if (!parsed.ok) throw new UserError('invalid-input', `${fileName} is not a readiness packet: ${parsed.problems[0]!.message}.`);
  const value = parsed.value as Record<string, unknown> | null;
  if (!value || typeof value !== 'object' || value.format !== PACKET_FORMAT) throw new UserError('invalid-input', `${fileName} is not a readiness packet (a .wavepacket file made by Wave Planner).`);
  const { checksum, ...rest } = value;
  const body = parseWithProblems(packetBodySchema, rest);
  if (!body.ok) throw new UserError('invalid-input', `${fileName}: ${body.problems[0]!.path} ${body.problems[0]!.message}.`, body.problems);
  if (typeof checksum !== 'string' || sealPacket(body.value).checksum !== checksum) {
    throw new UserError('refused', `${fileName} was changed outside Wave Planner (its checksum does not match), so it cannot be trusted. Ask the site lead to save it again from the app.`);
  }
  return { ...body.value, checksum };
}

function openForPlan(h: ReadHandle, fileName: string, text: string): SealedPacket {
  const packet = openPacket(fileName, text);
  const plan = requirePlanRow(h);
  if (packet.planId !== plan.uid) throw new UserError('refused', `${fileName} belongs to another plan: "${packet.planName}" (plan id ${packet.planId.slice(0, 8)}), not the open plan "${plan.name}" (plan id ${plan.uid.slice(0, 8)}).`);
  return packet;
}

function planSide(h: ReadHandle, packet: PacketBody) {
  const site = getSite(h, packet.site.code);
  const items = readChecklist(h, site.code);
  return { site, items, side: { readiness: site.readiness, checklist: new Map(items.map((i) => [i.taskKey, { status: i.status, note: i.note }])) } };
}

export function previewPacket(h: ReadHandle, fileName: string, text: string): PacketPreview {
  const packet = openForPlan(h, fileName, text);
  const { side } = planSide(h, packet);
  return { fileName, site: packet.site, createdAt: packet.createdAt, changes: packetChanges(packet, side) };
}

/** Merges a returned packet. Every conflict needs a decision: keep the plan's value, or take the packet's. */
export function importPacket(plan: PlanFile, fileName: string, text: string, decisions: Record<string, 'plan' | 'packet'>): Promise<Committed<PacketImportSummary>> {
  return plan.mutate({ label: `Merge ${fileName}`, source: 'packet' }, (h) => {
    const packet = openForPlan(h, fileName, text);
    const { site, items, side } = planSide(h, packet);
    const changes = packetChanges(packet, side);
    const undecided = changes.filter((c) => c.conflict && !decisions[c.key]);
    if (undecided.length) throw new UserError('refused', `Decide ${undecided.length === 1 ? 'the conflict' : `the ${undecided.length} conflicts`} first: ${undecided.map((c) => c.label).join('; ')}.`);
    const taken = changes.filter((c) => !c.conflict || decisions[c.key] === 'packet');
    const siteId = siteIdOf(h, site.code)!;
    for (const change of taken) {
      const [kind, key] = [change.key.slice(0, change.key.indexOf(':')), change.key.slice(change.key.indexOf(':') + 1)];
      if (kind === 'readiness') {
        const r = packet.readiness.find((x) => x.dimension === key)!;
        const before = site.readiness[key] ?? { score: null, targetDate: null };
        appendReadiness(h, { siteId, dimension: key, score: r.value.score, targetDate: r.value.targetDate, comment: r.comment || `From the site lead's packet (${fileName})` });
        h.audit.recordChanges('readiness', `${site.code}/${key}`, before, r.value);
      } else {
        const item = items.find((i) => i.taskKey === key)!;
        const c = packet.checklist.find((x) => x.taskKey === key)!;
        updateChecklistItem(h, item.id, { status: c.value.status, note: c.value.note });
      }
    }
    h.audit.record('site', site.code, 'packet', null, `${fileName}: ${taken.length} change${taken.length === 1 ? '' : 's'} taken, ${changes.length - taken.length} kept as planned`);
    return { site: site.code, taken: taken.length, kept: changes.length - taken.length };
  });
}
