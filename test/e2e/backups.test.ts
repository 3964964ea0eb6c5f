import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { useAppInChromium, type RunningWebApp } from '../support/web-app';

const ui = useAppInChromium({ screen: 'backups' });
let app: RunningWebApp;
let page: Page;
beforeAll(() => ({ app, page } = ui));
const plan = () => app.workspace.requirePlan();

describe('the Backups screen', () => {
  it('lists the backup taken on open, restores it after backing up the current state, and the restore can be undone', async () => {
    await expect.poll(() => page.locator('[data-backup]').count()).toBe(1);
    expect(await page.getByTestId('backups').textContent()).toContain('open');
    plan().updateSite('US-DET', { name: 'Detroit Press Shop' }, 'ui');

    await page.getByRole('button', { name: 'Restore…' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Restore' }).click();
    await expect.poll(() => plan().getSite('US-DET').name).toBe('Detroit Stamping');
    await expect.poll(() => page.getByTestId('backups').textContent()).toContain('before restore');

    await page.locator('[data-backup]', { hasText: 'before restore' }).getByRole('button', { name: 'Restore…' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Restore' }).click();
    await expect.poll(() => plan().getSite('US-DET').name).toBe('Detroit Press Shop');
    await page.getByTestId('nav-portfolio').click();
    await expect.poll(() => page.locator('[data-site="US-DET"]').textContent()).toContain('Detroit Press Shop');
  });
});
