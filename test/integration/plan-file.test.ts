import Database from 'better-sqlite3';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UserError } from '../../electron/services/errors';
import { backupFolderOf } from '../../electron/services/plan/backup';
import { PLAN_APPLICATION_ID } from '../../electron/services/plan/database';
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from '../../electron/services/plan/migrations';
import { PlanFile } from '../../electron/services/plan/plan-file';
import { serializeWavePlan } from '../../shared/interchange';
import { contentOfText, makePlanFile, reads, sampleDocument, TEST_ACTOR, TestPlan } from '../support/plans';
import { useTempDir } from '../support/temp';

const tempDir = useTempDir();

function refusal(action: () => unknown): UserError {
  try {
    action();
  } catch (error) {
    if (error instanceof UserError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('a plan file', () => {
  it('is created from the sample plan and reopens with durable settings checked', () => {
    const dir = tempDir();
    makePlanFile(dir).close();
    const plan = PlanFile.open(join(dir, 'plan.waveplan'), { actor: TEST_ACTOR });
    try {
      expect(plan.connectionSettings()).toEqual({ journalMode: 'wal', synchronous: 2, foreignKeys: 1, trustedSchema: 0, userVersion: LATEST_SCHEMA_VERSION, applicationId: PLAN_APPLICATION_ID });
      const info = plan.info();
      expect(info.name).toBe('Northwind VisionQC rollout');
      expect(info.counts).toEqual({ sites: 24, activeSites: 23, erps: 8 });
    } finally {
      plan.close();
    }
    const raw = new Database(join(dir, 'plan.waveplan'), { readonly: true });
    const tables = raw.prepare("SELECT name, sql FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all() as { name: string; sql: string }[];
    raw.close();
    for (const table of tables) expect(table.sql, table.name).toMatch(/STRICT$/);
  });

  it('exports the sample back exactly, and import → export gives the same bytes', async () => {
    const dir = tempDir();
    const plan = TestPlan.create(dir);
    const exported = plan.read.exportText();
    expect(JSON.parse(exported)).toMatchObject({ format: 'wave-plan', version: 2, plan: { id: plan.read.info().uid } });
    // Read as version 1 (without its identity and record), it is the sample file, byte for byte.
    expect(serializeWavePlan(contentOfText(exported))).toBe(readFileSync(new URL('../../resources/sample-plan.json', import.meta.url), 'utf8'));
    const other = makePlanFile(dir, contentOfText(exported), 'other.waveplan');
    expect(reads(other).exportText()).toBe(exported);
    await plan.call('interchange:import', { fileName: 'again.json', content: exported });
    expect(plan.read.exportText()).toBe(exported);
    plan.close();
    other.close();
  });

  it('writes an audit entry for every changed field of a site edit, with the actor and source', async () => {
    const plan = TestPlan.create(tempDir());
    const updated = await plan.call('sites:update', { code: 'US-DET', patch: { name: 'Detroit Stamping & Press', headcount: 2150, region: 'Americas' } });
    expect(updated.name).toBe('Detroit Stamping & Press');
    const entries = plan.read.audit({ entity: 'site', entityId: 'US-DET', limit: 10 });
    expect(entries.map((e) => [e.field, e.oldValue, e.newValue, e.actor, e.source]).sort()).toEqual([
      ['headcount', '2100', '2150', TEST_ACTOR, 'ui'],
      ['name', 'Detroit Stamping', 'Detroit Stamping & Press', TEST_ACTOR, 'ui'],
    ]);
    plan.close();
  });

  it('keeps readiness history instead of overwriting it', async () => {
    const plan = TestPlan.create(tempDir());
    await plan.call('readiness:set', { site: 'US-DET', dimension: 'data', score: 68, targetDate: '2027-03-01', comment: 'cleansing half done' });
    const site = await plan.call('readiness:set', { site: 'US-DET', dimension: 'data', score: 74, targetDate: null, comment: 'done' });
    expect(site.readiness.data).toEqual({ score: 74, targetDate: null });
    const history = plan.read.readinessHistory('US-DET', 'data');
    expect(history.map((h) => [h.score, h.comment, h.source])).toEqual([
      [74, 'done', 'ui'],
      [68, 'cleansing half done', 'ui'],
      [62, '', 'ui'],
    ]);
    const audit = plan.read.audit({ entity: 'readiness', entityId: 'US-DET/data', limit: 10 });
    expect(audit.map((a) => [a.field, a.oldValue, a.newValue])).toEqual([
      ['targetDate', '2027-03-01', null],
      ['score', '68', '74'],
      ['targetDate', '2027-03-12', '2027-03-01'],
      ['score', '62', '68'],
    ]);
    plan.close();
  });

  it('refuses bad edits with a clear message and changes nothing', async () => {
    const plan = TestPlan.create(tempDir());
    const before = plan.read.exportText();
    const auditBefore = plan.read.audit({ limit: 10_000 }).length;
    const revision = plan.file.revision();
    expect((await plan.refusal('sites:update', { code: 'US-DET', patch: { erp: 'SAP-R3' } })).message).toBe('Site US-DET: unknown ERP "SAP-R3".');
    expect((await plan.refusal('sites:update', { code: 'US-DET', patch: { predecessors: ['US-DET'] } })).message).toContain('own predecessor');
    expect((await plan.refusal('sites:update', { code: 'US-DET', patch: { code: 'us-grv' } })).code).toBe('conflict');
    expect((await plan.refusal('sites:update', { code: 'NOPE', patch: { name: 'x' } })).code).toBe('not-found');
    expect((await plan.refusal('readiness:set', { site: 'US-DET', dimension: 'morale', score: 1, targetDate: null, comment: '' })).message).toContain('Unknown readiness dimension "morale"');
    expect(plan.read.exportText()).toBe(before);
    expect(plan.read.audit({ limit: 10_000 })).toHaveLength(auditBefore);
    expect(plan.file.revision()).toBe(revision);
    plan.close();
  });

  it('refuses an invalid import whole, naming the path, and leaves the plan untouched', async () => {
    const dir = tempDir();
    const plan = TestPlan.create(dir);
    const before = plan.read.exportText();
    const document = sampleDocument();
    document.sites[12].readiness.data.score = 140;
    const error = await plan.refusal('interchange:import', { fileName: 'broken.json', content: JSON.stringify(document) });
    expect(error.message).toBe('broken.json: sites[12].readiness.data.score: must be between 0 and 100 (got 140)');
    expect(plan.read.exportText()).toBe(before);
    expect(existsSync(backupFolderOf(plan.file.path))).toBe(false);
    plan.close();
  });

  it('takes a backup before an import replaces the content, and Undo takes the import back', async () => {
    const dir = tempDir();
    const plan = TestPlan.create(dir);
    const before = plan.read.exportText();
    const document = sampleDocument();
    document.sites = document.sites.slice(0, 3).map((s: Record<string, unknown>) => ({ ...s, predecessors: [] }));
    const summary = await plan.call('interchange:import', { fileName: 'three.json', content: JSON.stringify(document) });
    expect(summary.sites).toBe(3);
    expect(plan.read.sites()).toHaveLength(3);
    const backup = PlanFile.open(summary.backupPath!, { actor: TEST_ACTOR });
    expect(reads(backup).sites()).toHaveLength(24);
    backup.close();
    expect((await plan.call('history:undo', {})).label).toBe('Import three.json');
    expect(plan.read.exportText()).toBe(before);
    plan.close();
  });

  it('saves a copy that opens as the same plan, with the .waveplan extension', async () => {
    const dir = tempDir();
    const plan = TestPlan.create(dir);
    await plan.call('sites:update', { code: 'CZ-PLZ', patch: { notes: 'copied' } });
    expect(await plan.call('plan:saveCopy', { path: join(dir, 'copy') })).toEqual({ path: join(dir, 'copy.waveplan') });
    const copy = PlanFile.open(join(dir, 'copy.waveplan'), { actor: TEST_ACTOR });
    expect(reads(copy).site('CZ-PLZ').notes).toBe('copied');
    copy.close();
    plan.close();
  });

  it('replaces an existing file only when told to, keeps what it replaced, and never replaces the open plan', async () => {
    const dir = tempDir();
    const plan = TestPlan.create(dir);
    const other = join(dir, 'other.waveplan');
    writeFileSync(other, 'another plan, precious');
    const refused = await plan.refusal('plan:saveCopy', { path: other });
    expect(refused).toMatchObject({ code: 'conflict' });
    expect(refused.message).toBe(`${other} already exists. Replace it? The file there now is kept beside the copy.`);
    expect(readFileSync(other, 'utf8')).toBe('another plan, precious');
    await plan.call('plan:saveCopy', { path: other, replace: true });
    const kept = readdirSync(dir).filter((f) => /^other\.replaced-.*\.waveplan$/.test(f));
    expect(kept).toHaveLength(1);
    expect(readFileSync(join(dir, kept[0]!), 'utf8')).toBe('another plan, precious');
    const replaced = PlanFile.open(other, { actor: TEST_ACTOR });
    expect(reads(replaced).info().name).toBe(plan.read.info().name);
    replaced.close();
    expect((await plan.refusal('plan:saveCopy', { path: plan.file.path, replace: true })).message).toContain('cannot replace the open plan itself');
    expect(readdirSync(dir).some((f) => f.endsWith('.partial'))).toBe(false);
    plan.close();
  });
});

describe('opening files that are not current plans', () => {
  it('refuses a file from a newer version, with a clear message', () => {
    const dir = tempDir();
    makePlanFile(dir).close();
    const path = join(dir, 'plan.waveplan');
    const raw = new Database(path);
    raw.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 1}`);
    raw.close();
    const error = refusal(() => PlanFile.open(path, { actor: TEST_ACTOR }));
    expect(error.message).toContain('newer Wave Planner');
    expect(error.message).toContain(`plan format ${LATEST_SCHEMA_VERSION + 1}`);
  });

  it('refuses a text file, a foreign SQLite database and a missing file', () => {
    const dir = tempDir();
    const text = join(dir, 'notes.waveplan');
    writeFileSync(text, 'these are my meeting notes, not a database'.repeat(100));
    expect(refusal(() => PlanFile.open(text, { actor: TEST_ACTOR })).message).toContain('not a Wave Planner plan');
    expect(readFileSync(text, 'utf8')).toContain('meeting notes');
    const foreign = join(dir, 'foreign.waveplan');
    const raw = new Database(foreign);
    raw.exec('CREATE TABLE t (x)');
    raw.close();
    expect(refusal(() => PlanFile.open(foreign, { actor: TEST_ACTOR })).message).toBe(`${foreign} is an SQLite database but not a Wave Planner plan.`);
    expect(refusal(() => PlanFile.open(join(dir, 'missing.waveplan'), { actor: TEST_ACTOR })).code).toBe('not-found');
  });

  it('migrates a file from every earlier schema version, after a backup, keeping its data', () => {
    for (let from = 1; from < LATEST_SCHEMA_VERSION; from += 1) {
      const dir = tempDir();
      const path = join(dir, `v${from}.waveplan`);
      const raw = new Database(path);
      raw.transaction(() => {
        for (const m of MIGRATIONS.filter((m) => m.version <= from)) m.up(raw);
        raw.pragma(`user_version = ${from}`);
        raw.pragma(`application_id = ${PLAN_APPLICATION_ID}`);
        raw.prepare("INSERT INTO plan (id, uid, name, start_date, created_at) VALUES (1, 'u', 'Old plan', '2027-01-04', '2026-01-01')").run();
      })();
      raw.close();
      const plan = PlanFile.open(path, { actor: TEST_ACTOR });
      expect(plan.info().name).toBe('Old plan');
      expect(plan.connectionSettings().userVersion).toBe(LATEST_SCHEMA_VERSION);
      expect(readdirSync(backupFolderOf(path))).toHaveLength(1);
      plan.close();
    }
    // From version 0, an empty file: the whole schema in one step.
    const dir = tempDir();
    const plan = makePlanFile(dir);
    expect(existsSync(backupFolderOf(plan.path))).toBe(false);
    expect(plan.connectionSettings().userVersion).toBe(LATEST_SCHEMA_VERSION);
    plan.close();
  });

  it('rolls back every migration when one fails', () => {
    const dir = tempDir();
    const raw = new Database(join(dir, 'x.waveplan'));
    raw.exec('CREATE TABLE plan (id INTEGER)'); // makes the first migration fail part-way
    raw.pragma(`application_id = ${PLAN_APPLICATION_ID}`);
    raw.close();
    expect(() => PlanFile.open(join(dir, 'x.waveplan'), { actor: TEST_ACTOR })).toThrow();
    const check = new Database(join(dir, 'x.waveplan'));
    expect(check.pragma('user_version', { simple: true })).toBe(0);
    expect(check.prepare("SELECT count(*) AS n FROM sqlite_schema WHERE name = 'sites'").get()).toEqual({ n: 0 });
    check.close();
  });
});
