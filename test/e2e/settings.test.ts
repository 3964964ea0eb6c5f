import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { waitForUndo } from '../support/undo';
import { useAppInChromium, type RunningWebApp } from '../support/web-app';

// A schedule to start from, so that re-planning is a change that can be undone.
const ui = useAppInChromium({ prepare: (app) => app.call('schedule:generate', { asOf: '2026-11-23' }), screen: 'settings' });
let app: RunningWebApp;
let page: Page;
beforeAll(() => ({ app, page } = ui));

const plan = () => app.workspace.requirePlan().info();

describe('the settings screen', () => {
  it('changes a scheduling rule, which the next re-plan follows, and undoes it', async () => {
    const field = page.getByRole('textbox', { name: 'Max sites per wave' });
    await field.fill('3');
    await field.press('Enter');
    await expect.poll(() => plan().settings.maxSitesPerWave).toBe(3);
    await page.getByTestId('nav-plan').click();
    await page.getByRole('button', { name: 'Re-plan', exact: true }).click();
    await expect.poll(() => page.locator('.wp-bar').count()).toBe(21);
    await expect.poll(() => Math.max(...app.read.schedule()!.schedule.waves.map((w) => w.sites.length))).toBe(3);
    await page.getByTestId('nav-settings').click();
    // Undo the re-plan, then the setting.
    await waitForUndo(page, 'Re-plan');
    await page.keyboard.press('Control+z');
    await waitForUndo(page, 'Set Max sites per wave to 3');
    await page.keyboard.press('Control+z');
    await expect.poll(() => plan().settings.maxSitesPerWave).toBe(4);
  });

  it("adds a country's public holidays and a freeze window, refusing a date that does not exist", async () => {
    const before = plan().holidays.length;
    await page.getByRole('textbox', { name: "Add a country's public holidays" }).or(page.getByRole('combobox', { name: "Add a country's public holidays" })).first().fill('Germany');
    await page.getByRole('option', { name: 'Germany (DE)' }).click();
    await page.getByRole('button', { name: 'Add', exact: true }).last().click();
    await expect.poll(() => plan().holidays.length).toBeGreaterThan(before + 10);
    expect(plan().holidays).toContain('2027-10-03'); // Day of German Unity
    await page.getByLabel('From', { exact: true }).last().fill('2027-08-01');
    await page.getByLabel('To', { exact: true }).last().fill('2027-02-30');
    await page.getByRole('button', { name: 'Add freeze window' }).click();
    await expect.poll(() => page.getByText('A freeze window needs real dates').count()).toBe(1);
    await page.getByLabel('To', { exact: true }).last().fill('2027-08-15');
    await page.getByLabel('Reason').fill('Summer audit');
    await page.getByRole('button', { name: 'Add freeze window' }).click();
    await expect.poll(() => plan().freezeWindows.map((f) => f.reason)).toContain('Summer audit');
  });

  it('adds a readiness dimension, changes its weight, removes it, and Undo brings it back; the readiness board follows', async () => {
    await page.getByRole('textbox', { name: 'New dimension' }).fill('Cyber-security drill');
    await page.getByRole('button', { name: 'Add dimension' }).click();
    await expect.poll(() => app.read.dimensions().find((d) => d.key === 'cyberSecurityDrill')).toMatchObject({ label: 'Cyber-security drill', weight: 1, threshold: 70 });
    const weight = page.getByRole('textbox', { name: 'Weight of Cyber-security drill' });
    await weight.fill('25');
    await weight.press('Enter');
    await expect.poll(() => app.read.dimensions().find((d) => d.key === 'cyberSecurityDrill')?.weight).toBe(25);
    // A refused change says why and changes nothing.
    const first = app.read.dimensions()[0]!;
    const label = page.getByRole('textbox', { name: 'Label of Cyber-security drill' });
    await label.fill(first.label);
    await label.press('Enter');
    await expect.poll(() => page.getByText(`the label "${first.label}" is already used by dimension 1`, { exact: false }).count()).toBeGreaterThan(0);
    expect(app.read.dimensions().filter((d) => d.label === first.label)).toHaveLength(1);
    await page.getByTestId('nav-readiness').click();
    await expect.poll(() => page.getByRole('columnheader', { name: /Cyber-security drill/ }).count()).toBe(1);
    await page.getByTestId('nav-settings').click();
    await page.getByRole('button', { name: 'Remove Cyber-security drill' }).click();
    await expect.poll(() => app.read.dimensions().some((d) => d.key === 'cyberSecurityDrill')).toBe(false);
    await waitForUndo(page, 'Change the readiness dimensions');
    await page.keyboard.press('Control+z');
    await expect.poll(() => app.read.dimensions().find((d) => d.key === 'cyberSecurityDrill')?.weight).toBe(25);
    await expect.poll(() => page.locator('[data-dimension="cyberSecurityDrill"]').count()).toBe(1);
  });
});
