/**
 * `wave-plan` version 2 (PRODUCT.md section 4): the whole plan, so that nothing a user made stays
 * behind in the `.waveplan` file. Beside version 1's content it carries the plan's identity, each
 * site's readiness history and checklist, the schedule's locks, pins and lighthouse override,
 * baselines, the playbook's earlier versions and scenarios. This module holds its schema and the
 * conversion between the document and the plan's content plus its record.
 */
import { scenarioSchema, type Scenario } from './scenario';
import { z } from 'zod';
import {
  checklistStatusSchema,
  codeSchema,
  crewSchema,
  dateWindowSchema,
  erpSchema,
  isoDateSchema,
  longTextSchema,
  nameSchema,
  playbookTaskSchema,
  readinessDimensionSchema,
  scoreSchema,
  shortTextSchema,
  siteSchema,
  type PlaybookTask,
  type ReadinessValue,
} from './domain';
import type { LockedWave } from './scheduler/types';
import { settingsPatchSchema } from './settings';

const instantSchema = z.iso.datetime({ offset: true, error: 'must be a time written like 2026-11-23T09:30:00Z' });
const waveNumberSchema = z.number({ error: 'must be a wave number' }).int('must be a whole number').min(0, 'must not be negative');

export const readinessHistoryItemSchema = z.strictObject({
  dimension: z.string().max(40),
  score: scoreSchema.nullable(),
  targetDate: isoDateSchema.nullable(),
  comment: longTextSchema.default(''),
  by: shortTextSchema,
  at: instantSchema,
});
export type ReadinessHistoryItem = z.infer<typeof readinessHistoryItemSchema>;

export const checklistEntrySchema = z.strictObject({
  task: z.string().max(60),
  dueDate: isoDateSchema,
  status: checklistStatusSchema,
  owner: shortTextSchema.default(''),
  note: longTextSchema.default(''),
  completedAt: instantSchema.nullable().default(null),
});
export type ChecklistEntry = z.infer<typeof checklistEntrySchema>;

const placementSchema = z.strictObject({ site: codeSchema, wave: waveNumberSchema.nullable(), goLive: isoDateSchema.nullable() });

const lockedWaveSchema = z.strictObject({
  number: waveNumberSchema,
  windowStart: isoDateSchema,
  windowEnd: isoDateSchema,
  prepLeadDays: z.number().int('must be a whole number').min(0),
  sites: z.array(z.strictObject({ site: codeSchema, goLive: isoDateSchema })),
});

const playbookVersionSchema = z.strictObject({
  version: z.number().int('must be a whole number').min(1, 'must be 1 or more'),
  note: shortTextSchema.default(''),
  createdAt: instantSchema,
  tasks: z.array(playbookTaskSchema),
});

export const baselineSchema = z.strictObject({
  name: nameSchema,
  savedAt: instantSchema,
  asOf: isoDateSchema,
  sites: z.array(placementSchema),
});

/** A site as version 2 writes it: its pins move to `schedule.pins`; its history and checklist join it. */
const siteV2Schema = siteSchema.omit({ pinnedWave: true, pinnedGoLive: true }).extend({
  readinessHistory: z.array(readinessHistoryItemSchema).default([]),
  checklist: z.array(checklistEntrySchema).default([]),
});

