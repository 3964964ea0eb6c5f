import type { Page } from 'playwright-core';
import { expect } from 'vitest';

/** Waits until the Undo button offers to undo `label`: the edit is saved and recorded. */
export async function waitForUndo(page: Page, label: string | RegExp): Promise<void> {
  await expect
    .poll(async () => {
      const button = page.getByRole('button', { name: 'Undo', exact: true });
      return (await button.isEnabled()) ? ((await button.getAttribute('title')) ?? '') : '';
    })
    .toMatch(typeof label === 'string' ? new RegExp(label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')) : label);
}
