/**
 * Web mode in a process of its own on a generated plan with its schedule stored, and a headless
 * Chromium page on it: what the benchmarks of the screens drive.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PlanFile } from '../electron/services/plan/plan-file';
import { generateAndStore } from '../electron/services/plan/scheduling';
import { launchBrowser } from '../test/support/browser';
import { benchPlan, planFileFor } from './scheduler-cases';

const BIN = fileURLToPath(new URL('../electron/cli/bin.mjs', import.meta.url));

export interface Session {
  server: ChildProcess;
  url: string;
  browser: BrowserContext;
  page: Page;
  /** Sites placed in the stored schedule (the timeline's bars). */
  items: number;
}

/**
 * Web mode in a process of its own, as `npm run web` runs it: the backend does not share its event
 * loop with the browser driver. Resolves with the address it prints.
 */
async function startWebMode(planPath: string, dataDir: string): Promise<{ server: ChildProcess; url: string }> {
  const server = spawn(process.execPath, [BIN, 'web', '--plan', planPath, '--data', dataDir], { stdio: ['ignore', 'pipe', 'inherit'] });
  // Never left behind, whatever ends the benchmark.
  process.once('exit', () => server.kill('SIGKILL'));
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    server.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const found = /Open (http:\/\/\S+)/.exec(out);
      if (found) resolve(found[1]!);
    });
    server.on('exit', (code) => reject(new Error(`web mode exited with ${code}: ${out}`)));
  });
  return { server, url };
}

export async function openWebSession(sites: number, dir: string): Promise<Session> {
  const input = benchPlan(sites);
  const path = planFileFor(input, dir);
  const plan = PlanFile.open(path, { actor: 'bench' });
  const items = (await generateAndStore(plan, input.asOf, 'cli')).value.view.schedule.waves.reduce((n, w) => n + w.sites.length, 0);
  plan.close();
  const { server, url } = await startWebMode(path, join(dir, `data-${sites}`));
  const browser = await launchBrowser();
  const page = await browser.newPage();
  await page.goto(url);
  await page.waitForSelector('[data-site]', { timeout: 60_000 });
  return { server, url, browser, page, items };
}

export async function closeSession(session: Session | undefined): Promise<void> {
  if (!session || session.server.exitCode !== null || session.server.signalCode !== null) return;
  await session.browser.close();
  session.server.kill('SIGTERM');
  await new Promise((resolve) => session.server.once('exit', resolve));
}

/** Polls an expression in the page (the app's CSP refuses Playwright's waitForFunction, which evals). */
export async function waitInPage(page: Page, expression: string, timeoutMs = 30_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await page.evaluate(expression))) {
    if (Date.now() > until) throw new Error(`Timed out waiting for ${expression}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

