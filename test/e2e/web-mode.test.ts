import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { waitForUndo } from '../support/undo';
import { useAppInChromium, type RunningWebApp } from '../support/web-app';

const ui = useAppInChromium();
let app: RunningWebApp;
let browser: BrowserContext;
let page: Page;
beforeAll(() => ({ app, browser, page } = ui));

describe('web mode in Chromium', () => {
  it('shows the sample plan and its 24 sites', async () => {
    await page.goto(app.server.url);
    // The first load parses the whole UI bundle: on a busy machine that alone can outlast a poll's second.
    await page.locator('[data-site]').first().waitFor();
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
    // A reload starts the app again: on a machine busy with other suites that can take over the poll's default second.
    await expect.poll(() => page.locator('[data-site="US-DET"]').textContent(), { timeout: 5_000 }).toContain('Detroit Stamping & Press');
    const audit = app.read.audit({ entity: 'site', entityId: 'US-DET', limit: 5 });
    expect(audit[0]).toMatchObject({ field: 'name', oldValue: 'Detroit Stamping', newValue: 'Detroit Stamping & Press', source: 'ui' });
    // The site's panel shows who changed what.
    await page.getByRole('button', { name: 'Open US-DET' }).click();
    await page.getByRole('tab', { name: /History/ }).click();
    await expect.poll(() => page.getByTestId('site-history').textContent()).toMatch(/name\s*Detroit Stamping\s*Detroit Stamping & Press/);
    await page.keyboard.press('Escape');
  });

  it('undoes and redoes an edit from the keyboard', async () => {
    await page.getByRole('button', { name: 'Region of CZ-PLZ: EMEA' }).dblclick();
    const input = page.getByRole('textbox', { name: 'Region of CZ-PLZ' });
    await input.fill('Central Europe');
    await input.press('Enter');
    await waitForUndo(page, 'Edit region of CZ-PLZ');
    await page.keyboard.press('Control+z');
    await expect.poll(() => app.read.site('CZ-PLZ').region).toBe('EMEA');
    await expect.poll(() => page.locator('[data-site="CZ-PLZ"]').textContent()).toContain('EMEA');
    await page.keyboard.press('Control+Shift+z');
    await expect.poll(() => app.read.site('CZ-PLZ').region).toBe('Central Europe');
    // Both the edit and its undo are in the audit log: nothing is ever silently rewritten.
    expect(app.read.audit({ entity: 'site', entityId: 'CZ-PLZ', limit: 10 }).map((a) => a.newValue)).toEqual(['Central Europe', 'EMEA', 'Central Europe']);
  });

  it('keeps a refused value in the editor with the reason, and saves nothing', async () => {
    await page.getByRole('button', { name: 'Willing of US-GRV: 5' }).dblclick();
    const input = page.getByRole('textbox', { name: 'Willing of US-GRV' });
    await input.fill('9');
    await input.press('Enter');
    await expect.poll(() => page.getByText('must be a whole number from 1 to 5').count()).toBeGreaterThan(0);
    await input.press('Escape');
    expect(app.read.site('US-GRV').leadershipWillingness).toBe(5);
  });

  it('refuses an impossible Gantt day, and a "to" before the "from", before exporting', async () => {
    await page.getByRole('button', { name: 'Report PDF' }).click();
    const from = page.getByRole('textbox', { name: 'Gantt from' });
    const to = page.getByRole('textbox', { name: 'Gantt to' });
    const exportButton = page.getByRole('button', { name: 'Export PDF' });
    await from.fill('2027-02-30');
    await expect.poll(() => page.getByText('Must be a real calendar date written YYYY-MM-DD').count()).toBe(1);
    expect(await exportButton.isDisabled()).toBe(true);
    await from.fill('2027-03-01');
    await to.fill('2027-02-01');
    await expect.poll(() => page.getByText('Must not be before the "from" day (2027-03-01)').count()).toBe(1);
    expect(await exportButton.isDisabled()).toBe(true);
    await to.fill('2027-09-01');
    await expect.poll(() => exportButton.isEnabled()).toBe(true);
    // Or picked from a calendar, which opens on the day typed.
    await page.getByRole('button', { name: 'Pick Gantt to from a calendar' }).click();
    const calendar = page.locator('.mantine-Popover-dropdown');
    await calendar.locator('.mantine-DatePicker-day:not([data-outside])', { hasText: /^15$/ }).click();
    await expect.poll(() => to.inputValue()).toBe('2027-09-15');
    await from.fill('');
    await to.fill('');
    await page.getByRole('button', { name: 'Close', exact: true }).click();
  });

  it('exports the steering-committee PDF as a download, on the paper chosen', async () => {
    await app.call('schedule:generate', { asOf: '2026-11-23' });
    await page.getByRole('button', { name: 'Report PDF' }).click();
    await page.getByText('Letter', { exact: true }).click();
    const download = page.waitForEvent('download', { timeout: 30_000 });
    await page.getByRole('button', { name: 'Export PDF' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toBe('Northwind VisionQC rollout report 2026-11-23.pdf');
    const path = join(mkdtempSync(join(tmpdir(), 'wave-planner-download-')), 'report.pdf');
    await file.saveAs(path);
    expect(readFileSync(path).subarray(0, 5).toString()).toBe('%PDF-');
    expect(execFileSync('pdfinfo', [path], { encoding: 'utf8' })).toMatch(/Page size:\s+612 x 792/);
    await expect.poll(() => page.getByText(/Report ready/).count()).toBe(1);
    await page.getByRole('button', { name: 'Close', exact: true }).click();
  });

  it('refuses a page without the token', async () => {
    const other = await browser.newPage();
    await other.goto(`http://127.0.0.1:${app.server.port}/`);
    await expect.poll(() => other.getByText('no valid access token').count()).toBeGreaterThan(0);
    await other.close();
  });
});
