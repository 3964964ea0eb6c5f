/** Readiness dimensions, and the assessments of each site against them: history kept, never overwritten. */
import { readinessDimensionSchema, type ReadinessDimension, type ReadinessHistoryEntry, type Site } from '../../../shared/domain';
import { refusalMessage } from '../../../shared/field-names';
import { parseWithProblems } from '../../../shared/interchange';
import type { ReadinessRecord } from '../../../shared/report/report-model';
import { UserError } from '../errors';
import type { ReadHandle, WriteHandle } from './handles';
import { getSite, siteIdOf } from './sites';
import { refuseDuplicates } from './unique-entries';

export function readDimensions(h: ReadHandle): ReadinessDimension[] {
  return h.all<ReadinessDimension>('SELECT key, label, weight, threshold FROM readiness_dimensions ORDER BY position');
}

export function writeDimensions(h: WriteHandle, dimensions: ReadinessDimension[]): void {
  dimensions.forEach((d, i) => h.run('INSERT INTO readiness_dimensions (key, label, weight, threshold, position) VALUES (?, ?, ?, ?, ?)', d.key, d.label, d.weight, d.threshold, i));
}

/**
 * Replaces the readiness dimensions with `input` (each checked; keys and labels unique; some weight):
 * kept keys keep their assessments, a removed dimension takes its assessments with it (Undo brings
 * them back). Returns the dimensions as stored.
 */
export function saveDimensions(h: WriteHandle, input: unknown[]): ReadinessDimension[] {
  const dimensions = input.map((dimension, i) => {
    const parsed = parseWithProblems(readinessDimensionSchema, dimension);
    if (!parsed.ok) {
      const first = parsed.problems[0]!;
      throw new UserError('invalid-input', `Dimension ${i + 1}: ${refusalMessage(first.path, first.message)}`, parsed.problems.map((p) => ({ ...p, path: `dimensions[${i}].${p.path}` })));
    }
    return parsed.value;
  });
  if (dimensions.length === 0) throw new UserError('invalid-input', 'A plan needs at least one readiness dimension.');
  refuseDuplicates(dimensions, 'key', 'dimension');
  refuseDuplicates(dimensions, 'label', 'dimension');
  if (dimensions.every((d) => d.weight === 0)) throw new UserError('invalid-input', 'At least one readiness dimension needs a weight above 0: the overall score is their weighted mean.');
  const before = readDimensions(h);
  const kept = new Set(dimensions.map((d) => d.key));
  for (const gone of before.filter((d) => !kept.has(d.key))) h.run('DELETE FROM readiness_dimensions WHERE key = ?', gone.key);
  dimensions.forEach((d, i) =>
    h.run(
      'INSERT INTO readiness_dimensions (key, label, weight, threshold, position) VALUES (?, ?, ?, ?, ?) ON CONFLICT (key) DO UPDATE SET label = excluded.label, weight = excluded.weight, threshold = excluded.threshold, position = excluded.position',
      d.key, d.label, d.weight, d.threshold, i,
    ),
  );
  h.audit.recordChanges('plan', 'readiness dimensions', { dimensions: before }, { dimensions });
  return readDimensions(h);
}

/** Records an assessment, by this commit's actor now unless it is an imported one (`by`, `at`). */
export function appendReadiness(h: WriteHandle, entry: { siteId: number; dimension: string; score: number | null; targetDate: string | null; comment: string; by?: string; at?: string }): void {
  const { actor, at, source } = h.audit.context;
  h.run(
    'INSERT INTO readiness_entries (site_id, dimension_key, score, target_date, comment, actor, recorded_at, source) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    entry.siteId, entry.dimension, entry.score, entry.targetDate, entry.comment, entry.by ?? actor, entry.at ?? at, source,
  );
}

export interface Assessment {
  site: string;
  dimension: string;
  score: number | null;
  targetDate: string | null;
  comment: string;
}

/** Records a new assessment of one site against one dimension, and audits what it changed. */
export function assess(h: WriteHandle, input: Assessment): Site {
  const site = getSite(h, input.site);
  const dimensions = readDimensions(h);
  if (!dimensions.some((d) => d.key === input.dimension)) {
    throw new UserError('invalid-input', `Unknown readiness dimension "${input.dimension}" (known: ${dimensions.map((d) => d.key).join(', ')}).`);
  }
  const before = site.readiness[input.dimension] ?? { score: null, targetDate: null };
  appendReadiness(h, { siteId: siteIdOf(h, site.code)!, ...input });
  h.audit.recordChanges('readiness', `${site.code}/${input.dimension}`, { score: before.score, targetDate: before.targetDate }, { score: input.score, targetDate: input.targetDate });
  return getSite(h, site.code);
}

export function readReadinessHistory(h: ReadHandle, siteCode: string, dimension?: string): ReadinessHistoryEntry[] {
  getSite(h, siteCode);
  return h.all<ReadinessHistoryEntry>(
    `SELECT e.id, s.code AS site, e.dimension_key AS dimension, e.score, e.target_date AS targetDate,
            e.comment, e.actor, e.recorded_at AS recordedAt, e.source
       FROM readiness_entries e JOIN sites s ON s.id = e.site_id
      WHERE s.code = ? ${dimension ? 'AND e.dimension_key = ?' : ''}
      ORDER BY e.id DESC`,
    ...(dimension ? [siteCode, dimension] : [siteCode]),
  );
}

/** Every assessment's target date, oldest first: the report shows target dates that slipped. */
export function readTargetDateHistory(h: ReadHandle): ReadinessRecord[] {
  return h.all<ReadinessRecord>('SELECT s.code AS site, e.dimension_key AS dimension, e.target_date AS targetDate, e.recorded_at AS recordedAt FROM readiness_entries e JOIN sites s ON s.id = e.site_id ORDER BY e.id');
}
