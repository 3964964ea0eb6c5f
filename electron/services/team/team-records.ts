/**
 * What a team plan keeps about its team in its own file (tables team_*): its membership, the team's
 * documents as this member holds them, its changes the server has not confirmed, Needs review and
 * what the server refused. Read through a read handle; written inside the link's transactions.
 */
import type { ReadHandle } from '../plan/handles';
import type { TeamTransaction } from '../plan/plan-file';
import { valueInWords, type Cell, type ReviewChoice, type TeamRole } from '../../../shared/team';

export interface LinkRow {
  server_url: string;
  member_id: string;
  member_name: string;
  role: TeamRole;
  sites_json: string;
  program_doc: string | null;
  exported_revision: number;
  joined_at: string;
  revoked_at: string | null;
}

type Reader = Pick<ReadHandle, 'get' | 'all'> | Pick<TeamTransaction, 'get' | 'all'>;

export function readLink(h: Reader): LinkRow | null {
  return h.get<LinkRow>('SELECT server_url, member_id, member_name, role, sites_json, program_doc, exported_revision, joined_at, revoked_at FROM team_link WHERE id = 1') ?? null;
}

export function writeLink(tx: TeamTransaction, link: Omit<LinkRow, 'revoked_at'>): void {
  tx.run(
    `INSERT INTO team_link (id, server_url, member_id, member_name, role, sites_json, program_doc, exported_revision, joined_at) VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET server_url = excluded.server_url, member_id = excluded.member_id, member_name = excluded.member_name, role = excluded.role,
       sites_json = excluded.sites_json, program_doc = excluded.program_doc, exported_revision = excluded.exported_revision, joined_at = excluded.joined_at, revoked_at = NULL`,
    link.server_url, link.member_id, link.member_name, link.role, link.sites_json, link.program_doc, link.exported_revision, link.joined_at,
  );
}

export interface StoredDoc {
  docId: string;
  kind: 'program' | 'desk';
  site: string | null;
  snapshot: Uint8Array;
  changes: Uint8Array[];
  appliedHeads: string[];
}

export function readDocs(h: Reader): StoredDoc[] {
  const rows = h.all<{ doc_id: string; kind: 'program' | 'desk'; site: string | null; snapshot: Buffer; applied_heads: string }>('SELECT doc_id, kind, site, snapshot, applied_heads FROM team_docs ORDER BY kind DESC, doc_id');
  return rows.map((r) => ({
    docId: r.doc_id,
    kind: r.kind,
    site: r.site,
    snapshot: new Uint8Array(r.snapshot),
    changes: h.all<{ bytes: Buffer }>('SELECT bytes FROM team_doc_changes WHERE doc_id = ? ORDER BY id', r.doc_id).map((c) => new Uint8Array(c.bytes)),
    appliedHeads: JSON.parse(r.applied_heads) as string[],
  }));
}

/** Changes kept since a document's snapshot before it is saved whole again. */
const CHANGES_BEFORE_SNAPSHOT = 400;

export function storeDoc(tx: TeamTransaction, doc: { docId: string; kind: 'program' | 'desk'; site: string | null }, snapshot: Uint8Array, appliedHeads: string[]): void {
  tx.run('DELETE FROM team_doc_changes WHERE doc_id = ?', doc.docId);
  tx.run(
    `INSERT INTO team_docs (doc_id, kind, site, snapshot, applied_heads) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (doc_id) DO UPDATE SET snapshot = excluded.snapshot, applied_heads = excluded.applied_heads`,
    doc.docId, doc.kind, doc.site, Buffer.from(snapshot), JSON.stringify(appliedHeads),
  );
}

/** Appends a document's changes since it was last written; returns whether a whole snapshot is due. */
export function appendDocChanges(tx: TeamTransaction, docId: string, bytes: Uint8Array, appliedHeads: string[]): boolean {
  if (bytes.byteLength > 0) tx.run('INSERT INTO team_doc_changes (doc_id, bytes) VALUES (?, ?)', docId, Buffer.from(bytes));
  tx.run('UPDATE team_docs SET applied_heads = ? WHERE doc_id = ?', JSON.stringify(appliedHeads), docId);
  return tx.get<{ n: number }>('SELECT count(*) AS n FROM team_doc_changes WHERE doc_id = ?', docId)!.n > CHANGES_BEFORE_SNAPSHOT;
}

export interface ReviewRow {
  cell: string;
  choices: (ReviewChoice & { cell?: Cell })[];
  shown: unknown;
  refusal: string | null;
  noticedAt: string;
}

export function readReviews(h: Reader): ReviewRow[] {
  return h
    .all<{ cell: string; choices_json: string; shown_json: string; refusal: string | null; noticed_at: string }>('SELECT cell, choices_json, shown_json, refusal, noticed_at FROM team_reviews ORDER BY noticed_at, cell')
    .map((r) => ({ cell: r.cell, choices: JSON.parse(r.choices_json) as ReviewChoice[], shown: JSON.parse(r.shown_json) as unknown, refusal: r.refusal, noticedAt: r.noticed_at }));
}

export function putReview(tx: TeamTransaction, review: ReviewRow): void {
  tx.run(
    `INSERT INTO team_reviews (cell, choices_json, shown_json, refusal, noticed_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (cell) DO UPDATE SET choices_json = excluded.choices_json, shown_json = excluded.shown_json, refusal = excluded.refusal`,
    review.cell, JSON.stringify(review.choices), JSON.stringify(review.shown ?? null), review.refusal, review.noticedAt,
  );
}

/** One member's value of a field, as Needs review lists it. */
export function choiceOf(cell: Cell): ReviewChoice {
  return { value: cell.value, text: valueInWords(cell.value), by: cell.by, at: cell.at };
}

export function dropReview(tx: TeamTransaction, cell: string): void {
  tx.run('DELETE FROM team_reviews WHERE cell = ?', cell);
}

export function readPending(h: Reader): { hash: string; docId: string }[] {
  return h.all<{ hash: string; doc_id: string }>('SELECT hash, doc_id FROM team_pending').map((r) => ({ hash: r.hash, docId: r.doc_id }));
}

export function readRefusals(h: Reader, limit = 20): { at: string; message: string }[] {
  return h.all<{ at: string; message: string }>('SELECT at, message FROM team_refusals ORDER BY id DESC LIMIT ?', limit);
}
