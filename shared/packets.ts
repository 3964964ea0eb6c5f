/**
 * Site-lead readiness packets: one site's readiness and open checklist items, taken offline to the
 * site lead and brought back. A packet keeps the values it was made with next to the lead's edits,
 * so that merging it back can tell the lead's changes from the plan's, and a value changed on both
 * sides since the packet was made is a conflict for the program manager to decide.
 */
import { z } from 'zod';
import { checklistStatusSchema, codeSchema, isoDateSchema, longTextSchema, nameSchema, scoreSchema, shortTextSchema, type ChecklistStatus } from './domain';

export const PACKET_FORMAT = 'wave-packet';
export const PACKET_VERSION = 1;

const readinessValue = z.strictObject({ score: scoreSchema.nullable(), targetDate: isoDateSchema.nullable() });

export const packetBodySchema = z.strictObject({
  format: z.literal(PACKET_FORMAT, { error: `must be "${PACKET_FORMAT}"` }),
  version: z.literal(PACKET_VERSION, { error: `must be ${PACKET_VERSION}` }),
  planId: z.string().min(1).max(100),
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
});
export type PacketBody = z.infer<typeof packetBodySchema>;

/** A packet as saved: its body and the SHA-256 of the body's canonical text. */
export interface SealedPacket extends PacketBody {
  checksum: string;
}

/** The text a checksum is taken of: the body's fields in a fixed order. */
export function canonicalPacketText(body: PacketBody): string {
  const { format, version, planId, planName, createdAt, site, dimensions, readiness, checklist } = body;
  return JSON.stringify({ format, version, planId, planName, createdAt, site, dimensions, readiness, checklist });
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

/** What merging the packet would change: every value the lead changed, with the conflicts marked. */
export function packetChanges(packet: PacketBody, plan: PlanSideOfPacket): PacketChange[] {
  const labels = new Map(packet.dimensions.map((d) => [d.key, d.label]));
  const changes: PacketChange[] = [];
  for (const r of packet.readiness) {
    if (same(r.value, r.original)) continue;
    const now = plan.readiness[r.dimension] ?? { score: null, targetDate: null };
    if (same(now, r.value)) continue;
    changes.push({ key: `readiness:${r.dimension}`, label: `Readiness: ${labels.get(r.dimension) ?? r.dimension}`, plan: showReadiness(now), packet: showReadiness(r.value), conflict: !same(now, r.original) });
  }
  for (const c of packet.checklist) {
    if (same(c.value, c.original)) continue;
    const now = plan.checklist.get(c.taskKey);
    if (!now || same(now, c.value)) continue;
    changes.push({ key: `checklist:${c.taskKey}`, label: `Checklist: ${c.title}`, plan: showItem(now), packet: showItem(c.value), conflict: !same(now, c.original) });
  }
  return changes;
}
