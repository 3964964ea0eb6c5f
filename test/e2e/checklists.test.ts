import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { waitForUndo } from '../support/undo';
import { useAppInChromium, type RunningWebApp } from '../support/web-app';

const ui = useAppInChromium({ prepare: (app) => app.call('schedule:generate', { asOf: '2026-11-23' }), screen: 'checklists' });
let app: RunningWebApp;
let page: Page;
beforeAll(() => ({ app, page } = ui));

/** The visible input of a Mantine Select with this label. */
const selectInput = (label: string) => page.locator(`input[aria-label="${label}"]:not([type="hidden"])`);

const item = (site: string, task: string) => app.read.checklist(site).find((i) => i.taskKey === task)!;

describe('the checklists', () => {
  it('shows the playbook items of a wave, with gates marked', async () => {
    await selectInput('Show').fill('Lighthouse');
    await page.getByRole('option', { name: 'Lighthouse wave' }).click();
    await expect.poll(() => page.locator('[data-item^="US-GRV/"]').count()).toBe(app.read.checklist('US-GRV').length);
    expect(await page.locator('[data-item="US-GRV/go-no-go"]').textContent()).toContain('gate');
  });

  it('ticks an item done, and undoes it', async () => {
    await page.getByRole('combobox', { name: 'Status of US-GRV Go/no-go decision' }).selectOption('done');
    await expect.poll(() => item('US-GRV', 'go-no-go').status).toBe('done');
    expect(item('US-GRV', 'go-no-go').completedAt).not.toBeNull();
    await waitForUndo(page, 'Go/no-go decision (US-GRV) → done');
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('Control+z');
    await expect.poll(() => item('US-GRV', 'go-no-go').status).toBe('todo');
  });

  it('changes the status of several items at once', async () => {
    await page.getByRole('checkbox', { name: 'Select US-GRV Site kickoff with plant leadership' }).check();
    await page.getByRole('checkbox', { name: 'Select US-GRV Executive sponsor named and briefed' }).check();
    await selectInput('Bulk status').click();
    await page.getByRole('listbox').getByRole('option', { name: 'doing' }).click();
    await page.getByRole('button', { name: 'Apply to 2' }).click();
    await expect.poll(() => [item('US-GRV', 'kickoff').status, item('US-GRV', 'sponsor-confirmed').status]).toEqual(['doing', 'doing']);
  });

  it('adds a task in the playbook editor as a new version, which the checklists follow, and undoes it', async () => {
        const version = app.read.playbook().version;
    await page.getByRole('button', { name: 'Edit playbook…' }).click();
    await page.getByRole('button', { name: 'Add task' }).click();
    const n = app.read.playbook().tasks.length + 1;
    await page.getByRole('textbox', { name: `Title of task ${n}` }).fill('Data freeze drill');
    await page.getByRole('textbox', { name: `Id of task ${n}` }).fill('kickoff');
    await expect.poll(() => page.getByText('already used by task 1').count()).toBe(1);
    await page.getByRole('textbox', { name: `Id of task ${n}` }).fill('data-freeze-drill');
    await page.getByRole('textbox', { name: `Offset of task ${n}` }).fill('-5');
    await page.getByRole('textbox', { name: 'Version note' }).fill('Drill before go-live');
    await page.getByRole('button', { name: `Save as version ${version + 1}` }).click();
    await expect.poll(() => app.read.playbook().version).toBe(version + 1);
    await expect.poll(() => item('US-GRV', 'data-freeze-drill')?.dueDate).toBe('2027-02-26');
    await waitForUndo(page, `Playbook version ${version + 1}: Drill before go-live`);
    await page.keyboard.press('Control+z');
    await expect.poll(() => app.read.playbook().version).toBe(version);
    await expect.poll(() => page.locator('[data-item$="/data-freeze-drill"]').count()).toBe(0);
    expect(app.read.checklist().some((i) => i.taskKey === 'data-freeze-drill')).toBe(false);
  });
});
