/** Scheduler figures of the scheduling-engine issue: in-process at several sizes, and the whole command. */
import { execFileSync } from 'node:child_process';
import { buildSync } from 'esbuild';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PlanFile } from '../electron/services/plan/plan-file';
import { generateSchedule } from '../shared/scheduler/schedule';
import type { Crew } from '../shared/domain';
import type { ScheduleInput } from '../shared/scheduler/types';
import { generatePlan, wavePlanOf } from '../test/support/generate-plan';
import { medianOf, type BenchCase, type BenchResult, type Target } from './harness';

const BIN = fileURLToPath(new URL('../electron/cli/bin.mjs', import.meta.url));

export function benchPlan(sites: number): ScheduleInput {
  return generatePlan({ seed: 20261123, sites, erps: 8, regions: 5, predecessorShare: 0.05 });
}

/** Three crews, one per kind of work, sized so that they shape the schedule without halting it. */
export const BENCH_CREWS: Crew[] = [
  { name: 'Deployment squads', size: 4, phase: 'rollout', notes: '' },
  { name: 'Trainers', size: 2, phase: 'cutover', notes: '' },
  { name: 'Hypercare desk', size: 3, phase: 'hypercare', notes: '' },
];

/** The generated plan as a plan file, so the command line can be timed as a user runs it. */
export function planFileFor(input: ScheduleInput, dir: string): string {
  const path = join(dir, `bench-${input.sites.length}.waveplan`);
  const plan = wavePlanOf(input, `Bench ${input.sites.length}`);
  PlanFile.create(path, plan, { actor: 'bench', source: 'cli' }).close();
  return path;
}

/** The cases, and a clean-up for the plan files they write. */
export function schedulerCases(): { cases: BenchCase[]; cleanup: () => void } {
  const cases: BenchCase[] = [];
  for (const n of [50, 500, 2000, 5000, 20000]) {
    let input: ScheduleInput;
    cases.push({
      name: `schedule ${n} sites in-process`,
      runs: n >= 5000 ? 7 : 15,
      setup: () => {
        input = benchPlan(n);
      },
      run: () => {
        generateSchedule(input);
      },
    });
  }
  for (const n of [2000, 20000]) {
    let input: ScheduleInput;
    cases.push({
      name: `schedule ${n} sites with three crews in-process`,
      runs: n >= 5000 ? 7 : 15,
      setup: () => {
        input = { ...benchPlan(n), crews: BENCH_CREWS };
      },
      run: () => {
        generateSchedule(input);
      },
    });
  }
  const dir = mkdtempSync(join(tmpdir(), 'wave-planner-bench-'));
  // The floor a command cannot go below: Node starting and stopping.
  cases.push({ name: 'node -e 0 (whole process)', runs: 9, setup: () => {}, run: () => void execFileSync(process.execPath, ['-e', '0']) });
  for (const n of [50, 5000]) {
    let path = '';
    cases.push({
      name: `wave-planner schedule ${n} sites (whole process)`,
      runs: 9,
      setup: () => {
        path = planFileFor(benchPlan(n), dir);
      },
      run: () => {
        execFileSync(process.execPath, [BIN, 'schedule', '--plan', path, '--as-of', benchPlan(1).asOf, '--json'], { stdio: ['ignore', 'ignore', 'inherit'] });
      },
    });
  }
  // The floor under the 5,000-site command: the scheduler alone, cold, in a process of its own.
  const floorScript = join(dir, 'schedule-only.mjs');
  const floorInput = join(dir, 'input-5000.json');
  cases.push({
    name: 'scheduler alone on 5000 sites, cold (whole process, no plan file)',
    runs: 9,
    setup: () => {
      buildSync({ entryPoints: [fileURLToPath(new URL('./schedule-only.ts', import.meta.url))], bundle: true, platform: 'node', format: 'esm', target: 'node22', outfile: floorScript, logLevel: 'warning' });
      writeFileSync(floorInput, JSON.stringify(benchPlan(5000)));
    },
    run: () => void execFileSync(process.execPath, [floorScript, floorInput], { stdio: ['ignore', 'ignore', 'inherit'] }),
  });
  return { cases, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export function schedulerTargets(results: BenchResult[]): Target[] {
  const at = (name: string) => medianOf(results, name);
  const t20k = at('schedule 20000 sites in-process');
  const ratio = t20k / at('schedule 2000 sites in-process');
  const commandRatio = at('wave-planner schedule 5000 sites (whole process)') / at('wave-planner schedule 50 sites (whole process)');
  const startRatio = at('wave-planner schedule 50 sites (whole process)') / at('node -e 0 (whole process)');
  // Both command figures together allow the 5,000-site command 4x node -e 0; this is what the
  // scheduler alone takes of that, cold, before any plan is read or stored.
  const floorRatio = at('scheduler alone on 5000 sites, cold (whole process, no plan file)') / at('node -e 0 (whole process)');
  const round = (x: number) => Math.round(x * 100) / 100;
  const crews2k = at('schedule 2000 sites with three crews in-process');
  const crews20k = at('schedule 20000 sites with three crews in-process');
  return [
    { name: 'schedule 2,000 sites with three crews in-process', value: crews2k, unit: 'ms', limit: 100, pass: crews2k < 100 },
    { name: 'schedule 20,000 sites with three crews in-process', value: crews20k, unit: 'ms', limit: 1000, pass: crews20k < 1000 },
    { name: 'with crews: time(20,000) / time(2,000)', value: round(crews20k / crews2k), unit: '×', limit: Number.POSITIVE_INFINITY, pass: true },
    { name: 'schedule 20,000 sites in-process', value: t20k, unit: 'ms', limit: 250, pass: t20k < 250 },
    { name: 'time(20,000) / time(2,000)', value: round(ratio), unit: '×', limit: 15, pass: ratio < 15 },
    { name: 'command on 5,000 sites / command on 50 sites', value: round(commandRatio), unit: '×', limit: 2, pass: commandRatio < 2 },
    { name: 'command on 50 sites / node -e 0', value: round(startRatio), unit: '×', limit: 2, pass: startRatio < 2 },
    { name: 'scheduler alone on 5,000 sites, cold, / node -e 0 (both figures above allow the whole command 4 ×)', value: round(floorRatio), unit: '×', limit: 4, pass: floorRatio < 4 },
  ];
}
