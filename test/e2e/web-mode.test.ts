import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../support/browser';
import { startWebApp, type RunningWebApp } from '../support/web-app';

let app: RunningWebApp;
let browser: BrowserContext;
let page: Page;

beforeAll(async () => {
  app = await startWebApp();
  browser = await launchBrowser();
  page = await browser.newPage();
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

describe('web mode in Chromium', () => {
  it('shows the sample plan and its 24 sites', async () => {
    await page.goto(app.server.url);
    await expect.poll(() => page.locator('[data-site]').count()).toBe(24);
    expect(await page.getByTestId('plan-name').textContent()).toBe('Northwind VisionQC rollout');
    // The token leaves the address bar once the page has it.
    expect(page.url()).not.toContain('token=');
  });

  it('edits a site name in place, survives a reload, and records who changed it', async () => {
    const cell = page.getByRole('button', { name: 'Site of US-DET: Detroit Stamping' });
    await cell.dblclick();
    const input = page.getByRole('textbox', { name: 'Site of US-DET' });
    await input.fill('Detroit Stamping & Press');
    await input.press('Enter');
    await expect.poll(() => page.getByTestId('save-state').textContent()).toBe('All changes saved');
    await page.reload();
    await expect.poll(() => page.locator('[data-site="US-DET"]').textContent()).toContain('Detroit Stamping & Press');
    const audit = app.workspace.requirePlan().audit({ entity: 'site', entityId: 'US-DET', limit: 5 });
    expect(audit[0]).toMatchObject({ field: 'name', oldValue: 'Detroit Stamping', newValue: 'Detroit Stamping & Press', source: 'ui' });
  });

  it('keeps a refused value in the editor with the reason, and saves nothing', async () => {
    await page.getByRole('button', { name: 'Willing of US-GRV: 5' }).dblclick();
    const input = page.getByRole('textbox', { name: 'Willing of US-GRV' });
    await input.fill('9');
    await input.press('Enter');
    await expect.poll(() => page.getByText('must be a whole number from 1 to 5').count()).toBeGreaterThan(0);
    await input.press('Escape');
    expect(app.workspace.requirePlan().getSite('US-GRV').leadershipWillingness).toBe(5);
  });

  it('refuses a page without the token', async () => {
    const other = await browser.newPage();
    await other.goto(`http://127.0.0.1:${app.server.port}/`);
    await expect.poll(() => other.getByText('no valid access token').count()).toBeGreaterThan(0);
    await other.close();
  });
});
