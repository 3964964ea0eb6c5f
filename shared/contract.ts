/**
 * The one typed contract between the UI and the backend. Every operation has a name, a zod schema
 * for its input and the type of its output. The Electron IPC handlers, the web-mode HTTP server and
 * the command line all dispatch through it; the renderer sees it as one API object.
 */
import { z } from 'zod';
import type { Committed } from './changes';
import {
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
  type Crew,
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
import { scenarioChangesSchema, type ScenarioChanges } from './scenario';
import type { SideBySide } from './scenario-compare';
import type { ScheduleDiff } from './scheduler/diff';
import type { ScheduleInput, WaveSchedule } from './scheduler/types';
import type { SheetKind } from './sheets/fields';
import type { SheetProblem } from './sheets/sheet-import';
import { settingsPatchSchema, type PlanSettings } from './settings';
import type { ReviewItem, TeamStatus } from './team';

export { OPERATION_NAMES, type OperationName };

/**
 * What an operation does: reads the open plan, writes it (one commit, undoable, announced on the
 * change feed), or acts on the workspace around it (which plan is open, files beside it).
 */
export type Access = 'read' | 'write' | 'workspace';

/** An operation: its input schema, what it does, and its output type carried as a phantom. */
export interface Operation<I extends z.ZodType, O, A extends Access> {
  readonly input: I;
  readonly access: A;
  readonly output?: O;
}

/**
 * Each input schema is built the first time it is used: building all 72 takes zod 5–7 ms at every
 * start, and a command runs one or two of them.
 */
function kind<A extends Access>(access: A) {
  return <O>() =>
    <I extends z.ZodType>(makeInput: () => I): Operation<I, O, A> => {
      let input: I | undefined;
      return {
        access,
        get input() {
          return (input ??= makeInput());
        },
      };
    };
}
const read = kind('read');
const write = kind('write');
const workspace = kind('workspace');

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
  /** The order ERPs are brought in, when not rule 10's (an adopted optimised sequence). */
  erpOrder: string[];
  crews: Crew[];
  counts: { sites: number; activeSites: number; erps: number };
  schemaVersion: number;
  actor: string;
  /** What the user should know about this file (on a network drive, no write-ahead log). */
  warnings: string[];
  /** Opened without the right to change it (a read-only file or folder): reading and exports only. */
  readOnly: boolean;
  /** The number of the plan's latest commit. */
  revision: number;
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

export interface ScenarioSummary {
  name: string;
  note: string;
  createdAt: string;
  changes: ScenarioChanges;
  /** What it changes against the plan as it is now, in words, one line each. */
  inWords: string[];
}

export interface ScenarioAdopted {
  scenario: string;
  replan: ReplanResult;
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

/** A file for the user to save, as base64 (the same over IPC and HTTP). */
export interface DownloadFile {
  fileName: string;
  mimeType: string;
  base64: string;
  /** For a PDF: how many pages it has. */
  pages?: number;
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

/** The current schedule as stored in the plan, with the waves the user locked. */
export interface ScheduleView {
  id: number;
  generatedAt: string;
  schedule: WaveSchedule;
  lockedWaves: number[];
  /** True when a scheduling input (readiness, a site, a setting, …) changed since it was computed. */
  stale: boolean;
  /** "3 readiness assessments and 1 setting changed since 2026-12-02 10:14" when stale. */
  staleBecause: string | null;
  /** The plan's revision this view shows: a change announced with a later one may have changed it. */
  revision: number;
}

export type ScheduleStatus = Pick<ScheduleView, 'id' | 'stale' | 'staleBecause' | 'revision'>;

/** A re-plan's new schedule and what changed from the one before. */
export interface ReplanResult {
  view: ScheduleView;
  diff: ScheduleDiff;
}

export interface HistoryStep {
  revision: number;
  label: string;
  at: string;
}

/** What Undo and Redo would do: labels, the next one first. */
export interface History {
  undo: HistoryStep[];
  redo: HistoryStep[];
}

export const sitePatchSchema = patchOf(siteSchema.omit({ readiness: true }));
export type SitePatch = z.infer<typeof sitePatchSchema>;
export const erpPatchSchema = patchOf(erpSchema);

const siteCodesSchema = z.array(codeSchema).min(1, 'must name at least one site').max(100_000);
export type ErpPatch = z.infer<typeof erpPatchSchema>;

const waveNumberSchema = z.number({ error: 'must be a wave number' }).int('must be a whole number').min(0, 'must not be negative').max(100_000);

const pathSchema = z.string().min(1, 'must name a file').max(4096);

const teamServerSchema = z.string().trim().min(1, "must name the team server's address").max(500);
const joinCodeSchema = z.string().trim().min(4, 'must be the join code you were given').max(100);

const checklistPatch = {
  status: checklistStatusSchema.optional(),
  owner: z.string().max(200).optional(),
  note: longTextSchema.optional(),
};

export const contract = {
  'plan:current': read<PlanInfo | null>()(() => noInput),
  'plan:new': workspace<PlanInfo>()(() => 
    z.strictObject({
      path: pathSchema.optional(),
      name: nameSchema,
      sample: z.boolean().default(false),
      /** A wave-plan document to make the plan from (the command line's import into a new file). */
      from: z.strictObject({ fileName: z.string().min(1).max(400), content: z.string().max(200_000_000) }).optional(),
    }),
  ),
  'plan:open': workspace<PlanInfo>()(() => z.strictObject({ path: pathSchema })),
  'plan:recent': workspace<RecentPlan[]>()(() => noInput),
  'plan:restoreNewestBackup': workspace<PlanInfo>()(() => z.strictObject({ path: pathSchema })),
  /** A plan changed outside Wave Planner: its data in a fresh file beside it, opened. */
  'plan:openCleanCopy': workspace<PlanInfo>()(() => z.strictObject({ path: pathSchema })),
  /** `replace`: the user confirmed replacing a file that exists (which is kept beside the copy). */
  'plan:saveCopy': workspace<{ path: string }>()(() => z.strictObject({ path: pathSchema, replace: z.boolean().default(false) })),
  'plan:update': write<PlanInfo>()(() => 
    z.strictObject({
      name: nameSchema.optional(),
      startDate: isoDateSchema.optional(),
      holidays: z.array(isoDateSchema).optional(),
      freezeWindows: z.array(dateWindowSchema).optional(),
      lighthouseOverride: codeSchema.nullable().optional(),
      /** Empty: back to rule 10's order. */
      erpOrder: z.array(codeSchema).max(1_000).optional(),
    }),
  ),
  'settings:update': write<PlanInfo>()(() => settingsPatchSchema),
  /** Replaces the plan's crews (rule 13) with this list: add, change, remove and reorder in one step. */
  'crews:save': write<PlanInfo>()(() => z.strictObject({ crews: z.array(z.unknown()).max(200, 'must hold at most 200 crews') })),
  'erps:list': read<Erp[]>()(() => noInput),
  'erps:create': write<Erp>()(() => z.strictObject({ erp: erpSchema })),
  'erps:update': write<Erp>()(() => z.strictObject({ code: codeSchema, patch: erpPatchSchema })),
  'sites:list': read<Site[]>()(() => noInput),
  'sites:get': read<Site>()(() => z.strictObject({ code: codeSchema })),
  'sites:update': write<Site>()(() => z.strictObject({ code: codeSchema, patch: sitePatchSchema })),
  'sites:updateMany': write<Site[]>()(() => z.strictObject({ codes: siteCodesSchema, patch: sitePatchSchema })),
  'sites:create': write<Site>()(() => z.strictObject({ site: siteSchema })),
  /** Removes sites with their readiness history and checklists; returns the codes removed. */
  'sites:delete': write<string[]>()(() => z.strictObject({ codes: siteCodesSchema })),
  'readiness:dimensions': read<ReadinessDimension[]>()(() => noInput),
  /** Replaces the readiness dimensions (label, weight, threshold; added and removed): one step. */
  'readiness:saveDimensions': write<ReadinessDimension[]>()(() => z.strictObject({ dimensions: z.array(z.unknown()).max(30, 'must hold at most 30 dimensions') })),
  'readiness:set': write<Site>()(() => 
    z.strictObject({
      site: codeSchema,
      dimension: z.string().min(1).max(40),
      score: scoreSchema.nullable(),
      targetDate: isoDateSchema.nullable(),
      comment: longTextSchema.default(''),
    }),
  ),
  'readiness:history': read<ReadinessHistoryEntry[]>()(() => 
    z.strictObject({ site: codeSchema, dimension: z.string().max(40).optional() }),
  ),
  'playbook:get': read<Playbook>()(() => noInput),
  'playbook:save': write<Playbook>()(() => z.strictObject({ tasks: z.array(playbookTaskSchema).min(1, 'must hold at least one task').max(500), note: shortTextSchema.default('') })),
  'audit:list': read<AuditEntry[]>()(() => 
    z.strictObject({
      entity: z.string().max(40).optional(),
      entityId: z.string().max(200).optional(),
      limit: z.number().int().min(1).max(10_000).default(200),
    }),
  ),
  'history:list': read<History>()(() => noInput),
  /** Takes back the newest edit made since the plan was opened (one user action, one step). */
  'history:undo': write<HistoryStep>()(() => noInput),
  'history:redo': write<HistoryStep>()(() => noInput),
  'interchange:export': read<DownloadFile>()(() => noInput),
  'exports:file': read<DownloadFile>()(() => z.strictObject({ format: z.enum(EXPORT_FORMATS) })),
  /** Recorded in the plan (each packet's id, key and the values sent), so that only packets it sent merge back. */
  'packets:export': write<DownloadFile[]>()(() => 
    z.strictObject({ site: codeSchema.optional(), wave: waveNumberSchema.optional() }).refine((t) => (t.site === undefined) !== (t.wave === undefined), { message: 'name a site or a wave' }),
  ),
  'packets:open': workspace<SealedPacket>()(() => z.strictObject(packetUpload)),
  'packets:seal': workspace<DownloadFile>()(() => z.strictObject({ packet: packetBodySchema })),
  'packets:preview': read<PacketPreview>()(() => z.strictObject(packetUpload)),
  'packets:import': write<PacketImportSummary>()(() => z.strictObject({ ...packetUpload, decisions: z.record(z.string().max(200), z.enum(['plan', 'packet'])).default({}) })),
  'sheets:preview': read<SheetImportPreview>()(() => z.strictObject(uploadSchema)),
  'sheets:import': write<SheetImportSummary>()(() => z.strictObject(uploadSchema)),
  'interchange:import': write<ImportSummary>()(() => 
    z.strictObject({ fileName: z.string().min(1).max(400), content: z.string().max(200_000_000) }),
  ),
  'schedule:generate': write<ReplanResult>()(() => z.strictObject({ asOf: isoDateSchema.optional() })),
  'schedule:current': read<ScheduleView | null>()(() => noInput),
  /** Whether the stored schedule is out of date, without the schedule itself: cheap after every edit. */
  'schedule:status': read<ScheduleStatus | null>()(() => noInput),
  'schedule:pin': write<ScheduleView>()(() => z.strictObject({ site: codeSchema, pinned: z.boolean() })),
  'schedule:lock': write<ScheduleView>()(() => z.strictObject({ wave: waveNumberSchema, locked: z.boolean() })),
  'schedule:move': write<ScheduleView>()(() => z.strictObject({ site: codeSchema, wave: waveNumberSchema, goLive: isoDateSchema.nullable().default(null) })),
  'schedule:lighthouse': write<ReplanResult>()(() => z.strictObject({ site: codeSchema.nullable() })),
  /** Unpins a site and re-plans, as one step: "let the scheduler place it". */
  'schedule:release': write<ReplanResult>()(() => z.strictObject({ site: codeSchema })),
  'checklist:list': read<ChecklistItem[]>()(() => z.strictObject({ site: codeSchema.optional() })),
  'checklist:update': write<ChecklistItem>()(() => z.strictObject({ id: z.number().int().min(1), ...checklistPatch })),
  /** The same status, owner or note on several items: one step. */
  'checklist:updateMany': write<ChecklistItem[]>()(() => z.strictObject({ ids: z.array(z.number().int().min(1)).min(1, 'must name at least one item').max(100_000), ...checklistPatch })),
  'holidays:countries': workspace<{ code: string; name: string }[]>()(() => noInput),
  'holidays:public': workspace<{ date: string; name: string }[]>()(() => 
    z.strictObject({
      country: z.string().regex(/^[A-Z]{2}$/, 'must be a two-letter country code such as DE'),
      fromYear: z.number().int().min(1970).max(2200),
      toYear: z.number().int().min(1970).max(2200),
    }).refine((r) => r.fromYear <= r.toYear && r.toYear - r.fromYear <= 20, { message: 'must span at most 20 years, from the earlier to the later', path: ['toYear'] }),
  ),
  'backups:list': workspace<BackupInfo[]>()(() => noInput),
  'backups:take': workspace<BackupInfo>()(() => noInput),
  /** Puts a backup's content in place of the plan's, as one undoable step (after backing up the plan as it is). */
  'backups:restore': write<PlanInfo>()(() => z.strictObject({ file: z.string().min(1).max(300) })),
  'baselines:list': read<BaselineSummary[]>()(() => noInput),
  'baselines:save': write<BaselineSummary>()(() => z.strictObject({ name: nameSchema })),
  'baselines:compare': read<BaselineComparison>()(() => z.strictObject({ name: nameSchema })),
  /** What the scheduler reads of the plan as of a day: the optimiser's input (it runs off the screen's thread). */
  'schedule:input': read<ScheduleInput>()(() => z.strictObject({ asOf: isoDateSchema.optional() })),
  'scenarios:list': read<ScenarioSummary[]>()(() => noInput),
  /** A new scenario, or the named one's note and changes replaced; `renames` names the scenario edited under a new name. */
  'scenarios:save': write<ScenarioSummary>()(() => z.strictObject({ name: nameSchema, note: longTextSchema.default(''), changes: scenarioChangesSchema, renames: nameSchema.optional() })),
  'scenarios:remove': write<null>()(() => z.strictObject({ name: nameSchema })),
  'scenarios:schedule': read<WaveSchedule>()(() => z.strictObject({ name: nameSchema, asOf: isoDateSchema.optional() })),
  'scenarios:compare': read<SideBySide>()(() => 
    z.strictObject({ names: z.array(nameSchema).min(1, 'must name at least one scenario').max(3, 'can compare at most three scenarios with the plan'), asOf: isoDateSchema.optional() }),
  ),
  /** The scenario's changes made the plan's, and a re-plan, as one step. */
  'scenarios:adopt': write<ScenarioAdopted>()(() => z.strictObject({ name: nameSchema })),
  'report:pdf': read<DownloadFile>()(() => 
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
  /** Where a team plan stands with its team (null: a plan of one's own). */
  'team:status': read<TeamStatus | null>()(() => noInput),
  /** Puts the open plan on a team server with a planner's join code; the plan then stays in step with the team. */
  'team:share': workspace<TeamStatus>()(() => z.strictObject({ server: teamServerSchema, code: joinCodeSchema, name: shortTextSchema.optional(), email: shortTextSchema.optional() })),
  /** Makes a plan file from a team's plan (any member's join code) and opens it. */
  'team:join': workspace<PlanInfo>()(() => z.strictObject({ server: teamServerSchema, code: joinCodeSchema, path: pathSchema.optional(), name: shortTextSchema.optional(), email: shortTextSchema.optional() })),
  /** Tries the server again at once and sends and takes what is waiting. */
  'team:syncNow': workspace<TeamStatus | null>()(() => noInput),
  'team:reviews': read<ReviewItem[]>()(() => noInput),
  /** Decides a field in Needs review: one of the members' values (by its place), or the value shown. */
  'team:decide': workspace<TeamStatus | null>()(() => z.strictObject({ id: z.string().min(1).max(400), choice: z.union([z.number().int().min(0).max(20), z.literal('shown')]) })),
} as const satisfies { [N in OperationName]: Operation<z.ZodType, unknown, Access> };

export type Contract = typeof contract;
export type OperationInput<N extends OperationName> = z.input<Contract[N]['input']>;
export type ParsedInput<N extends OperationName> = z.output<Contract[N]['input']>;
/** What an operation returns: its value, wrapped with the commit's revision and changes for a write. */
export type OperationValue<N extends OperationName> = Exclude<Contract[N]['output'], undefined>;
export type OperationOutput<N extends OperationName> = Contract[N]['access'] extends 'write' ? Committed<OperationValue<N>> : OperationValue<N>;
export type WriteOperation = { [N in OperationName]: Contract[N]['access'] extends 'write' ? N : never }[OperationName];

/** Every operation that writes the plan. */
export const WRITE_OPERATIONS = OPERATION_NAMES.filter((name) => contract[name].access === 'write') as WriteOperation[];

export function accessOf(name: OperationName): Access {
  return contract[name].access;
}


export const ERROR_CODES = ['invalid-input', 'not-found', 'no-plan', 'refused', 'conflict', 'busy', 'internal'] as const;
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
