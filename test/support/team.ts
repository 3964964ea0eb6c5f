/**
 * Team mode in tests: a real team server in its own process (started, killed and restarted like the
 * real one), and members each with their own data folder (their key) and plan file. A member syncs
 * through the command line in a process of its own; the test process edits a member's plan file as
 * their app would, through the contract's dispatch.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { afterEach, expect } from 'vitest';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { OperationInput, OperationName, OperationOutput } from '../../shared/contract';
import { createDispatch } from '../../electron/services/dispatch';
import { createHandlers } from '../../electron/services/handlers';
import { UserError } from '../../electron/services/errors';
import { PlanFile } from '../../electron/services/plan/plan-file';
import { Workspace } from '../../electron/services/workspace';
import { reads } from './plans';

export const BIN = fileURLToPath(new URL('../../electron/cli/bin.mjs', import.meta.url));

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Starts the command line in its own process, as `home`'s user: the process, and its outcome. */
export function startCli(home: string, args: string[], timeoutMs = 120_000): { child: ChildProcess; done: Promise<RunResult> } {
  const child = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, WAVE_PLANNER_HOME: home }, stdio: ['ignore', 'pipe', 'pipe'] });
  const done = new Promise<RunResult>((resolve, reject) => {
    let stdout = '';
    let stderr = '';
    child.stdout!.on('data', (d) => (stdout += d));
    child.stderr!.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
  return { child, done };
}

/** Runs the command line in its own process, as `home`'s user. */
export const runCli = (home: string, args: string[], timeoutMs = 120_000): Promise<RunResult> => startCli(home, args, timeoutMs).done;

/** The team server in its own process. */
export class ServerProcess {
  /** What it printed. */
  output = '';

  private constructor(
    readonly dataDir: string,
    readonly url: string,
    readonly port: number,
    private readonly child: ChildProcess,
  ) {
    child.stdout!.on('data', (d) => (this.output += d));
  }

  get exitCode(): number | null {
    return this.child.exitCode;
  }

  static start(dataDir: string, port = 0): Promise<ServerProcess> {
    return new Promise((resolve, reject) => {
      const child = spawn(process.execPath, [BIN, 'team', 'serve', '--data', dataDir, '--port', String(port)], { env: { ...process.env, WAVE_PLANNER_HOME: join(dataDir, 'home') }, stdio: ['ignore', 'pipe', 'pipe'] });
      let out = '';
      let err = '';
      const timer = setTimeout(() => reject(new Error(`the team server did not start: ${out}${err}`)), 60_000);
      child.stderr!.on('data', (d) => (err += d));
      child.stdout!.on('data', (d) => {
        out += d;
        const match = /on (http:\/\/127\.0\.0\.1:(\d+))/.exec(out);
        if (match) {
          clearTimeout(timer);
          resolve(new ServerProcess(dataDir, match[1]!, Number(match[2]), child));
        }
      });
      child.on('exit', (code) => reject(new Error(`the team server ended (${code}): ${out}${err}`)));
    });
  }

  get pid(): number {
    return this.child.pid!;
  }

  /** Ends it at once, as a crash would (SIGKILL), or asks it to stop (SIGTERM). */
  stop(signal: 'SIGKILL' | 'SIGTERM' = 'SIGTERM'): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return Promise.resolve();
    return new Promise((resolve) => {
      this.child.once('exit', () => resolve());
      this.child.kill(signal);
    });
  }

  /** A one-time join code, made by the command line beside the running server. */
  invite(role: 'planner' | 'site-lead', options: { sites?: string[]; name?: string } = {}): string {
    const args = [BIN, 'team', 'invite', '--data', this.dataDir, '--role', role, ...(options.sites ?? []).flatMap((s) => ['--site', s]), ...(options.name ? ['--name', options.name] : [])];
    const result = spawnSync(process.execPath, args, { encoding: 'utf8', env: { ...process.env, WAVE_PLANNER_HOME: join(this.dataDir, 'home') } });
    if (result.status !== 0) throw new Error(`team invite failed: ${result.stderr}`);
    return result.stdout.trim();
  }

  /** The server's log so far. */
  log(): string {
    return existsSync(join(this.dataDir, 'server.log')) ? readFileSync(join(this.dataDir, 'server.log'), 'utf8') : '';
  }

  /** Waits until the server's log holds a line matching `pattern` (after `from` characters). */
  async waitForLog(pattern: RegExp, from = 0, timeoutMs = 60_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!pattern.test(this.log().slice(from))) {
      if (Date.now() > deadline) throw new Error(`the server's log never said ${pattern}:\n${this.log()}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  revoke(who: string): RunResult {
    const result = spawnSync(process.execPath, [BIN, 'team', 'revoke', who, '--data', this.dataDir], { encoding: 'utf8', env: { ...process.env, WAVE_PLANNER_HOME: join(this.dataDir, 'home') } });
    return { code: result.status, stdout: result.stdout, stderr: result.stderr };
  }
}

/** A team member: their data folder (with their key) and their plan file. */
export class Member {
  constructor(
    readonly name: string,
    readonly home: string,
    readonly plan: string,
  ) {}

  share(server: ServerProcess, code: string): Promise<RunResult> {
    return runCli(this.home, ['team', 'share', '--plan', this.plan, '--server', server.url, '--code', code, '--name', this.name]);
  }

  join(server: ServerProcess, code: string): Promise<RunResult> {
    return runCli(this.home, ['team', 'join', '--server', server.url, '--code', code, '--plan', this.plan, '--name', this.name]);
  }

  /** `team sync --json` started in its own process, to be killed or awaited. */
  startSync(waitSeconds = 30): { child: ChildProcess; done: Promise<RunResult> } {
    return startCli(this.home, ['team', 'sync', '--plan', this.plan, '--json', '--wait', String(waitSeconds)]);
  }

  /** `team sync --json` in its own process; its report parsed. */
  async sync(waitSeconds = 30): Promise<RunResult & { report: SyncReport | null }> {
    const result = await runCli(this.home, ['team', 'sync', '--plan', this.plan, '--json', '--wait', String(waitSeconds)]);
    let report: SyncReport | null = null;
    try {
      report = JSON.parse(result.stdout) as SyncReport;
    } catch {
      report = null;
    }
    return { ...result, report };
  }

  /** Calls operations on the member's plan as their app would (offline: no link to the team). */
  async edit<T>(work: (call: <N extends OperationName>(name: N, input: OperationInput<N>) => Promise<OperationOutput<N>>) => Promise<T>, options: { connected?: boolean } = {}): Promise<T> {
    const workspace = new Workspace(this.home, 'ui', { watchOtherProcesses: false, interactive: false, teamSync: options.connected ?? false });
    workspace.openPlan(this.plan);
    const dispatch = createDispatch(createHandlers(workspace));
    const call = async <N extends OperationName>(name: N, input: OperationInput<N>) => {
      const result = await dispatch(name, input);
      if (!result.ok) throw new UserError(result.error.code, result.error.message);
      return result.value as OperationOutput<N>;
    };
    try {
      return await work(call);
    } finally {
      await (await workspace.team())?.close();
      workspace.close();
    }
  }

  /** The plan as wave-plan JSON, as export writes it (read here: no process needed to read a file). */
  async exportText(): Promise<string> {
    const plan = PlanFile.open(this.plan, { actor: 'test', readOnly: true });
    try {
      return reads(plan).exportText();
    } finally {
      plan.close();
    }
  }

  /** The schedule as of a day, as wave-schedule JSON. */
  async scheduleJson(asOf: string): Promise<string> {
    const result = await runCli(this.home, ['schedule', '--plan', this.plan, '--as-of', asOf, '--json']);
    if (result.code !== 0) throw new Error(`schedule failed: ${result.stderr}`);
    return result.stdout;
  }
}

export interface SyncReport {
  inStep: boolean;
  state: string;
  sent: number;
  received: number;
  waiting: number;
  reviews: { id: string; subject: string; field: string; choices: { value: unknown; by: string }[]; shown: { value: unknown } }[];
  refusals: { message: string }[];
}

/** Syncs each member in turn until every one is in step with nothing new to take (at most `rounds` passes). */
export async function syncAll(members: Member[], rounds = 4): Promise<void> {
  for (let round = 0; round < rounds; round += 1) {
    let quiet = true;
    for (const member of members) {
      const result = await member.sync();
      if (result.code !== 0 || !result.report?.inStep) throw new Error(`${member.name} could not sync: ${result.stderr}${result.stdout}`);
      if (result.report.received > 0 || result.report.sent > 0) quiet = false;
    }
    if (quiet) return;
  }
}

/** Team servers for a test file: started by its tests, killed after each test. */
export function useTeamServers(): (dir: string, port?: number) => Promise<ServerProcess> {
  const servers: ServerProcess[] = [];
  afterEach(async () => {
    for (const server of servers.splice(0)) await server.stop('SIGKILL');
  });
  return async (dir, port = 0) => {
    const server = await ServerProcess.start(join(dir, 'server'), port);
    servers.push(server);
    return server;
  };
}

/** A member in `dir`/`folder` with a plan file there (made by joining, or by `demo` for the one who shares). */
export const memberIn = (dir: string, name: string, folder: string, file = 'team.waveplan') => new Member(name, join(dir, folder), join(dir, folder, file));

/** Ana, who makes the sample plan (scheduled, with checklists) and shares it with the server. */
export async function anaShares(server: ServerProcess, dir: string): Promise<Member> {
  expect((await runCli(join(dir, 'ana'), ['demo', '--out', join(dir, 'ana')])).code).toBe(0);
  const ana = memberIn(dir, 'Ana Planner', 'ana', 'sample.waveplan');
  expect((await ana.share(server, server.invite('planner'))).code).toBe(0);
  return ana;
}

/** A planner who joins the team. */
export async function plannerJoins(server: ServerProcess, dir: string, name: string, folder: string): Promise<Member> {
  const member = memberIn(dir, name, folder);
  expect((await member.join(server, server.invite('planner'))).code).toBe(0);
  return member;
}

/** A site of a wave-plan export. */
export const siteOf = (text: string, code: string) => (JSON.parse(text) as { sites: { code: string }[] }).sites.find((s) => s.code === code) as Record<string, unknown>;

/** Ana shares the sample plan (scheduled, with checklists); Bo joins as a planner, Cy as the site lead of US-DET; all in step. */
export async function teamOfThree(startServer: (dir: string) => Promise<ServerProcess>, dir: string) {
  const server = await startServer(dir);
  const ana = await anaShares(server, dir);
  const bo = await plannerJoins(server, dir, 'Bo Planner', 'bo');
  const cy = memberIn(dir, 'Cy Lead', 'cy');
  const joined = await cy.join(server, server.invite('site-lead', { sites: ['US-DET'] }));
  expect(joined.stdout).toContain('site-lead of US-DET');
  await syncAll([ana, bo, cy]);
  return { server, ana, bo, cy };
}
