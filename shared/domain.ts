/** Domain vocabulary of PRODUCT.md section 2: zod schemas, and the types inferred from them. */
import { z } from 'zod';
import { DAY_RANGE_MESSAGE, isIsoDate, isPlanDay } from './dates';

export const isoDateSchema = z
  .string({ error: 'must be a date written YYYY-MM-DD' })
  .refine(isIsoDate, { message: 'must be a real calendar date written YYYY-MM-DD', abort: true })
  .refine(isPlanDay, { message: DAY_RANGE_MESSAGE })
  // For the JSON Schema, which cannot run the check above.
  .meta({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' });

export const codeSchema = z
  .string({ error: 'must be a text code' })
  .trim()
  .min(1, 'must not be empty')
  .max(40, 'must be at most 40 characters')
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'may hold only letters, digits, ".", "_" and "-"');

export const shortTextSchema = z.string({ error: 'must be text' }).max(200, 'must be at most 200 characters');
export const longTextSchema = z.string({ error: 'must be text' }).max(20_000, 'must be at most 20,000 characters');
export const nameSchema = shortTextSchema.trim().min(1, 'must not be empty');

export const CONNECTOR_STATUSES = ['not-started', 'in-build', 'validated'] as const;
export const connectorStatusSchema = z.enum(CONNECTOR_STATUSES, {
  error: `must be one of ${CONNECTOR_STATUSES.join(', ')}`,
});
export type ConnectorStatus = z.infer<typeof connectorStatusSchema>;

export const likertSchema = z
  .number({ error: 'must be a whole number from 1 to 5' })
  .int('must be a whole number from 1 to 5')
  .min(1, 'must be a whole number from 1 to 5')
  .max(5, 'must be a whole number from 1 to 5');

export const scoreSchema = z
  .number({ error: 'must be a number from 0 to 100' })
  .min(0, 'must be between 0 and 100')
  .max(100, 'must be between 0 and 100');

export const dateWindowSchema = z
  .strictObject({ from: isoDateSchema, to: isoDateSchema, reason: shortTextSchema.default('') })
  .refine((w) => w.from <= w.to, { message: '"from" must not be after "to"', path: ['to'] });
export type DateWindow = z.infer<typeof dateWindowSchema>;

export const emailSchema = z
  .string({ error: 'must be text' })
  .max(200, 'must be at most 200 characters')
  .refine((v) => v === '' || /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v), { message: 'must be an e-mail address' });

export const timezoneSchema = z
  .string({ error: 'must be an IANA time zone such as Europe/Berlin' })
  .regex(/^(UTC|[A-Za-z_]+(\/[A-Za-z0-9_+-]+)+)$/, 'must be an IANA time zone such as Europe/Berlin');

export const erpSchema = z.strictObject({
  code: codeSchema,
  name: nameSchema,
  vendor: shortTextSchema.default(''),
  version: shortTextSchema.default(''),
  connectorStatus: connectorStatusSchema,
  connectorReadyDate: isoDateSchema.nullable().default(null),
  notes: longTextSchema.default(''),
});
export type Erp = z.infer<typeof erpSchema>;

export const readinessValueSchema = z.strictObject({
  score: scoreSchema.nullable().default(null),
  targetDate: isoDateSchema.nullable().default(null),
});
export type ReadinessValue = z.infer<typeof readinessValueSchema>;

export const siteSchema = z.strictObject({
  code: codeSchema,
  name: nameSchema,
  region: shortTextSchema.default(''),
  country: shortTextSchema.default(''),
  timezone: timezoneSchema.default('UTC'),
  erp: codeSchema,
  headcount: z.number({ error: 'must be a whole number' }).int('must be a whole number').min(0, 'must not be negative').default(0),
  siteLead: z
    .strictObject({ name: shortTextSchema.default(''), email: emailSchema.default('') })
    .default({ name: '', email: '' }),
  leadershipWillingness: likertSchema,
  workflowRepresentativeness: likertSchema,
  technicalSophistication: likertSchema,
  earliestGoLive: isoDateSchema.nullable().default(null),
  blackouts: z.array(dateWindowSchema).default([]),
  predecessors: z.array(codeSchema).default([]),
  pinnedWave: z.number({ error: 'must be a wave number or null' }).int('must be a whole number').min(0, 'must not be negative').nullable().default(null),
  /** The go-live day the program manager set by hand (with `pinnedWave`), kept on re-plan. */
  pinnedGoLive: isoDateSchema.nullable().default(null),
  excluded: z.boolean({ error: 'must be true or false' }).default(false),
  notes: longTextSchema.default(''),
  readiness: z.record(z.string(), readinessValueSchema).default({}),
});
export type Site = z.infer<typeof siteSchema>;

