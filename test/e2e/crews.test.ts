// Crews from the program manager's side: edited in Settings, followed by the next re-plan, their load
// drawn on the Plan screen against their size, and an overload from a move marked in words.
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { waitForUndo } from '../support/undo';
import { useAppInChromium, type RunningWebApp } from '../support/web-app';

const ui = useAppInChromium({ prepare: (app) => app.call('schedule:generate', { asOf: '2026-11-23' }), screen: 'settings' });
let app: RunningWebApp;
let page: Page;
beforeAll(() => ({ app, page } = ui));

const crews = () => app.workspace.requirePlan().info().crews;
const chart = (crew: string) => page.locator(`[data-testid="crew-chart"][data-crew="${crew}"]`);

describe('crews', () => {
  it('adds a crew and changes a size in Settings, each one undoable step, and refuses a crew of size 0', async () => {
    await page.getByLabel('New crew').fill('Hypercare desk');
    await page.getByRole('textbox', { name: 'Size', exact: true }).fill('3');
    await page.getByLabel('Needed').last().selectOption('hypercare');
    await page.getByRole('button', { name: 'Add crew' }).click();
    await expect.poll(() => crews().map((c) => `${c.name} ${c.size} ${c.phase}`)).toEqual(['Deployment squads 4 rollout', 'Trainers 2 cutover', 'Hypercare desk 3 hypercare']);

    const trainers = page.getByRole('textbox', { name: 'Size of crew Trainers' });
    await trainers.fill('0');
    await trainers.press('Enter');
    await expect.poll(() => page.getByText('Crew 2: size must be a whole number from 1 to 1000 (got 0)').count()).toBeGreaterThan(0);
    expect(crews()[1]!.size).toBe(2);
    await page.getByRole('textbox', { name: 'Size of crew Trainers' }).fill('3');
    await page.getByRole('textbox', { name: 'Size of crew Trainers' }).press('Enter');
    await expect.poll(() => crews()[1]!.size).toBe(3);

    await waitForUndo(page, 'Change the crews');
    await page.keyboard.press('Control+z');
    await expect.poll(() => crews()[1]!.size).toBe(2);
    await expect.poll(() => page.getByRole('textbox', { name: 'Size of crew Trainers' }).inputValue()).toBe('2');
    await page.keyboard.press('Control+z');
    await expect.poll(() => crews().length).toBe(2);
  });

  it('draws each crew against its size on the Plan screen, and marks the days a move overloads it', async () => {
    await page.getByTestId('nav-plan').click();
    await page.getByRole('tab', { name: 'Crews' }).click();
    await expect.poll(() => chart('Deployment squads').getAttribute('data-overloads')).toBe('0');
    await expect.poll(() => chart('Trainers').getByText('Within size').count()).toBe(1);
    expect(await chart('Trainers').getByRole('img').getAttribute('aria-label')).toBe('Trainers: Busiest week: 2 of 2');

    // A fifth site into wave 1, as a drag would: the four squads are then over their size.
    await app.call('schedule:move', { site: 'FR-LYO', wave: 1, goLive: '2027-04-27' });
    await expect.poll(() => chart('Deployment squads').getAttribute('data-overloads')).not.toBe('0');
    await expect.poll(() => chart('Deployment squads').getByText('⚠ Overloaded').count()).toBe(1);
    expect(await chart('Deployment squads').getByText(/^\d{4}-\d{2}-\d{2} – \d{4}-\d{2}-\d{2}: 5 sites for a crew of 4$/).count()).toBeGreaterThan(0);
    await page.getByRole('tab', { name: /^Violations/ }).click();
    await expect.poll(() => page.getByTestId('violations').getByText(/crew "Deployment squads" \(4 at a time\) would serve 5 sites/).count()).toBeGreaterThan(0);
  });
});
