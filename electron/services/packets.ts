/**
 * Readiness packets on the backend: made from the plan (each recorded with a random key), sealed
 * with an HMAC under that key, opened (refused when tampered with), and merged back with the audit
 * source `packet`, conflicts decided by the program manager. A packet the plan did not send — from
 * another plan or a copy of this one, for another site, edited outside the app, merged already —
 * is refused.
 */
import { createHmac, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import type { DownloadFile, PacketPreview, PacketImportSummary } from '../../shared/contract';
import { parseJsonText, parseWithProblems } from '../../shared/interchange';
import { canonicalPacketText, packetBodySchema, packetChanges, PACKET_FORMAT, PACKET_VERSION, type PacketBody, type SealedPacket, type SentValues } from '../../shared/packets';
import type { Committed } from '../../shared/changes';
import { UserError } from './errors';
import { downloadOf, safeFileStem } from './download-file';
import { readChecklist, updateChecklistItem } from './plan/checklists';
import type { ReadHandle, WriteHandle } from './plan/handles';
import { requirePlanRow } from './plan/plan-settings';
import type { PlanFile } from './plan/plan-file';
import { readPlaybook } from './plan/playbooks';
import { appendReadiness, readDimensions } from './plan/readiness';
import { readCurrentSchedule } from './plan/schedules';
import { getSite, siteIdOf } from './plan/sites';

const OPEN = new Set(['todo', 'doing', 'blocked']);

const macOf = (body: PacketBody, key: string) => createHmac('sha256', Buffer.from(key, 'base64url')).update(canonicalPacketText(body)).digest('hex');

/** Seals a packet as the site lead's app does: an HMAC of its content under the packet's own key. */
export function sealPacket(body: PacketBody): SealedPacket {
  return { ...body, mac: macOf(body, body.key) };
}

const sameMac = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

export function packetFile(packet: SealedPacket): DownloadFile {
  return downloadOf(`${safeFileStem(`${packet.site.code} readiness`)}.wavepacket`, 'application/json', `${JSON.stringify(packet, null, 2)}\n`);
}

/** Makes a packet for a site and records that the plan sent it: its id, key and the values sent. */
export function makePacket(h: WriteHandle, code: string, now = new Date()): SealedPacket {
  const site = getSite(h, code);
  const plan = requirePlanRow(h);
  const dimensions = readDimensions(h);
  const gates = new Set(readPlaybook(h).tasks.filter((t) => t.gate).map((t) => t.id));
  const body: PacketBody = {
    format: PACKET_FORMAT,
    version: PACKET_VERSION,
    planId: plan.uid,
    packetId: randomUUID(),
    key: randomBytes(32).toString('base64url'),
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
  const sent: SentValues = {
    readiness: Object.fromEntries(body.readiness.map((r) => [r.dimension, r.original])),
    checklist: Object.fromEntries(body.checklist.map((c) => [c.taskKey, c.original])),
  };
  h.run('INSERT INTO sent_packets (id, site_id, packet_key, sent_json, created_at) VALUES (?, ?, ?, ?, ?)', body.packetId, siteIdOf(h, site.code), body.key, JSON.stringify(sent), body.createdAt);
  h.audit.record('site', site.code, 'packet sent', null, body.packetId);
  return sealPacket(body);
}

/** Packets for one site, or for every site of a wave of the current schedule. */
export function makePackets(h: WriteHandle, target: { site?: string | undefined; wave?: number | undefined }): DownloadFile[] {
  if (target.site) return [packetFile(makePacket(h, target.site))];
  const schedule = readCurrentSchedule(h);
  const wave = schedule?.schedule.waves.find((w) => w.number === target.wave);
  if (!wave) throw new UserError('not-found', `There is no wave ${target.wave} in the current schedule.`);
  return wave.sites.map((s) => packetFile(makePacket(h, s.site)));
}

const tampered = (fileName: string) =>
  new UserError('refused', `${fileName} was changed outside Wave Planner (its seal does not match its content), so it cannot be trusted. Ask the site lead to save it again from the app.`);

/** Reads a packet file: its shape, then its seal under the key it carries (what the site lead's app can check). */
export function openPacket(fileName: string, text: string): SealedPacket {
  const parsed = parseJsonText(text);
  if (!parsed.ok) throw new UserError('invalid-input', `${fileName} is not a readiness packet: ${parsed.problems[0]!.message}.`);
  const value = parsed.value as Record<string, unknown> | null;
  if (!value || typeof value !== 'object' || value.format !== PACKET_FORMAT) throw new UserError('invalid-input', `${fileName} is not a readiness packet (a .wavepacket file made by Wave Planner).`);
  const { mac, ...rest } = value;
  const body = parseWithProblems(packetBodySchema, rest);
  if (!body.ok) throw new UserError('invalid-input', `${fileName}: ${body.problems[0]!.path} ${body.problems[0]!.message}.`, body.problems);
  if (typeof mac !== 'string' || !sameMac(macOf(body.value, body.value.key), mac)) throw tampered(fileName);
  return { ...body.value, mac };
}

interface SentPacket {
  site_code: string;
  packet_key: string;
  sent_json: string;
  created_at: string;
  merged_at: string | null;
}

/** A packet checked against the plan's record of sending it; with the values sent. */
function openForPlan(h: ReadHandle, fileName: string, text: string): { packet: SealedPacket; sent: SentValues } {
  const packet = openPacket(fileName, text);
  const plan = requirePlanRow(h);
  if (packet.planId !== plan.uid) throw new UserError('refused', `${fileName} belongs to another plan: "${packet.planName}" (plan id ${packet.planId.slice(0, 8)}), not the open plan "${plan.name}" (plan id ${plan.uid.slice(0, 8)}).`);
  const record = h.get<SentPacket>('SELECT s.code AS site_code, p.packet_key, p.sent_json, p.created_at, p.merged_at FROM sent_packets p JOIN sites s ON s.id = p.site_id WHERE p.id = ?', packet.packetId);
  if (!record) throw new UserError('refused', `${fileName} was not sent from this plan: it may have been made from a copy of the plan, or its sending was undone. Send the site lead a new packet.`);
  if (record.site_code.toLowerCase() !== packet.site.code.toLowerCase()) throw new UserError('refused', `${fileName} names site ${packet.site.code}, but the plan sent it for ${record.site_code}: it cannot be trusted.`);
  // Under the key the plan recorded: a key changed in the file does not help.
  if (!sameMac(macOf(packet, record.packet_key), packet.mac)) throw tampered(fileName);
  if (record.merged_at) throw new UserError('refused', `${fileName} was already merged, on ${record.merged_at.slice(0, 16).replace('T', ' ')} UTC. Nothing was changed.`);
  return { packet, sent: JSON.parse(record.sent_json) as SentValues };
}

function planSide(h: ReadHandle, packet: PacketBody) {
  const site = getSite(h, packet.site.code);
  const items = readChecklist(h, site.code);
  return { site, items, side: { readiness: site.readiness, checklist: new Map(items.map((i) => [i.taskKey, { status: i.status, note: i.note }])) } };
}

export function previewPacket(h: ReadHandle, fileName: string, text: string): PacketPreview {
  const { packet, sent } = openForPlan(h, fileName, text);
  const { side } = planSide(h, packet);
  return { fileName, site: packet.site, createdAt: packet.createdAt, changes: packetChanges(packet, side, sent) };
}

/** Merges a returned packet. Every conflict needs a decision: keep the plan's value, or take the packet's. */
export function importPacket(plan: PlanFile, fileName: string, text: string, decisions: Record<string, 'plan' | 'packet'>): Promise<Committed<PacketImportSummary>> {
  return plan.mutate({ label: `Merge ${fileName}`, source: 'packet' }, (h) => {
    const { packet, sent } = openForPlan(h, fileName, text);
    const { site, items, side } = planSide(h, packet);
    const changes = packetChanges(packet, side, sent);
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
    h.run('UPDATE sent_packets SET merged_at = ? WHERE id = ?', h.audit.context.at, packet.packetId);
    h.audit.record('site', site.code, 'packet', null, `${fileName}: ${taken.length} change${taken.length === 1 ? '' : 's'} taken, ${changes.length - taken.length} kept as planned`);
    return { site: site.code, taken: taken.length, kept: changes.length - taken.length };
  });
}
