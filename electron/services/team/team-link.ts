/**
 * A plan's link to its team: the team's documents in an automerge-repo (no storage of its own: they
 * are kept in the plan file, see team-records.ts), connected to the team server, and kept in step
 * with the plan file in rounds. Each round is one transaction of the plan file:
 *
 *  1. the plan's own commits not yet sent go into the documents: each changed cell is written as a
 *     change made *at the heads the plan showed when it was edited* (Automerge's changeAt), so that an
 *     edit made while apart is concurrent with the remote edits it did not know of, as it was;
 *  2. then what the documents got from other members comes into the plan: one commit (source `sync`,
 *     each field audited with its author and time), through the entity functions the screens use.
 *     Fields set concurrently to different values go to Needs review; the plan shows the value before.
 *
 * The documents' changes are stored in the same transaction as the plan's content they match, so a
 * killed process loses nothing: what was sent is sent again, what was received is received again.
 */
import * as A from '@automerge/automerge';
import { Repo, type DocHandle, type DocumentId, type PeerId } from '@automerge/automerge-repo/slim';
import type { ChangeEvent } from '../../../shared/changes';
import { sameValue, valueInWords, type TeamRole, type TeamStatus } from '../../../shared/team';
import { UserError } from '../errors';
import { currentRevision } from '../plan/history';
import { TEAM_SESSION, type PlanFile, type TeamTransaction } from '../plan/plan-file';
import { applyUnits, type Refusal, type UnitTarget } from './apply-units';
import {
  DESK_WORK,
  DocIndex,
  addressText,
  cellString,
  entryOf,
  entryString,
  outcomeOf,
  cellOfPath,
  keysOf,
  mapsOf,
  parseAddress,
  programAddress,
  putScalar,
  readCell,
  scalarsOf,
  siteOfKey,
  type CellAddress,
  type CellOutcome,
  type CellRead,
  type ProgramDoc,
  type ProgramMap,
  type TeamDoc,
} from './doc-model';
import { absentValue, GROUPED, readUnit, unitsOfChanges, unitsOfPlan, unitText, type Unit } from './plan-units';
import { describeCell } from './review-words';
import { appendDocChanges, choiceOf, dropReview, putReview, readDocs, readLink, readPending, readRefusals, readReviews, storeDoc, type LinkRow } from './team-records';
import { TeamSocket, type SocketState } from './team-socket';

export interface OpenDoc {
  id: DocumentId;
  kind: 'program' | 'desk';
  /** A desk's site (lower-case code). */
  site: string | null;
  handle: DocHandle<TeamDoc>;
  /** The heads whose content the plan file shows. */
  applied: A.Heads;
}

const SERVER_PEER_PREFIX = 'team-server';
const NO_DESKS: ReadonlyMap<string, unknown> = new Map();
const sameHeads = (a: readonly string[], b: readonly string[]) => a.length === b.length && [...a].sort().join() === [...b].sort().join();

/** The WebSocket address of a team server given as http(s)://host:port. */
export function syncUrlOf(server: string): string {
  const url = new URL(server);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  url.pathname = `${url.pathname.replace(/\/$/, '')}/sync`;
  return url.toString();
}

export interface TeamLinkOptions {
  key: string;
  /** Tells the workspace (and so the screens) where the plan stands. */
  onStatus?: (status: TeamStatus) => void;
}

export class TeamLink {
  readonly #plan: PlanFile;
  readonly #repo: Repo;
  readonly #socket: TeamSocket | null;
  readonly #docs = new Map<string, OpenDoc>();
  /** The desks held, by their site (lower case). */
  readonly #desks = new Map<string, OpenDoc>();
  readonly #index = new DocIndex();
  readonly #pending = new Map<string, string>();
  readonly #serverHeads = new Map<string, A.Heads>();
  readonly #findingDesks = new Set<string>();
  #link: LinkRow;
  #socketState: SocketState = { kind: 'connecting' };
  #syncedAt: string | null = null;
  #own = false;
  #roundQueued = false;
  #round: Promise<void> | null = null;
  #closed = false;
  #lastError: string | null = null;
  #lastPublished = '';
  /** Inside a round: the documents as this round changed them, published when it is stored. */
  readonly #roundDocs = new Map<OpenDoc, A.Doc<TeamDoc>>();
  /** Since the link started: changes sent (one per document and round) and commits taken from the team. */
  readonly counts = { sent: 0, received: 0 };
  readonly #statusListeners = new Set<(status: TeamStatus) => void>();
  readonly #unsubscribe: () => void;

