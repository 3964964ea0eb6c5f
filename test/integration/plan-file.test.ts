import Database from 'better-sqlite3';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UserError } from '../../electron/services/errors';
import { backupFolderOf } from '../../electron/services/plan/backup';
import { PLAN_APPLICATION_ID } from '../../electron/services/plan/database';
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from '../../electron/services/plan/migrations';
import { PlanFile } from '../../electron/services/plan/plan-file';
import { makePlanFile, sampleDocument, TEST_ACTOR } from '../support/plans';
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
      expect(plan.db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(plan.db.pragma('synchronous', { simple: true })).toBe(2);
      expect(plan.db.pragma('foreign_keys', { simple: true })).toBe(1);
      expect(plan.db.pragma('trusted_schema', { simple: true })).toBe(0);
      expect(plan.db.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
      expect(plan.db.pragma('application_id', { simple: true })).toBe(PLAN_APPLICATION_ID);
      const info = plan.info();
      expect(info.name).toBe('Northwind VisionQC rollout');
      expect(info.counts).toEqual({ sites: 24, activeSites: 23, erps: 8 });
      const tables = plan.db.prepare("SELECT name, sql FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all() as { name: string; sql: string }[];
      for (const table of tables) expect(table.sql, table.name).toMatch(/STRICT$/);
    } finally {
      plan.close();
    }
  });

  it('exports the sample back exactly, and import → export gives the same bytes', () => {
    const dir = tempDir();
    const plan = makePlanFile(dir);
    const exported = plan.exportWavePlanText();
    expect(exported).toBe(readFileSync(new URL('../../resources/sample-plan.json', import.meta.url), 'utf8'));
    const other = PlanFile.create(join(dir, 'other.waveplan'), JSON.parse(exported), { actor: TEST_ACTOR, source: 'import' });
    expect(other.exportWavePlanText()).toBe(exported);
    plan.importWavePlan(JSON.parse(exported), 'again.json', 'import');
    expect(plan.exportWavePlanText()).toBe(exported);
    plan.close();
    other.close();
  });

  it('writes an audit entry for every changed field of a site edit, with the actor and source', () => {
    const plan = makePlanFile(tempDir());
    const updated = plan.updateSite('US-DET', { name: 'Detroit Stamping & Press', headcount: 2150, region: 'Americas' }, 'ui');
    expect(updated.name).toBe('Detroit Stamping & Press');
    const entries = plan.audit({ entity: 'site', entityId: 'US-DET', limit: 10 });
    expect(entries.map((e) => [e.field, e.oldValue, e.newValue, e.actor, e.source]).sort()).toEqual([
      ['headcount', '2100', '2150', TEST_ACTOR, 'ui'],
      ['name', 'Detroit Stamping', 'Detroit Stamping & Press', TEST_ACTOR, 'ui'],
    ]);
    plan.close();
  });

  it('keeps readiness history instead of overwriting it', () => {
    const plan = makePlanFile(tempDir());
    plan.setReadiness({ site: 'US-DET', dimension: 'data', score: 68, targetDate: '2027-03-01', comment: 'cleansing half done' }, 'ui');
    const site = plan.setReadiness({ site: 'US-DET', dimension: 'data', score: 74, targetDate: null, comment: 'done' }, 'packet');
    expect(site.readiness.data).toEqual({ score: 74, targetDate: null });
    const history = plan.readinessHistory('US-DET', 'data');
    expect(history.map((h) => [h.score, h.comment, h.source])).toEqual([
      [74, 'done', 'packet'],
      [68, 'cleansing half done', 'ui'],
      [62, '', 'ui'],
    ]);
    const audit = plan.audit({ entity: 'readiness', entityId: 'US-DET/data', limit: 10 });
    expect(audit.map((a) => [a.field, a.oldValue, a.newValue])).toEqual([
      ['targetDate', '2027-03-01', null],
      ['score', '68', '74'],
      ['targetDate', '2027-03-12', '2027-03-01'],
      ['score', '62', '68'],
    ]);
    plan.close();
  });

  it('refuses bad edits with a clear message and changes nothing', () => {
    const plan = makePlanFile(tempDir());
    const before = plan.exportWavePlanText();
    const auditBefore = plan.audit({ limit: 10_000 }).length;
    expect(refusal(() => plan.updateSite('US-DET', { erp: 'SAP-R3' }, 'ui')).message).toBe('Site US-DET: unknown ERP "SAP-R3".');
    expect(refusal(() => plan.updateSite('US-DET', { predecessors: ['US-DET'] }, 'ui')).message).toContain('own predecessor');
    expect(refusal(() => plan.updateSite('US-DET', { code: 'us-grv' }, 'ui')).code).toBe('conflict');
    expect(refusal(() => plan.updateSite('NOPE', { name: 'x' }, 'ui')).code).toBe('not-found');
    expect(refusal(() => plan.setReadiness({ site: 'US-DET', dimension: 'morale', score: 1, targetDate: null, comment: '' }, 'ui')).message).toContain('Unknown readiness dimension "morale"');
    expect(plan.exportWavePlanText()).toBe(before);
    expect(plan.audit({ limit: 10_000 })).toHaveLength(auditBefore);
    plan.close();
  });

  it('refuses an invalid import whole, naming the path, and leaves the plan untouched', () => {
    const dir = tempDir();
    const plan = makePlanFile(dir);
    const before = plan.exportWavePlanText();
    const document = sampleDocument();
    document.sites[12].readiness.data.score = 140;
    const error = refusal(() => plan.importWavePlan(document, 'broken.json', 'import'));
    expect(error.message).toBe('broken.json: sites[12].readiness.data.score: must be between 0 and 100 (got 140)');
    expect(plan.exportWavePlanText()).toBe(before);
    expect(existsSync(backupFolderOf(plan.path))).toBe(false);
    plan.close();
  });

  it('takes a backup before an import replaces the content', () => {
    const dir = tempDir();
    const plan = makePlanFile(dir);
    const document = sampleDocument();
    document.sites = document.sites.slice(0, 3).map((s: Record<string, unknown>) => ({ ...s, predecessors: [] }));
    const summary = plan.importWavePlan(document, 'three.json', 'import');
    expect(summary.sites).toBe(3);
    expect(plan.listSites()).toHaveLength(3);
    const backup = PlanFile.open(summary.backupPath!, { actor: TEST_ACTOR });
    expect(backup.listSites()).toHaveLength(24);
    backup.close();
    plan.close();
  });

  it('saves a copy that opens as the same plan', () => {
    const dir = tempDir();
    const plan = makePlanFile(dir);
    plan.updateSite('CZ-PLZ', { notes: 'copied' }, 'ui');
    const target = join(dir, 'copy.waveplan');
    writeFileSync(target, 'old file to replace');
    plan.saveCopy(target);
    const copy = PlanFile.open(target, { actor: TEST_ACTOR });
    expect(copy.getSite('CZ-PLZ').notes).toBe('copied');
    copy.close();
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
      expect(plan.db.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
      expect(readdirSync(backupFolderOf(path))).toHaveLength(1);
      plan.close();
    }
    // From version 0, an empty file: the whole schema in one step.
    const dir = tempDir();
    const plan = makePlanFile(dir);
    expect(plan.backupPath).toBeNull();
    expect(plan.db.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
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
