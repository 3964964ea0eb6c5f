/**
 * The one typed contract between the UI and the backend. Every operation has a name, a zod schema
 * for its input and the type of its output. The Electron IPC handlers, the web-mode HTTP server and
 * the command line all dispatch through it; the renderer sees it as one API object.
 */
import { z } from 'zod';
import {
  AUDIT_SOURCES,
  codeSchema,
  dateWindowSchema,
  erpSchema,
  isoDateSchema,
  longTextSchema,
  nameSchema,
  patchOf,
  playbookTaskSchema,
  scoreSchema,
  shortTextSchema,
  siteSchema,
  checklistStatusSchema,
  type AuditEntry,
  type ChecklistItem,
  type DateWindow,
  type Erp,
  type PlaybookTask,
  type ReadinessDimension,
  type ReadinessHistoryEntry,
  type Site,
} from './domain';
import { OPERATION_NAMES, type OperationName } from './operation-names';
import { packetBodySchema, type PacketChange, type SealedPacket } from './packets';
import type { SlipRow } from './report/report-model';
import type { WaveSchedule } from './scheduler/types';
import type { SheetKind } from './sheets/fields';
import type { SheetProblem } from './sheets/sheet-import';
import { settingsPatchSchema, type PlanSettings } from './settings';

export { OPERATION_NAMES, type OperationName };

/** An operation: its input schema, and its output type carried as a phantom. */
export interface Operation<I extends z.ZodType, O> {
  readonly input: I;
  readonly output?: O;
}

function op<O>() {
  return <I extends z.ZodType>(input: I): Operation<I, O> => ({ input });
}

const noInput = z.strictObject({}).optional();

export interface PlanInfo {
  path: string;
  fileName: string;
  uid: string;
  name: string;
  startDate: string;
  settings: PlanSettings;
  holidays: string[];
  freezeWindows: DateWindow[];
  lighthouseOverride: string | null;
  counts: { sites: number; activeSites: number; erps: number };
  schemaVersion: number;
  actor: string;
  /** What the user should know about this file (on a network drive, no write-ahead log). */
  warnings: string[];
}

export interface RecentPlan {
  path: string;
  name: string;
  openedAt: string;
}

export interface Playbook {
  version: number;
  tasks: PlaybookTask[];
}

export interface ExportedFile {
  fileName: string;
  mimeType: string;
  content: string;
}

export interface ImportSummary {
  fileName: string;
  sites: number;
  erps: number;
  backupPath: string | null;
}

export interface BackupInfo {
  file: string;
  path: string;
  takenAt: string;
  /** Why it was taken: "open", "editing", "before import", "before restore", … */
  reason: string;
  bytes: number;
}

export interface BaselineComparison {
  name: string;
  asOf: string;
  /** The sites whose go-live moved since the baseline, latest first. */
  rows: SlipRow[];
  /** Sites of the baseline that go live on the same day now. */
  unchanged: number;
}

export interface BaselineSummary {
  name: string;
  createdAt: string;
  asOf: string;
  sites: number;
}

/** How one sheet of an imported file is read: as sites or ERPs, and the field each column holds. */
export interface SheetChoice {
  source: string;
  kind: SheetKind;
  mapping: (string | null)[];
}

export interface SheetChangeSummary {
  added: string[];
  addedCount: number;
  changed: { code: string; fields: string[] }[];
  changedCount: number;
  unchangedCount: number;
}

export interface SheetImportPreview {
  fileName: string;
  sheets: { source: string; kind: SheetKind; headers: string[]; mapping: (string | null)[]; rows: number; sample: string[][] }[];
  /** The fields a column may hold, by kind of sheet. */
  fields: Record<SheetKind, { key: string; label: string }[]>;
  sites: SheetChangeSummary;
  erps: SheetChangeSummary;
  /** The first problems (every one, up to 200), with `problemCount` the total. */
  problems: SheetProblem[];
  problemCount: number;
}

export interface SheetImportSummary {
  fileName: string;
  sitesAdded: number;
  sitesChanged: number;
  sitesUnchanged: number;
  erpsAdded: number;
  erpsChanged: number;
  erpsUnchanged: number;
  backupPath: string | null;
}

