/**
 * Team mode end to end, what keeps a team safe: the server's roles against a tampered client,
 * processes killed mid-sync, a long offline stretch, revocation and single-use join codes.
 */
import * as A from '@automerge/automerge';
import { Repo, type DocumentId, type PeerId } from '@automerge/automerge-repo/slim';
import Database from 'better-sqlite3';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { emptyProgram, type DeskDoc } from '../../electron/services/team/doc-model';
import { syncUrlOf } from '../../electron/services/team/team-link';
import { TeamSocket } from '../../electron/services/team/team-socket';
import { useTempDir } from '../support/temp';
import { teamOfThree, anaShares, Member, memberIn, plannerJoins, runCli, siteOf, useTeamServers } from '../support/team';

const tempDir = useTempDir();
const startServer = useTeamServers();


/** What a member's plan file records of its membership. */
function linkOf(member: Member): { member_id: string; program_doc: string | null } {
  const db = new Database(member.plan, { readonly: true });
  try {
    return db.prepare('SELECT member_id, program_doc FROM team_link').get() as { member_id: string; program_doc: string | null };
  } finally {
    db.close();
  }
}

function integrity(path: string): string {
  const db = new Database(path, { readonly: true });
  try {
    return db.pragma('integrity_check', { simple: true }) as string;
  } finally {
    db.close();
  }
}