export const readinessDimensionSchema = z.strictObject({
  key: z.string().regex(/^[a-z][A-Za-z0-9]*$/, 'must start with a lowercase letter and hold only letters and digits').max(40),
  label: nameSchema,
  weight: z.number({ error: 'must be a number' }).min(0, 'must not be negative').max(100, 'must be at most 100'),
  threshold: scoreSchema,
});
export type ReadinessDimension = z.infer<typeof readinessDimensionSchema>;

export const CREW_PHASES = ['prep', 'cutover', 'hypercare', 'rollout'] as const;
export type CrewPhase = (typeof CREW_PHASES)[number];

/** A shared team that serves several sites at once (rule 13): at most `size` sites on any one day. */
export const crewSchema = z.strictObject({
  name: nameSchema,
  size: z.number({ error: 'must be a whole number from 1 to 1000' }).int('must be a whole number from 1 to 1000').min(1, 'must be a whole number from 1 to 1000').max(1000, 'must be a whole number from 1 to 1000'),
  phase: z.enum(CREW_PHASES, { error: `must be one of ${CREW_PHASES.join(', ')}` }),
  notes: longTextSchema.default(''),
});
export type Crew = z.infer<typeof crewSchema>;

export const APPLIES_TO = ['all', 'lighthouse', 'first-on-erp', 'followers'] as const;
export const playbookTaskSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'must hold only lowercase letters, digits and "-"').max(60),
  title: nameSchema,
  phase: nameSchema,
  ownerRole: nameSchema,
  offsetDays: z.number().int('must be a whole number').min(-730).max(730),
  durationDays: z.number().int('must be a whole number').min(0).max(730),
  appliesTo: z.enum(APPLIES_TO, { error: `must be one of ${APPLIES_TO.join(', ')}` }),
  gate: z.boolean({ error: 'must be true or false' }),
});
export type PlaybookTask = z.infer<typeof playbookTaskSchema>;

export const CHECKLIST_STATUSES = ['todo', 'doing', 'done', 'blocked', 'n/a'] as const;
export type ChecklistStatus = (typeof CHECKLIST_STATUSES)[number];

export const checklistStatusSchema = z.enum(CHECKLIST_STATUSES, { error: `must be one of ${CHECKLIST_STATUSES.join(', ')}` });

export interface ChecklistItem {
  id: number;
  site: string;
  taskKey: string;
  playbookVersion: number;
  title: string;
  dueDate: string;
  status: ChecklistStatus;
  owner: string;
  note: string;
  completedAt: string | null;
}

export const AUDIT_SOURCES = ['ui', 'import', 'packet', 'cli', 'sync'] as const;
export type AuditSource = (typeof AUDIT_SOURCES)[number];

export interface AuditEntry {
  id: number;
  at: string;
  actor: string;
  entity: string;
  entityId: string;
  field: string;
  oldValue: string | null;
  newValue: string | null;
  source: AuditSource;
  /** An edit, or the undo or redo of one (its old and new values then say what was put back). */
  action: 'edit' | 'undo' | 'redo';
}

export interface ReadinessHistoryEntry {
  id: number;
  site: string;
  dimension: string;
  score: number | null;
  targetDate: string | null;
  comment: string;
  actor: string;
  recordedAt: string;
  source: AuditSource;
}

type PatchShape<S extends z.ZodRawShape> = {
  [K in keyof S]: z.ZodOptional<S[K] extends z.ZodDefault<infer Inner extends z.ZodType> ? Inner : S[K]>;
};

/** Every field optional and without its default: an edit names only what it changes. */
export function patchOf<S extends z.ZodRawShape>(schema: z.ZodObject<S>): z.ZodObject<PatchShape<S>, z.core.$strict> {
  const shape = Object.fromEntries(
    Object.entries(schema.shape).map(([key, field]) => {
      const base = field instanceof z.ZodDefault ? (field.unwrap() as z.ZodType) : (field as z.ZodType);
      return [key, base.optional()];
    }),
  );
  return z.strictObject(shape) as unknown as z.ZodObject<PatchShape<S>, z.core.$strict>;
}
