/**
 * Team mode end to end, how members' edits travel: a real team server in its own process, members
 * with their own data folders and plan files, syncing through the command line in processes of their own.
 */
import { describe, expect, it } from 'vitest';
import { useTempDir } from '../support/temp';
import { teamOfThree, anaShares, memberIn, plannerJoins, siteOf, syncAll, useTeamServers } from '../support/team';

const tempDir = useTempDir();
const startServer = useTeamServers();


describe('a team of two planners and a site lead', () => {
  it('edits made apart converge everywhere; the same field changed by both planners waits in Needs review until decided', { timeout: 300_000 }, async () => {
    const dir = tempDir();
    const { server, ana, bo, cy } = await teamOfThree(startServer, dir);
    const before = await ana.exportText();
    expect(await bo.exportText()).toBe(before);
    const notesBefore = siteOf(before, 'CZ-PLZ').notes;

    // Apart: each edits their own plan file with no connection to the team.
    await ana.edit(async (call) => {
      await call('sites:update', { code: 'FR-LYO', patch: { name: 'Lyon Assembly (renamed by Ana)' } });
      await call('sites:update', { code: 'US-DET', patch: { headcount: 2222 } });
      await call('sites:update', { code: 'CZ-PLZ', patch: { notes: 'Ana: start after the works council meeting' } });
      const item = (await call('checklist:list', { site: 'US-DET' }))[0]!;
      await call('checklist:update', { id: item.id, owner: 'Plant IT (Ana)' });
    });
    await bo.edit(async (call) => {
      await call('sites:update', { code: 'DE-BRE', patch: { region: 'DACH' } });
      await call('sites:update', { code: 'CZ-PLZ', patch: { notes: 'Bo: ready once the scanners arrive' } });
      await call('settings:update', { staggerDays: 6 });
    });
    await cy.edit(async (call) => {
      await call('readiness:set', { site: 'US-DET', dimension: 'data', score: 85, targetDate: null, comment: 'Master data cleansed' });
      const item = (await call('checklist:list', { site: 'US-DET' }))[0]!;
      await call('checklist:update', { id: item.id, status: 'doing' });
    });

    await syncAll([ana, bo, cy]);

    // Every planner holds the same plan, byte for byte, and computes the same schedule from it.
    const anaText = await ana.exportText();
    const boText = await bo.exportText();
    expect(boText).toBe(anaText);
    expect(await bo.scheduleJson('2027-01-04')).toBe(await ana.scheduleJson('2027-01-04'));
    const plan = JSON.parse(anaText);
    expect(plan.plan.settings.staggerDays).toBe(6);
    expect(siteOf(anaText, 'FR-LYO').name).toBe('Lyon Assembly (renamed by Ana)');
    expect(siteOf(anaText, 'DE-BRE').region).toBe('DACH');
    // The site lead's work reached the planners, and theirs reached the site lead.
    const det = siteOf(anaText, 'US-DET') as { readinessHistory: { comment: string; by: string }[]; checklist: { status: string; owner: string }[] };
    expect(det.readinessHistory.at(-1)).toMatchObject({ comment: 'Master data cleansed', by: 'Cy Lead' });
    const cyText = await cy.exportText();
    expect(siteOf(cyText, 'US-DET').readinessHistory).toEqual(det.readinessHistory);
    expect(siteOf(cyText, 'US-DET').checklist).toEqual(det.checklist);
    expect(det.checklist.some((i) => i.status === 'doing' && i.owner === 'Plant IT (Ana)')).toBe(true);
    // The site lead sees only their own site, with the facts the planners keep.
    expect(JSON.parse(cyText).sites.map((s: { code: string }) => s.code)).toEqual(['US-DET']);
    expect(siteOf(cyText, 'US-DET').headcount).toBe(2222);

    // The notes both planners changed: the value before stays, both wait for a decision.
    expect(siteOf(anaText, 'CZ-PLZ').notes).toBe(notesBefore);
    for (const member of [ana, bo]) {
      const report = (await member.sync()).report!;
      expect(report.reviews).toHaveLength(1);
      expect(report.reviews[0]).toMatchObject({ id: 'facts:cz-plz/notes', subject: 'Site CZ-PLZ', field: 'Notes' });
      expect(report.reviews[0]!.choices.map((c) => [c.value, c.by]).sort()).toEqual([
        ['Ana: start after the works council meeting', 'Ana Planner'],
        ['Bo: ready once the scanners arrive', 'Bo Planner'],
      ]);
    }

    // A planner joining now gets the same plan: the disagreement arrives with the documents, and the value before shows.
    const dee = memberIn(dir, 'Dee Planner', 'dee');
    expect((await dee.join(server, server.invite('planner'))).code).toBe(0);
    // (Ana and Bo re-planned as of the same day above, so the checklists' due dates moved alike.)
    expect(await dee.exportText()).toBe(await ana.exportText());
    expect((await dee.sync()).report!.reviews.map((r) => r.id)).toEqual(['facts:cz-plz/notes']);

    // Ana decides for Bo's value; the decision reaches everyone.
    await ana.edit(
      async (call) => {
        const [review] = await call('team:reviews', {});
        const choice = review!.choices.findIndex((c) => c.by === 'Bo Planner');
        await call('team:decide', { id: review!.id, choice });
      },
      { connected: true },
    );
    await syncAll([ana, bo, cy, dee]);
    const decided = await ana.exportText();
    expect(await bo.exportText()).toBe(decided);
    expect(await dee.exportText()).toBe(decided);
    expect(siteOf(decided, 'CZ-PLZ').notes).toBe('Bo: ready once the scanners arrive');
    expect((await bo.sync()).report!.reviews).toEqual([]);
  });
});

