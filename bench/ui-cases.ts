/**
 * Plan-screen figures of the planner-UI issue, in headless Chromium through web mode: the first
 * render of the timeline with 500 and 2,000 sites, and the time from dropping a bar into a full wave
 * to its violation shown, at 500 sites.
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
  let dropSession: Session;
  cases.push({
    name: 'drop to violations shown, 500 sites',
    runs: 7,
    setup: async () => {
      // A plan file of its own: the first-render case keeps its 500-site plan open.
      dropSession = await openPlanScreen(500, mkdtempSync(join(dir, 'drop-')));
      sessions.push(dropSession);
      await dropSession.page.getByTestId('nav-plan').click();
      await dropSession.page.waitForSelector('.wp-bar');
      await dropSession.page.getByRole('tab', { name: /Violations/ }).click();
    },
    run: () => dropIntoFullWave(dropSession.page),
  });
  return {
    cases,
    cleanup: async () => {
      for (const s of sessions) await closeSession(s);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Polls an expression in the page (the app's CSP refuses Playwright's waitForFunction, which evals). */
async function waitInPage(page: Page, expression: string, timeoutMs = 30_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await page.evaluate(expression))) {
    if (Date.now() > until) throw new Error(`Timed out waiting for ${expression}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/**
 * Drags the first bar of the third wave lane in view into the first wave lane (full, so the move
 * breaks the wave-size rule) and returns the milliseconds, measured in the page, from the mouse
 * release to the violation listed in the panel. Undoes the move afterwards.
 */
async function dropIntoFullWave(page: Page): Promise<number> {
  const to = (await page.locator('.vis-label').nth(1).boundingBox())!;
  const first = page.locator('.vis-foreground .vis-group').nth(2).locator('.wp-bar').first();
  const site = (await first.locator('.wp-label').textContent())!.split(' ')[0]!;
  const bar = (await first.boundingBox())!;
  await page.evaluate(`(() => {
    window.__drop = { released: 0, shown: 0 };
    // vis-timeline takes pointer events (the mouse events that follow them are suppressed).
    addEventListener('pointerup', () => { window.__drop.released = performance.now(); }, { capture: true, once: true });
    const panel = () => document.querySelector('[data-testid="violations"]');
    const observer = new MutationObserver(() => {
      if (window.__drop.released && panel()?.textContent?.includes(${JSON.stringify(site)})) {
        window.__drop.shown = performance.now();
        observer.disconnect();
      }
    });
    observer.observe(document.body, { childList: true, subtree: true, characterData: true });
  })()`);
  const x = bar.x + 20;
  const y = bar.y + bar.height / 2;
  await page.mouse.move(x, y);
  await page.mouse.down();
  // The drag starts with a small move over the bar itself, as a hand does.
  await page.mouse.move(x + 5, y - 5, { steps: 3 });
  await page.mouse.move(x, to.y + to.height / 2, { steps: 12 });
  await page.mouse.up();
  await waitInPage(page, 'window.__drop.shown > 0');
  const ms = (await page.evaluate('window.__drop.shown - window.__drop.released')) as number;
  // Back as it was: wait for the stored move, then undo it.
  await waitInPage(page, `document.querySelector('button[title^="Undo Move ${site}"]') !== null`);
  await page.keyboard.press('Control+z');
  await waitInPage(page, `!document.querySelector('[data-testid="violations"]')?.textContent?.includes(${JSON.stringify(site)})`);
  return Math.round(ms * 10) / 10;
}

export function uiTargets(results: BenchResult[]): Target[] {
  const at = (name: string) => results.find((r) => r.name === name)?.medianMs ?? NaN;
  const render = at('timeline first render, 2000 sites');
  const drop = at('drop to violations shown, 500 sites');
  return [
    { name: 'timeline first render, 2,000 sites', value: render, unit: 'ms', limit: 1000, pass: render < 1000 },
    { name: 'drop to violations shown, 500 sites', value: drop, unit: 'ms', limit: 100, pass: drop < 100 },
  ];
}
