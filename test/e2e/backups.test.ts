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

describe('Save a copy in web mode', () => {
  it('asks before replacing a file that exists, keeps it when asked not to, and keeps the replaced file beside the copy', async () => {
    const { dirname, join } = await import('node:path');
    const { readdirSync, readFileSync, writeFileSync } = await import('node:fs');
    const folder = dirname(app.workspace.requirePlan().path);
    const target = join(folder, 'precious.waveplan');
    writeFileSync(target, 'someone else’s plan');
    const saveAs = async () => {
      await page.getByRole('button', { name: 'File', exact: true }).click();
      await page.getByRole('menuitem', { name: 'Save a copy…' }).click();
      await page.getByLabel('Save a copy as (.waveplan)').fill(target);
      await page.getByRole('dialog').getByRole('button', { name: 'Save copy' }).click();
      await page.getByRole('dialog', { name: 'Replace the file?' }).waitFor();
      expect(await page.getByRole('dialog', { name: 'Replace the file?' }).textContent()).toContain('already exists. Replace it?');
    };
    await saveAs();
    await page.getByRole('dialog', { name: 'Replace the file?' }).getByRole('button', { name: 'Cancel' }).click();
    expect(readFileSync(target, 'utf8')).toBe('someone else’s plan');

    await saveAs();
    await page.getByRole('dialog', { name: 'Replace the file?' }).getByRole('button', { name: 'Replace' }).click();
    await expect.poll(() => readdirSync(folder).filter((f) => f.startsWith('precious.replaced-')).length).toBe(1);
    const kept = readdirSync(folder).find((f) => f.startsWith('precious.replaced-'))!;
    expect(readFileSync(join(folder, kept), 'utf8')).toBe('someone else’s plan');
    expect(readFileSync(target).subarray(0, 15).toString()).toBe('SQLite format 3');
  });
});
