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
    // Fit animates, and the lanes collapse when it settles: on a machine busy with other suites that
    // took longer than the poll's default second once (as the other timeline tests allow, 5 s).
    await expect.poll(() => page.getByTestId('timeline').getAttribute('class'), { timeout: 5_000 }).toContain('wp-timeline-compact');
    await expect.poll(() => page.locator('.wp-label').first().isVisible(), { timeout: 5_000 }).toBe(false);
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
    await expect.poll(() => page.locator('.wp-label').first().isVisible(), { timeout: 5_000 }).toBe(true);
  });

  it('keeps the time axis at the top while the lanes scroll under it, and a bar chosen by keyboard lands below it', async () => {
    const scroller = page.getByTestId('timeline-scroller');
    const axis = page.locator('.vis-timeline > .vis-panel.vis-top');
    const top = async (locator: typeof axis) => (await locator.boundingBox())!.y;
    const axisHit = () =>
      axis.evaluate((element) => {
        const box = element.getBoundingClientRect();
        return document.elementFromPoint(box.left + box.width / 2, box.top + 4)?.closest('.vis-panel.vis-top') === element;
      });
    await scroller.evaluate((element) => (element.scrollTop = 800));
    await expect.poll(async () => Math.abs((await top(axis)) - (await top(scroller)))).toBeLessThan(1);
    // What is seen there is the axis, not a bar scrolled up under it.
    expect(await axisHit()).toBe(true);
    // Its month labels can be read: the one in the middle of the chart is on top there.
    const monthOnTop = await axis.evaluate((element) => {
      const box = element.getBoundingClientRect();
      const label = Array.from(element.querySelectorAll('.vis-text.vis-minor')).find((m) => {
        const r = m.getBoundingClientRect();
        return r.width > 0 && r.left > box.left + box.width / 3 && r.right < box.right;
      });
      const r = label?.getBoundingClientRect();
      return !!r && document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2) === label;
    });
    expect(monthOnTop).toBe(true);

    // Scrolled to the bottom, Home chooses the lighthouse, in the top lane: it comes back into view, clear of the axis.
    await scroller.evaluate((element) => (element.scrollTop = element.scrollHeight));
    await expect.poll(async () => Math.abs((await top(axis)) - (await top(scroller)))).toBeLessThan(1);
    await page.getByTestId('timeline').focus();
    await page.keyboard.press('Home');
    const chosen = page.locator('.vis-item.vis-selected');
    await expect.poll(async () => (await chosen.boundingBox())?.y ?? -1, { timeout: 5_000 }).toBeGreaterThan(0);
    expect(await scroller.evaluate((element) => element.scrollHeight > element.clientHeight + 200)).toBe(true);
    const lighthouseLane = (await page.locator('.vis-label', { has: laneTitle('Lighthouse') }).boundingBox())!;
    const bar = (await chosen.boundingBox())!;
    expect(bar.y).toBeGreaterThanOrEqual(lighthouseLane.y - 1);
    expect(bar.y + bar.height).toBeLessThanOrEqual(lighthouseLane.y + lighthouseLane.height + 1);
    const axisBox = (await axis.boundingBox())!;
    const scrollerBox = (await scroller.boundingBox())!;
    expect(bar.y).toBeGreaterThanOrEqual(axisBox.y + axisBox.height - 1);
    expect(bar.y + bar.height).toBeLessThanOrEqual(scrollerBox.y + scrollerBox.height + 1);
    expect(await axisHit()).toBe(true);
  });

  it("draws predecessor links from a predecessor's go-live to its site's when switched on, and remembers the choice", async () => {
    const links = page.locator('svg.wp-links path[data-link]');
    await page.getByRole('button', { name: 'Fit' }).click();
    expect(await links.count()).toBe(0);
    await page.getByLabel('Predecessor links').check();
    await expect.poll(() => links.count(), { timeout: 5_000 }).toBeGreaterThan(3);
    // Every link joins two sites of which the second waits for the first, diamond to diamond.
    const joins = await page.evaluate(() =>
      Array.from(document.querySelectorAll<SVGPathElement>('svg.wp-links path[data-link]')).slice(0, 5).map((path) => {
        const [from, to] = path.dataset.link!.split(' → ');
        const diamond = (site: string) => document.querySelector(`.wp-bar[data-site="${site}"] > .wp-golive`)!.getBoundingClientRect();
        const [x, y, downTo, across] = path.getAttribute('d')!.match(/-?[\d.]+/g)!.map(Number) as [number, number, number, number];
        const svg = path.ownerSVGElement!.getBoundingClientRect();
        const a = diamond(from!);
        const b = diamond(to!);
        const centre = (box: DOMRect) => ({ x: box.left + box.width / 2, y: box.top + box.height / 2 });
        return {
          from,
          to,
          startX: Math.abs(svg.left + x - centre(a).x),
          startsAtA: y >= a.top - svg.top - 1 && y <= a.bottom - svg.top + 1,
          endY: Math.abs(svg.top + downTo - centre(b).y),
          reachesB: Math.abs(svg.left + across - centre(b).x),
        };
      }),
    );
    const sites = ui.app.read.sites();
    for (const join of joins) {
      expect(sites.find((site) => site.code === join.to)!.predecessors).toContain(join.from);
      expect(join.startX).toBeLessThan(1);
      expect(join.startsAtA).toBe(true);
      expect(join.endY).toBeLessThan(1);
      expect(join.reachesB).toBeLessThan(9);
    }
    await page.reload();
    await page.getByTestId('nav-plan').click();
    await expect.poll(() => page.getByLabel('Predecessor links').isChecked(), { timeout: 5_000 }).toBe(true);
    // The reloaded chart draws its 400 bars first: Fit before that would fit an empty chart.
    await page.waitForSelector('.wp-bar');
    await page.getByRole('button', { name: 'Fit' }).click();
    await expect.poll(() => links.count(), { timeout: 5_000 }).toBeGreaterThan(3);
    await page.getByLabel('Predecessor links').uncheck();
    await expect.poll(() => links.count(), { timeout: 5_000 }).toBe(0);
  });
});

