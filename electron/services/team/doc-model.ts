/**
 * The shape of a team's Automerge documents and how a cell is read out of them.
 *
 * A team plan is one *program* document (the whole plan, for planners) and one *desk* per site that
 * has a site lead (that site's facts, a copy kept by the server; its readiness and checklist, which
 * live there once the desk exists). Every document is a handful of flat maps made when the document
 * is made; afterwards members only put and delete scalar values (immutable strings) in them, so two
 * members never make two objects under one key, and a concurrent edit of one key is a conflict that
 * Automerge keeps (both values) rather than an object that one of them silently loses.
 */
import * as A from '@automerge/automerge';
import { canonicalJson, decodeCell, encodeCell, sameValue, type Cell } from '../../../shared/team';
import { DESK_MAPS, GROUPED, PROGRAM_MAPS, isWorkedOut, type CellAddress, type DeskMap, type ProgramMap } from './addresses';

export * from './addresses';

export const PROGRAM_KIND = 'wave-planner/program';
export const DESK_KIND = 'wave-planner/desk';

export type Scalars = Record<string, A.ImmutableString>;
export type ProgramDoc = { kind: string; planId: string } & Record<ProgramMap, Scalars | Record<string, Scalars>>;
export type DeskDoc = { kind: string; planId: string; site: string; movedHeads: string } & Record<DeskMap, Scalars>;
export type TeamDoc = ProgramDoc | DeskDoc;

/**
 * The program's per-site and per-ERP maps are split into buckets, made with the document: putting a
 * key costs Automerge time in proportion to the map it lands in (42 ms in a map of 42,000 keys,
 * under 1 ms in one of a few hundred), and every member pays it for every change. A site's keys all
 * go to one bucket (chosen by its code), so a desk or a site's unit reads one bucket.
 */
export const BUCKETED: readonly string[] = ['erps', 'facts', 'readiness', 'checklist'];
const BUCKET_COUNT = 256;
const BUCKET_NAMES = Array.from({ length: BUCKET_COUNT }, (_, i) => i.toString(16).padStart(2, '0'));

/** The bucket of a key: FNV-1a of its site or ERP code (the part before the first "/"). */
export function bucketOf(key: string): string {
  const slash = key.indexOf('/');
  const group = slash < 0 ? key : key.slice(0, slash);
  let hash = 0x811c9dc5;
  for (let i = 0; i < group.length; i += 1) hash = Math.imul(hash ^ group.charCodeAt(i), 0x01000193) >>> 0;
  return BUCKET_NAMES[hash % BUCKET_COUNT]!;
}

/** Whether `map` is split into buckets in this document (a document itself, or a held one: kind 'program'). */
const bucketed = (doc: { kind: string }, map: string) => (doc.kind === PROGRAM_KIND || doc.kind === 'program') && BUCKETED.includes(map);

/** The scalars of a document that hold `key` of `map` (its bucket in the program, else the map itself). */
export function scalarsOf(doc: TeamDoc, map: string, key: string): Scalars | undefined {
  const value = (doc as unknown as Record<string, Record<string, unknown>>)[map];
  if (!value) return undefined;
  return (bucketed(doc, map) ? value[bucketOf(key)] : value) as Scalars | undefined;
}

/** Every key a document holds in `map`, with the scalars holding it. */
export function* keysOf(doc: TeamDoc, map: string): Generator<[key: string, scalars: Scalars]> {
  const value = (doc as unknown as Record<string, Record<string, unknown>>)[map];
  if (!value || typeof value !== 'object' || value instanceof A.ImmutableString) return;
  const parts = bucketed(doc, map) ? (Object.values(value) as Scalars[]) : [value as Scalars];
  for (const scalars of parts) for (const key of Object.keys(scalars)) yield [key, scalars];
}

/** The maps of a document that hold cells. */
export function mapsOf(doc: TeamDoc): string[] {
  return Object.entries(doc)
    .filter(([, v]) => v && typeof v === 'object' && !(v instanceof A.ImmutableString))
    .map(([map]) => map);
}

/** Puts a value under `key` of `map` (inside a change). */
export function putScalar(doc: TeamDoc, map: string, key: string, value: A.ImmutableString): void {
  scalarsOf(doc, map, key)![key] = value;
}

/** The cell a patch's path reaches (map and key), or null for a path above the cells (a map, a bucket). */
export function cellOfPath(doc: { kind: string }, path: A.Prop[]): { map: string; key: string } | null {
  const map = String(path[0]);
  if (bucketed(doc, map)) return path.length >= 3 ? { map, key: String(path[2]) } : null;
  return path.length >= 2 ? { map, key: String(path[1]) } : null;
}