describe('the team server enforces roles', () => {
  it('refuses a tampered site lead’s changes to their site’s facts, to the program and to a forged plan: nothing changes anywhere', { timeout: 300_000 }, async () => {
    const dir = tempDir();
    const { server, ana, bo, cy } = await teamOfThree(startServer, dir);
    const before = await ana.exportText();
    const desks = JSON.parse(readFileSync(join(server.dataDir, 'team.json'), 'utf8')).desks as { site: string; doc: string }[];
    const desk = desks.find((d) => d.site === 'us-det')!;
    const programId = linkOf(ana).program_doc!;
    const { member_id: memberId } = linkOf(cy);
    const key = (JSON.parse(readFileSync(join(cy.home, 'team-keys.json'), 'utf8')) as Record<string, { key: string }>)[memberId]!.key;

    // The site lead's own key, in a client that does what the app never would.
    const socket = new TeamSocket({ url: syncUrlOf(server.url), memberId, key, onState: () => undefined });
    const repo = new Repo({ network: [socket], peerId: `tampered-${memberId}` as PeerId, sharePolicy: async () => true });
    try {
      const handle = await repo.find<DeskDoc>(desk.doc as DocumentId);
      const refusals: string[] = [];
      handle.on('ephemeral-message', ({ message }) => refusals.push((message as { message: string }).message));
      handle.change((d) => {
        d.facts['name'] = new A.ImmutableString(JSON.stringify(['Renamed by a tampered client', null, 'Cy Lead', new Date().toISOString()]));
      });
      await expect.poll(() => refusals.length, { timeout: 20_000 }).toBeGreaterThan(0);
      expect(refusals[0]).toMatch(/refused your change: the site's facts are kept by the server/);
      // The program is not theirs to receive, and a forged copy of it is not taken either.
      await expect(repo.find(programId as DocumentId, { signal: AbortSignal.timeout(5_000) })).rejects.toThrow();
      const forged = A.change(A.from(emptyProgram('forged')), (d) => {
        d.settings['maxSitesPerWave'] = new A.ImmutableString(JSON.stringify([9, 4, 'Cy Lead', new Date().toISOString()]));
      });
      repo.import(A.save(forged), { docId: programId as DocumentId });
      await server.waitForLog(/refused a change by Cy Lead .*a site lead changes only their own sites/);
    } finally {
      socket.disconnect();
      await repo.shutdown();
    }
    expect(server.log()).toMatch(/refused a change by Cy Lead .*site's facts are kept by the server/);

    // Nobody received anything.
    for (const member of [ana, bo]) {
      const result = await member.sync();
      expect(result.report).toMatchObject({ inStep: true, received: 0 });
    }
    expect(await ana.exportText()).toBe(before);
    expect(await bo.exportText()).toBe(before);
    const cyText = await cy.exportText();
    expect(siteOf(cyText, 'US-DET').name).toBe(siteOf(before, 'US-DET').name);
    // Nor can the honest app make such a change: the plan refuses it before it leaves.
    await expect(cy.edit((call) => call('sites:update', { code: 'US-DET', patch: { notes: 'mine' } }))).rejects.toThrow(/site lead of US-DET: you can change their readiness and checklists/);
    await expect(cy.edit((call) => call('settings:update', { staggerDays: 3 }))).rejects.toThrow(/site lead of US-DET/);
  });
});

describe('nothing is lost when processes die', () => {
  it('a server killed mid-sync and a member killed mid-sync: after a restart every edit arrives and the plans match', { timeout: 300_000 }, async () => {
    const dir = tempDir();
    const server = await startServer(dir);
    const ana = await anaShares(server, dir);
    const bo = await plannerJoins(server, dir, 'Bo Planner', 'bo');
    const sites = JSON.parse(await ana.exportText()).sites.map((s: { code: string }) => s.code) as string[];
    await ana.edit(async (call) => {
      for (let i = 0; i < 300; i += 1) await call('readiness:set', { site: sites[i % sites.length]!, dimension: 'data', score: i % 101, targetDate: null, comment: `assessment ${i}` });
    });

    // The server dies while Ana sends.
    const logged = server.log().length;
    const sending = ana.startSync(20);
    await server.waitForLog(/connected: Ana Planner/, logged);
    await server.stop('SIGKILL');
    const cut = await sending.done;
    expect(cut.code).toBe(1);
    const restarted = await startServer(dir, server.port);
    expect((await ana.sync()).report).toMatchObject({ inStep: true, waiting: 0 });

    // Bo dies while taking them.
    const from = restarted.log().length;
    const taking = bo.startSync(60);
    await restarted.waitForLog(/connected: Bo Planner/, from);
    await new Promise((r) => setTimeout(r, 150));
    taking.child.kill('SIGKILL');
    await taking.done;
    expect(integrity(bo.plan)).toBe('ok');
    expect((await bo.sync()).report).toMatchObject({ inStep: true });
    const anaText = await ana.exportText();
    expect(await bo.exportText()).toBe(anaText);
    const history = JSON.parse(anaText).sites.flatMap((s: { readinessHistory: { comment: string }[] }) => s.readinessHistory.map((h) => h.comment));
    for (let i = 0; i < 300; i += 1) expect(history).toContain(`assessment ${i}`);
  });
});

describe('membership', () => {
  it('a member offline for 1,000 edits sends them all; a revoked member is refused at once and from then on', { timeout: 300_000 }, async () => {
    const dir = tempDir();
    const server = await startServer(dir);
    const ana = await anaShares(server, dir);
    const bo = await plannerJoins(server, dir, 'Bo Planner', 'bo');
    const sites = JSON.parse(await bo.exportText()).sites.map((s: { code: string }) => s.code) as string[];
    await bo.edit(async (call) => {
      for (let i = 0; i < 1000; i += 1) await call('sites:update', { code: sites[i % sites.length]!, patch: { headcount: 1000 + i } });
    });
    expect((await bo.sync(60)).report).toMatchObject({ inStep: true, waiting: 0 });
    expect((await ana.sync(60)).report).toMatchObject({ inStep: true });
    const boText = await bo.exportText();
    expect(await ana.exportText()).toBe(boText);
    // Each site holds the last of its edits.
    sites.forEach((code, index) => expect(siteOf(boText, code).headcount).toBe(1000 + index + sites.length * Math.floor((999 - index) / sites.length)));

    // Revoked while connected: the server drops the connection at once, and the app says so.
    await bo.edit(
      async (call) => {
        await expect.poll(async () => (await call('team:status', {}))?.state, { timeout: 20_000 }).toBe('synced');
        expect(server.revoke('Bo Planner').code).toBe(0);
        await expect.poll(async () => (await call('team:status', {}))?.state, { timeout: 5_000 }).toBe('revoked');
      },
      { connected: true },
    );
    // And the next connection is refused too; the plan stays as it was.
    const again = await bo.sync();
    expect(again.code).toBe(1);
    expect(again.report?.state ?? again.stderr).toMatch(/revoked/);
    expect(await bo.exportText()).toBe(boText);
    expect(server.log()).toMatch(/disconnected Bo Planner .*access revoked/);
  });

  it('a join code works once; a site lead’s code cannot share a plan', { timeout: 120_000 }, async () => {
    const dir = tempDir();
    const server = await startServer(dir);
    expect((await runCli(join(dir, 'ana'), ['demo', '--out', join(dir, 'ana')])).code).toBe(0);
    const ana = memberIn(dir, 'Ana Planner', 'ana', 'sample.waveplan');
    const lead = await ana.share(server, server.invite('site-lead', { sites: ['US-DET'] }));
    expect(lead.code).toBe(1);
    expect(lead.stderr).toMatch(/invites a site lead; sharing a plan needs a planner/);
    const code = server.invite('planner');
    expect((await ana.share(server, code)).code).toBe(0);
    const bo = memberIn(dir, 'Bo Planner', 'bo');
    expect((await bo.join(server, code)).stderr).toMatch(/This join code was used on .* a code joins one member once/);
    // A copy of a team plan is a plan of one's own.
    const copy = join(dir, 'ana', 'copy.waveplan');
    await ana.edit((call) => call('plan:saveCopy', { path: copy }));
    const copied = await runCli(ana.home, ['team', 'sync', '--plan', copy]);
    expect(copied.code).toBe(1);
    expect(copied.stderr).toMatch(/is not a team plan/);
    // The server stops cleanly when asked.
    await server.stop('SIGTERM');
    expect(server.log()).toMatch(/listening on 127\.0\.0\.1/);
    expect(server.exitCode).toBe(0);
    expect(server.output).toMatch(/Team server stopped\./);
  });
});
