// Team mode in real Chromium: two web-mode instances, each with its own data folder and plan file,
// share and join one plan through a real team server (its own process) from the File menu; an edit in
// one page appears in the other without a reload; the same field changed in both while the server
// is down waits in Needs review on both, and a choice made in one page settles it in the other.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousFindings } from '../support/axe';
import { launchBrowser } from '../support/browser';
import { ServerProcess } from '../support/team';
import { startWebApp, type RunningWebApp } from '../support/web-app';

let server: ServerProcess;
let ana: RunningWebApp;
let bo: RunningWebApp;
let browser: BrowserContext;
let anaPage: Page;
let boPage: Page;
const serverDir = mkdtempSync(join(tmpdir(), 'wave-planner-e2e-team-'));

beforeAll(async () => {
  server = await ServerProcess.start(serverDir);
  [ana, bo] = await Promise.all([startWebApp(), startWebApp()]);
  browser = await launchBrowser({ bypassCSP: true });
  [anaPage, boPage] = await Promise.all([browser.newPage(), browser.newPage()]);
  await Promise.all([anaPage.goto(ana.server.url), boPage.goto(bo.server.url)]);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await Promise.all([ana?.stop(), bo?.stop()]);
  await server?.stop('SIGKILL');
});

async function fileMenu(page: Page, item: string) {
  await page.getByRole('button', { name: 'File', exact: true }).click();
  await page.getByRole('menuitem', { name: item }).click();
}

async function fillMember(page: Page, code: string, name: string) {
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('textbox', { name: 'Team server' }).fill(server.url);
  await dialog.getByRole('textbox', { name: 'Join code' }).fill(code);
  await dialog.getByRole('textbox', { name: 'Your name' }).fill(name);
}

const badge = (page: Page) => page.getByTestId('team-badge');

describe('two members in two browsers', () => {
  it('share from one app, join from another, and see each other’s edits without a reload', async () => {
    await fileMenu(anaPage, 'Share with a team…');
    await fillMember(anaPage, server.invite('planner'), 'Ana Planner');
    await anaPage.getByRole('dialog').getByRole('button', { name: 'Share' }).click();
    await expect.poll(() => badge(anaPage).textContent(), { timeout: 30_000 }).toMatch(/Synced with the team/);

    await fileMenu(boPage, 'Join a team plan…');
    await fillMember(boPage, server.invite('planner'), 'Bo Planner');
    await boPage.getByRole('dialog').getByRole('textbox', { name: 'Plan file' }).fill(join(mkdtempSync(join(tmpdir(), 'wave-planner-e2e-bo-')), 'Team plan.waveplan'));
    await boPage.getByRole('dialog').getByRole('button', { name: 'Join' }).click();
    await expect.poll(() => boPage.getByTestId('plan-name').textContent(), { timeout: 30_000 }).toBe(ana.read.info().name);
    await expect.poll(() => badge(boPage).textContent(), { timeout: 30_000 }).toMatch(/Synced with the team/);
    expect(bo.read.exportText()).toBe(ana.read.exportText());

    // Ana edits a cell; Bo's portfolio shows it.
    await anaPage.getByRole('button', { name: 'Region of CZ-PLZ: EMEA' }).dblclick();
    const input = anaPage.getByRole('textbox', { name: 'Region of CZ-PLZ' });
    await input.fill('Central Europe');
    await input.press('Enter');
    await boPage.getByRole('button', { name: 'Region of CZ-PLZ: Central Europe' }).waitFor({ timeout: 15_000 });
    expect(bo.read.site('CZ-PLZ').region).toBe('Central Europe');
    // Bo's audit names Ana and the team as the door it came through.
    const entry = bo.read.audit({ entityId: 'CZ-PLZ', limit: 5 }).find((e) => e.field === 'region')!;
    expect(entry).toMatchObject({ actor: 'Ana Planner', source: 'sync', newValue: 'Central Europe' });
  });

  it('shows a field both changed while the server was down in Needs review on both, and a choice in one settles both', async () => {
    await server.stop('SIGKILL');
    await expect.poll(() => badge(anaPage).textContent(), { timeout: 20_000 }).toMatch(/Offline since/);
    await ana.call('sites:update', { code: 'US-DET', patch: { notes: 'Ana: after the summer shutdown' } });
    await bo.call('sites:update', { code: 'US-DET', patch: { notes: 'Bo: before the summer shutdown' } });
    await expect.poll(() => badge(anaPage).textContent(), { timeout: 10_000 }).toMatch(/1 waiting/);
    server = await ServerProcess.start(serverDir, server.port);

    for (const page of [anaPage, boPage]) await expect.poll(() => badge(page).textContent(), { timeout: 30_000 }).toMatch(/1 to review/);
    const before = ana.read.site('US-DET').notes;
    expect(before).not.toMatch(/summer shutdown/);
    expect(bo.read.site('US-DET').notes).toBe(before);

    await badge(boPage).click();
    const review = boPage.getByTestId('review-item');
    await expect.poll(() => review.count()).toBe(1);
    // The Team screen with a field in Needs review passes the axe gate, in light and in dark mode.
    expect(await seriousFindings(boPage)).toEqual([]);
    const dark = await launchBrowser({ colorScheme: 'dark', bypassCSP: true });
    try {
      const darkPage = await dark.newPage();
      await darkPage.goto(bo.server.url);
      await badge(darkPage).click();
      await darkPage.getByTestId('review-item').waitFor();
      expect(await seriousFindings(darkPage)).toEqual([]);
    } finally {
      await dark.close();
    }
    expect(await review.textContent()).toMatch(/Site US-DET.*Notes/);
    await review.getByRole('button', { name: /Choose Ana: after the summer shutdown by Ana Planner/ }).click();
    await expect.poll(() => review.count(), { timeout: 15_000 }).toBe(0);
    await expect.poll(() => ana.read.site('US-DET').notes, { timeout: 30_000 }).toBe('Ana: after the summer shutdown');
    await expect.poll(() => badge(anaPage).textContent(), { timeout: 30_000 }).not.toMatch(/to review/);
    expect(bo.read.exportText()).toBe(ana.read.exportText());
  });
});
