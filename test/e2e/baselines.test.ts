import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { useAppInChromium, type RunningWebApp } from '../support/web-app';

const ui = useAppInChromium({ prepare: (app) => app.call('schedule:generate', { asOf: '2026-11-23' }), screen: 'plan' });
let app: RunningWebApp;
let page: Page;
beforeAll(() => ({ app, page } = ui));
const bar = (site: string) => page.locator('.vis-item', { has: page.locator('.wp-label', { hasText: new RegExp(`^${site}\\b`) }) });

describe('baselines in the app', () => {
  it('saves a baseline, then shows a site moved a wave later as slipped, by how many days', async () => {
    await page.getByRole('tab', { name: 'Baselines' }).click();
    await page.getByRole('textbox', { name: 'Save the schedule as a baseline' }).fill('Steering committee March');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect.poll(() => page.getByTestId('baselines').textContent()).toContain('0 later');
    expect((await app.call('baselines:list', {})).map((b) => b.name)).toEqual(['Steering committee March']);

    await bar('US-COL').click({ button: 'right' });
    await page.getByRole('menuitem', { name: /^Move to wave \d+$/ }).last().click();
    await expect.poll(() => page.locator('[data-slip="US-COL"]').textContent(), { timeout: 10_000 }).toMatch(/US-COL\d{4}-\d{2}-\d{2}\d{4}-\d{2}-\d{2}\d+/);
    const cells = await page.locator('[data-slip="US-COL"] td').allTextContents();
    expect(Number(cells[3])).toBeGreaterThan(0);
    await expect.poll(() => page.getByTestId('baselines').textContent()).toContain('1 later');
  });
});
