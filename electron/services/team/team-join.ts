/**
 * Becoming a member: sharing a plan with a team server (a planner's join code; the plan's content
 * becomes the team's program document, uploaded once), or joining a team's plan (any join code; a
 * plan file is made from what the member may see). Both redeem the join code over HTTP, keep the
 * member's key in the app's data folder and record the membership in the plan file.
 */
import * as A from '@automerge/automerge';
import { generateAutomergeUrl, parseAutomergeUrl, Repo, type DocHandle, type DocumentId, type PeerId } from '@automerge/automerge-repo/slim';
import { validateWavePlan } from '../../../shared/interchange';
import type { TeamRole } from '../../../shared/team';
import { UserError } from '../errors';
import { currentRevision } from '../plan/history';
import type { WriteHandle } from '../plan/handles';
import { PlanFile, type PlanFileOptions } from '../plan/plan-file';
import { requirePlanRow } from '../plan/plan-settings';
import { storeLockedSchedule } from '../plan/schedules';
import { todayIso } from '../../../shared/dates';
import { cellOfPath, cellString, emptyProgram, entryString, putScalar, type DeskDoc, type ProgramDoc, type TeamDoc } from './doc-model';
import { cellsOfDocs, wavePlanOfCells, type HeldDoc, type TeamPlacement } from './docs-to-plan';
import { Keyring } from './keyring';
import { assessmentOrder, readUnit, unitsOfPlan, type TeamAssessment } from './plan-units';
import { choiceOf, putReview, readLink, storeDoc, writeLink } from './team-records';
import { syncUrlOf } from './team-link';
import { TeamSocket } from './team-socket';

/** What the server says of a member. */
export interface MemberView {
  member: { id: string; name: string; email: string; role: TeamRole; sites: string[] };
  plan: { program: string | null; id: string | null; name: string | null } | null;
  desks: Record<string, string>;
}

export interface Redeemed extends MemberView {
  memberId: string;
  key: string;
}

