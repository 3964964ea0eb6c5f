import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { SETTING_KEYS, SETTING_SPECS } from '../../shared/settings';
import { waitForUndo } from '../support/undo';
import { useAppInChromium, type RunningWebApp } from '../support/web-app';

const ui = useAppInChromium({ screen: 'scenarios' });
let app: RunningWebApp;
let page: Page;
beforeAll(() => ({ app, page } = ui));

const card = (name: string) => page.locator(`[data-scenario="${name}"]`);
const metric = (label: string) => page.locator(`[data-metric="${label}"] td`);

describe('the scenarios screen', () => {
  it('makes a scenario in its editor and compares it with the plan: figures, sites live by quarter, go-lives that differ', async () => {
    await expect.poll(() => page.getByTestId('scenario-list').textContent()).toContain('No scenarios yet');
    const squads = app.read.info().crews.find((c) => c.name === 'Deployment squads')!;
    await page.getByRole('button', { name: 'New scenario' }).click();
    await page.getByLabel('Name').fill('Two more squads');
    await page.getByRole('textbox', { name: 'Deployment squads' }).fill(String(squads.size + 2));
    await page.getByRole('button', { name: 'Save scenario' }).click();

    await expect.poll(() => card('Two more squads').textContent()).toContain(`Deployment squads: ${squads.size} → ${squads.size + 2} at a time`);
    await page.getByTestId('scenario-metrics').waitFor();
    // What the screen shows is what the backend computes for the plan and the scenario.
    const compared = await app.call('scenarios:compare', { names: ['Two more squads'] });
    const [plan, scenario] = compared.columns.map((c) => c.metrics);
    expect(await metric('Last go-live').allTextContents()).toEqual([plan!.lastGoLive, expect.stringContaining(scenario!.lastGoLive!)]);
    expect(await metric('Unscheduled sites').allTextContents()).toEqual([String(plan!.unscheduled), expect.stringContaining(String(scenario!.unscheduled))]);
    // More squads bring go-lives forward on the sample: said in words, not only in colour.
    expect(scenario!.meanDaysFromAsOf!).toBeLessThan(plan!.meanDaysFromAsOf!);
    expect((await metric('Mean go-live').allTextContents())[1]).toMatch(/−[\d.]+ d earlier$/);
    expect(await page.locator('[data-testid="live-by-quarter"] polyline').count()).toBe(2);
    expect(await page.locator('[data-testid="scenario-sites"] tbody tr').count()).toBe(Math.min(400, compared.sites.length));
    const first = compared.sites[0]!;
    expect(await page.locator(`[data-testid="scenario-sites"] tr[data-site="${first.site}"]`).textContent()).toContain(first.goLives[1]!);
  });

  it('renames a scenario in its editor as one step', async () => {
    await card('Two more squads').getByRole('button', { name: 'Edit…' }).click();
    await page.getByLabel('Name').fill('Six squads');
    await page.getByRole('button', { name: 'Save scenario' }).click();
    await expect.poll(() => card('Six squads').count()).toBe(1);
    expect(await card('Two more squads').count()).toBe(0);
    expect((await app.call('scenarios:list', {})).map((s) => s.name)).toEqual(['Six squads']);
    expect(app.workspace.requirePlan().history().undo[0]!.label).toBe('Save scenario Six squads');
  });

  it('adopts a scenario into the plan after saying what it changes, and Ctrl+Z takes it back', async () => {
    const before = app.read.info().crews;
    const expected = (await app.call('scenarios:compare', { names: ['Six squads'] })).columns[1]!.metrics.lastGoLive;
    await card('Six squads').getByRole('button', { name: 'Adopt…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Adopt scenario Six squads?' });
    await expect.poll(() => dialog.textContent()).toContain('Deployment squads');
    await dialog.getByRole('button', { name: 'Adopt and re-plan' }).click();
    await expect.poll(() => page.locator('.wp-notice').last().textContent()).toContain('Adopted scenario Six squads and re-planned');
    expect(app.read.info().crews.find((c) => c.name === 'Deployment squads')!.size).toBe(before.find((c) => c.name === 'Deployment squads')!.size + 2);
    expect(app.read.schedule()!.schedule.waves.flatMap((w) => w.sites.map((s) => s.goLive)).sort().at(-1)).toBe(expected);
    // The plan now is the scenario: compared with itself, nothing differs.
    await expect.poll(() => page.getByTestId('scenario-sites').count()).toBe(0);

    await waitForUndo(page, 'Adopt scenario Six squads');
    await page.keyboard.press('Control+z');
    await expect.poll(() => app.read.info().crews).toEqual(before);
    await expect.poll(() => page.locator('.wp-notice').last().textContent()).toContain('Undone: Adopt scenario Six squads');
  });

  it('leaves out a setting row left at the plan\'s own value', async () => {
    const settings = app.read.info().settings;
    const [unchanged, changed] = [SETTING_KEYS[0]!, SETTING_KEYS[1]!];
    await page.getByRole('button', { name: 'New scenario' }).click();
    await page.getByLabel('Name').fill('One setting');
    await page.getByRole('button', { name: 'Add a setting' }).click();
    await page.getByRole('button', { name: 'Add a setting' }).click();
    await page.getByLabel(`${SETTING_SPECS[changed].label} in the scenario`).fill(String(settings[changed] + 1));
    await page.getByRole('button', { name: 'Save scenario' }).click();
    await expect.poll(() => card('One setting').count()).toBe(1);
    const saved = (await app.call('scenarios:list', {})).find((s) => s.name === 'One setting')!;
    expect(saved.changes.settings).toEqual({ [changed]: settings[changed] + 1 });
    expect(await card('One setting').textContent()).not.toContain(SETTING_SPECS[unchanged].label);
  });

  it('keeps the crews of a scenario made elsewhere when it is edited in the app', async () => {
    const nightShift = { name: 'Night shift', size: 2, phase: 'cutover' as const, notes: '' };
    await app.call('scenarios:save', { name: 'Night shift only', note: '', changes: { settings: {}, erps: [], sites: [], crews: [nightShift] } });
    await expect.poll(() => card('Night shift only').count()).toBe(1);
    await card('Night shift only').getByRole('button', { name: 'Edit…' }).click();
    const size = page.getByRole('textbox', { name: 'Night shift' });
    await expect.poll(() => size.inputValue()).toBe('2');
    await size.fill('3');
    await page.getByRole('button', { name: 'Save scenario' }).click();
    await expect.poll(async () => (await app.call('scenarios:list', {})).find((s) => s.name === 'Night shift only')?.changes.crews).toEqual([{ ...nightShift, size: 3 }]);
  });
});
