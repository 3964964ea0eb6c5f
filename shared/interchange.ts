/**
 * The `wave-plan` interchange format (PRODUCT.md section 4): a whole plan in one readable JSON file.
 * Validation names the JSON path of every problem (`sites[12].readiness.data.score`).
 */
import { erpOrderProblems } from './erp-order';
import { applyScenario, type Scenario } from './scenario';
import { z } from 'zod';
import {
  codeSchema,
  crewSchema,
  dateWindowSchema,
  erpSchema,
  isoDateSchema,
  nameSchema,
  playbookTaskSchema,
  readinessDimensionSchema,
  siteSchema,
  type Site,
} from './domain';
import { settingsConflicts, settingsPatchSchema, withDefaultSettings, type PlanSettings } from './settings';
import { recordOfDocument, wavePlanV2Schema, type PlanRecord, type WavePlanV2Document } from './wave-plan-v2';

export const WAVE_PLAN_FORMAT = 'wave-plan';
/** The version export writes (see wave-plan-v2.ts); version 1 still imports. */
export const WAVE_PLAN_VERSION = 2;

/** Version 1: the plan's content without its history (and the shape the rest of the app reads). */
export const wavePlanSchema = z.strictObject({
  format: z.literal(WAVE_PLAN_FORMAT, { error: `must be "${WAVE_PLAN_FORMAT}"` }),
  version: z.literal(1),
  plan: z.strictObject({
    name: nameSchema,
    startDate: isoDateSchema,
    settings: settingsPatchSchema.default({}),
    holidays: z.array(isoDateSchema).default([]),
    freezeWindows: z.array(dateWindowSchema).default([]),
    /** The program manager's lighthouse choice, overriding the computed one (rule 4). */
    lighthouseOverride: codeSchema.nullable().default(null),
    /** Shared teams that limit how many sites can be in a phase at once (rule 13). */
    crews: z.array(crewSchema).max(200).default([]),
    /** The order in which ERPs are brought in, when not rule 10's (the optimised sequence); empty: rule 10's. */
    erpOrder: z.array(codeSchema).max(1_000).default([]),
  }),
  readinessDimensions: z.array(readinessDimensionSchema).min(1, 'needs at least one readiness dimension'),
  erps: z.array(erpSchema).default([]),
  sites: z.array(siteSchema).default([]),
  playbook: z.strictObject({
    version: z.number().int('must be a whole number').min(1, 'must be 1 or more'),
    tasks: z.array(playbookTaskSchema),
  }),
});

type ParsedWavePlan = z.infer<typeof wavePlanSchema>;

/**
 * A validated plan with every default filled in: what import writes and export reads back. A
 * version 2 document adds the plan's identity and its record (history, checklists, locks, baselines).
 */
export type WavePlan = Omit<ParsedWavePlan, 'plan'> & {
  plan: Omit<ParsedWavePlan['plan'], 'settings'> & { settings: PlanSettings; id?: string };
  record?: PlanRecord;
};

export interface InputProblem {
  /** JSON path such as `sites[12].readiness.data.score`, or '' for the whole document. */
  path: string;
  message: string;
}

export type Validation<T> = { ok: true; value: T } | { ok: false; problems: InputProblem[] };

export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out === '' ? String(part) : `.${String(part)}`;
  }
  return out;
}

function describeInput(input: unknown): string {
  if (input === undefined) return 'missing';
  let text: string | undefined;
  try {
    // BigInts and cycles can arrive over IPC (structured clone); show them, never throw on them.
    text = JSON.stringify(input, (_key, value: unknown) => (typeof value === 'bigint' ? `${value}n` : value));
  } catch {
    text = Object.prototype.toString.call(input);
  }
  if (text === undefined) return typeof input === 'symbol' ? input.toString() : String(input);
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}

