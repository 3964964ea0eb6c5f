/**
 * The axe gate: axe-core run inside the page on every screen, tab, menu and dialog of the sample
 * plan, in light and in dark mode, finds nothing critical or serious (WCAG 2 A/AA and best practice).
 */
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousFindings } from '../support/axe';
import { launchBrowser } from '../support/browser';
import { startWebApp, type RunningWebApp } from '../support/web-app';

/** Escape until no dialog, menu or palette is open. */
async function closeEverything(page: Page): Promise<void> {
  for (let i = 0; i < 3 && (await page.locator('[role="dialog"], [role="menu"]').count()) > 0; i += 1) {
    await page.keyboard.press('Escape');
    await page.waitForTimeout(150);
  }
  await expect.poll(() => page.locator('[role="dialog"], [role="menu"]').count()).toBe(0);
}

const screen = (id: string) => async (page: Page) => {
  await page.getByTestId(`nav-${id}`).click();
};
const dialog = async (page: Page) => {
  await page.getByRole('dialog').first().waitFor();
  // Mantine's opening transition: checked once it has ended, not in mid-fade.
  await page.waitForTimeout(400);
};

/** Each state of the app to check: how to reach it from the one before. */
const STATES: [name: string, reach: (page: Page) => Promise<void>][] = [
  ['Portfolio, sites', screen('portfolio')],
  ['Portfolio, add a site', async (page) => {
    await page.getByRole('button', { name: 'Add site' }).click();
    await dialog(page);
  }],
  ['Portfolio, a site panel', async (page) => {
    await page.getByRole('button', { name: 'Open US-COL' }).click();
    await dialog(page);
  }],
  ['Portfolio, a site panel’s checklist', async (page) => {
    await page.getByRole('button', { name: 'Open US-COL' }).click();
    await dialog(page);
    await page.getByRole('tab', { name: /Checklist/ }).click();
  }],
  ['Portfolio, a site panel’s history', async (page) => {
    await page.getByRole('button', { name: 'Open US-COL' }).click();
    await dialog(page);
    await page.getByRole('tab', { name: /History/ }).click();
  }],
  ...['Edit selected…', 'Remove…'].map((action): [string, (page: Page) => Promise<void>] => [`Portfolio, ${action}`, async (page) => {
    await page.getByRole('checkbox', { name: 'Select US-DET', exact: true }).check();
    await page.getByRole('button', { name: action }).click();
    await dialog(page);
  }]),
  ['Portfolio, ERPs', async (page) => {
    // The selection from before goes first.
    await page.getByRole('checkbox', { name: 'Select US-DET', exact: true }).uncheck();
    await page.getByRole('tab', { name: /ERPs/ }).click();
  }],
  ['Portfolio, add an ERP', async (page) => {
    await page.getByRole('button', { name: 'Add ERP' }).click();
    await dialog(page);
  }],
  ['Readiness', screen('readiness')],
  ['Readiness, an assessment', async (page) => {
    await page.getByRole('button', { name: /^ERP integration of US-GRV/ }).click();
    await dialog(page);
  }],
  ['Plan, violations', async (page) => {
    await screen('plan')(page);
    await page.locator('.wp-bar').first().waitFor();
  }],
  ...['Unscheduled', 'Lighthouse', 'Crews', 'Baselines'].map((tab): [string, (page: Page) => Promise<void>] => [`Plan, ${tab.toLowerCase()}`, async (page) => {
    await page.getByRole('tab', { name: new RegExp(tab) }).click();
  }]),
  ['Plan, find a faster sequence', async (page) => {
    await page.getByRole('button', { name: 'Faster sequence…' }).click();
    await dialog(page);
  }],
  ['Plan, a faster sequence searched for, with what it found', async (page) => {
    await page.getByRole('button', { name: 'Faster sequence…' }).click();
    await page.getByRole('dialog').getByText('5 s', { exact: true }).click();
    await page.getByRole('button', { name: 'Search' }).click();
    await page.getByTestId('optimiser-result').waitFor({ timeout: 30_000 });
  }],
  ['Plan, a bar’s menu', async (page) => {
    await page.locator('.wp-bar').first().click({ button: 'right' });
    await page.getByRole('menu').waitFor();
  }],
  ['Scenarios', async (page) => {
    await screen('scenarios')(page);
    await page.getByTestId('scenario-metrics').waitFor();
  }],
  ['Scenarios, a new scenario with a change of each kind', async (page) => {
    await page.getByRole('button', { name: 'New scenario' }).click();
    await dialog(page);
    for (const add of ['Add a setting', 'Add a connector', 'Add a site change']) await page.getByRole('button', { name: add }).click();
  }],
  ['Scenarios, adopting one', async (page) => {
    await page.getByRole('button', { name: 'Adopt…' }).first().click();
    await dialog(page);
  }],
  ['Checklists', async (page) => {
    await screen('checklists')(page);
    await page.locator('[role="treegrid"] [data-item]').first().waitFor();
  }],
  ['Checklists, the playbook editor', async (page) => {
    await page.getByRole('button', { name: 'Edit playbook…' }).click();
    await dialog(page);
  }],
  ['Settings', screen('settings')],
  ['Team, a plan of one’s own', screen('team')],
  ['Backups', screen('backups')],
  ['Backups, a notification', async (page) => {
    await page.getByRole('button', { name: 'Back up now' }).click();
    await page.locator('.wp-notice').first().waitFor();
    await page.waitForTimeout(400);
  }],
  ['The file menu', async (page) => {
    await page.getByRole('button', { name: 'File', exact: true }).click();
    await page.getByRole('menu').waitFor();
  }],
  ...['New plan…', 'Open plan…', 'Save a copy…', 'Restore a damaged plan from its newest backup…', 'Open a clean copy of a plan changed outside Wave Planner…', 'Import sites from CSV or Excel…', 'Import a returned readiness packet…', 'Share with a team…', 'Join a team plan…', 'Export PDF report…'].map((item): [string, (page: Page) => Promise<void>] => [`File, ${item}`, async (page) => {
    await page.getByRole('button', { name: 'File', exact: true }).click();
    await page.getByRole('menuitem', { name: item }).click();
    await dialog(page);
  }]),
  ['A calendar of a day field', async (page) => {
    await page.getByRole('button', { name: 'Report PDF' }).click();
    await dialog(page);
    await page.getByRole('button', { name: 'Pick Gantt from from a calendar' }).click();
    await page.locator('.mantine-DatePicker-day:not([data-hidden])').first().waitFor();
  }],
  ['The command palette', async (page) => {
    await page.keyboard.press('Control+k');
    await page.getByRole('dialog').waitFor();
    await page.keyboard.type('Col');
    await page.waitForTimeout(200);
  }],
];

