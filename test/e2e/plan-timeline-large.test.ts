import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { serializeWavePlan } from '../../shared/interchange';
import { generatePlan, wavePlanOf } from '../support/generate-plan';
import { useAppInChromium } from '../support/web-app';

const input = generatePlan({ seed: 7, sites: 400, erps: 8 });
const ui = useAppInChromium({
  screen: 'plan',
  prepare: async (app) => {
    await app.call('interchange:import', { fileName: 'program.json', content: serializeWavePlan(wavePlanOf(input, 'A 400-site program')) });
    await app.call('schedule:generate', { asOf: input.asOf });
  },
});
let page: Page;
beforeAll(() => ({ page } = ui));

const laneTitle = (title: string) => page.locator('.wp-lane-title', { hasText: new RegExp(`^${title}$`) });

describe('the plan timeline of a 400-site program', () => {
  it('collapses each wave to one row without bar labels when zoomed out to the whole program, and stacks them again zoomed in', async () => {
    await page.waitForSelector('.wp-bar');
    await page.getByRole('button', { name: 'Fit' }).click();
    await expect.poll(() => page.getByTestId('timeline').getAttribute('class')).toContain('wp-timeline-compact');
    await expect.poll(() => page.locator('.wp-label').first().isVisible()).toBe(false);
    // One row: a wave of four sites is no taller than its one-line label.
    const lane = page.locator('.vis-label', { has: laneTitle('Wave 3') });
    expect((await lane.boundingBox())!.height).toBeLessThan(40);
    expect(await lane.locator('.wp-lane-detail').textContent()).toMatch(/ · \d+ sites?$/);
    // Zoomed in to about a year: four sites a wave stacked again, each bar with its label.
    const compact = async () => (await page.getByTestId('timeline').getAttribute('class'))!.includes('wp-timeline-compact');
    for (let step = 0; step < 8 && (await compact()); step += 1) {
      await page.getByRole('button', { name: 'Zoom in' }).click();
      await page.waitForTimeout(600);
    }
    expect(await compact()).toBe(false);
    await expect.poll(() => page.locator('.wp-label').first().isVisible()).toBe(true);
  });
});
