/**
 * Team mode's figures: a new member joining a 2,000-site plan (the `team join` command, start to a
 * plan file they can work on), and with 20 members connected to a team server on 127.0.0.1, the time
 * an edit takes to reach every other member (median and 95th percentile of each member's arrival),
 * and the server's memory then. The server and each member run in processes of their own.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { PlanFile } from '../electron/services/plan/plan-file';
import * as scheduling from '../electron/services/plan/scheduling';
import { Keyring } from '../electron/services/team/keyring';
import { redeemCode } from '../electron/services/team/team-join';
import { wavePlanOf } from '../test/support/generate-plan';
import { runCli, ServerProcess } from '../test/support/team';
import { median, medianOf, type BenchCase, type BenchResult, type Figure, type Target } from './harness';
import { benchPlan } from './scheduler-cases';

const SITES = Number(process.env.WP_BENCH_TEAM_SITES ?? 2000);
const MEMBERS = Number(process.env.WP_BENCH_TEAM_MEMBERS ?? 20);
const EDITS_PER_RUN = 8;
const EDITED_SITE = 'S00000';
const MEMBER_SCRIPT = fileURLToPath(new URL('./team-member.ts', import.meta.url));
const TSX = fileURLToPath(new URL('../electron/cli/register-tsx.mjs', import.meta.url));

export const JOIN_CASE = `team join of a ${SITES.toLocaleString('en')}-site plan, to a usable plan file`;
export const REACH_CASE = `team: an edit reaches every other member (${MEMBERS} members, ${SITES.toLocaleString('en')} sites)`;

interface MemberProcess {
  child: ChildProcess;
  lines: string[];
  waiters: { pattern: RegExp; resolve: (line: string) => void }[];
}

function startMember(home: string, plan: string): MemberProcess {
  const child = spawn(process.execPath, ['--import', TSX, MEMBER_SCRIPT, home, plan, EDITED_SITE], { stdio: ['pipe', 'pipe', 'inherit'] });
  const member: MemberProcess = { child, lines: [], waiters: [] };
  let buffer = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    buffer += chunk.toString();
    for (let at = buffer.indexOf('\n'); at >= 0; at = buffer.indexOf('\n')) {
      const line = buffer.slice(0, at);
      buffer = buffer.slice(at + 1);
      member.lines.push(line);
      for (const waiter of member.waiters.filter((w) => w.pattern.test(line))) {
        member.waiters.splice(member.waiters.indexOf(waiter), 1);
        waiter.resolve(line);
      }
    }
  });
  return member;
}

function lineOf(member: MemberProcess, pattern: RegExp, timeoutMs: number): Promise<string> {
  const found = member.lines.find((l) => pattern.test(l));
  if (found) return Promise.resolve(found);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`a member never said ${pattern}; it said:\n${member.lines.slice(-10).join('\n')}`)), timeoutMs);
    member.waiters.push({ pattern, resolve: (line) => (clearTimeout(timer), resolve(line)) });
  });
}

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
};

function rssMegabytes(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith('VmRSS:'))!;
  return Math.round(Number(line.replace(/\D+/g, '')) / 1024);
}

export function teamCases(): { cases: BenchCase[]; figures: () => Figure[]; cleanup: () => Promise<void> } {
  const dir = mkdtempSync(join(tmpdir(), 'wave-planner-bench-team-'));
  let server: ServerProcess | null = null;
  let joined = 0;
  const samples: number[] = [];
  const members: MemberProcess[] = [];
  let serverMemory = NaN;
  let shareMs = NaN;

  /** The server, and a 2,000-site plan (scheduled: with its checklists) shared by its first planner. */
  const team = async (): Promise<ServerProcess> => {
    if (server) return server;
    server = await ServerProcess.start(join(dir, 'server'));
    const home = join(dir, 'member-0');
    mkdirSync(home, { recursive: true });
    const plan = PlanFile.create(join(home, 'plan.waveplan'), wavePlanOf(benchPlan(SITES), `Bench ${SITES}`), { actor: 'bench', source: 'cli' });
    await scheduling.generateAndStore(plan, '2026-12-01', 'cli');
    plan.close();
    const started = performance.now();
    const shared = await runCli(home, ['team', 'share', '--plan', join(home, 'plan.waveplan'), '--server', server.url, '--code', server.invite('planner'), '--name', 'Member 0']);
    shareMs = Math.round(performance.now() - started);
    if (shared.code !== 0) throw new Error(`share failed: ${shared.stderr}`);
    return server;
  };

  const join1: BenchCase = {
    name: JOIN_CASE,
    runs: 3,
    setup: async () => void (await team()),
    run: async () => {
      const s = await team();
      joined += 1;
      const home = join(dir, `joiner-${joined}`);
      const result = await runCli(home, ['team', 'join', '--server', s.url, '--code', s.invite('planner'), '--plan', join(home, 'plan.waveplan'), '--name', `Joiner ${joined}`]);
      if (result.code !== 0) throw new Error(`join failed: ${result.stderr}`);
    },
  };

  const reach: BenchCase = {
    name: REACH_CASE,
    runs: 3,
    setup: async () => {
      const s = await team();
      // One member joins through the server; the other eighteen are distinct members too (each
      // redeems its own join code and holds its own key) whose plan files start as copies of it.
      const first = join(dir, 'member-1');
      const result = await runCli(first, ['team', 'join', '--server', s.url, '--code', s.invite('planner'), '--plan', join(first, 'plan.waveplan'), '--name', 'Member 1']);
      if (result.code !== 0) throw new Error(`join failed: ${result.stderr}`);
      for (let i = 2; i < MEMBERS; i += 1) {
        const home = join(dir, `member-${i}`);
        mkdirSync(home, { recursive: true });
        const redeemed = await redeemCode(s.url, s.invite('planner'), { name: `Member ${i}` });
        copyFileSync(join(first, 'plan.waveplan'), join(home, 'plan.waveplan'));
        const db = new Database(join(home, 'plan.waveplan'));
        db.prepare('UPDATE team_link SET member_id = ?, member_name = ?').run(redeemed.memberId, redeemed.member.name);
        db.close();
        new Keyring(home).set(redeemed.memberId, { server: s.url, key: redeemed.key });
      }
      for (let i = 0; i < MEMBERS; i += 1) members.push(startMember(join(dir, `member-${i}`), join(dir, `member-${i}`, 'plan.waveplan')));
      await Promise.all(members.map((m) => lineOf(m, /^ready$/, 600_000)));
    },
    run: async () => {
      const start = samples.length;
      for (let k = 0; k < EDITS_PER_RUN; k += 1) {
        const marker = `marker-${samples.length}-${k}-${Date.now()}`;
        const editor = members[(samples.length + k) % MEMBERS]!;
        const others = members.filter((m) => m !== editor);
        const arrivals = others.map((m) => lineOf(m, new RegExp(`^got ${marker} `), 60_000));
        editor.child.stdin!.write(`edit ${marker}\n`);
        const edited = Number((await lineOf(editor, new RegExp(`^edited ${marker} `), 60_000)).split(' ')[2]);
        for (const line of await Promise.all(arrivals)) samples.push(Number(line.split(' ')[2]) - edited);
        await new Promise((r) => setTimeout(r, 300));
      }
      return median(samples.slice(start));
    },
    teardown: () => {
      if (server) serverMemory = rssMegabytes(server.pid);
    },
  };

  return {
    cases: [join1, reach],
    figures: () =>
      samples.length === 0
        ? []
        : [
            { name: `${REACH_CASE}: 95th percentile of ${samples.length} arrivals`, value: percentile(samples, 95), unit: 'ms' },
            { name: `${REACH_CASE}: median of all ${samples.length} arrivals`, value: median(samples), unit: 'ms' },
            { name: `team server's memory (resident) with ${MEMBERS} members connected, ${SITES.toLocaleString('en')} sites`, value: serverMemory, unit: 'MB' },
            { name: `team share of a ${SITES.toLocaleString('en')}-site plan (the plan's content uploaded once)`, value: shareMs, unit: 'ms' },
          ],
    cleanup: async () => {
      for (const m of members) m.child.stdin!.end('quit\n');
      await Promise.all(members.map((m) => new Promise((r) => (m.child.exitCode !== null ? r(null) : m.child.once('exit', r)))));
      await server?.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function teamTargets(results: BenchResult[], figures: Figure[]): Target[] {
  const p95 = figures.find((f) => f.name.includes('95th percentile'))?.value ?? NaN;
  return [
    { name: 'a new member joins a 2,000-site plan', value: medianOf(results, JOIN_CASE), unit: 'ms', limit: 10_000, pass: medianOf(results, JOIN_CASE) < 10_000 },
    { name: 'an edit reaches every other member of 20, median', value: medianOf(results, REACH_CASE), unit: 'ms', limit: 1_000, pass: medianOf(results, REACH_CASE) < 1_000 },
    { name: 'an edit reaches every other member of 20, 95th percentile', value: p95, unit: 'ms', limit: 3_000, pass: p95 < 3_000 },
  ];
}
