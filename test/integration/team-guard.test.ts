/**
 * The team server's guard on messages as Automerge really sends them: a sync message may carry the
 * whole document in one compressed chunk instead of single changes (when that is the smaller thing
 * to send). The guard reads the changes inside it, so a chunk that hides a change to what a member
 * may only read is refused all the same, and an honest one passes (it was once refused as unreadable,
 * which cut a member off until they reconnected).
 */
import * as A from '@automerge/automerge';
import { Repo, type DocHandle } from '@automerge/automerge-repo/slim';
import { describe, expect, it } from 'vitest';
import { emptyDesk, type DeskDoc } from '../../electron/services/team/doc-model';
import { Guard } from '../../electron/services/team/server/guard';
import { Registry } from '../../electron/services/team/server/registry';
import { useTempDir } from '../support/temp';

const tempDir = useTempDir();
const cell = (value: unknown) => new A.ImmutableString(JSON.stringify([value, null, 'x', '2026-12-07T10:00:00.000Z']));

/** The messages a member's document sends the server's until they are in step, the server speaking first. */
function messagesFrom(sender: A.Doc<DeskDoc>, receiver: A.Doc<DeskDoc>): Uint8Array[] {
  const sent: Uint8Array[] = [];
  let a = A.initSyncState();
  let b = A.initSyncState();
  let other = A.clone(receiver);
  sender = A.clone(sender);
  for (let round = 0; round < 10; round += 1) {
    let out: Uint8Array | null;
    let back: Uint8Array | null;
    [b, back] = A.generateSyncMessage(other, b);
    if (back) [sender, a] = A.receiveSyncMessage(sender, a, back);
    [a, out] = A.generateSyncMessage(sender, a);
    if (out) {
      sent.push(out);
      [other, b] = A.receiveSyncMessage(other, b, out);
    }
    if (!out && !back) break;
  }
  return sent;
}

const isWholeDocument = (message: Uint8Array) =>
  A.decodeSyncMessage(message).changes.some((entry) => {
    try {
      A.decodeChange(entry);
      return false;
    } catch {
      return true;
    }
  });

describe('the guard reads whole-document chunks', () => {
  it('refuses a chunk that changes the site’s facts, passes one that changes only the checklist', async () => {
    const dir = tempDir();
    const registry = new Registry(dir);
    const lead = registry.redeem(registry.invite({ role: 'site-lead', sites: ['US-DET'] }), {}).member;
    const planner = registry.redeem(registry.invite({ role: 'planner', sites: [] }), {}).member;
    // The server's copy of the desk: made, then diverged from by a member who never synced.
    const repo = new Repo({ network: [] });
    // A desk with a long checklist, made in one change: Automerge then finds the whole document (compressed) the smaller thing to send.
    const desk = emptyDesk('plan', 'us-det');
    desk.facts['name'] = cell('Detroit');
    for (let i = 0; i < 3000; i += 1) desk.checklist[`task-${i}/note`] = cell(`note ${i}`);
    const server: DocHandle<DeskDoc> = repo.import<DeskDoc>(A.save(A.from(desk)));
    registry.update((team) => {
      team.program = 'program';
      team.desks.push({ site: 'us-det', doc: server.documentId, madeHeads: [] });
    });
    const guard = new Guard(registry, () => server);
    const member = A.change(A.clone(server.doc()), (d) => {
      d.facts['name'] = cell('Renamed by the lead');
      d.checklist['kickoff/status'] = cell('doing');
    });
    const serverOwn = A.change(A.clone(server.doc()), (d) => void (d.readiness['x'] = new A.ImmutableString('{}')));
    const messages = messagesFrom(member, serverOwn);
    expect(messages.some(isWholeDocument)).toBe(true);
    const refusals = (who: typeof lead) => messages.map((m) => guard.checkSync(who, server.documentId, m)).flatMap((v) => (v.ok ? [] : [v.reason]));
    // The desk's facts are the server's own copy: refused from a planner too, and from the site lead.
    expect(refusals(planner)).toEqual(["the site's facts are kept by the server"]);
    expect(refusals(lead)).toEqual(["the site's facts are kept by the server"]);
    // A chunk that changes only the checklist passes for the site lead.
    const honest = A.change(A.clone(server.doc()), (d) => void (d.checklist['kickoff/status'] = cell('done')));
    const honestMessages = messagesFrom(honest, serverOwn);
    expect(honestMessages.some(isWholeDocument)).toBe(true);
    expect(honestMessages.map((m) => guard.checkSync(lead, server.documentId, m)).every((v) => v.ok)).toBe(true);
    await repo.shutdown();
  });
});
