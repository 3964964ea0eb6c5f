import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { waitForUndo } from '../support/undo';
import { useAppInChromium, type RunningWebApp } from '../support/web-app';

const ui = useAppInChromium({ screen: 'backups' });
let app: RunningWebApp;
let page: Page;
beforeAll(() => ({ app, page } = ui));

describe('the Backups screen', () => {
  it('lists the backup taken on open, restores it after backing up the current state, and Undo takes the restore back', async () => {
    await expect.poll(() => page.locator('[data-backup]').count()).toBe(1);
    expect(await page.getByTestId('backups').textContent()).toContain('open');
    await app.call('sites:update', { code: 'US-DET', patch: { name: 'Detroit Press Shop' } });

    await page.getByRole('button', { name: 'Restore…' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Restore' }).click();
    await expect.poll(() => app.read.site('US-DET').name).toBe('Detroit Stamping');
    await expect.poll(() => page.getByTestId('backups').textContent()).toContain('before restore');

    await waitForUndo(page, /^Undo Restore the backup of /);
    await page.keyboard.press('Control+z');
    await expect.poll(() => app.read.site('US-DET').name).toBe('Detroit Press Shop');
    await page.getByTestId('nav-portfolio').click();
    await expect.poll(() => page.locator('[data-site="US-DET"]').textContent()).toContain('Detroit Press Shop');
  });
});