/** zod issues as path + plain-language message, with the offending value where it helps. */
export function problemsFromZod(error: z.ZodError): InputProblem[] {
  return error.issues.map((issue) => {
    const got = 'input' in issue ? describeInput(issue.input) : undefined;
    let message = issue.message;
    if (issue.code === 'unrecognized_keys') message = `unknown field ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
    else if (got === 'missing') message = `is required (${message})`;
    else if (got !== undefined) message = `${message} (got ${got})`;
    return { path: formatPath(issue.path), message };
  });
}

export function parseWithProblems<S extends z.ZodType>(schema: S, input: unknown): Validation<z.infer<S>> {
  const result = schema.safeParse(input, { reportInput: true });
  if (result.success) return { ok: true, value: result.data };
  return { ok: false, problems: problemsFromZod(result.error) };
}

/** Checks that need the whole document: unique codes and keys, references that resolve. */
function crossReferenceProblems(plan: ParsedWavePlan): InputProblem[] {
  const problems: InputProblem[] = [];
  // Codes compare without case (as the plan file does); keys are exact.
  const firstIndex = <T>(items: T[], key: (item: T) => string, label: string, base: string, ignoreCase = true) => {
    const seen = new Map<string, number>();
    items.forEach((item, index) => {
      const value = ignoreCase ? key(item).toLowerCase() : key(item);
      const earlier = seen.get(value);
      if (earlier !== undefined) {
        problems.push({ path: `${base}[${index}].${label}`, message: `duplicates ${base}[${earlier}] ("${key(item)}")` });
      } else seen.set(value, index);
    });
    return seen;
  };
  const dimensions = firstIndex(plan.readinessDimensions, (d) => d.key, 'key', 'readinessDimensions', false);
  const erps = firstIndex(plan.erps, (e) => e.code, 'code', 'erps');
  const sites = firstIndex(plan.sites, (s) => s.code, 'code', 'sites');
  firstIndex(plan.playbook.tasks, (t) => t.id, 'id', 'playbook.tasks', false);
  firstIndex(plan.plan.crews, (c) => c.name, 'name', 'plan.crews');
  for (const conflict of settingsConflicts(withDefaultSettings(plan.plan.settings))) {
    problems.push({ path: `plan.settings.${conflict.key}`, message: conflict.message });
  }
  const holidays = new Set<string>();
  plan.plan.holidays.forEach((day, index) => {
    if (holidays.has(day)) problems.push({ path: `plan.holidays[${index}]`, message: `"${day}" is listed twice` });
    holidays.add(day);
  });

  const override = plan.plan.lighthouseOverride;
  if (override !== null && !sites.has(override.toLowerCase())) {
    problems.push({ path: 'plan.lighthouseOverride', message: `unknown site "${override}"` });
  }
  problems.push(...erpOrderProblems(plan.plan.erpOrder, new Set(erps.keys()), 'plan.erpOrder'));
  plan.sites.forEach((site, index) => {
    const base = `sites[${index}]`;
    if (!erps.has(site.erp.toLowerCase())) {
      problems.push({ path: `${base}.erp`, message: `unknown ERP "${site.erp}" (not in erps)` });
    }
    site.predecessors.forEach((code, p) => {
      if (code.toLowerCase() === site.code.toLowerCase()) {
        problems.push({ path: `${base}.predecessors[${p}]`, message: 'a site cannot be its own predecessor' });
      } else if (!sites.has(code.toLowerCase())) {
        problems.push({ path: `${base}.predecessors[${p}]`, message: `unknown site "${code}"` });
      }
    });
    for (const key of Object.keys(site.readiness)) {
      if (!dimensions.has(key)) {
        problems.push({ path: `${base}.readiness.${key}`, message: `unknown readiness dimension "${key}"` });
      }
    }
  });
  return problems;
}

/** Validates a parsed JSON value as a `wave-plan` document of version 1 or 2. */
export function validateWavePlan(input: unknown): Validation<WavePlan> {
  if (typeof input === 'object' && input !== null && 'format' in input && input.format !== WAVE_PLAN_FORMAT) {
    return { ok: false, problems: [{ path: 'format', message: `this is not a wave-plan file (format is ${describeInput(input.format)})` }] };
  }
  const version = typeof input === 'object' && input !== null && 'version' in input ? input.version : undefined;
  if (version !== 1 && version !== 2) {
    return { ok: false, problems: [{ path: 'version', message: `must be 1 or 2, the versions this app reads (got ${describeInput(version)})` }] };
  }
  if (version === 2) return validateVersion2(input);
  const parsed = parseWithProblems(wavePlanSchema, input);
  if (!parsed.ok) return parsed;
  const problems = crossReferenceProblems(parsed.value);
  if (problems.length > 0) return { ok: false, problems };
  const value = parsed.value;
  return { ok: true, value: { ...value, plan: { ...value.plan, settings: withDefaultSettings(value.plan.settings) } } };
}

function validateVersion2(input: unknown): Validation<WavePlan> {
  const parsed = parseWithProblems(wavePlanV2Schema, input);
  if (!parsed.ok) return parsed;
  const doc = parsed.value;
  const { id, lighthouseOverride, pins, readiness, record } = recordOfDocument(doc);
  const content: ParsedWavePlan = {
    format: WAVE_PLAN_FORMAT,
    version: 1,
    // The override and the ERP order are checked where version 2 keeps them (schedule.*).
    plan: { name: doc.plan.name, startDate: doc.plan.startDate, settings: doc.plan.settings, holidays: doc.plan.holidays, freezeWindows: doc.plan.freezeWindows, lighthouseOverride: null, crews: doc.plan.crews, erpOrder: [] },
    readinessDimensions: doc.readinessDimensions,
    erps: doc.erps,
    sites: doc.sites.map(({ readinessHistory, checklist: _checklist, ...site }) => {
      const pin = pins.get(site.code.toLowerCase());
      const fromHistory = readinessHistory.length > 0 ? readiness.get(site.code.toLowerCase())! : {};
      const fields: Record<string, unknown> = { ...site, pinnedWave: pin?.wave ?? null, pinnedGoLive: pin?.goLive ?? null, readiness: { ...site.readiness, ...fromHistory } };
      // In version 1's field order, so that both versions of a plan read out the same.
      return Object.fromEntries(Object.keys(siteSchema.shape).map((key) => [key, fields[key]])) as Site;
    }),
    playbook: { version: doc.playbook.version, tasks: doc.playbook.tasks },
  };
  const plan: WavePlan = { ...content, plan: { ...content.plan, id, lighthouseOverride, erpOrder: doc.schedule.erpOrder, settings: withDefaultSettings(doc.plan.settings) }, record };
  const problems = [...crossReferenceProblems(content), ...recordProblems(doc), ...scenarioProblems(plan, doc.scenarios)];
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, value: plan };
}

/** Checks of what version 2 adds: references to sites, dimensions and tasks that resolve; one current readiness. */
function recordProblems(doc: WavePlanV2Document): InputProblem[] {
  const problems: InputProblem[] = [];
  const sites = new Set(doc.sites.map((s) => s.code.toLowerCase()));
  const dimensions = new Set(doc.readinessDimensions.map((d) => d.key));
  const tasks = new Set(doc.playbook.tasks.map((t) => t.id));
  doc.sites.forEach((site, i) => {
    const latest = new Map<string, { score: number | null; targetDate: string | null }>();
    site.readinessHistory.forEach((entry, j) => {
      if (!dimensions.has(entry.dimension)) problems.push({ path: `sites[${i}].readinessHistory[${j}].dimension`, message: `unknown readiness dimension "${entry.dimension}"` });
      latest.set(entry.dimension, entry);
    });
    for (const [key, value] of Object.entries(site.readiness)) {
      const last = latest.get(key);
      if (last && (last.score !== value.score || last.targetDate !== value.targetDate)) {
        problems.push({ path: `sites[${i}].readiness.${key}`, message: 'differs from the latest entry of its readinessHistory, which is the current value' });
      }
    }
    const seen = new Set<string>();
    site.checklist.forEach((item, j) => {
      if (!tasks.has(item.task)) problems.push({ path: `sites[${i}].checklist[${j}].task`, message: `unknown playbook task "${item.task}"` });
      else if (seen.has(item.task)) problems.push({ path: `sites[${i}].checklist[${j}].task`, message: `"${item.task}" is listed twice for this site` });
      seen.add(item.task);
    });
  });
  const knownSite = (path: string, code: string) => {
    if (!sites.has(code.toLowerCase())) problems.push({ path, message: `unknown site "${code}"` });
  };
  if (doc.schedule.lighthouseOverride !== null) knownSite('schedule.lighthouseOverride', doc.schedule.lighthouseOverride);
  doc.schedule.pins.forEach((pin, i) => knownSite(`schedule.pins[${i}].site`, pin.site));
  problems.push(...erpOrderProblems(doc.schedule.erpOrder, new Set(doc.erps.map((e) => e.code.toLowerCase())), 'schedule.erpOrder'));
  doc.schedule.lockedWaves.forEach((wave, i) => wave.sites.forEach((s, j) => knownSite(`schedule.lockedWaves[${i}].sites[${j}].site`, s.site)));
  const names = new Set<string>();
  doc.baselines.forEach((baseline, i) => {
    if (names.has(baseline.name)) problems.push({ path: `baselines[${i}].name`, message: `"${baseline.name}" is used by an earlier baseline` });
    names.add(baseline.name);
  });
  const versions = new Set([doc.playbook.version]);
  doc.playbook.earlierVersions.forEach((v, i) => {
    if (versions.has(v.version)) problems.push({ path: `playbook.earlierVersions[${i}].version`, message: `version ${v.version} is listed twice` });
    else if (v.version > doc.playbook.version) problems.push({ path: `playbook.earlierVersions[${i}].version`, message: `must be earlier than the current version ${doc.playbook.version}` });
    versions.add(v.version);
  });
  return problems;
}

/** Scenarios must have names of their own and fit the plan they come with. */
function scenarioProblems(content: WavePlan, scenarios: Scenario[]): InputProblem[] {
  const problems: InputProblem[] = [];
  const names = new Set<string>();
  scenarios.forEach((scenario, i) => {
    const key = scenario.name.toLowerCase();
    if (names.has(key)) problems.push({ path: `scenarios[${i}].name`, message: `"${scenario.name}" is used by an earlier scenario` });
    names.add(key);
    for (const problem of applyScenario(content, scenario.changes).problems) problems.push({ path: `scenarios[${i}].changes.${problem.path}`, message: problem.message });
  });
  return problems;
}

/** Parses JSON text; a syntax error names its line and column. */
export function parseJsonText(text: string): Validation<unknown> {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (body.trim() === '') return { ok: false, problems: [{ path: '', message: 'the file is empty' }] };
  try {
    return { ok: true, value: JSON.parse(body) as unknown };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const position = /position (\d+)/.exec(message);
    if (position) {
      const offset = Number(position[1]);
      const before = body.slice(0, offset).split('\n');
      const line = before.length;
      const column = (before.at(-1)?.length ?? 0) + 1;
      return { ok: false, problems: [{ path: '', message: `not valid JSON at line ${line}, column ${column}: ${message.replace(/ in JSON at position \d+.*$/, '')}` }] };
    }
    return { ok: false, problems: [{ path: '', message: `not valid JSON: ${message}` }] };
  }
}

/** The interchange document as text: stable key order and a final newline, so round trips are byte-identical. */
export function serializeWavePlan(plan: WavePlan | WavePlanV2Document): string {
  if (plan.version === 2) return `${JSON.stringify(plan, null, 2)}\n`;
  // Version 1 has no place for the plan's identity or record.
  const { record: _record, ...content } = plan;
  const { id: _id, erpOrder, ...fields } = content.plan;
  // An ERP order is written only when there is one, so files from before it read out as they were.
  return `${JSON.stringify({ ...content, plan: erpOrder.length ? { ...fields, erpOrder } : fields }, null, 2)}\n`;
}

export function describeProblems(source: string, problems: InputProblem[], limit = 20): string {
  const lines = problems
    .slice(0, limit)
    .map((p) => `${source}${p.path ? `: ${p.path}` : ''}: ${p.message}`);
  if (problems.length > limit) lines.push(`... and ${problems.length - limit} more problems`);
  return lines.join('\n');
}
