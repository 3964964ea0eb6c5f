import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { solveWithHighs } from '../../electron/services/optimiser/highs-solver';
import { optimiseSequence } from '../../shared/optimiser/optimise';
import { useAppInChromium, type RunningWebApp } from '../support/web-app';

// The sample without its crews: there, bringing the ERPs in another order is faster (with its crews, no order is).
const ui = useAppInChromium({
  screen: 'plan',
  prepare: async (app) => {
    await app.call('crews:save', { crews: [] });
    await app.call('schedule:generate', {});
  },
});
let app: RunningWebApp;
let page: Page;
beforeAll(() => ({ app, page } = ui));

/**
 * Searches with the dialog at a limit of `seconds`, and checks the page shows every line of what the
 * same search finds in this process: the result depends on the inputs and the limit only.
 */
async function searchInDialog(seconds: number, timeout: number) {
  await page.getByRole('button', { name: 'Faster sequence…' }).click();
  await page.getByRole('dialog').getByText(`${seconds} s`, { exact: true }).click();
  await page.getByRole('button', { name: 'Search' }).click();
  const result = page.getByTestId('optimiser-result');
  await result.waitFor({ timeout });
  const expected = await optimiseSequence(await app.call('schedule:input', {}), { timeLimitSeconds: seconds }, solveWithHighs);
  for (const line of expected.explanation) expect(await result.textContent()).toContain(line);
  return { result, expected };
}

describe('find a faster sequence', () => {
  it('can be cancelled while it searches, saving nothing', async () => {
    await page.getByRole('button', { name: 'Faster sequence…' }).click();
    await page.getByRole('dialog').getByText('30 s', { exact: true }).click();
    await page.getByRole('button', { name: 'Search' }).click();
    await page.getByTestId('optimiser-progress').waitFor();
    await page.getByRole('button', { name: 'Cancel' }).click();
    await expect.poll(() => page.getByRole('button', { name: 'Search' }).isVisible()).toBe(true);
    expect(await app.call('scenarios:list', {})).toEqual([]);
    await page.keyboard.press('Escape');
  });

  it('searches in a worker with its progress, explains what it found, and saves it as a scenario the Scenarios screen compares', async () => {
    const { expected } = await searchInDialog(5, 30_000);
    expect(expected.erpOrder).not.toBeNull();
    const [scenario] = await app.call('scenarios:list', {});
    expect(scenario!.changes.erpOrder).toEqual(expected.erpOrder);
    expect(scenario!.note).toBe(expected.explanation.join('\n'));
    // The plan itself is unchanged.
    expect(app.read.info().erpOrder).toEqual([]);

    await page.getByRole('button', { name: 'Compare it in Scenarios' }).click();
    await expect.poll(() => page.locator(`[data-scenario="${scenario!.name}"]`).textContent()).toContain('ERPs brought in in this order');
    await expect.poll(async () => (await page.locator('[data-metric="Mean go-live"] td').allTextContents())[1] ?? '').toMatch(/earlier$/);
  });

  it('solves a plan small enough for the limit exactly, with HiGHS in the worker under the app\'s content security policy, and says the result is proven', async () => {
    await page.getByTestId('nav-plan').click();
    // 30 s: HiGHS needs a few seconds here, and its safety net stays far away on a machine busy with other tests.
    const { result, expected } = await searchInDialog(30, 60_000);
    expect(expected.proven).toBe(true);
    expect(await result.textContent()).toContain('Solved exactly (HiGHS)');
    await page.keyboard.press('Escape');
  });
});
