import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { useAppInChromium, type RunningWebApp } from '../support/web-app';

const ui = useAppInChromium();
let app: RunningWebApp;
let page: Page;
beforeAll(() => ({ app, page } = ui));

describe('the readiness board', () => {
  it('shows unknown apart from low and lists the sites blocking the schedule', async () => {
    await page.getByTestId('nav-readiness').click();
    await expect.poll(() => page.locator('[data-readiness-site]').count()).toBe(23);
    const unknown = page.getByRole('button', { name: 'Security & compliance review of TH-RYG: not assessed' });
    expect(await unknown.getAttribute('class')).toContain('wp-rag-unknown');
    await page.getByLabel(/Blocking the schedule/).check();
    await expect.poll(() => page.locator('[data-readiness-site]').count()).toBe(1);
    await page.getByLabel(/Blocking the schedule/).uncheck();
  });

  it('records a low score without a target, and re-plan takes the site out of its wave', async () => {
    await page.getByTestId('nav-plan').click();
    await page.getByRole('button', { name: 'Re-plan', exact: true }).click();
    await expect.poll(() => page.locator('.wp-bar').count()).toBe(21);
    await page.getByTestId('nav-readiness').click();
    await page.getByRole('button', { name: 'Data quality of CZ-PLZ: 78' }).click();
    await page.getByLabel('Score (0–100)').fill('40');
    await page.getByLabel('Comment').fill('Master data audit failed');
    await page.getByRole('button', { name: 'Save assessment' }).click();
    await expect.poll(() => page.getByRole('button', { name: 'Data quality of CZ-PLZ: 40' }).getAttribute('class')).toContain('wp-rag-red');
    const history = app.read.readinessHistory('CZ-PLZ', 'data');
    expect(history.map((h) => [h.score, h.comment])).toEqual([
      [40, 'Master data audit failed'],
      [78, ''],
    ]);
    await page.getByTestId('nav-plan').click();
    await page.getByRole('button', { name: 'Re-plan', exact: true }).click();
    await expect.poll(() => page.locator('.wp-bar').count()).toBe(20);
    await page.getByRole('tab', { name: /Unscheduled/ }).click();
    // Grouped by cause; each site's own reason is on hover.
    const group = page.locator('[data-cause="readiness:data"]');
    await expect.poll(() => group.textContent()).toMatch(/^Data quality has no target date 1 site.*CZ-PLZ Plzeň Castings/);
    expect(await group.getByText('CZ-PLZ').locator('..').getAttribute('title')).toBe('Data quality is 40, below 70, and has no target date: set one to schedule this site');
  });
});
