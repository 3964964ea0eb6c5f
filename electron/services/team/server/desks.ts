/**
 * The server's own part of the team's documents: a desk for each site that has a site lead.
 *
 * A desk is made when a site lead of the site first joins: the site's readiness and checklist move
 * from the program into it (planners then read and write them there), and the server keeps in it a
 * copy of what the site lead may read but not change: the site's facts, and the plan's reference
 * (name, start, readiness dimensions, the site's ERP, the playbook). A planner who edited the site's
 * work in the program while apart, not knowing of the desk yet, has that edit forwarded into the
 * desk as a change made at the desk's first heads: concurrent with whatever was done there since,
 * so a disagreement goes to Needs review rather than being lost.
 */
import * as A from '@automerge/automerge';
import type { DocHandle, DocumentId, Repo } from '@automerge/automerge-repo/slim';
import { addressText, cellOfPath, cellString, emptyDesk, keysOf, outcomeOf, putScalar, readCell, scalarsOf, siteOfKey, type DeskDoc, type ProgramDoc, type Scalars } from '../doc-model';
import type { Registry } from './registry';

type Maps = Record<string, Record<string, A.ImmutableString>>;

/** Program cells every desk keeps a copy of (by address), besides its site's ERP. */
const REFERENCE_PLAN = ['name', 'startDate', 'createdAt', 'dimensions'];
const SERVER = 'Team server';

/** The keys of one site (or ERP) in a program map: all in one bucket. */
function* keysOfSite(source: ProgramDoc, map: string, site: string): Generator<[key: string, scalars: Scalars]> {
  const scalars = scalarsOf(source, map, `${site}/`);
  for (const key of Object.keys(scalars ?? {})) if (siteOfKey(key) === site) yield [key, scalars!];
}

export class DeskKeeper {
  #program: DocHandle<ProgramDoc> | null = null;
  readonly #desks = new Map<string, DocHandle<DeskDoc>>();

  constructor(
    private readonly repo: Repo,
    private readonly registry: Registry,
  ) {}

  /** Starts keeping the desks of the team's program, once there is one. */
  async follow(programId: string): Promise<void> {
    if (this.#program?.documentId === programId) return;
    this.#program = await this.repo.find<ProgramDoc>(programId as DocumentId);
    for (const desk of this.registry.read().desks) this.#desks.set(desk.site, await this.repo.find<DeskDoc>(desk.doc as DocumentId));
    this.#program.on('change', ({ patches }) => this.#mirror(patches));
  }

  /** The desks of these sites (lower case), made when missing; returns site → desk. */
  async ensure(sites: string[]): Promise<Record<string, string>> {
    const program = this.#program;
    if (!program) return {};
    const out: Record<string, string> = {};
    for (const site of sites.map((s) => s.toLowerCase())) {
      let desk = this.#desks.get(site);
      if (!desk) desk = this.#make(program, site);
      out[site] = desk.documentId;
    }
    await this.repo.flush();
    return out;
  }

  #make(program: DocHandle<ProgramDoc>, site: string): DocHandle<DeskDoc> {
    const source = program.doc();
    const planId = String(source.planId);
    const desk = this.repo.create<DeskDoc>(emptyDesk(planId, site));
    desk.change((d) => {
      const maps = d as unknown as Maps;
      for (const [key] of keysOfSite(source, 'facts', site)) maps.facts![key.slice(site.length + 1)] = this.#settled('facts', key, source);
      for (const map of ['readiness', 'checklist']) for (const [key, scalars] of keysOfSite(source, map, site)) maps[map]![key.slice(site.length + 1)] = new A.ImmutableString(scalars[key]!.val);
      for (const [address, value] of this.#reference(source, site)) maps.reference![address] = value;
    });
    const madeHeads = A.getHeads(desk.doc());
    this.registry.update((team) => team.desks.push({ site, doc: desk.documentId, madeHeads }));
    program.change((d) => putScalar(d, 'desks', site, new A.ImmutableString(desk.documentId)));
    this.#desks.set(site, desk);
    return desk;
  }

  /** A program cell as its desk keeps it: the value every member shows, by the server. */
  #settled(map: string, key: string, source: ProgramDoc): A.ImmutableString {
    const read = readCell(scalarsOf(source, map, key), key)!;
    const outcome = outcomeOf(read, { map: map as never, key });
    return cellString({ value: outcome.value, was: null, by: read.winner.by || SERVER, at: read.winner.at });
  }

