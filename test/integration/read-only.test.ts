// A plan the user may not change: a read-only file, or a file in a folder that cannot be written.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { PlanFile } from '../../electron/services/plan/plan-file';
import { makePlanFile, reads, TEST_ACTOR } from '../support/plans';
import { useTempDir } from '../support/temp';

const tempDir = useTempDir();
const BIN = fileURLToPath(new URL('../../electron/cli/bin.mjs', import.meta.url));
const digest = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');
/** Root ignores permission bits: run the command line as another user there, so they bind. */
const asAnotherUser = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};

describe('a plan that cannot be written', () => {
  it('opens read-only with a banner: reading, exports and Save a copy work, every change is refused with a sentence', async () => {
    const dir = tempDir();
    makePlanFile(dir).close();
    const path = join(dir, 'plan.waveplan');
    const before = digest(path);
    const plan = PlanFile.open(path, { actor: TEST_ACTOR, readOnly: true });
    const info = plan.info();
    expect(info).toMatchObject({ readOnly: true, path });
    expect(info.warnings[0]).toBe('This plan is read-only (it was opened read-only): you can look at it and export it. To change it, save a copy (File › Save a copy) and edit that.');
    expect(reads(plan).sites()).toHaveLength(24);
    await expect(plan.mutate({ label: 'Rename', source: 'ui' }, (h) => h.run("UPDATE plan SET name = 'x'"))).rejects.toThrow(
      'This plan is read-only (it was opened read-only): nothing was changed. To change it, save a copy (File › Save a copy) and edit that.',
    );
    await expect(plan.undo('ui')).rejects.toThrow(/read-only/);
    expect(plan.saveCopy(join(dir, 'editable'))).toBe(join(dir, 'editable.waveplan'));
    plan.close();
    plan.close();
    expect(digest(path)).toBe(before);
    expect(readdirSync(dir).filter((f) => f.startsWith('plan.waveplan-'))).toEqual([]);
  });

  it('is noticed on its own: the command line exports from a read-only file and folder, refuses to schedule with a sentence, and leaves no trace', () => {
    const dir = tempDir();
    makePlanFile(dir).close();
    const path = join(dir, 'plan.waveplan');
    const out = join(dir, 'out');
    const home = join(dir, 'home');
    mkdirSync(out);
    mkdirSync(home);
    chmodSync(out, 0o777);
    chmodSync(home, 0o777);
    chmodSync(path, 0o444);
    chmodSync(dir, 0o555);
    const before = digest(path);
    const run = (...args: string[]) => spawnSync(process.execPath, [BIN, ...args], { ...asAnotherUser, env: { ...process.env, WAVE_PLANNER_HOME: home }, encoding: 'utf8' });
    try {
      const exported = run('export', '--plan', path, '--json', join(out, 'plan.json'));
      expect(exported.stderr).toBe('');
      expect(exported.status).toBe(0);
      expect(JSON.parse(readFileSync(join(out, 'plan.json'), 'utf8')).sites).toHaveLength(24);
      const scheduled = run('schedule', '--plan', path);
      expect(scheduled.status).toBe(1);
      expect(scheduled.stderr).toBe(
        'wave-planner schedule: This plan is read-only (the file is read-only): nothing was changed. To change it, save a copy (File › Save a copy) and edit that.\n',
      );
      expect(readdirSync(dir).sort()).toEqual(['home', 'out', 'plan.waveplan']);
      expect(digest(path)).toBe(before);
    } finally {
      chmodSync(dir, 0o755);
    }
  });
});
