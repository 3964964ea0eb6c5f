import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { useAppInChromium, type RunningWebApp } from '../support/web-app';

const ui = useAppInChromium({ screen: 'portfolio' });
let app: RunningWebApp;
let page: Page;
beforeAll(() => ({ app, page } = ui));

async function palette(query: string) {
  await page.locator('body').click({ position: { x: 5, y: 300 } });
  await page.keyboard.press('Control+k');
  const input = page.getByRole('combobox', { name: 'Command' });
  await input.fill(query);
  await input.press('Enter');
  await expect.poll(() => input.count()).toBe(0);
}

describe('the command palette and screen shortcuts', () => {
  it('opens a site found by its name', async () => {
    await page.locator('[data-site="US-COL"]').waitFor();
    await palette('Columbus');
    await expect.poll(() => page.getByRole('dialog', { name: 'US-COL Columbus Castings' }).count()).toBe(1);
    await page.keyboard.press('Escape');
  });

  it('ranks a site whose code starts with what was typed above the commands', async () => {
    // "go" matches "Go to …" as well as cmdk scores a code, and the commands come first on a tie.
    await app.call('sites:create', { site: { code: 'GO-LIS', name: 'Lisbon Optics', erp: 'SAP-S4', leadershipWillingness: 3, workflowRepresentativeness: 3, technicalSophistication: 3 } });
    await page.locator('[data-site="GO-LIS"]').waitFor();
    await page.locator('body').click({ position: { x: 5, y: 300 } });
    await page.keyboard.press('Control+k');
    await page.getByRole('combobox', { name: 'Command' }).fill('go');
    await expect.poll(() => page.getByRole('option').first().textContent()).toContain('GO-LIS');
    expect(await page.getByRole('option', { selected: true }).textContent()).toContain('GO-LIS');
    await page.keyboard.press('Escape');
  });

  it('goes to a screen by command and by Alt+number', async () => {
    await palette('go to settings');
    await expect.poll(() => page.getByTestId('nav-settings').getAttribute('data-active')).toBe('true');
    await page.keyboard.press('Alt+3');
    await expect.poll(() => page.getByTestId('nav-plan').getAttribute('data-active')).toBe('true');
    // Also from inside a text field.
    await page.getByTestId('nav-portfolio').click();
    await page.getByRole('textbox', { name: 'Filter sites' }).click();
    await page.keyboard.press('Alt+2');
    await expect.poll(() => page.getByTestId('nav-readiness').getAttribute('data-active')).toBe('true');
  });

  it('reaches the left navigation with Tab, each screen a button that Enter opens and that says which is current', async () => {
    await page.getByTestId('nav-portfolio').click();
    await page.getByRole('button', { name: 'Report PDF' }).focus();
    await page.keyboard.press('Tab');
    await expect.poll(() => page.evaluate(`document.activeElement.dataset.testid`)).toBe('nav-portfolio');
    for (let i = 0; i < 3; i += 1) await page.keyboard.press('Tab');
    await expect.poll(() => page.evaluate(`document.activeElement.dataset.testid`)).toBe('nav-scenarios');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('nav-scenarios').getAttribute('aria-current')).toBe('page');
    expect(await page.getByTestId('nav-portfolio').getAttribute('aria-current')).toBeNull();
    await page.getByTestId('nav-portfolio').click();
  });

  it('starts adding a site from anywhere', async () => {
    await palette('add a site');
    await expect.poll(() => page.getByRole('dialog', { name: 'Add a site' }).count()).toBe(1);
    expect(await page.getByTestId('nav-portfolio').getAttribute('data-active')).toBe('true');
    await page.keyboard.press('Escape');
  });

  it('finds a faster sequence from anywhere: the Plan screen with its dialog open', async () => {
    await palette('faster sequence');
    await expect.poll(() => page.getByRole('dialog', { name: 'Find a faster sequence' }).count()).toBe(1);
    expect(await page.getByTestId('nav-plan').getAttribute('data-active')).toBe('true');
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByRole('dialog', { name: 'Find a faster sequence' }).count()).toBe(0);
  });
});
