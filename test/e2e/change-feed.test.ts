// The change feed in real Chromium: two pages on one web server see each other's edits without a
// reload; a command-line import (another process, on the same plan file) appears within two
// seconds; a readiness change marks the schedule out of date, and Re-plan names what moved.
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BrowserContext, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { useAppInChromium, type RunningWebApp } from '../support/web-app';

const ui = useAppInChromium({ prepare: (app) => app.call('schedule:generate', { asOf: '2026-11-23' }) });
let app: RunningWebApp;
let browser: BrowserContext;
let page: Page;
let second: Page;
beforeAll(async () => {
  ({ app, browser, page } = ui);
  second = await browser.newPage();
  await second.goto(app.server.url);
  await second.locator('[data-site="US-DET"]').waitFor();
});

const BIN = fileURLToPath(new URL('../../electron/cli/bin.mjs', import.meta.url));

/** Runs the command line as its own process and resolves with its exit code. */
function cli(args: string[]): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, WAVE_PLANNER_HOME: mkdtempSync(join(tmpdir(), 'wave-planner-cli-home-')) } });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('close', (code) => resolve({ code, stderr }));
  });
}

describe('the change feed', () => {
  it('shows an edit made in one page in the other, without a reload', async () => {
    await page.getByRole('button', { name: 'Region of CZ-PLZ: EMEA' }).dblclick();
    const input = page.getByRole('textbox', { name: 'Region of CZ-PLZ' });
    await input.fill('Central Europe');
    await input.press('Enter');
    await expect.poll(() => second.locator('[data-site="CZ-PLZ"]').textContent(), { timeout: 2000 }).toContain('Central Europe');
    // And the other page's Undo button offers to take it back: one history per open plan.
    await expect.poll(() => second.getByRole('button', { name: 'Undo', exact: true }).getAttribute('title')).toContain('Edit region of CZ-PLZ');
    await second.getByRole('button', { name: 'Undo', exact: true }).click();
    await expect.poll(() => page.locator('[data-site="CZ-PLZ"]').textContent(), { timeout: 2000 }).toContain('EMEA');
  });

  it('shows a command-line import made while the app is open, within two seconds', async () => {
    const csv = join(mkdtempSync(join(tmpdir(), 'wave-planner-feed-')), 'new-sites.csv');
    writeFileSync(csv, 'code,name,erp,leadershipWillingness,workflowRepresentativeness,technicalSophistication,region\nNL-EHV,Eindhoven Optics,SAP-S4,4,3,3,EMEA\n');
    const result = await cli(['import', csv, '--plan', app.workspace.requirePlan().path]);
    expect(result, result.stderr).toMatchObject({ code: 0 });
    const seen = Date.now();
    await expect.poll(() => page.locator('[data-site="NL-EHV"]').count(), { timeout: 2000, interval: 50 }).toBe(1);
    expect(Date.now() - seen).toBeLessThan(2000);
    await expect.poll(() => second.locator('[data-site="NL-EHV"]').count(), { timeout: 2000 }).toBe(1);
  });

  it('marks the schedule out of date after a readiness change, and Re-plan shows the sites that moved', async () => {
    await page.getByTestId('nav-plan').click();
    // The import above added a site: the schedule is out of date until someone re-plans.
    await expect.poll(() => page.getByTestId('stale-schedule').textContent()).toMatch(/sites? changed since/);
    await app.call('schedule:generate', { asOf: '2026-11-23' });
    await expect.poll(() => page.getByTestId('stale-schedule').count(), { timeout: 2000 }).toBe(0);
    // Another window records a lagging assessment of a wave-1 site.
    await app.call('readiness:set', { site: 'CZ-PLZ', dimension: 'data', score: 30, targetDate: '2027-10-01', comment: 'migration slipped' });
    await expect.poll(() => page.getByTestId('stale-schedule').textContent(), { timeout: 2000 }).toMatch(/1 readiness assessment changed since/);
    await page.getByTestId('stale-schedule').getByRole('button', { name: 'Re-plan with these changes' }).click();
    await expect.poll(() => page.getByTestId('replan-summary').textContent()).toMatch(/later \(.*CZ-PLZ \+\d+ days/);
    expect(await page.getByTestId('stale-schedule').count()).toBe(0);
  });
});
