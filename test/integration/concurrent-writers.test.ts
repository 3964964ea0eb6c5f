// Two programs on one plan file: while another process holds a write transaction, an edit waits and
// lands when it ends; held longer than the wait, the edit is refused with a sentence a person
// understands, in the app and on the command line, and nothing changes.
import { spawn, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { BUSY_MESSAGE } from '../../electron/services/plan/plan-file';
import { TestPlan } from '../support/plans';
import { useTempDir } from '../support/temp';

const tempDir = useTempDir();
const BIN = fileURLToPath(new URL('../../electron/cli/bin.mjs', import.meta.url));
const SQLITE = createRequire(import.meta.url).resolve('better-sqlite3');
const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) child.kill('SIGKILL');
});

/** Another process that takes the plan's write lock, says so, and keeps it for `ms`. */
async function holdWriteLock(path: string, ms: number): Promise<ChildProcess> {
  const script = `
    const Database = require(${JSON.stringify(SQLITE)});
    const db = new Database(${JSON.stringify(path)});
    db.exec('BEGIN IMMEDIATE');
    db.prepare("UPDATE sites SET notes = 'held by another program' WHERE code = 'US-GRV'").run();
    process.stdout.write('locked\\n');
    setTimeout(() => { db.exec('ROLLBACK'); db.close(); process.stdout.write('released\\n'); }, ${ms});`;
  const child = spawn(process.execPath, ['-e', script]);
  children.push(child);
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => chunk.toString().includes('locked') && resolve());
    child.on('exit', (code) => reject(new Error(`the lock holder exited with ${code}`)));
  });
  return child;
}

describe('another program writing the same plan', () => {
  it('makes an edit wait until its transaction ends, then the edit lands', async () => {
    const dir = tempDir();
    const plan = TestPlan.create(dir);
    await holdWriteLock(plan.file.path, 2000);
    const started = Date.now();
    const updated = await plan.call('sites:update', { code: 'US-DET', patch: { headcount: 2222 } });
    expect(Date.now() - started).toBeGreaterThan(1500);
    expect(updated.headcount).toBe(2222);
    expect(plan.read.site('US-DET').headcount).toBe(2222);
    plan.close();
  }, 20_000);

  it('refuses an edit after the wait with a message a person understands, and changes nothing', async () => {
    const dir = tempDir();
    const plan = TestPlan.create(dir, undefined, 'plan.waveplan', { writeWaitMs: 1500 });
    const before = plan.read.exportText();
    const revision = plan.file.revision();
    await holdWriteLock(plan.file.path, 6000);
    const refusal = await plan.refusal('sites:update', { code: 'US-DET', patch: { headcount: 2222 } });
    expect(refusal).toEqual({ code: 'busy', message: BUSY_MESSAGE });
    expect(BUSY_MESSAGE).toBe('The plan is being changed by another program; nothing was changed. Try again.');
    expect(plan.read.exportText()).toBe(before);
    expect(plan.file.revision()).toBe(revision);
    plan.close();
  }, 20_000);

  it('makes the command line say so too, with exit code 1 and no stack trace', async () => {
    const dir = tempDir();
    const plan = TestPlan.create(dir);
    const path = plan.file.path;
    plan.close();
    const csv = join(dir, 'sites.csv');
    writeFileSync(csv, 'code,region\nUS-DET,Midwest\n');
    await holdWriteLock(path, 12_000);
    const result = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
      const child = spawn(process.execPath, [BIN, 'import', csv, '--plan', path], { env: { ...process.env, WAVE_PLANNER_HOME: join(dir, 'home') } });
      children.push(child);
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      child.on('close', (code) => resolve({ code, stderr }));
    });
    expect(result.code).toBe(1);
    expect(result.stderr.trim()).toBe(`wave-planner import: ${BUSY_MESSAGE}`);
  }, 30_000);
});
