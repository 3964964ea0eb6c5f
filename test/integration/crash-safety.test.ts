// Killing the process (SIGKILL: no clean-up, no exit handlers) in the middle of a large import and of
// a burst of edits. On reopen the plan passes integrity_check, holds the whole import or none of it,
// and holds every edit that was acknowledged before the kill.
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { isIntact } from '../../electron/services/plan/backup';
import { PlanFile } from '../../electron/services/plan/plan-file';
import { reads } from '../support/plans';
import { siteSheetRows } from '../../shared/sheets/site-rows';
import { generatePlan, wavePlanOf } from '../support/generate-plan';
import { useTempDir } from '../support/temp';

const tempDir = useTempDir();
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CHILD = join(ROOT, 'test/support/crash-child.ts');
const ROWS = 4000;

/** Runs the child and hands each output line to `onLine`, with a function that kills the child with SIGKILL. */
function runAndKill(args: string[], onLine: (line: string, lines: string[], kill: () => void) => void): Promise<{ lines: string[]; killed: boolean }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', join(ROOT, 'electron/cli/register-tsx.mjs'), CHILD, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
    const lines: string[] = [];
    let buffer = '';
    let killed = false;
    child.stdout.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      const parts = buffer.split('\n');
      buffer = parts.pop()!;
      for (const line of parts) {
        lines.push(line);
        onLine(line, lines, () => {
          if (!killed && child.exitCode === null) killed = child.kill('SIGKILL');
        });
      }
    });
    child.on('error', reject);
    child.on('exit', () => resolve({ lines, killed }));
  });
}

function importFixture(dir: string): { plan: string; csv: string } {
  const content = wavePlanOf(generatePlan({ seed: 7, sites: ROWS }), 'Crash test');
  const plan = join(dir, 'crash.waveplan');
  PlanFile.create(plan, { ...content, sites: [] }, { actor: 'test', source: 'cli' }).close();
  const { headers, rows } = siteSheetRows(content.sites, content.readinessDimensions);
  const csv = join(dir, 'sites.csv');
  writeFileSync(csv, Papa.unparse({ fields: headers, data: rows }));
  return { plan, csv };
}

describe('crash safety', () => {
  it('holds all of a large import or none of it when killed inside its transaction', async () => {
    let killedInside = 0;
    for (const delay of [0, 20, 60]) {
      const { plan, csv } = importFixture(tempDir());
      const result = await runAndKill(['import', plan, csv], (line, _lines, kill) => {
        if (line === 'in transaction') setTimeout(kill, delay);
      });
      if (result.killed && !result.lines.includes('imported')) killedInside += 1;
      expect(isIntact(plan)).toBe(true);
      const reopened = PlanFile.open(plan, { actor: 'test' });
      expect([0, ROWS]).toContain(reads(reopened).sites().length);
      if (result.killed && !result.lines.includes('imported')) expect(reads(reopened).sites()).toHaveLength(0);
      reopened.close();
    }
    // The kills must land inside the transaction, or this test would prove nothing.
    expect(killedInside).toBeGreaterThan(0);
  }, 120_000);

  it('keeps every edit acknowledged before the kill', async () => {
    const dir = tempDir();
    const plan = join(dir, 'edits.waveplan');
    const { samplePlan } = await import('../../electron/services/sample-plan');
    PlanFile.create(plan, samplePlan(), { actor: 'test', source: 'cli' }).close();
    const result = await runAndKill(['edits', plan], (line, lines, kill) => {
      if (line.startsWith('ack ') && lines.length >= 300) kill();
    });
    expect(result.killed).toBe(true);
    const acked = Math.max(...result.lines.filter((l) => l.startsWith('ack ')).map((l) => Number(l.slice(4))));
    expect(isIntact(plan)).toBe(true);
    const reopened = PlanFile.open(plan, { actor: 'test' });
    expect(reads(reopened).site('US-DET').headcount).toBeGreaterThanOrEqual(acked);
    reopened.close();
  }, 120_000);
});