  /** The reference cells a site's desk holds: address text → cell. */
  #reference(source: ProgramDoc, site: string): Map<string, A.ImmutableString> {
    const out = new Map<string, A.ImmutableString>();
    for (const key of REFERENCE_PLAN) if (scalarsOf(source, 'plan', key)?.[key] !== undefined) out.set(addressText({ map: 'plan', key }), this.#settled('plan', key, source));
    for (const [key] of keysOf(source, 'playbook')) out.set(addressText({ map: 'playbook', key }), this.#settled('playbook', key, source));
    const erpKey = `${site}/erp`;
    const erp = readCell(scalarsOf(source, 'facts', erpKey), erpKey);
    const code = erp ? String(outcomeOf(erp, { map: 'facts', key: erpKey }).value ?? '').toLowerCase() : '';
    if (code) for (const [key] of keysOfSite(source, 'erps', code)) out.set(addressText({ map: 'erps', key }), this.#settled('erps', key, source));
    return out;
  }

  /** Keeps the desks' copies in step with the program, and forwards late edits of a site's work. */
  #mirror(patches: A.Patch[]): void {
    const program = this.#program;
    if (!program || this.#desks.size === 0) return;
    const source = program.doc();
    const facts = new Set<string>();
    const work = new Map<string, Set<string>>();
    let reference = false;
    for (const patch of patches) {
      const cell = cellOfPath(source, patch.path);
      if (!cell) continue;
      const { map, key } = cell;
      if (map === 'facts') facts.add(siteOfKey(key));
      else if (map === 'plan' || map === 'playbook' || map === 'erps') reference = true;
      else if (map === 'readiness' || map === 'checklist') {
        const keys = work.get(siteOfKey(key)) ?? new Set<string>();
        keys.add(`${map}\u0000${key}`);
        work.set(siteOfKey(key), keys);
      }
    }
    for (const [site, desk] of this.#desks) {
      if (facts.has(site) || reference) this.#copyInto(desk, site, source);
      const late = work.get(site);
      if (late) this.#forward(desk, site, source, late);
    }
  }

  #copyInto(desk: DocHandle<DeskDoc>, site: string, source: ProgramDoc): void {
    const wanted = new Map<string, Map<string, A.ImmutableString>>([
      ['facts', new Map([...keysOfSite(source, 'facts', site)].map(([k]) => [k.slice(site.length + 1), this.#settled('facts', k, source)]))],
      ['reference', this.#reference(source, site)],
    ]);
    const present = desk.doc() as unknown as Maps;
    const differs = [...wanted].some(([map, cells]) => [...cells].some(([k, v]) => present[map]?.[k]?.val !== v.val) || Object.keys(present[map] ?? {}).some((k) => !cells.has(k)));
    if (!differs) return;
    desk.change((d) => {
      const maps = d as unknown as Maps;
      for (const [map, cells] of wanted) {
        for (const [k, v] of cells) if (maps[map]![k]?.val !== v.val) maps[map]![k] = v;
        for (const k of Object.keys(maps[map]!)) if (!cells.has(k)) delete maps[map]![k];
      }
    });
  }

  #forward(desk: DocHandle<DeskDoc>, site: string, source: ProgramDoc, keys: Set<string>): void {
    const made = this.registry.read().desks.find((d) => d.site === site)?.madeHeads ?? [];
    const current = desk.doc() as unknown as Maps;
    const puts: { map: string; key: string; value: A.ImmutableString }[] = [];
    for (const entry of keys) {
      const [map, key] = entry.split('\u0000') as [string, string];
      const value = scalarsOf(source, map, key)?.[key];
      const local = key.slice(site.length + 1);
      if (value === undefined || current[map]?.[local]?.val === value.val) continue;
      puts.push({ map, key: local, value: new A.ImmutableString(value.val) });
    }
    if (puts.length === 0) return;
    desk.update((doc) => A.changeAt(doc, made, { message: 'Forwarded from the program', time: Math.floor(Date.now() / 1000) }, (d) => {
      const maps = d as unknown as Maps;
      for (const p of puts) maps[p.map]![p.key] = p.value;
    }).newDoc);
  }
}
