/** A bar dragged on the vis-timeline of the Plan screen, as the end-to-end tests and the bench do it. */
import type { Page } from 'playwright-core';

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Drags the bar in `bar` to the middle of `lane`, as a hand does: a small move over the bar first (vis-timeline takes pointer events), then across. */
export async function dragBarToLane(page: Page, bar: Box, lane: Box): Promise<void> {
  const x = bar.x + 20;
  const y = bar.y + bar.height / 2;
  await page.mouse.move(x, y);
  await page.mouse.down();
  await page.mouse.move(x + 5, y - 5, { steps: 3 });
  await page.mouse.move(x, lane.y + lane.height / 2, { steps: 12 });
  await page.mouse.up();
}
