import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { useAppInChromium, type RunningWebApp } from '../support/web-app';

const ui = useAppInChromium({ prepare: (app) => app.call('schedule:generate', { asOf: '2026-11-23' }), screen: 'portfolio' });
let app: RunningWebApp;
let page: Page;
beforeAll(() => ({ app, page } = ui));

async function downloaded(action: () => Promise<void>): Promise<{ name: string; content: string }> {
  const download = page.waitForEvent('download');
  await action();
  const file = await download;
  return { name: file.suggestedFilename(), content: readFileSync((await file.path())!, 'utf8') };
}

async function fileCommand(name: string) {
  await page.getByRole('button', { name: 'File', exact: true }).click();
  await page.getByRole('menuitem', { name }).click();
}

describe('a readiness packet round trip', () => {
  let returned: { name: string; content: string };

  it('exports a packet from the site panel, which the site lead fills in and saves in the site-lead view', async () => {
    await page.getByRole('button', { name: 'Open US-DET' }).click();
    const packet = await downloaded(() => page.getByRole('button', { name: 'Readiness packet for the site lead' }).click());
    expect(packet.name).toBe('US-DET readiness.wavepacket');
    await page.keyboard.press('Escape');

    await fileCommand('Open a readiness packet (site lead)…');
    await page.getByLabel('Readiness packet to open').setInputFiles({ name: packet.name, mimeType: 'application/json', buffer: Buffer.from(packet.content) });
    await expect.poll(() => page.getByTestId('site-lead-view').textContent()).toContain('US-DET Detroit Stamping');
    await page.getByRole('textbox', { name: 'Score of Data quality' }).fill('85');
    await page.getByRole('textbox', { name: 'Comment on Data quality' }).fill('Cleansing finished');
    const firstItem = await page.getByRole('combobox', { name: /^Status of / }).first().getAttribute('aria-label');
    await page.getByRole('combobox', { name: firstItem! }).selectOption('done');
    returned = await downloaded(() => page.getByRole('button', { name: 'Save packet' }).click());
    await page.getByRole('button', { name: 'Close', exact: true }).click();
    await expect.poll(() => page.getByTestId('plan-name').count()).toBe(1);
  });

  it('merges the returned packet, asking about a value the plan changed meanwhile', async () => {
    await app.call('readiness:set', { site: 'US-DET', dimension: 'data', score: 66, targetDate: null, comment: 'PM call' });
    await fileCommand('Import a returned readiness packet…');
    await page.getByLabel('Packet file').setInputFiles({ name: returned.name, mimeType: 'application/json', buffer: Buffer.from(returned.content) });
    await expect.poll(() => page.getByTestId('packet-changes').textContent()).toContain('conflict');
    expect(await page.locator('[data-change="readiness:data"]').textContent()).toMatch(/Data quality.*66.*85/);
    expect(await page.getByRole('button', { name: 'Decide 1 conflict' }).isDisabled()).toBe(true);
    await page.locator('[data-change="readiness:data"]').getByText('Packet', { exact: true }).click();
    await page.getByRole('button', { name: 'Merge' }).click();
    await expect.poll(() => app.read.site('US-DET').readiness.data?.score).toBe(85);
    expect(app.read.readinessHistory('US-DET', 'data')[0]).toMatchObject({ source: 'packet', comment: 'Cleansing finished' });
    expect(app.read.checklist('US-DET').filter((i) => i.status === 'done')).toHaveLength(1);
  });

  it('refuses a packet someone edited by hand', async () => {
    const tampered = returned.content.replace('"score": 85', '"score": 100');
    await fileCommand('Import a returned readiness packet…');
    await page.getByLabel('Packet file').setInputFiles({ name: 'edited.wavepacket', mimeType: 'application/json', buffer: Buffer.from(tampered) });
    await expect.poll(() => page.getByText(/was changed outside Wave Planner/).count()).toBe(1);
  });
});