let app: RunningWebApp;
beforeAll(async () => {
  app = await startWebApp();
  await app.call('schedule:generate', { asOf: '2026-11-23' });
  await app.call('scenarios:save', { name: 'Oracle slips', note: 'The vendor says November.', changes: { erps: [{ code: 'ORA-EBS', connectorReadyDate: '2027-11-01' }] } });
  await app.call('scenarios:save', { name: 'Two more squads', changes: { crews: app.read.info().crews.map((c) => ({ ...c, size: c.size + 2 })) } });
  // A note and a list of changes long enough to be shown in part, with their "Show all" controls.
  const pinned = app.read.sites().slice(1, 9).map((s, i) => ({ code: s.code, pinnedWave: 1 + (i % 3), pinnedGoLive: null }));
  await app.call('scenarios:save', { name: 'Pinned by hand', note: ['First line.', 'Second line.', 'Third line.', 'Fourth line.', 'Fifth line.', 'Sixth line.'].join('\n'), changes: { sites: pinned } });
});
afterAll(() => app?.stop());

describe.each(['light', 'dark'] as const)('the axe gate in %s mode', (colorScheme) => {
  let browser: BrowserContext;
  let page: Page;
  beforeAll(async () => {
    browser = await launchBrowser({ colorScheme, bypassCSP: true });
    page = await browser.newPage();
    await page.goto(app.server.url);
    await page.waitForSelector('[data-site]');
  });
  afterAll(() => browser?.close());

  it('finds nothing critical or serious on any screen, tab, menu or dialog', async () => {
    const found: string[] = [];
    for (const [name, reach] of STATES) {
      await reach(page);
      await page.waitForTimeout(250);
      for (const finding of await seriousFindings(page)) found.push(`${name}: ${finding}`);
      await closeEverything(page);
    }
    expect(found).toEqual([]);
    // Some thirty states, each checked by axe in the page: longer than one test usually takes.
  }, 240_000);
});
