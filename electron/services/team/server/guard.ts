/**
 * What each member may receive and change, decided on the server for every message. Automerge's
 * access hook only decides what a member receives; there is no read-only access, so a change to a
 * document (or part of one) a member may only read is refused here, before the server's repo sees
 * it: the message is dropped, the refusal logged and told to the member.
 *
 * - A planner receives every document and changes the plan; the parts the server keeps itself (the
 *   program's list of desks, a desk's copy of the site's facts and reference) are refused.
 * - A site lead receives only the desks of their sites, and changes only their readiness and
 *   checklist, value by value (no new objects).
 */
import * as A from '@automerge/automerge';
import type { DocHandle } from '@automerge/automerge-repo/slim';
import type { TeamDoc } from '../doc-model';
import type { Member, Registry, TeamFile } from './registry';

export type Verdict = { ok: true } | { ok: false; reason: string };

/**
 * The changes a sync message's entry brings that the server's copy lacks. An entry is one change,
 * or (when the sender believes the server has little of the document) the whole document in one
 * chunk, whose changes are then read one by one. Null when it is neither.
 */
function newChanges(entry: Uint8Array, known: A.Doc<unknown>): A.DecodedChange[] | null {
  try {
    return [A.decodeChange(entry)];
  } catch {
    // Not a change: perhaps a whole document.
  }
  try {
    return A.getAllChanges(A.load(entry))
      .map((c) => A.decodeChange(c))
      .filter((c) => !A.hasHeads(known, [c.hash]));
  } catch {
    return null;
  }
}

/** The parts of each document the server writes itself. */
const SERVER_MAPS: Record<string, string[]> = { program: ['desks'], desk: ['facts', 'reference'] };
/** What a site lead may change in their desk. */
const SITE_LEAD_MAPS = ['readiness', 'checklist'];

export class Guard {
  #team: TeamFile;
  #stamp = -1;
  readonly #peers = new Map<string, Member>();

  constructor(
    private readonly registry: Registry,
    private readonly handleOf: (docId: string) => DocHandle<TeamDoc> | undefined,
  ) {
    this.#team = registry.read();
  }

  /** The team file as it is now (reloaded when the command line changed it). */
  team(): TeamFile {
    const stamp = this.registry.stamp();
    if (stamp !== this.#stamp) {
      this.#team = this.registry.read();
      this.#stamp = stamp;
      // A member whose access ended keeps none of it.
      for (const [peer, member] of this.#peers) {
        const now = this.#team.members.find((m) => m.id === member.id);
        if (!now || now.revokedAt) this.#peers.delete(peer);
        else this.#peers.set(peer, now);
      }
    }
    return this.#team;
  }

  /** Ties a repo peer to the member whose connection announced it; false when it is another member's. */
  bind(peerId: string, member: Member): boolean {
    const bound = this.#peers.get(peerId);
    if (bound && bound.id !== member.id) return false;
    this.#peers.set(peerId, member);
    return true;
  }

  unbind(peerId: string): void {
    this.#peers.delete(peerId);
  }

  memberOf(peerId: string): Member | undefined {
    this.team();
    return this.#peers.get(peerId);
  }

  #desksOf(member: Member): Set<string> {
    const sites = new Set(member.sites.map((s) => s.toLowerCase()));
    return new Set(this.team().desks.filter((d) => sites.has(d.site)).map((d) => d.doc));
  }

  #kindOf(docId: string): 'program' | 'desk' | 'other' {
    const team = this.team();
    if (team.program === docId) return 'program';
    return team.desks.some((d) => d.doc === docId) ? 'desk' : 'other';
  }

  /** Whether a member (by repo peer) may receive a document. */
  mayRead(peerId: string, docId: string): boolean {
    if (peerId.startsWith('team-server')) return true;
    const member = this.memberOf(peerId);
    if (!member) return false;
    if (member.role === 'planner') return true;
    return this.#desksOf(member).has(docId);
  }

  /** Whether a member may send this sync message: what its changes touch. */
  checkSync(member: Member, docId: string, data: Uint8Array): Verdict {
    const kind = this.#kindOf(docId);
    if (member.role === 'site-lead') {
      if (kind !== 'desk' || !this.#desksOf(member).has(docId)) return { ok: false, reason: 'a site lead changes only their own sites' };
    } else if (kind === 'other' && this.team().program !== null) {
      return { ok: false, reason: 'the team has one plan; a planner cannot add another document to it' };
    }
    let changes: Uint8Array[];
    try {
      changes = A.decodeSyncMessage(data).changes;
    } catch {
      return { ok: false, reason: 'the message could not be read' };
    }
    if (changes.length === 0 || kind === 'other') return { ok: true };
    const handle = this.handleOf(docId);
    if (!handle?.isReady()) return { ok: false, reason: 'the server is still loading this document; the change will be sent again' };
    const doc = handle.doc();
    const objectOf = (map: string) => A.getObjectId(doc, map) ?? `missing:${map}`;
    const serverObjects = new Set((SERVER_MAPS[kind] ?? []).map(objectOf));
    const allowed = member.role === 'site-lead' ? new Set(SITE_LEAD_MAPS.map(objectOf)) : null;
    for (const entry of changes) {
      const decoded = newChanges(entry, doc);
      if (!decoded) return { ok: false, reason: 'a change could not be read' };
      for (const op of decoded.flatMap((c) => c.ops as { action: string; obj: string }[])) {
        if (serverObjects.has(op.obj)) return { ok: false, reason: `the ${kind === 'program' ? "team's list of desks" : "site's facts"} are kept by the server` };
        if (allowed && (!allowed.has(op.obj) || (op.action !== 'set' && op.action !== 'del'))) return { ok: false, reason: 'a site lead changes only the readiness and checklist of their sites' };
      }
    }
    return { ok: true };
  }
}