export const wavePlanV2Schema = z.strictObject({
  format: z.literal('wave-plan'),
  version: z.literal(2),
  plan: z.strictObject({
    /** The plan's identity, kept through export and import so calendar UIDs and packets stay valid. */
    id: z.string().regex(/^[A-Za-z0-9-]{8,64}$/, 'must be the plan id an export wrote (letters, digits and "-")'),
    name: nameSchema,
    startDate: isoDateSchema,
    settings: settingsPatchSchema.default({}),
    holidays: z.array(isoDateSchema).default([]),
    freezeWindows: z.array(dateWindowSchema).default([]),
    crews: z.array(crewSchema).max(200).default([]),
  }),
  readinessDimensions: z.array(readinessDimensionSchema).min(1, 'needs at least one readiness dimension'),
  erps: z.array(erpSchema).default([]),
  sites: z.array(siteV2Schema).default([]),
  playbook: playbookVersionSchema.extend({ earlierVersions: z.array(playbookVersionSchema).default([]) }),
  schedule: z
    .strictObject({
      lighthouseOverride: codeSchema.nullable().default(null),
      lockedWaves: z.array(lockedWaveSchema).default([]),
      pins: z.array(z.strictObject({ site: codeSchema, wave: waveNumberSchema, goLive: isoDateSchema.nullable().default(null) })).default([]),
      /** The order in which ERPs are brought in, when not rule 10's (an adopted optimised sequence). */
      erpOrder: z.array(codeSchema).max(1_000).default([]),
    })
    .default({ lighthouseOverride: null, lockedWaves: [], pins: [], erpOrder: [] }),
  baselines: z.array(baselineSchema).default([]),
  scenarios: z.array(scenarioSchema).max(200, 'must hold at most 200 scenarios').default([]),
});
export type WavePlanV2Document = z.output<typeof wavePlanV2Schema>;

/** What a plan holds beyond its version 1 content: its history and its schedule's decisions. */
export interface PlanRecord {
  readinessHistory: (ReadinessHistoryItem & { site: string })[];
  checklist: (ChecklistEntry & { site: string })[];
  lockedWaves: LockedWave[];
  playbook: { note: string; createdAt: string; earlierVersions: { version: number; note: string; createdAt: string; tasks: PlaybookTask[] }[] };
  baselines: z.output<typeof baselineSchema>[];
  scenarios: Scenario[];
}

/** The content a document describes, in the shape the rest of the app reads (see interchange.ts). */
export interface ContentOfDocument {
  id: string;
  lighthouseOverride: string | null;
  pins: Map<string, { wave: number; goLive: string | null }>;
  /** Each site's current readiness: the latest history entry per dimension. */
  readiness: Map<string, Record<string, ReadinessValue>>;
  record: PlanRecord;
}

const bySite = <T extends { site: string }>(items: T[]): Map<string, Omit<T, 'site'>[]> => {
  const out = new Map<string, Omit<T, 'site'>[]>();
  for (const { site, ...rest } of items) {
    const key = site.toLowerCase();
    const list = out.get(key) ?? [];
    list.push(rest);
    out.set(key, list);
  }
  return out;
};

/** The parts of a version 2 document that version 1's content has no place for. */
export function recordOfDocument(doc: WavePlanV2Document): ContentOfDocument {
  const readiness = new Map<string, Record<string, ReadinessValue>>();
  for (const site of doc.sites) {
    const current: Record<string, ReadinessValue> = {};
    for (const entry of site.readinessHistory) current[entry.dimension] = { score: entry.score, targetDate: entry.targetDate };
    readiness.set(site.code.toLowerCase(), current);
  }
  return {
    id: doc.plan.id,
    lighthouseOverride: doc.schedule.lighthouseOverride,
    pins: new Map(doc.schedule.pins.map((p) => [p.site.toLowerCase(), { wave: p.wave, goLive: p.goLive }])),
    readiness,
    record: {
      readinessHistory: doc.sites.flatMap((s) => s.readinessHistory.map((entry) => ({ site: s.code, ...entry }))),
      checklist: doc.sites.flatMap((s) => s.checklist.map((entry) => ({ site: s.code, ...entry }))),
      lockedWaves: doc.schedule.lockedWaves,
      playbook: { note: doc.playbook.note, createdAt: doc.playbook.createdAt, earlierVersions: doc.playbook.earlierVersions },
      baselines: doc.baselines,
      scenarios: doc.scenarios,
    },
  };
}

/** Per site, what version 2 adds to its version 1 fields. */
export function siteAdditions(record: Pick<PlanRecord, 'readinessHistory' | 'checklist'>): { history: Map<string, ReadinessHistoryItem[]>; checklist: Map<string, ChecklistEntry[]> } {
  return { history: bySite(record.readinessHistory), checklist: bySite(record.checklist) };
}
