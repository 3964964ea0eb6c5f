/**
 * Plan-screen figures of the planner-UI issue, in headless Chromium through web mode: the first
 * render of the timeline with 500 and 2,000 sites. (The drop-to-violations figure is not measured yet.)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { RENDERER_BUILD_DIR } from '../electron/cli/commands/web';
import { createDispatch } from '../electron/services/dispatch';
import { createHandlers } from '../electron/services/handlers';
import { PlanFile } from '../electron/services/plan/plan-file';
import { generateAndStore } from '../electron/services/plan/scheduling';
import { Workspace } from '../electron/services/workspace';
import { startWebServer, type WebServer } from '../electron/web/server';
import { launchBrowser } from '../test/support/browser';
import type { BenchCase, BenchResult, Target } from './harness';
import { benchPlan, planFileFor } from './scheduler-cases';

interface Session {
  server: WebServer;
  workspace: Workspace;
  browser: BrowserContext;
  page: Page;
  items: number;
}

async function openPlanScreen(sites: number, dir: string): Promise<Session> {
  const input = benchPlan(sites);
  const path = planFileFor(input, dir);
  const plan = PlanFile.open(path, { actor: 'bench' });
  const items = generateAndStore(plan, input.asOf, 'cli').schedule.waves.reduce((n, w) => n + w.sites.length, 0);
  plan.close();
  const workspace = new Workspace(join(dir, `data-${sites}`), 'ui');
  workspace.openPlan(path);
  const server = await startWebServer({ dispatch: createDispatch(createHandlers(workspace)), staticDir: RENDERER_BUILD_DIR });
  const browser = await launchBrowser();
  const page = await browser.newPage();
  await page.goto(server.url);
  await page.waitForSelector('[data-site]', { timeout: 60_000 });
  return { server, workspace, browser, page, items };
}

async function closeSession(session: Session | undefined): Promise<void> {
  if (!session) return;
  await session.browser.close();
  await session.server.close();
  session.workspace.close();
}

export function uiCases(): { cases: BenchCase[]; cleanup: () => Promise<void> } {
  const dir = mkdtempSync(join(tmpdir(), 'wave-planner-bench-ui-'));
  const sessions: Session[] = [];
  const cases: BenchCase[] = [500, 2000].map((n) => {
    let session: Session;
    return {
      name: `timeline first render, ${n} sites`,
      runs: 5,
      setup: async () => {
        session = await openPlanScreen(n, dir);
        sessions.push(session);
      },
      run: async () => {
        const { page, items } = session;
        // Leave through a light screen, so that only the timeline's own render is timed.
        await page.getByTestId('nav-settings').click();
        await page.waitForSelector('[data-testid="timeline"]', { state: 'detached' });
        await page.getByTestId('nav-plan').click();
        await page.waitForSelector(`[data-testid="timeline"][data-drawn-items="${items}"]`, { timeout: 60_000 });
      },
    };
  });
  return {
    cases,
    cleanup: async () => {
      for (const s of sessions) await closeSession(s);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function uiTargets(results: BenchResult[]): Target[] {
  const at = (name: string) => results.find((r) => r.name === name)?.medianMs ?? NaN;
  const render = at('timeline first render, 2000 sites');
  return [{ name: 'timeline first render, 2,000 sites', value: render, unit: 'ms', limit: 1000, pass: render < 1000 }];
}
