/**
 * Checklists-screen figures, in headless Chromium through web mode, at 400 and 2,000 sites with the
 * sample playbook: the screen opened (from the click to its rows drawn), one item ticked done (from
 * the click to the row showing it), and (at 400 sites) a playbook version saved with every site's
 * checklist re-synced and shown.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { medianOf, type BenchCase, type BenchResult, type Target } from './harness';
import { closeSession, openWebSession, waitInPage, type Session } from './web-session';

const SIZES = [400, 2000];
const SCREEN = '[data-testid="checklists"]';
/** In the page: runs a callback once the frame that shows the latest change has been painted. */
const AFTER_PAINT = '((done) => requestAnimationFrame(() => setTimeout(done, 0)))';

/** Measured in the page: from the click on Checklists in the navigation to its first rows painted. */
async function openChecklists(page: Page): Promise<number> {
  // Leave through a light screen, so that only the checklists' own opening is timed.
  await page.getByTestId('nav-settings').click();
  await page.waitForSelector(SCREEN, { state: 'detached' });
  await page.evaluate(`(() => {
    window.__open = { clicked: 0, shown: 0 };
    addEventListener('click', () => { window.__open.clicked = performance.now(); }, { capture: true, once: true });
    const observer = new MutationObserver(() => {
      if (window.__open.clicked && document.querySelector('${SCREEN}[data-loaded="true"] [role="treegrid"] [data-item]')) {
        observer.disconnect();
        ${AFTER_PAINT}(() => { window.__open.shown = performance.now(); });
      }
    });
    observer.observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-loaded'] });
  })()`);
  await page.getByTestId('nav-checklists').click();
  await waitInPage(page, 'window.__open.shown > 0', 60_000);
  return (await page.evaluate('window.__open.shown - window.__open.clicked')) as number;
}

/** Measured in the page: from the click on the first drawn item's tick to its row painted showing `to`. */
async function tick(page: Page, to: 'done' | 'todo'): Promise<number> {
  const row = page.locator('[role="treegrid"] [data-item]').first();
  const key = (await row.getAttribute('data-item'))!;
  await page.evaluate(`(() => {
    window.__tick = { clicked: 0, shown: 0 };
    const row = () => document.querySelector('[data-item=${JSON.stringify(key)}]');
    addEventListener('click', () => { window.__tick.clicked = performance.now(); }, { capture: true, once: true });
    const observer = new MutationObserver(() => {
      if (window.__tick.clicked && row()?.getAttribute('data-status') === ${JSON.stringify(to)}) {
        observer.disconnect();
        ${AFTER_PAINT}(() => { window.__tick.shown = performance.now(); });
      }
    });
    observer.observe(document.body, { subtree: true, attributes: true, attributeFilter: ['data-status'] });
  })()`);
  await row.getByRole('checkbox', { name: /^Done: / }).click();
  await waitInPage(page, 'window.__tick.shown > 0');
  // The change stored before the next one: the Undo button names it.
  await waitInPage(page, `document.querySelector('button[title*="→ ${to} (Ctrl"]') !== null`);
  return (await page.evaluate('window.__tick.shown - window.__tick.clicked')) as number;
}

/** From the click on Save to every placed site's new item counted on the painted screen; then undone. */
async function savePlaybookWithNewTask(page: Page): Promise<number> {
  const before = Number(await page.getAttribute(SCREEN, 'data-item-count'));
  await page.getByRole('button', { name: 'Edit playbook…' }).click();
  await page.getByRole('button', { name: 'Add task' }).click();
  const save = page.getByRole('button', { name: /^Save as version/ });
  await page.evaluate(`(() => {
    window.__save = { clicked: 0, shown: 0 };
    addEventListener('click', () => { window.__save.clicked = performance.now(); }, { capture: true, once: true });
    const observer = new MutationObserver(() => {
      const count = Number(document.querySelector('${SCREEN}')?.getAttribute('data-item-count'));
      if (window.__save.clicked && count > ${before}) {
        observer.disconnect();
        ${AFTER_PAINT}(() => { window.__save.shown = performance.now(); });
      }
    });
    observer.observe(document.body, { subtree: true, attributes: true, attributeFilter: ['data-item-count'] });
  })()`);
  await save.click();
  await waitInPage(page, 'window.__save.shown > 0', 60_000);
  const ms = (await page.evaluate('window.__save.shown - window.__save.clicked')) as number;
  await waitInPage(page, `document.querySelector('button[title^="Undo Playbook version"]') !== null`);
  await page.keyboard.press('Control+z');
  await waitInPage(page, `Number(document.querySelector('${SCREEN}')?.getAttribute('data-item-count')) === ${before}`, 60_000);
  return ms;
}

export function checklistCases(): { cases: BenchCase[]; cleanup: () => Promise<void> } {
  const dir = mkdtempSync(join(tmpdir(), 'wave-planner-bench-checklists-'));
  const sessions = new Map<number, Session>();
  const session = async (sites: number) => {
    let found = sessions.get(sites);
    if (!found) sessions.set(sites, (found = await openWebSession(sites, mkdtempSync(join(dir, `plan-${sites}-`)))));
    return found;
  };
  const cases: BenchCase[] = [];
  for (const n of SIZES) {
    let page: Page;
    cases.push({
      name: `checklists open, ${n} sites`,
      runs: 5,
      setup: async () => {
        page = (await session(n)).page;
      },
      run: () => openChecklists(page),
    });
    cases.push({
      name: `checklist item ticked done shown, ${n} sites`,
      runs: 7,
      setup: async () => {
        page = (await session(n)).page;
        await openChecklists(page);
      },
      // Done, then back to to-do: each run leaves the plan as it found it.
      run: async () => {
        const ms = await tick(page, 'done');
        await tick(page, 'todo');
        return ms;
      },
    });
  }
  let page400: Page;
  cases.push({
    name: 'playbook save to checklists re-synced, 400 sites',
    runs: 5,
    setup: async () => {
      page400 = (await session(400)).page;
      await openChecklists(page400);
    },
    run: () => savePlaybookWithNewTask(page400),
  });
  return {
    cases,
    cleanup: async () => {
      for (const s of sessions.values()) await closeSession(s);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function checklistTargets(results: BenchResult[]): Target[] {
  const at = (name: string) => medianOf(results, name);
  const open = at('checklists open, 2000 sites');
  const tick400 = at('checklist item ticked done shown, 400 sites');
  const tick2000 = at('checklist item ticked done shown, 2000 sites');
  const save = at('playbook save to checklists re-synced, 400 sites');
  return [
    { name: 'checklists open, 2,000 sites × the sample playbook', value: open, unit: 'ms', limit: 500, pass: open < 500 },
    { name: 'a status change shown, 400 sites', value: tick400, unit: 'ms', limit: 100, pass: tick400 < 100 },
    { name: 'a status change shown, 2,000 sites', value: tick2000, unit: 'ms', limit: 100, pass: tick2000 < 100 },
    { name: 'a playbook save with the checklists re-synced, 400 sites', value: save, unit: 'ms', limit: 1000, pass: save < 1000 },
  ];
}
