// Every migration replayed from version 1 on a file seeded with a whole plan: no table or column is
// dropped or renamed on the way (but for the derived data listed below), and every row and value
// written at version 1 is still there.
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PLAN_APPLICATION_ID } from '../../electron/services/plan/database';
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from '../../electron/services/plan/migrations';
import { PlanFile } from '../../electron/services/plan/plan-file';
import { reads, TEST_ACTOR, TestPlan } from '../support/plans';
import { useTempDir } from '../support/temp';

const tempDir = useTempDir();

type Schema = Map<string, string[]>;

/**
 * What a migration dropped on purpose, by version: version 4 dropped the placements table (written,
 * never read: the schedule's JSON holds every placement) and the waves' status (never set).
 */
const DROPPED: Record<number, string[]> = { 4: ['wave_placements', 'waves.status'] };
const droppedBy = (version: number) => new Set(Object.entries(DROPPED).filter(([v]) => Number(v) <= version).flatMap(([, names]) => names));

function schemaOf(db: Database.Database): Schema {
  const tables = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as { name: string }[];
  return new Map(tables.map((t) => [t.name, (db.pragma(`table_info(${t.name})`) as { name: string }[]).map((c) => c.name)]));
}

describe('replaying the migrations', () => {
  it('from version 1 on a seeded plan, keeps every table, column, row and value', async () => {
    const dir = tempDir();
    // A whole plan with a schedule, checklists, audit and readiness history, at the latest version.
    const source = TestPlan.create(dir, undefined, 'source.waveplan');
    await source.call('schedule:generate', { asOf: '2026-11-23' });
    source.close();

    // The same content written into a version-1 file, column by column.
    const oldPath = join(dir, 'v1.waveplan');
    const old = new Database(oldPath);
    old.transaction(() => {
      MIGRATIONS.filter((m) => m.version <= 1).forEach((m) => m.up(old));
      old.pragma('user_version = 1');
      old.pragma(`application_id = ${PLAN_APPLICATION_ID}`);
    })();
    old.pragma('foreign_keys = OFF');
    old.exec(`ATTACH DATABASE '${join(dir, 'source.waveplan')}' AS source`);
    const v1 = schemaOf(old);
    // Only what the latest version still has: the dropped derived data stays empty at version 1.
    const latest = new Map(
      (old.prepare("SELECT name FROM source.sqlite_schema WHERE type = 'table'").all() as { name: string }[]).map((t) => [t.name, (old.pragma(`source.table_info(${t.name})`) as { name: string }[]).map((c) => c.name)]),
    );
    for (const [table, columns] of v1) {
      const shared = columns.filter((c) => latest.get(table)?.includes(c));
      if (shared.length) old.exec(`INSERT INTO main.${table} (${shared.join(', ')}) SELECT ${shared.join(', ')} FROM source.${table}`);
    }
    const rowsAtV1 = new Map([...v1].map(([table, columns]) => [table, old.prepare(`SELECT ${columns.join(', ')} FROM main.${table} ORDER BY rowid`).all()]));
    expect(rowsAtV1.get('sites')).toHaveLength(24);
    expect(rowsAtV1.get('checklist_items')!.length).toBeGreaterThan(100);
    old.exec('DETACH DATABASE source');
    old.close();

    // Step by step: each version keeps what the one before had.
    let previous = v1;
    for (let version = 2; version <= LATEST_SCHEMA_VERSION; version += 1) {
      const step = new Database(':memory:');
      MIGRATIONS.filter((m) => m.version <= version).forEach((m) => m.up(step));
      const schema = schemaOf(step);
      step.close();
      const dropped = droppedBy(version);
      for (const [table, columns] of previous) {
        if (dropped.has(table)) continue;
        expect(schema.has(table), `version ${version} dropped or renamed table ${table}`).toBe(true);
        for (const column of columns) if (!dropped.has(`${table}.${column}`)) expect(schema.get(table), `version ${version} dropped or renamed ${table}.${column}`).toContain(column);
      }
      previous = schema;
    }

    // And the real thing: the app opens the version-1 file, migrates it, and every row is there.
    const migrated = PlanFile.open(oldPath, { actor: TEST_ACTOR });
    expect(migrated.connectionSettings().userVersion).toBe(LATEST_SCHEMA_VERSION);
    expect(reads(migrated).sites()).toHaveLength(24);
    migrated.close();
    const raw = new Database(oldPath, { readonly: true });
    const dropped = droppedBy(LATEST_SCHEMA_VERSION);
    for (const [table, columns] of v1) {
      if (dropped.has(table)) continue;
      const kept = columns.filter((c) => !dropped.has(`${table}.${c}`));
      const expected = rowsAtV1.get(table)!.map((row) => Object.fromEntries(kept.map((c) => [c, (row as Record<string, unknown>)[c]])));
      expect(raw.prepare(`SELECT ${kept.join(', ')} FROM ${table} ORDER BY rowid`).all(), `rows of ${table}`).toEqual(expected);
    }
    raw.close();
  });
});
