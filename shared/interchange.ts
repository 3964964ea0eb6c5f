/**
 * The `wave-plan` interchange format (PRODUCT.md section 4): a whole plan in one readable JSON file.
 * Validation names the JSON path of every problem (`sites[12].readiness.data.score`).
 */
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
} from './domain';
import { settingsPatchSchema, withDefaultSettings, type PlanSettings } from './settings';

export const WAVE_PLAN_FORMAT = 'wave-plan';
export const WAVE_PLAN_VERSION = 1;

export const wavePlanSchema = z.strictObject({
  format: z.literal(WAVE_PLAN_FORMAT, { error: `must be "${WAVE_PLAN_FORMAT}"` }),
  version: z.literal(WAVE_PLAN_VERSION, { error: `must be ${WAVE_PLAN_VERSION} (the only version this app reads)` }),
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

/** A validated plan with every default filled in: what import writes and export reads back. */
export type WavePlan = Omit<ParsedWavePlan, 'plan'> & {
  plan: Omit<ParsedWavePlan['plan'], 'settings'> & { settings: PlanSettings };
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
  const holidays = new Set<string>();
  plan.plan.holidays.forEach((day, index) => {
    if (holidays.has(day)) problems.push({ path: `plan.holidays[${index}]`, message: `"${day}" is listed twice` });
    holidays.add(day);
  });

  const override = plan.plan.lighthouseOverride;
  if (override !== null && !sites.has(override.toLowerCase())) {
    problems.push({ path: 'plan.lighthouseOverride', message: `unknown site "${override}"` });
  }
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

/** Validates a parsed JSON value as a `wave-plan` document. */
export function validateWavePlan(input: unknown): Validation<WavePlan> {
  if (typeof input === 'object' && input !== null && 'format' in input && input.format !== WAVE_PLAN_FORMAT) {
    return { ok: false, problems: [{ path: 'format', message: `this is not a wave-plan file (format is ${describeInput(input.format)})` }] };
  }
  const parsed = parseWithProblems(wavePlanSchema, input);
  if (!parsed.ok) return parsed;
  const problems = crossReferenceProblems(parsed.value);
  if (problems.length > 0) return { ok: false, problems };
  const value = parsed.value;
  return { ok: true, value: { ...value, plan: { ...value.plan, settings: withDefaultSettings(value.plan.settings) } } };
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
export function serializeWavePlan(plan: WavePlan): string {
  return `${JSON.stringify(plan, null, 2)}\n`;
}

export function describeProblems(source: string, problems: InputProblem[], limit = 20): string {
  const lines = problems
    .slice(0, limit)
    .map((p) => `${source}${p.path ? `: ${p.path}` : ''}: ${p.message}`);
  if (problems.length > limit) lines.push(`... and ${problems.length - limit} more problems`);
  return lines.join('\n');
}
