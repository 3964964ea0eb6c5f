// Plan files changed by hand or by accident: refused without being touched, with a way forward.
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../electron/cli/main';
import { PlanFile } from '../../electron/services/plan/plan-file';
import { Workspace } from '../../electron/services/workspace';
import { makePlanFile, TEST_ACTOR } from '../support/plans';
import { useTempDir } from '../support/temp';

const tempDir = useTempDir();
const digest = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');
const quiet = { stdout: () => {}, stderr: () => {} };

function cliOutput() {
  const lines: string[] = [];
  return { lines, out: { stdout: (t: string) => lines.push(t), stderr: (t: string) => lines.push(t) } };
}

describe('a plan file changed outside Wave Planner', () => {
  it('is not opened for changes when a trigger or view was added, says what was found, and a clean copy carries the data without it', async () => {
    const dir = tempDir();
    const plan = makePlanFile(dir);
    plan.close();
    const path = join(dir, 'plan.waveplan');
    const raw = new Database(path);
    raw.exec(`CREATE TRIGGER wipe AFTER INSERT ON commits BEGIN DELETE FROM audit_log; DELETE FROM readiness_entries; END;
              CREATE VIEW leak AS SELECT * FROM sites;`);
    const audit = (raw.prepare('SELECT count(*) AS n FROM audit_log').get() as { n: number }).n;
    const readiness = (raw.prepare('SELECT count(*) AS n FROM readiness_entries').get() as { n: number }).n;
    raw.close();
    const before = digest(path);

    expect(() => PlanFile.open(path, { actor: TEST_ACTOR })).toThrow(/changed outside Wave Planner: it has a trigger "wipe" that a plan does not have; a view "leak" that a plan does not have\. It was not opened for changes/);
    const { lines, out } = cliOutput();
    const json = join(dir, 'plan.json');
    expect(await main(['export', '--plan', path, '--json', json], quiet)).toBe(1);
    expect(await main(['schedule', '--plan', path], out)).toBe(1);
    expect(lines.join('')).toContain('wave-planner clean-copy');
    expect(digest(path)).toBe(before);
    expect(existsSync(`${path}-wal`)).toBe(false);

    const workspace = new Workspace(join(dir, 'data'), 'ui', { interactive: false, watchOtherProcesses: false });
    const info = workspace.openCleanCopy(path);
    expect(info.fileName).toBe('plan (clean copy).waveplan');
    expect(info.counts.sites).toBe(24);
    await workspace.requirePlan().mutate({ label: 'An edit', source: 'ui' }, (h) => h.run("UPDATE plan SET name = 'Edited' WHERE id = 1"));
    workspace.close();
    const copy = new Database(info.path, { readonly: true });
    expect(copy.prepare("SELECT name FROM sqlite_schema WHERE name IN ('wipe', 'leak')").all()).toEqual([]);
    expect(copy.prepare('SELECT name FROM plan').get()).toEqual({ name: 'Edited' });
    expect((copy.prepare('SELECT count(*) AS n FROM audit_log').get() as { n: number }).n).toBe(audit);
    expect((copy.prepare('SELECT count(*) AS n FROM readiness_entries').get() as { n: number }).n).toBe(readiness);
    copy.close();
    expect(digest(path)).toBe(before);
  });

  it('refuses a zero-byte plan file and leaves it at zero bytes', async () => {
    const dir = tempDir();
    const path = join(dir, 'empty.waveplan');
    writeFileSync(path, '');
    expect(() => PlanFile.open(path, { actor: TEST_ACTOR })).toThrow(/empty \(0 bytes\): it holds no plan\. It was left as it is\./);
    expect(await main(['schedule', '--plan', path], quiet)).toBe(1);
    expect(statSync(path).size).toBe(0);
  });
});