  private constructor(plan: PlanFile, link: LinkRow, options: TeamLinkOptions) {
    this.#plan = plan;
    this.#link = link;
    if (options.onStatus) this.#statusListeners.add(options.onStatus);
    this.#socket = link.revoked_at ? null : new TeamSocket({ url: syncUrlOf(link.server_url), memberId: link.member_id, key: options.key, onState: (state) => this.#onSocket(state) });
    this.#repo = new Repo({
      network: this.#socket ? [this.#socket] : [],
      peerId: `member-${link.member_id}-${Math.random().toString(36).slice(2, 10)}` as PeerId,
      sharePolicy: async () => true,
      enableRemoteHeadsGossiping: false,
    });
    this.#repo.synchronizer.on('sync-state', ({ documentId, peerId, syncState }) => {
      if (!String(peerId).startsWith(SERVER_PEER_PREFIX)) return;
      this.#serverHeads.set(documentId, syncState.theirHeads ?? []);
      this.#acknowledge(documentId, syncState.sharedHeads);
      this.#publishStatus();
    });
    this.#unsubscribe = plan.onChange((event) => this.#onPlanChange(event));
    for (const p of readPending(plan.reader)) this.#pending.set(p.hash, p.docId);
  }

  /** Starts the link of a plan that belongs to a team; null for a plan of one's own. */
  static start(plan: PlanFile, options: TeamLinkOptions): TeamLink | null {
    const link = readLink(plan.reader);
    if (!link || plan.readOnly) return null;
    const team = new TeamLink(plan, link, options);
    for (const stored of readDocs(plan.reader)) team.#open(stored.docId as DocumentId, stored.kind, stored.site, stored.snapshot, stored.changes, stored.appliedHeads);
    team.request();
    return team;
  }

  get role(): TeamRole {
    return this.#link.role;
  }

  get link(): LinkRow {
    return this.#link;
  }

  /** The program document (planners). */
  get program(): OpenDoc | null {
    return [...this.#docs.values()].find((d) => d.kind === 'program') ?? null;
  }

  /** Adds a document the plan holds, as stored in the plan file (or just made or found). */
  #open(id: DocumentId, kind: 'program' | 'desk', site: string | null, snapshot: Uint8Array, changes: Uint8Array[], applied: string[]): OpenDoc {
    const handle = this.#repo.import<TeamDoc>(snapshot, { docId: id });
    for (const bytes of changes) handle.update((d) => A.loadIncremental(d, bytes));
    // What is in the plan file now counts as saved: later saves hold only what is new.
    A.saveIncremental(handle.doc());
    return this.#adopt({ id, kind, site, handle, applied });
  }

  #adopt(doc: OpenDoc): OpenDoc {
    this.#docs.set(doc.id, doc);
    if (doc.kind === 'desk' && doc.site) this.#desks.set(doc.site, doc);
    this.#indexDoc(doc);
    doc.handle.on('change', ({ patches }) => {
      this.#followPatches(doc, patches);
      if (!this.#own) this.request();
    });
    doc.handle.on('ephemeral-message', ({ message }) => this.#onServerMessage(message));
    return doc;
  }

  #indexDoc(doc: OpenDoc): void {
    const value = doc.handle.doc();
    for (const map of mapsOf(value)) for (const [key] of keysOf(value, map)) this.#indexKey(doc, map, key, true);
  }

  #followPatches(doc: OpenDoc, patches: A.Patch[]): void {
    for (const patch of patches) {
      const cell = cellOfPath(doc, patch.path);
      if (cell) this.#indexKey(doc, cell.map, cell.key, patch.action !== 'del');
    }
  }

  #indexKey(doc: OpenDoc, map: string, key: string, present: boolean): void {
    if (doc.kind === 'program' && map === 'desks') {
      if (present) this.#findDesk(key);
      return;
    }
    const address = this.#addressOf(doc, map, key, true);
    if (!address) return;
    if (present) this.#index.add(address.map, address.key);
    else this.#index.remove(address.map, address.key);
  }

  /** The desk of a site (lower case) that this plan holds, if any. */
  #deskOf(site: string): OpenDoc | undefined {
    return this.#desks.get(site);
  }

  /** A document key in program terms (see programAddress); the index also keeps the program's copies of desked sites' work. */
  #addressOf(doc: OpenDoc, map: string, key: string, indexing = false): CellAddress | null {
    return programAddress(doc, map, key, this.role, indexing ? NO_DESKS : this.#desks);
  }

  /** Where a cell lives: a site's work in its desk (when this plan holds it), the rest in the program (a site lead's facts: their desk). */
  #locate(address: CellAddress): { doc: OpenDoc; map: string; key: string } | null {
    if ((DESK_WORK as string[]).includes(address.map) || (this.role === 'site-lead' && address.map === 'facts')) {
      const site = siteOfKey(address.key);
      const desk = this.#deskOf(site);
      if (desk) return { doc: desk, map: address.map, key: address.key.slice(site.length + 1) };
    }
    if (this.role === 'site-lead') {
      // The plan's reference data, as the desk that has this cell keeps it (each has its own site's ERP).
      const text = addressText(address);
      const desk = [...this.#desks.values()].find((d) => scalarsOf(d.handle.doc(), 'reference', text)?.[text] !== undefined) ?? this.#desks.values().next().value;
      return desk ? { doc: desk, map: 'reference', key: text } : null;
    }
    const program = this.program;
    return program ? { doc: program, map: address.map, key: address.key } : null;
  }

  /** The keys a unit has in the team's documents. */
  #unitKeys(unit: Unit): string[] {
    return this.#index.keys(unit.map, unit.group);
  }

  /** Asks for a round soon (coalescing requests). */
  request(): void {
    if (this.#closed || this.#roundQueued) return;
    this.#roundQueued = true;
    setImmediate(() => {
      this.#roundQueued = false;
      void this.runRound();
    });
  }

  /** Runs a round now (after the one under way). */
  async runRound(): Promise<void> {
    while (this.#round) await this.#round;
    if (this.#closed) return;
    this.#round = this.#doRound().finally(() => (this.#round = null));
    return this.#round;
  }

  async #doRound(): Promise<void> {
    const published: { doc: OpenDoc; next: A.Doc<TeamDoc>; before: A.Heads }[] = [];
    try {
      await this.#plan.teamTransaction((tx) => {
        published.length = 0;
        this.#roundDocs.clear();
        this.#sendLocal(tx, published);
        this.#takeRemote(tx);
        this.#link = readLink(tx)!;
      });
      this.#lastError = null;
    } catch (error) {
      // Nothing of this round was stored: the documents go back to what the plan file holds.
      for (const { doc, next, before } of published) this.#publish(doc, A.clone(A.view(next, before)));
      published.length = 0;
      this.#lastError = (error as Error).message;
      if (!(error instanceof UserError)) console.error('Wave Planner: a team sync round failed:', error);
    } finally {
      this.#roundDocs.clear();
    }
    for (const { doc, next } of published) this.#publish(doc, next);
    this.#publishStatus();
  }

  /** A document as it stands in this round. */
  #docNow(doc: OpenDoc): A.Doc<TeamDoc> {
    return this.#roundDocs.get(doc) ?? doc.handle.doc();
  }

  #publish(doc: OpenDoc, next: A.Doc<TeamDoc>): void {
    this.#own = true;
    try {
      doc.handle.update(() => next);
    } finally {
      this.#own = false;
    }
  }

  /** Step 1: this plan's commits since the last round, as changes of the documents. */
  #sendLocal(tx: TeamTransaction, published: { doc: OpenDoc; next: A.Doc<TeamDoc>; before: A.Heads }[]): void {
    const link = readLink(tx)!;
    const commits = tx.all<{ revision: number; at: string; changes_json: string; label: string }>(
      `SELECT revision, at, changes_json, label FROM commits WHERE revision > ? AND session <> ? AND kind <> 'create' ORDER BY revision`,
      link.exported_revision, TEAM_SESSION,
    );
    const newest = currentRevision(this.#plan.reader);
    if (commits.length === 0) {
      if (newest !== link.exported_revision) tx.run('UPDATE team_link SET exported_revision = ? WHERE id = 1', newest);
      return;
    }
    const oldest = tx.get<{ r: number | null }>('SELECT min(revision) AS r FROM commits')!.r ?? 0;
    const units = new Map<string, { unit: Unit; at: string }>();
    const groups = (map: ProgramMap) => [...new Set([...this.#index.groups(map), ...unitsOfPlan(this.#plan.reader).filter((u) => u.map === map).map((u) => u.group)])];
    // Commits pruned from the log before they were sent: compare everything.
    if (oldest > link.exported_revision + 1) for (const unit of [...unitsOfPlan(this.#plan.reader), ...this.#index.groups('facts').map((group) => ({ map: 'facts' as const, group }))]) units.set(unitText(unit), { unit, at: commits.at(-1)!.at });
    for (const commit of commits) for (const unit of unitsOfChanges(JSON.parse(commit.changes_json), groups)) units.set(unitText(unit), { unit, at: commit.at });
    const labels = [...new Set(commits.map((c) => c.label))].slice(0, 5).join('; ');
    const writes = new Map<OpenDoc, { map: string; key: string; value: A.ImmutableString; cell: string }[]>();
    const views = new Map<OpenDoc, A.Doc<TeamDoc>>();
    const shownDoc = (doc: OpenDoc) => {
      let view = views.get(doc);
      if (!view) {
        const current = this.#docNow(doc);
        view = sameHeads(A.getHeads(current), doc.applied) ? current : A.view(current, doc.applied);
        views.set(doc, view);
      }
      return view;
    };
    const reviews = new Map(readReviews(tx).map((r) => [r.cell, r]));
    for (const { unit, at } of units.values()) {
      if (!this.#writable(unit)) continue;
      const local = readUnit(this.#plan.reader, unit);
      for (const key of new Set([...local.keys(), ...this.#unitKeys(unit)])) {
        const address: CellAddress = { map: unit.map, key };
        const location = this.#locate(address);
        if (!location) continue;
        const wanted = local.has(key) ? { value: local.get(key) } : absentValue(unit, key);
        if (!wanted) continue;
        const list = writes.get(location.doc) ?? [];
        const view = shownDoc(location.doc);
        const scalars = scalarsOf(view, location.map, location.key);
        if (unit.map === 'readiness') {
          if (scalars?.[location.key] === undefined && wanted.value) list.push({ map: location.map, key: location.key, value: entryString(wanted.value), cell: addressText(address) });
          writes.set(location.doc, list);
          continue;
        }
        const review = reviews.get(addressText(address));
        const read = readCell(scalars, location.key);
        const shown = review ? review.shown : read ? outcomeOf(read, address).value : undefined;
        if (shown === undefined ? wanted.value === null : sameValue(shown, wanted.value)) continue;
        list.push({ map: location.map, key: location.key, value: cellString({ value: wanted.value ?? null, was: shown ?? null, by: link.member_name, at }), cell: addressText(address) });
        writes.set(location.doc, list);
      }
    }
    for (const [doc, list] of writes) {
      if (list.length === 0) continue;
      const current = this.#docNow(doc);
      const before = A.getHeads(current);
      const options = { message: `${link.member_name}: ${labels}`, time: Math.floor(Date.parse(commits.at(-1)!.at) / 1000) };
      const put = (d: TeamDoc) => {
        for (const w of list) putScalar(d, w.map, w.key, w.value);
      };
      let next: A.Doc<TeamDoc>;
      let heads: A.Heads;
      if (sameHeads(before, doc.applied)) {
        next = A.change(current, options, put);
        heads = A.getHeads(next);
      } else {
        const result = A.changeAt(current, doc.applied, options, put);
        next = result.newDoc;
        heads = result.newHeads ?? A.getHeads(next);
      }
      published.push({ doc, next, before });
      this.#roundDocs.set(doc, next);
      this.counts.sent += 1;
      doc.applied = heads;
      for (const hash of heads) {
        this.#pending.set(hash, doc.id);
        tx.run('INSERT OR IGNORE INTO team_pending (hash, doc_id, at) VALUES (?, ?, ?)', hash, doc.id, new Date().toISOString());
      }
      for (const w of list) if (reviews.has(w.cell)) dropReview(tx, w.cell);
      this.#saveDoc(tx, doc, next);
    }
    tx.run('UPDATE team_link SET exported_revision = ? WHERE id = 1', newest);
  }

  /** Whether this member may change a unit (a site lead: their sites' readiness and checklists). */
  #writable(unit: Unit): boolean {
    if (this.role === 'planner') return unit.map !== 'desks';
    return (unit.map === 'readiness' || unit.map === 'checklist') && this.#deskOf(unit.group) !== undefined;
  }

  /** Step 2: what the documents got from other members, into the plan. */
  #takeRemote(tx: TeamTransaction): void {
    const touched = new Map<string, CellAddress>();
    const changed: OpenDoc[] = [];
    for (const doc of this.#docs.values()) {
      const current = this.#docNow(doc);
      const heads = A.getHeads(current);
      if (sameHeads(heads, doc.applied)) continue;
      changed.push(doc);
      for (const patch of A.diff(current, doc.applied, heads)) {
        const cell = cellOfPath(doc, patch.path);
        const address = cell && this.#addressOf(doc, cell.map, cell.key);
        if (address) touched.set(addressText(address), address);
      }
    }
    if (changed.length === 0) return;
    const units = new Map<string, Unit>();
    for (const address of touched.values()) {
      const unit: Unit = { map: address.map, group: GROUPED.includes(address.map) ? siteOfKey(address.key) : '' };
      units.set(unitText(unit), unit);
    }
    const now = new Date().toISOString();
    const reviews = new Map(readReviews(tx).map((r) => [r.cell, r]));
    const targets: UnitTarget[] = [];
    const authors = new Set<string>();
    let newest = '';
    for (const unit of units.values()) {
      targets.push(
        this.#targetOf(unit, (text, read, outcome) => {
          if (!touched.has(text)) return;
          authors.add(read.winner.by);
          if (read.winner.at > newest) newest = read.winner.at;
          if (outcome.conflict) putReview(tx, { cell: text, choices: outcome.conflict.map(choiceOf), shown: outcome.value, refusal: null, noticedAt: reviews.get(text)?.noticedAt ?? now });
          else if (reviews.has(text)) dropReview(tx, text);
        }),
      );
    }
    const who = [...authors].filter(Boolean);
    let refusals: Refusal[] = [];
    const committed = tx.commit(
      {
        label: who.length === 1 ? `Changes from ${who[0]}` : `Changes from the team (${who.length} members)`,
        source: 'sync',
        actor: who.join(', ') || 'the team',
        at: newest || now,
        outsideHistory: true,
      },
      (h) => (refusals = applyUnits(h, targets)),
    );
    if (committed) this.counts.received += 1;
    for (const refusal of refusals) {
      for (const key of refusal.keys) {
        const text = addressText({ map: refusal.unit.map, key });
        const target = targets.find((t) => t.unit === refusal.unit)!;
        const local = readUnit(this.#plan.reader, refusal.unit).get(key) ?? null;
        const author = target.authors.get(key) ?? { by: 'a team member', at: now };
        putReview(tx, {
          cell: text,
          choices: [
            { value: target.values.get(key) ?? null, text: valueInWords(target.values.get(key)), by: author.by, at: author.at },
            { value: local, text: valueInWords(local), by: 'this plan', at: now },
          ],
          shown: local,
          refusal: refusal.message,
          noticedAt: now,
        });
      }
    }
    for (const doc of changed) {
      doc.applied = A.getHeads(this.#docNow(doc));
      this.#saveDoc(tx, doc, this.#docNow(doc));
    }
  }

  /** A unit as the documents have it now; `seen` hears of each cell read (for reviews). */
  #targetOf(unit: Unit, seen: (text: string, read: CellRead, outcome: CellOutcome) => void = () => undefined): UnitTarget {
    const target: UnitTarget = { unit, values: new Map(), authors: new Map() };
    for (const key of this.#unitKeys(unit)) {
      const address: CellAddress = { map: unit.map, key };
      const location = this.#locate(address);
      if (!location) continue;
      const map = scalarsOf(this.#docNow(location.doc), location.map, location.key);
      if (unit.map === 'readiness') {
        const entry = map?.[location.key];
        if (entry !== undefined) target.values.set(key, entryOf(entry));
        continue;
      }
      const read = readCell(map, location.key);
      if (!read) continue;
      const outcome = outcomeOf(read, address);
      target.values.set(key, outcome.value);
      target.authors.set(key, { by: read.winner.by, at: read.winner.at });
      seen(addressText(address), read, outcome);
    }
    return target;
  }

  /**
   * Decides a field in Needs review: the value chosen (one of the members', or the one shown) is
   * the plan's and is written into the team's document as a change that follows both values, so
   * the decision reaches every member and ends the disagreement there too.
   */
  async decide(cell: string, choice: number | 'shown'): Promise<void> {
    await this.runRound();
    const review = readReviews(this.#plan.reader).find((r) => r.cell === cell);
    if (!review) throw new UserError('not-found', 'That field is no longer waiting for a decision (it was decided here or by another member).');
    if (choice !== 'shown' && !review.choices[choice]) throw new UserError('invalid-input', `There is no value ${choice + 1} to choose for that field.`);
    const value = choice === 'shown' ? review.shown : review.choices[choice]!.value;
    const address = parseAddress(cell);
    const unit: Unit = { map: address.map, group: GROUPED.includes(address.map) ? siteOfKey(address.key) : '' };
    const words = describeCell(address, this.#plan.reader);
    const published: { doc: OpenDoc; next: A.Doc<TeamDoc>; before: A.Heads }[] = [];
    const at = new Date().toISOString();
    try {
      await this.#plan.teamTransaction((tx) => {
        this.#roundDocs.clear();
        const target = this.#targetOf(unit);
        target.values.set(address.key, value);
        tx.commit({ label: `Decide ${words.subject} · ${words.field}: ${valueInWords(value)}`, source: 'ui', outsideHistory: true }, (h) => {
          const refused = applyUnits(h, [target]);
          if (refused.length > 0) throw new UserError('refused', `${refused[0]!.message} Nothing was decided.`);
        });
        const location = this.#locate(address);
        if (!location) throw new UserError('refused', 'This member cannot change that field.');
        const current = this.#docNow(location.doc);
        const before = A.getHeads(current);
        const next = A.change(current, { message: `${this.#link.member_name}: decided ${words.subject} · ${words.field}`, time: Math.floor(Date.parse(at) / 1000) }, (d) => {
          putScalar(d, location.map, location.key, cellString({ value, was: review.shown, by: this.#link.member_name, at }));
        });
        published.push({ doc: location.doc, next, before });
        this.#roundDocs.set(location.doc, next);
        if (sameHeads(before, location.doc.applied)) location.doc.applied = A.getHeads(next);
        for (const hash of A.getHeads(next)) {
          this.#pending.set(hash, location.doc.id);
          tx.run('INSERT OR IGNORE INTO team_pending (hash, doc_id, at) VALUES (?, ?, ?)', hash, location.doc.id, at);
        }
        dropReview(tx, cell);
        this.#saveDoc(tx, location.doc, next);
      });
    } catch (error) {
      for (const { doc, next, before } of published) this.#publish(doc, A.clone(A.view(next, before)));
      throw error;
    } finally {
      this.#roundDocs.clear();
    }
    for (const { doc, next } of published) this.#publish(doc, next);
    this.#publishStatus();
  }

  #saveDoc(tx: TeamTransaction, doc: OpenDoc, value: A.Doc<TeamDoc>): void {
    const due = appendDocChanges(tx, doc.id, A.saveIncremental(value), doc.applied);
    if (due) storeDoc(tx, { docId: doc.id, kind: doc.kind, site: doc.site }, A.save(value), doc.applied);
  }

  #acknowledge(documentId: string, shared: A.Heads): void {
    const doc = this.#docs.get(documentId);
    if (!doc || ![...this.#pending.values()].includes(documentId)) return;
    let unknown: Set<string>;
    try {
      unknown = new Set(A.getChangesMetaSince(doc.handle.doc(), shared).map((c) => c.hash));
    } catch {
      return;
    }
    let confirmed = false;
    for (const [hash, id] of this.#pending) {
      if (id === documentId && !unknown.has(hash)) {
        this.#pending.delete(hash);
        confirmed = true;
      }
    }
    if (confirmed) this.#forgetConfirmed();
  }

  /** Confirmed changes leave the plan file's list too (a small write of the link's own). */
  #forgetConfirmed(): void {
    if (this.#closed || this.#forgetting) return;
    this.#forgetting = true;
    setTimeout(() => {
      this.#forgetting = false;
      if (this.#closed || !this.#plan.isOpen) return;
      const keep = new Set(this.#pending.keys());
      void this.#plan
        .teamTransaction((tx) => {
          for (const p of readPending(tx)) if (!keep.has(p.hash)) tx.run('DELETE FROM team_pending WHERE hash = ?', p.hash);
        })
        .catch(() => undefined)
        .finally(() => this.#publishStatus());
    }, 50).unref?.();
  }

  #forgetting = false;

  #findDesk(site: string): void {
    const program = this.program;
    if (!program || this.#deskOf(site) || this.#findingDesks.has(site)) return;
    const id = (program.handle.doc() as ProgramDoc).desks[site];
    if (!id) return;
    this.#findingDesks.add(site);
    void this.addDesk(String(id instanceof A.ImmutableString ? id.val : id) as DocumentId, site).finally(() => this.#findingDesks.delete(site));
  }

  /** Fetches a desk from the server and holds it from now on (stored with the next round). */
  async addDesk(id: DocumentId, site: string): Promise<void> {
    if (this.#docs.has(id)) return;
    let handle: DocHandle<TeamDoc>;
    try {
      handle = await this.#repo.find<TeamDoc>(id);
    } catch {
      return; // Not reachable now: asked for again on the next change of the program.
    }
    if (this.#closed) return;
    const doc = this.#adopt({ id, kind: 'desk', site, handle, applied: [] });
    // Stored whole (which also counts as saved); none of it is in the plan's tables yet.
    await this.#plan.teamTransaction((tx) => storeDoc(tx, { docId: doc.id, kind: doc.kind, site: doc.site }, A.save(handle.doc()), []));
    this.request();
  }

  #onPlanChange(event: ChangeEvent): void {
    if (event.type !== 'commit') return;
    // The link's own commits are already in the documents.
    if (event.source === 'sync') return;
    this.request();
  }

  #onSocket(state: SocketState): void {
    this.#socketState = state;
    if (state.kind === 'refused') {
      void this.#plan
        .teamTransaction((tx) => tx.run('UPDATE team_link SET revoked_at = ? WHERE id = 1', new Date().toISOString()))
        .then(() => (this.#link = readLink(this.#plan.reader)!))
        .catch(() => undefined)
        .finally(() => this.#publishStatus());
    }
    this.#publishStatus();
  }

  #onServerMessage(message: unknown): void {
    const body = message as { type?: string; message?: string };
    if (body?.type !== 'wave-planner/refused' || !body.message) return;
    void this.#plan
      .teamTransaction((tx) => tx.run('INSERT INTO team_refusals (at, message) VALUES (?, ?)', new Date().toISOString(), body.message))
      .catch(() => undefined)
      .finally(() => this.#publishStatus());
  }

  /** Whether the plan and the server hold the same: nothing to send, nothing unapplied, every document's heads known to match. */
  inStep(): boolean {
    if (this.#socketState.kind !== 'online' || this.#pending.size > 0 || this.#unsent() > 0) return false;
    for (const doc of this.#docs.values()) {
      const heads = A.getHeads(doc.handle.doc());
      if (!sameHeads(heads, doc.applied)) return false;
      const server = this.#serverHeads.get(doc.id);
      if (!server || !sameHeads(server, heads)) return false;
    }
    if (this.role === 'planner' && this.program) {
      const desks = Object.keys((this.program.handle.doc() as ProgramDoc).desks ?? {});
      if (desks.some((site) => !this.#deskOf(site))) return false;
    }
    return true;
  }

  status(): TeamStatus {
    const link = this.#link;
    const state = link.revoked_at || this.#socketState.kind === 'refused' ? 'revoked' : this.#socketState.kind === 'offline' ? 'offline' : this.#socketState.kind === 'connecting' ? 'connecting' : this.inStep() ? 'synced' : 'waiting';
    if (state === 'synced') this.#syncedAt ??= new Date().toISOString();
    else if (state === 'waiting') this.#syncedAt = null;
    const waiting = this.#pending.size + this.#unsent();
    return {
      server: link.server_url,
      member: link.member_name,
      role: link.role,
      sites: JSON.parse(link.sites_json) as string[],
      state,
      waiting,
      offlineSince: this.#socketState.kind === 'offline' ? this.#socketState.since : null,
      syncedAt: this.#syncedAt,
      reviews: this.#plan.reader.get<{ n: number }>('SELECT count(*) AS n FROM team_reviews')!.n,
      refusals: readRefusals(this.#plan.reader),
    };
  }

  /** This plan's own commits not yet in the team's documents. */
  #unsent(): number {
    const link = readLink(this.#plan.reader)!;
    return this.#plan.reader.get<{ n: number }>("SELECT count(*) AS n FROM commits WHERE revision > ? AND session <> ? AND kind <> 'create'", link.exported_revision, TEAM_SESSION)!.n;
  }

  onStatus(listener: (status: TeamStatus) => void): () => void {
    this.#statusListeners.add(listener);
    return () => this.#statusListeners.delete(listener);
  }

  /** Tells the listeners where the plan stands, when that changed (sync messages come many to a change). */
  #publishStatus(): void {
    if (this.#closed || !this.#plan.isOpen) return;
    const status = this.status();
    const text = JSON.stringify(status);
    if (text === this.#lastPublished) return;
    this.#lastPublished = text;
    for (const listener of this.#statusListeners) {
      try {
        listener(status);
      } catch (error) {
        console.error('A team status listener failed:', error);
      }
    }
  }

  /** The last round's failure, if it failed. */
  get lastError(): string | null {
    return this.#lastError;
  }

  retryNow(): void {
    this.#socket?.retryNow();
    this.request();
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    while (this.#round) await this.#round;
    this.#closed = true;
    this.#unsubscribe();
    this.#socket?.disconnect();
    await this.#repo.shutdown().catch(() => undefined);
  }
}