/** The server's address as the user typed it, checked: http(s)://host[:port], no path. */
export function serverUrl(text: string): string {
  let url: URL;
  try {
    url = new URL(/^[a-z]+:\/\//i.test(text.trim()) ? text.trim() : `http://${text.trim()}`);
  } catch {
    throw new UserError('invalid-input', `"${text}" is not a team server address; write it like http://127.0.0.1:4100 or https://plans.example.com.`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new UserError('invalid-input', `A team server is reached over http or https, not ${url.protocol.replace(':', '')}.`);
  return `${url.protocol}//${url.host}${url.pathname.replace(/\/$/, '')}`;
}

async function call<T>(server: string, path: string, init: { method: 'GET' | 'POST'; body?: unknown; auth?: { memberId: string; key: string } }): Promise<T> {
  let response: Response;
  try {
    response = await fetch(`${server}${path}`, {
      method: init.method,
      headers: { 'content-type': 'application/json', ...(init.auth ? { authorization: `Bearer ${init.auth.memberId}.${init.auth.key}` } : {}) },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
      signal: AbortSignal.timeout(20_000),
    });
  } catch (error) {
    throw new UserError('refused', `The team server at ${server} is not reachable (${(error as Error).cause instanceof Error ? ((error as Error).cause as Error).message : (error as Error).message}). Check the address and that it is running.`);
  }
  const text = await response.text();
  let body: { error?: string } & T;
  try {
    body = JSON.parse(text) as typeof body;
  } catch {
    throw new UserError('refused', `${server} did not answer as a Wave Planner team server (HTTP ${response.status}).`);
  }
  if (!response.ok) throw new UserError(response.status === 401 ? 'refused' : 'refused', body.error ?? `The team server refused (HTTP ${response.status}).`);
  return body;
}

export const redeemCode = (server: string, code: string, who: { name?: string; email?: string }) => call<Redeemed>(server, '/join', { method: 'POST', body: { code, ...who } });

/** A repo connected to the server as this member, for the time of a join or share. */
function connect(server: string, memberId: string, key: string): { repo: Repo; socket: TeamSocket; refused: Promise<string> } {
  let refuse: (reason: string) => void = () => undefined;
  const refused = new Promise<string>((resolve) => (refuse = resolve));
  const socket = new TeamSocket({ url: syncUrlOf(server), memberId, key, onState: (s) => s.kind === 'refused' && refuse(s.reason) });
  const repo = new Repo({ network: [socket], peerId: `member-${memberId}-join-${Math.random().toString(36).slice(2, 8)}` as PeerId, sharePolicy: async () => true });
  return { repo, socket, refused };
}

/** A document from the server, with the keys Automerge reported set concurrently as it arrived. */
async function find<T>(repo: Repo, id: string, refused: Promise<string>, timeoutMs: number): Promise<{ handle: DocHandle<T>; conflicted: Set<string> }> {
  const timeout = new Promise<never>((_, reject) => setTimeout(() => reject(new UserError('refused', 'The team server did not send the plan in time; try again.')), timeoutMs).unref());
  const refusal = refused.then((reason) => Promise.reject(new UserError('refused', reason)));
  // Starts the search and gives the handle at once, so its changes are heard from the first.
  const early = repo.findWithProgress<T>(id as DocumentId).handle;
  const conflicted = new Set<string>();
  early.on('change', ({ doc, patches }) => {
    for (const patch of patches) {
      const cell = cellOfPath(doc as unknown as { kind: string }, patch.path);
      if (!cell) continue;
      const key = `${cell.map}/${cell.key}`;
      if (patch.action === 'put' && patch.conflict) conflicted.add(key);
      else conflicted.delete(key);
    }
  });
  try {
    const handle = await Promise.race([repo.find<T>(id as DocumentId), timeout, refusal]);
    return { handle, conflicted };
  } catch (error) {
    if (error instanceof UserError) throw error;
    throw new UserError('refused', `The team server does not have the plan it named (${(error as Error).message}).`);
  }
}

/** Sets what the wave-plan document cannot carry: the team's places and versions, and the membership. */
function settle(h: WriteHandle, placement: TeamPlacement): void {
  for (const [code, position] of placement.sitePositions) h.run('UPDATE sites SET position = ? WHERE code = ?', position, code);
  for (const [code, position] of placement.erpPositions) h.run('UPDATE erps SET position = ? WHERE code = ?', position, code);
  for (const [name, position] of placement.scenarioPositions) h.run('UPDATE scenarios SET position = ? WHERE name = ?', position, name);
  for (const [key, item] of placement.items) {
    const [site, task] = key.split('/') as [string, string];
    h.run('UPDATE checklist_items SET playbook_version = ?, title = ? WHERE task_key = ? AND site_id = (SELECT id FROM sites WHERE code = ?)', item.playbookVersion, item.title, task, site);
  }
  if (placement.createdAt) h.run('UPDATE plan SET created_at = ? WHERE id = 1', placement.createdAt);
}

export interface JoinInput {
  server: string;
  code: string;
  path: string;
  name?: string;
  email?: string;
}

/**
 * Makes a local plan file from the team's plan: the program and desks a planner sees, or a site
 * lead's desks. Returns the path of the plan made (to open).
 */
export async function joinTeam(input: JoinInput, dataDir: string, planOptions: PlanFileOptions, timeoutMs = 120_000): Promise<PlanFile> {
  const server = serverUrl(input.server);
  const redeemed = await redeemCode(server, input.code, { name: input.name, email: input.email });
  if (!redeemed.plan) throw new UserError('refused', 'This team has no plan yet: a planner shares one first (File › Share with a team…).');
  new Keyring(dataDir).set(redeemed.memberId, { server, key: redeemed.key });
  const { repo, socket, refused } = connect(server, redeemed.memberId, redeemed.key);
  try {
    const role = redeemed.member.role;
    const held: (HeldDoc & { id: string })[] = [];
    if (role === 'planner') {
      const { handle, conflicted } = await find<ProgramDoc>(repo, redeemed.plan.program!, refused, timeoutMs);
      held.push({ id: handle.documentId, kind: 'program', site: null, doc: handle.doc() as A.Doc<TeamDoc>, conflicted });
    }
    for (const [site, id] of Object.entries(redeemed.desks)) {
      const { handle, conflicted } = await find<DeskDoc>(repo, id, refused, timeoutMs);
      held.push({ id: handle.documentId, kind: 'desk', site, doc: handle.doc() as A.Doc<TeamDoc>, conflicted });
    }
    if (held.length === 0) throw new UserError('refused', 'The team server gave this member nothing to see.');
    const { values, conflicts } = cellsOfDocs(held, role);
    const { document, placement } = wavePlanOfCells(values, redeemed.plan.id ?? '');
    const checked = validateWavePlan(document);
    if (!checked.ok) throw new UserError('refused', `The team's plan could not be made into a plan file here: ${checked.problems[0]!.path}: ${checked.problems[0]!.message}`);
    const file = PlanFile.create(input.path, checked.value, {
      ...planOptions,
      source: 'sync',
      andThen: (h) => {
        settle(h, placement);
        // A planner opens the plan with a schedule, computed here as of today from the team's inputs
        // (keeping its locked waves); the checklists stay the team's. A site lead's plan has none.
        if (role === 'planner') storeLockedSchedule(h, checked.value, checked.value.record?.lockedWaves ?? [], todayIso());
        const link = { server_url: server, member_id: redeemed.memberId, member_name: redeemed.member.name, role, sites_json: JSON.stringify(redeemed.member.sites), program_doc: redeemed.plan!.program, exported_revision: h.revision, joined_at: new Date().toISOString() };
        const tx = { run: h.run, get: h.get, all: h.all, commit: () => null };
        writeLink(tx, link);
        for (const d of held) storeDoc(tx, { docId: d.id, kind: d.kind, site: d.site }, A.save(d.doc), A.getHeads(d.doc));
        const now = new Date().toISOString();
        for (const [cell, disagreeing] of conflicts) putReview(tx, { cell, choices: disagreeing.map(choiceOf), shown: values.get(cell) ?? null, refusal: null, noticedAt: now });
      },
    });
    return file;
  } finally {
    socket.disconnect();
    await repo.shutdown().catch(() => undefined);
  }
}

/**
 * The plan's content as the team's program document, made in one go (Automerge's `from` on the whole
 * object is several times faster than putting 100,000 cells one by one in a change).
 */
function programOf(plan: PlanFile, by: string, at: string): A.Doc<ProgramDoc> {
  const h = plan.reader;
  const initial = emptyProgram(requirePlanRow(h).uid);
  for (const unit of unitsOfPlan(h)) {
    for (const [key, value] of readUnit(h, unit)) putScalar(initial, unit.map, key, unit.map === 'readiness' ? entryString(value) : cellString({ value, was: null, by, at }));
  }
  return A.from(initial);
}

/**
 * Puts the plan's readiness assessments of each site in the order every member keeps them (by
 * time): the plan reads a site's current readiness as its newest assessment, and so will they.
 */
function orderAssessments(h: WriteHandle): void {
  const sites = h.all<{ id: number }>('SELECT DISTINCT site_id AS id FROM readiness_entries');
  for (const { id } of sites) {
    const rows = h.all<TeamAssessment & { id: number; source: string }>('SELECT id, dimension_key AS dimension, score, target_date AS targetDate, comment, actor AS by, recorded_at AS at, source FROM readiness_entries WHERE site_id = ? ORDER BY id', id);
    const sorted = [...rows].sort(assessmentOrder);
    const first = sorted.findIndex((row, i) => row.id !== rows[i]!.id);
    if (first < 0) continue;
    for (const row of rows.slice(first)) h.run('DELETE FROM readiness_entries WHERE id = ?', row.id);
    for (const e of sorted.slice(first)) h.run('INSERT INTO readiness_entries (site_id, dimension_key, score, target_date, comment, actor, recorded_at, source) VALUES (?, ?, ?, ?, ?, ?, ?, ?)', id, e.dimension, e.score, e.targetDate, e.comment, e.by, e.at, e.source);
  }
}

export interface ShareInput {
  server: string;
  code: string;
  name?: string;
  email?: string;
}

/** Shares the open plan with a team server: the plan becomes the team's. The link then uploads it. */
export async function sharePlan(plan: PlanFile, input: ShareInput, dataDir: string): Promise<MemberView> {
  if (plan.readOnly) throw new UserError('refused', 'A read-only plan cannot be shared; save a copy and share that.');
  if (readLink(plan.reader)) throw new UserError('refused', 'This plan already belongs to a team.');
  const server = serverUrl(input.server);
  const redeemed = await redeemCode(server, input.code, { name: input.name, email: input.email });
  if (redeemed.member.role !== 'planner') throw new UserError('refused', 'This join code invites a site lead; sharing a plan needs a planner’s code. The code is used up: ask for a planner’s code.');
  if (redeemed.plan) throw new UserError('refused', `This team already shares the plan "${redeemed.plan.name ?? redeemed.plan.id}": join it instead (File › Join a team plan…).`);
  new Keyring(dataDir).set(redeemed.memberId, { server, key: redeemed.key });
  const at = new Date().toISOString();
  const id = parseAutomergeUrl(generateAutomergeUrl()).documentId;
  const doc = await plan.teamTransaction((tx) => {
    tx.commit({ label: 'Put readiness assessments in time order for the team', source: 'sync', outsideHistory: true }, orderAssessments);
    const made = programOf(plan, redeemed.member.name, at);
    writeLink(tx, { server_url: server, member_id: redeemed.memberId, member_name: redeemed.member.name, role: 'planner', sites_json: '[]', program_doc: id, exported_revision: currentRevision(plan.reader), joined_at: at });
    storeDoc(tx, { docId: id, kind: 'program', site: null }, A.save(made), A.getHeads(made));
    return made;
  });
  await upload(server, redeemed, id, doc);
  return call<MemberView>(server, '/share', { method: 'POST', body: { program: id, planId: requirePlanRow(plan.reader).uid, name: requirePlanRow(plan.reader).name }, auth: { memberId: redeemed.memberId, key: redeemed.key } });
}

/** Sends the program document to the server and waits until the server holds all of it. */
async function upload(server: string, redeemed: Redeemed, id: DocumentId, doc: A.Doc<ProgramDoc>, timeoutMs = 120_000): Promise<void> {
  const { repo, socket, refused } = connect(server, redeemed.memberId, redeemed.key);
  try {
    const heads = A.getHeads(doc).sort().join();
    const held = new Promise<void>((resolve) =>
      repo.synchronizer.on('sync-state', ({ documentId, syncState }) => {
        if (documentId === id && [...(syncState.theirHeads ?? [])].sort().join() === heads) resolve();
      }),
    );
    repo.import(A.save(doc), { docId: id });
    const timeout = new Promise<never>((_, reject) => setTimeout(() => reject(new UserError('refused', 'The team server did not take the plan in time; try again.')), timeoutMs).unref());
    await Promise.race([held, timeout, refused.then((reason) => Promise.reject(new UserError('refused', reason)))]);
  } finally {
    socket.disconnect();
    await repo.shutdown().catch(() => undefined);
  }
}