const sheetChoiceSchema = z.strictObject({
  source: z.string().max(500),
  kind: z.enum(['sites', 'erps']),
  mapping: z.array(z.string().max(200).nullable()).max(1000),
});

/** A file the user picked, as base64 (the same over IPC and HTTP). */
const uploadSchema = {
  fileName: z.string().min(1).max(500),
  base64: z.string().max(70 * 1024 * 1024, 'is too large (at most 50 MB of file)'),
  choices: z.array(sheetChoiceSchema).max(100).optional(),
};

export const EXPORT_FORMATS = ['csv', 'xlsx', 'ics', 'mspdi'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** A file for the user to save, as base64. */
export interface DownloadFile {
  fileName: string;
  mimeType: string;
  base64: string;
}

export interface PacketPreview {
  fileName: string;
  site: { code: string; name: string };
  createdAt: string;
  changes: PacketChange[];
}

export interface PacketImportSummary {
  site: string;
  taken: number;
  kept: number;
}

const packetUpload = { fileName: z.string().min(1).max(500), content: z.string().max(5 * 1024 * 1024, 'is too large for a readiness packet') };

/** A binary file for the user to save, as base64 (the same over IPC and HTTP). */
export interface ExportedBinary {
  fileName: string;
  mimeType: string;
  base64: string;
  pages: number;
}

/** The current schedule as stored in the plan, with the waves the user locked. */
export interface ScheduleView {
  id: number;
  generatedAt: string;
  schedule: WaveSchedule;
  lockedWaves: number[];
}

export const sitePatchSchema = patchOf(siteSchema.omit({ readiness: true }));
export type SitePatch = z.infer<typeof sitePatchSchema>;
export const erpPatchSchema = patchOf(erpSchema);

/** Everything a site removal took from the plan; handed back to `sites:restore` to undo it. */
export const deletedSiteSchema = z.strictObject({
  site: siteSchema,
  readinessHistory: z.array(
    z.strictObject({
      dimension: z.string().max(40),
      score: scoreSchema.nullable(),
      targetDate: isoDateSchema.nullable(),
      comment: longTextSchema,
      actor: shortTextSchema,
      recordedAt: z.string().max(40),
      source: z.enum(AUDIT_SOURCES),
    }),
  ),
  checklist: z.array(
    z.strictObject({
      taskKey: z.string().max(80),
      playbookVersion: z.number().int().min(1),
      title: shortTextSchema,
      dueDate: isoDateSchema,
      status: checklistStatusSchema,
      owner: shortTextSchema,
      note: longTextSchema,
      completedAt: z.string().max(40).nullable(),
    }),
  ),
});
export type DeletedSite = z.infer<typeof deletedSiteSchema>;

const siteCodesSchema = z.array(codeSchema).min(1, 'must name at least one site').max(100_000);
export type ErpPatch = z.infer<typeof erpPatchSchema>;

const waveNumberSchema = z.number({ error: 'must be a wave number' }).int('must be a whole number').min(0, 'must not be negative').max(100_000);

const pathSchema = z.string().min(1, 'must name a file').max(4096);

export const contract = {
  'plan:current': op<PlanInfo | null>()(noInput),
  'plan:new': op<PlanInfo>()(z.strictObject({ path: pathSchema.optional(), name: nameSchema, sample: z.boolean().default(false) })),
  'plan:open': op<PlanInfo>()(z.strictObject({ path: pathSchema })),
  'plan:recent': op<RecentPlan[]>()(noInput),
  'plan:restoreNewestBackup': op<PlanInfo>()(z.strictObject({ path: pathSchema })),
  'plan:saveCopy': op<{ path: string }>()(z.strictObject({ path: pathSchema })),
  'plan:update': op<PlanInfo>()(
    z.strictObject({
      name: nameSchema.optional(),
      startDate: isoDateSchema.optional(),
      holidays: z.array(isoDateSchema).optional(),
      freezeWindows: z.array(dateWindowSchema).optional(),
      lighthouseOverride: codeSchema.nullable().optional(),
    }),
  ),
  'settings:update': op<PlanInfo>()(settingsPatchSchema),
  'erps:list': op<Erp[]>()(noInput),
  'erps:update': op<Erp>()(z.strictObject({ code: codeSchema, patch: erpPatchSchema })),
  'sites:list': op<Site[]>()(noInput),
  'sites:get': op<Site>()(z.strictObject({ code: codeSchema })),
  'sites:update': op<Site>()(z.strictObject({ code: codeSchema, patch: sitePatchSchema })),
  'sites:updateMany': op<Site[]>()(z.strictObject({ codes: siteCodesSchema, patch: sitePatchSchema })),
  'sites:create': op<Site>()(z.strictObject({ site: siteSchema })),
  'sites:delete': op<DeletedSite[]>()(z.strictObject({ codes: siteCodesSchema })),
  'sites:restore': op<Site[]>()(z.strictObject({ deleted: z.array(deletedSiteSchema).min(1).max(100_000) })),
  'readiness:dimensions': op<ReadinessDimension[]>()(noInput),
  'readiness:set': op<Site>()(
    z.strictObject({
      site: codeSchema,
      dimension: z.string().min(1).max(40),
      score: scoreSchema.nullable(),
      targetDate: isoDateSchema.nullable(),
      comment: longTextSchema.default(''),
    }),
  ),
  'readiness:history': op<ReadinessHistoryEntry[]>()(
    z.strictObject({ site: codeSchema, dimension: z.string().max(40).optional() }),
  ),
  'playbook:get': op<Playbook>()(noInput),
  'playbook:save': op<Playbook>()(z.strictObject({ tasks: z.array(playbookTaskSchema).min(1, 'must hold at least one task').max(500), note: shortTextSchema.default('') })),
  'audit:list': op<AuditEntry[]>()(
    z.strictObject({
      entity: z.string().max(40).optional(),
      entityId: z.string().max(200).optional(),
      limit: z.number().int().min(1).max(10_000).default(200),
    }),
  ),
  'interchange:export': op<ExportedFile>()(noInput),
  'exports:file': op<DownloadFile>()(z.strictObject({ format: z.enum(EXPORT_FORMATS) })),
  'packets:export': op<DownloadFile[]>()(
    z.strictObject({ site: codeSchema.optional(), wave: waveNumberSchema.optional() }).refine((t) => (t.site === undefined) !== (t.wave === undefined), { message: 'name a site or a wave' }),
  ),
  'packets:open': op<SealedPacket>()(z.strictObject(packetUpload)),
  'packets:seal': op<DownloadFile>()(z.strictObject({ packet: packetBodySchema })),
  'packets:preview': op<PacketPreview>()(z.strictObject(packetUpload)),
  'packets:import': op<PacketImportSummary>()(z.strictObject({ ...packetUpload, decisions: z.record(z.string().max(200), z.enum(['plan', 'packet'])).default({}) })),
  'sheets:preview': op<SheetImportPreview>()(z.strictObject(uploadSchema)),
  'sheets:import': op<SheetImportSummary>()(z.strictObject(uploadSchema)),
  'interchange:import': op<ImportSummary>()(
    z.strictObject({ fileName: z.string().min(1).max(400), content: z.string().max(200_000_000) }),
  ),
  'schedule:generate': op<ScheduleView>()(z.strictObject({ asOf: isoDateSchema.optional() })),
  'schedule:current': op<ScheduleView | null>()(noInput),
  'schedule:pin': op<ScheduleView>()(z.strictObject({ site: codeSchema, pinned: z.boolean() })),
  'schedule:lock': op<ScheduleView>()(z.strictObject({ wave: waveNumberSchema, locked: z.boolean() })),
  'schedule:move': op<ScheduleView>()(z.strictObject({ site: codeSchema, wave: waveNumberSchema, goLive: isoDateSchema.nullable().default(null) })),
  'schedule:lighthouse': op<ScheduleView>()(z.strictObject({ site: codeSchema.nullable() })),
  /** Makes an earlier schedule (kept for undo) the current one again, as it was, with its locks. */
  'schedule:restore': op<ScheduleView>()(z.strictObject({ id: z.number().int().min(1) })),
  'checklist:list': op<ChecklistItem[]>()(z.strictObject({ site: codeSchema.optional() })),
  'checklist:update': op<ChecklistItem>()(
    z.strictObject({
      id: z.number().int().min(1),
      status: checklistStatusSchema.optional(),
      owner: z.string().max(200).optional(),
      note: longTextSchema.optional(),
    }),
  ),
  'holidays:countries': op<{ code: string; name: string }[]>()(noInput),
  'holidays:public': op<{ date: string; name: string }[]>()(
    z.strictObject({
      country: z.string().regex(/^[A-Z]{2}$/, 'must be a two-letter country code such as DE'),
      fromYear: z.number().int().min(1970).max(2200),
      toYear: z.number().int().min(1970).max(2200),
    }).refine((r) => r.fromYear <= r.toYear && r.toYear - r.fromYear <= 20, { message: 'must span at most 20 years, from the earlier to the later', path: ['toYear'] }),
  ),
  'backups:list': op<BackupInfo[]>()(noInput),
  'backups:take': op<BackupInfo>()(noInput),
  'backups:restore': op<PlanInfo>()(z.strictObject({ file: z.string().min(1).max(300) })),
  'baselines:list': op<BaselineSummary[]>()(noInput),
  'baselines:save': op<BaselineSummary>()(z.strictObject({ name: nameSchema })),
  'baselines:compare': op<BaselineComparison>()(z.strictObject({ name: nameSchema })),
  'report:pdf': op<ExportedBinary>()(
    z
      .strictObject({
        paper: z.enum(['a4', 'letter'], { error: 'must be a4 or letter' }).default('a4'),
        asOf: isoDateSchema.optional(),
        baseline: nameSchema.optional(),
        from: isoDateSchema.optional(),
        to: isoDateSchema.optional(),
      })
      .refine((r) => !r.from || !r.to || r.from <= r.to, { message: '"from" must not be after "to"', path: ['to'] }),
  ),
} as const satisfies { [N in OperationName]: Operation<z.ZodType, unknown> };

export type Contract = typeof contract;
export type OperationInput<N extends OperationName> = z.input<Contract[N]['input']>;
export type ParsedInput<N extends OperationName> = z.output<Contract[N]['input']>;
export type OperationOutput<N extends OperationName> = Exclude<Contract[N]['output'], undefined>;


export const ERROR_CODES = ['invalid-input', 'not-found', 'no-plan', 'refused', 'conflict', 'internal'] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ApiErrorBody {
  code: ErrorCode;
  message: string;
  /** For invalid input: each problem with its path inside the input. */
  problems?: { path: string; message: string }[];
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: ApiErrorBody };

/** What each transport offers: send one named operation, get its result envelope back. */
export type Invoke = (name: OperationName, input: unknown) => Promise<Result<unknown>>;

export class ApiError extends Error {
  readonly code: ErrorCode;
  readonly problems: ApiErrorBody['problems'];
  constructor(body: ApiErrorBody) {
    super(body.message);
    this.name = 'ApiError';
    this.code = body.code;
    this.problems = body.problems;
  }
}

/** The renderer's view of the backend: one async function per operation. */
export type WavePlannerApi = {
  [N in OperationName]: undefined extends OperationInput<N>
    ? (input?: OperationInput<N>) => Promise<OperationOutput<N>>
    : (input: OperationInput<N>) => Promise<OperationOutput<N>>;
};

/** Builds the API object over a transport; a failed result becomes a thrown ApiError. */
export function createApi(invoke: Invoke): WavePlannerApi {
  const entries = OPERATION_NAMES.map((name) => [
    name,
    async (input?: unknown) => {
      const result = await invoke(name, input ?? {});
      if (!result.ok) throw new ApiError(result.error);
      return result.value;
    },
  ]);
  return Object.freeze(Object.fromEntries(entries)) as WavePlannerApi;
}