export function emptyProgram(planId: string): ProgramDoc {
  const maps = PROGRAM_MAPS.map((m) => [m, BUCKETED.includes(m) ? Object.fromEntries(BUCKET_NAMES.map((b) => [b, {}])) : {}]);
  return { kind: PROGRAM_KIND, planId, ...(Object.fromEntries(maps) as Record<ProgramMap, Scalars>) };
}

export function emptyDesk(planId: string, site: string): DeskDoc {
  return { kind: DESK_KIND, planId, site, movedHeads: '[]', ...(Object.fromEntries(DESK_MAPS.map((m) => [m, {}])) as Record<DeskMap, Scalars>) };
}

export const isDesk = (doc: TeamDoc): doc is DeskDoc => doc.kind === DESK_KIND;

/** A cell as read from a document: its value there, and every value when members set it concurrently. */
export interface CellRead {
  winner: Cell;
  /** More than one when set concurrently, in the order of their operation ids. */
  values: Cell[];
}

const text = (v: unknown): string => (v instanceof A.ImmutableString ? v.val : String(v));

export function readCell(map: Scalars | undefined, key: string): CellRead | undefined {
  if (!map) return undefined;
  const value = map[key];
  if (value === undefined) return undefined;
  const winner = decodeCell(text(value));
  const conflicts = A.getConflicts(map, key);
  if (!conflicts || Object.keys(conflicts).length < 2) return { winner, values: [winner] };
  const values = Object.entries(conflicts)
    .sort(([a], [b]) => compareOpIds(a, b))
    .map(([, v]) => decodeCell(text(v)));
  return { winner, values };
}

/** Operation ids are `counter@actor`: ordered by counter, then actor, as Automerge orders them. */
function compareOpIds(a: string, b: string): number {
  const [ca, aa] = a.split('@') as [string, string];
  const [cb, ab] = b.split('@') as [string, string];
  return Number(ca) - Number(cb) || (aa < ab ? -1 : aa > ab ? 1 : 0);
}

/** What a cell shows, and the values waiting for a decision when members disagree. */
export interface CellOutcome {
  value: unknown;
  /** The disagreeing values (one per distinct value), or null when there is nothing to decide. */
  conflict: Cell[] | null;
}

export function outcomeOf(read: CellRead, address: CellAddress): CellOutcome {
  if (read.values.length === 1) return { value: read.winner.value, conflict: null };
  const distinct: Cell[] = [];
  for (const cell of read.values) if (!distinct.some((d) => sameValue(d.value, cell.value))) distinct.push(cell);
  if (distinct.length === 1) return { value: distinct[0]!.value, conflict: null };
  if (isWorkedOut(address)) return { value: read.winner.value, conflict: null };
  // The value before the disagreement: what the members replaced (the same for all of them when
  // they started from one value; otherwise that of the earliest operation, the same on every member).
  return { value: read.values[0]!.was, conflict: distinct };
}

export const cellString = (cell: Cell): A.ImmutableString => new A.ImmutableString(encodeCell(cell));
export const entryString = (entry: unknown): A.ImmutableString => new A.ImmutableString(canonicalJson(entry));
export const entryOf = (value: unknown): unknown => JSON.parse(text(value));

/** The keys of each map in program terms, by the site or ERP they belong to: what exists, without a scan. */
export class DocIndex {
  readonly #keys = new Map<string, Map<string, Set<string>>>();

  #group(map: string, key: string): string {
    return (GROUPED as readonly string[]).includes(map) ? key.slice(0, Math.max(0, key.indexOf('/'))) : '';
  }

  add(map: string, key: string): void {
    let groups = this.#keys.get(map);
    if (!groups) this.#keys.set(map, (groups = new Map()));
    const group = this.#group(map, key);
    let keys = groups.get(group);
    if (!keys) groups.set(group, (keys = new Set()));
    keys.add(key);
  }

  remove(map: string, key: string): void {
    this.#keys.get(map)?.get(this.#group(map, key))?.delete(key);
  }

  has(map: string, key: string): boolean {
    return this.#keys.get(map)?.get(this.#group(map, key))?.has(key) ?? false;
  }

  /** Keys of `map` for one site or ERP (lower case), or all keys of an ungrouped map. */
  keys(map: string, group = ''): string[] {
    return [...(this.#keys.get(map)?.get(group) ?? [])];
  }

  /** The sites or ERPs a grouped map has keys for. */
  groups(map: string): string[] {
    return [...(this.#keys.get(map)?.keys() ?? [])].filter((g) => g !== '');
  }
}