describe('a site lead who joins while a planner is apart', () => {
  it('gets the planner’s late edits of the site’s checklist, and a disagreement with the site lead waits in Needs review', { timeout: 300_000 }, async () => {
    const dir = tempDir();
    const server = await startServer(dir);
    const ana = await anaShares(server, dir);
    const bo = await plannerJoins(server, dir, 'Bo Planner', 'bo');
    // Bo, apart, works on US-DET's checklist: it still lives in the program as far as he knows.
    const [first, second] = await bo.edit(async (call) => {
      const items = await call('checklist:list', { site: 'US-DET' });
      await call('checklist:update', { id: items[0]!.id, owner: 'Plant IT (Bo)' });
      await call('checklist:update', { id: items[1]!.id, status: 'doing' });
      return [items[0]!.taskKey, items[1]!.taskKey];
    });
    // Meanwhile US-DET gets a site lead, whose joining makes its desk; Cy blocks the second item.
    const cy = memberIn(dir, 'Cy Lead', 'cy');
    expect((await cy.join(server, server.invite('site-lead', { sites: ['US-DET'] }))).code).toBe(0);
    await cy.edit(async (call) => {
      const item = (await call('checklist:list', { site: 'US-DET' })).find((i) => i.taskKey === second)!;
      await call('checklist:update', { id: item.id, status: 'blocked' });
    });
    await syncAll([cy, bo, ana, cy, bo]);
    const anaText = await ana.exportText();
    expect(await bo.exportText()).toBe(anaText);
    const checklist = (text: string) => (siteOf(text, 'US-DET').checklist as { task: string; owner: string; status: string }[]);
    // Bo's edit the site lead did not touch arrived, in the desk, for everyone.
    expect(checklist(anaText).find((i) => i.task === first)!.owner).toBe('Plant IT (Bo)');
    expect(checklist(await cy.exportText()).find((i) => i.task === first)!.owner).toBe('Plant IT (Bo)');
    // The status both set apart waits for a decision, on every member; the value before shows.
    expect(checklist(anaText).find((i) => i.task === second)!.status).toBe('todo');
    for (const member of [ana, bo, cy]) {
      const reviews = (await member.sync()).report!.reviews;
      expect(reviews.map((r) => [r.id, r.choices.map((c) => c.value).sort()])).toEqual([[`checklist:us-det/${second}/status`, ['blocked', 'doing']]]);
    }
  });
});

