/**
 * Site-lead readiness packets: one site's readiness and open checklist items, taken offline to the
 * site lead and brought back. The plan records every packet it sends (its id, site, the values sent
 * and a random key that travels in the packet); the site lead's app seals the packet with an HMAC
 * under that key. Merging it back checks the packet against the plan's record — the right plan,
 * the right site, a packet this plan sent and not merged yet, sealed with its key — and tells the
 * lead's changes from the plan's by the values the plan sent: a value changed on both sides since is
 * a conflict for the program manager to decide.
 */
import { z } from 'zod';
import { checklistStatusSchema, codeSchema, isoDateSchema, longTextSchema, nameSchema, scoreSchema, shortTextSchema, type ChecklistStatus } from './domain';

export const PACKET_FORMAT = 'wave-packet';
export const PACKET_VERSION = 2;

const readinessValue = z.strictObject({ score: scoreSchema.nullable(), targetDate: isoDateSchema.nullable() });

export const packetBodySchema = z.strictObject({
  format: z.literal(PACKET_FORMAT, { error: `must be "${PACKET_FORMAT}"` }),
  version: z.literal(PACKET_VERSION, { error: `must be ${PACKET_VERSION} (a packet made by an older Wave Planner: make a new one)` }),
  planId: z.string().min(1).max(100),
  /** This packet, as the plan recorded sending it. */
  packetId: z.string().regex(/^[0-9a-f-]{36}$/, 'must be the packet id the plan wrote'),
  /** The key the site lead's app seals the packet with (base64url, 32 bytes). */
  key: z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'must be the key the plan wrote'),
  planName: nameSchema,
  createdAt: z.string().max(40),
  site: z.strictObject({ code: codeSchema, name: nameSchema }),
  dimensions: z.array(z.strictObject({ key: z.string().max(40), label: nameSchema, threshold: scoreSchema })).max(100),
  readiness: z.array(
    z.strictObject({
      dimension: z.string().max(40),
      /** As the plan had it when the packet was made. */
      original: readinessValue,
      /** As the site lead left it. */
      value: readinessValue,
      comment: longTextSchema,
    }),
  ).max(100),
  checklist: z.array(
    z.strictObject({
      taskKey: z.string().max(80),
      title: shortTextSchema,
      dueDate: isoDateSchema,
      gate: z.boolean(),
      original: z.strictObject({ status: checklistStatusSchema, note: longTextSchema }),
      value: z.strictObject({ status: checklistStatusSchema, note: longTextSchema }),
    }),
  ).max(1000),
})
  .superRefine((body, ctx) => {
    // Each dimension and item once, and only the dimensions the packet names: a merge could not tell which to take.
    const known = new Set(body.dimensions.map((d) => d.key));
    const seen = new Set<string>();
    body.readiness.forEach((r, i) => {
      if (!known.has(r.dimension)) ctx.addIssue({ code: 'custom', path: ['readiness', i, 'dimension'], message: `names the readiness dimension "${r.dimension}", which the packet does not have` });
      else if (seen.has(r.dimension)) ctx.addIssue({ code: 'custom', path: ['readiness', i, 'dimension'], message: `names the readiness dimension "${r.dimension}" twice` });
      seen.add(r.dimension);
    });
    const items = new Set<string>();
    body.checklist.forEach((c, i) => {
      if (items.has(c.taskKey)) ctx.addIssue({ code: 'custom', path: ['checklist', i, 'taskKey'], message: `names the checklist item "${c.taskKey}" twice` });
      items.add(c.taskKey);
    });
  });
export type PacketBody = z.infer<typeof packetBodySchema>;

/** A packet as saved: its body and the HMAC-SHA256 of the body's canonical text under its key. */
export interface SealedPacket extends PacketBody {
  mac: string;
}

/** The text the HMAC is taken of: the body's fields in a fixed order. */
export function canonicalPacketText(body: PacketBody): string {
  const { format, version, planId, packetId, key, planName, createdAt, site, dimensions, readiness, checklist } = body;
  return JSON.stringify({ format, version, planId, packetId, key, planName, createdAt, site, dimensions, readiness, checklist });
}

/** The values the plan sent in a packet, which a merge measures the lead's changes and conflicts against. */
export interface SentValues {
  readiness: Record<string, { score: number | null; targetDate: string | null }>;
  checklist: Record<string, { status: ChecklistStatus; note: string }>;
}

export interface PacketChange {
  /** `readiness:<dimension>` or `checklist:<taskKey>`. */
  key: string;
  label: string;
  plan: string;
  packet: string;
  /** Changed in the plan and in the packet since the packet was made, to different values. */
  conflict: boolean;
}

export interface PlanSideOfPacket {
  readiness: Record<string, { score: number | null; targetDate: string | null }>;
  checklist: Map<string, { status: ChecklistStatus; note: string }>;
}

const showReadiness = (v: { score: number | null; targetDate: string | null }) => `${v.score ?? 'unknown'}${v.targetDate ? ` (target ${v.targetDate})` : ''}`;
const showItem = (v: { status: string; note: string }) => `${v.status}${v.note ? ` · ${v.note}` : ''}`;
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * What merging the packet would change: every value the lead changed from what the plan sent, with
 * the conflicts marked (changed in the plan too since, to something else). The packet's own
 * `original` values are the lead's view only: editing them cannot hide a conflict.
 */
export function packetChanges(packet: PacketBody, plan: PlanSideOfPacket, sent: SentValues): PacketChange[] {
  const labels = new Map(packet.dimensions.map((d) => [d.key, d.label]));
  const changes: PacketChange[] = [];
  for (const r of packet.readiness) {
    const original = sent.readiness[r.dimension] ?? { score: null, targetDate: null };
    if (same(r.value, original)) continue;
    const now = plan.readiness[r.dimension] ?? { score: null, targetDate: null };
    if (same(now, r.value)) continue;
    changes.push({ key: `readiness:${r.dimension}`, label: `Readiness: ${labels.get(r.dimension) ?? r.dimension}`, plan: showReadiness(now), packet: showReadiness(r.value), conflict: !same(now, original) });
  }
  for (const c of packet.checklist) {
    const original = sent.checklist[c.taskKey];
    if (!original || same(c.value, original)) continue;
    const now = plan.checklist.get(c.taskKey);
    if (!now || same(now, c.value)) continue;
    changes.push({ key: `checklist:${c.taskKey}`, label: `Checklist: ${c.title}`, plan: showItem(now), packet: showItem(c.value), conflict: !same(now, original) });
  }
  return changes;
}
