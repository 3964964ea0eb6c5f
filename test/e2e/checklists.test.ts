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
const row = (site: string, task: string) => page.locator(`[data-item="${site}/${task}"]`);
const group = (key: string) => page.locator(`[data-group="${key}"]`);
const itemRows = () => page.locator('[role="treegrid"] [data-item]');

async function pick(label: string, option: string): Promise<void> {
  await selectInput(label).click();
  await page.getByRole('listbox').getByRole('option', { name: option, exact: true }).click();
}

describe('the checklists', () => {
  it('groups the items by wave, then site, each with its progress and open gates', async () => {
    const items = app.read.checklist('US-GRV');
    const gates = app.read.playbook().tasks.filter((t) => t.gate && items.some((i) => i.taskKey === t.id)).length;
    await expect.poll(() => group('wave:0').textContent()).toContain('Lighthouse wave');
    expect(await group('wave:0').textContent()).toContain(`0 / ${items.length} done`);
    expect(await group('wave:0/site:US-GRV').textContent()).toContain(`${gates} open gates`);
    expect(await group('wave:0/site:US-GRV').textContent()).toContain('Greenville Assembly');
    expect(await row('US-GRV', 'go-no-go').textContent()).toContain('gate');
    // Only the rows in view are drawn, not the whole plan's items.
    expect(await itemRows().count()).toBeLessThan(app.read.checklist().length / 3);
  });

  it('ticks an item done (shown done, counted in its groups), and undoes it', async () => {
    await page.getByRole('checkbox', { name: 'Done: US-GRV Go/no-go decision' }).check();
    await expect.poll(() => item('US-GRV', 'go-no-go').status).toBe('done');
    expect(item('US-GRV', 'go-no-go').completedAt).not.toBeNull();
    expect(await row('US-GRV', 'go-no-go').getAttribute('data-status')).toBe('done');
    expect(await group('wave:0/site:US-GRV').textContent()).toContain(`1 / ${app.read.checklist('US-GRV').length} done`);
    await waitForUndo(page, 'Go/no-go decision (US-GRV) → done');
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('Control+z');
    await expect.poll(() => item('US-GRV', 'go-no-go').status).toBe('todo');
    await expect.poll(() => row('US-GRV', 'go-no-go').getAttribute('data-status')).toBe('todo');
  });

  it('edits an owner in place, and puts a half-typed one back on Escape', async () => {
    const owner = page.getByRole('textbox', { name: 'Owner of US-GRV Site kickoff with plant leadership' });
    await owner.fill('Dana Whitfield');
    await owner.press('Enter');
    await expect.poll(() => item('US-GRV', 'kickoff').owner).toBe('Dana Whitfield');
    const note = page.getByRole('textbox', { name: 'Note of US-GRV Site kickoff with plant leadership' });
    await note.fill('half a thought');
    await note.press('Escape');
    expect(await note.inputValue()).toBe('');
    // Escape leaves the field for its row, and nothing is stored.
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-item'))).toBe('US-GRV/kickoff');
    expect(item('US-GRV', 'kickoff').note).toBe('');
  });

  it('changes the status of several items at once', async () => {
    await page.getByRole('checkbox', { name: 'Select US-GRV Site kickoff with plant leadership' }).check();
    await page.getByRole('checkbox', { name: 'Select US-GRV Executive sponsor named and briefed' }).check();
    await pick('Bulk status', 'doing');
    await page.getByRole('button', { name: 'Apply to 2' }).click();
    await expect.poll(() => [item('US-GRV', 'kickoff').status, item('US-GRV', 'sponsor-confirmed').status]).toEqual(['doing', 'doing']);
    await expect.poll(() => page.getByTestId('selection-bar').count()).toBe(0);
  });

  it('filters by gates, status, owner and text, and says how many of all it shows', async () => {
    await page.getByText('Gates only').click();
    const gates = new Set(app.read.playbook().tasks.filter((t) => t.gate).map((t) => t.id));
    const gateItems = app.read.checklist().filter((i) => gates.has(i.taskKey));
    await expect.poll(() => page.getByTestId('checklist-totals').textContent()).toContain(`${gateItems.length} of ${app.read.checklist().length} items`);
    for (const key of await itemRows().evaluateAll((rows) => rows.map((r) => r.getAttribute('data-item')!))) expect(gates.has(key.split('/')[1]!)).toBe(true);
    await page.getByRole('button', { name: 'Clear filters' }).click();

    await pick('Status filter', 'doing');
    await expect.poll(() => itemRows().count()).toBe(2);
    await pick('Owner filter', 'Dana Whitfield');
    await expect.poll(() => itemRows().count()).toBe(1);
    await page.getByRole('button', { name: 'Clear filters' }).click();

    await page.getByRole('textbox', { name: 'Find a site or task' }).fill('sponsor');
    await expect.poll(() => page.getByTestId('checklist-totals').textContent()).toContain(`${app.read.checklist().filter((i) => i.taskKey === 'sponsor-confirmed').length} of`);
    await page.getByRole('button', { name: 'Clear filters' }).click();
  });

  it('groups by owner and by due week', async () => {
    await page.getByText('By owner', { exact: true }).click();
    // The first owner in alphabetical order heads the list.
    const changeManager = app.read.checklist().filter((i) => i.owner === 'Change manager');
    await expect.poll(() => group('owner:Change manager').textContent()).toContain(`0 / ${changeManager.length} done`);
    await page.getByText('By due week', { exact: true }).click();
    // The lighthouse's kickoff is due on Monday 2027-01-04.
    await expect.poll(() => group('week:2027-01-04').textContent()).toContain('Week of 2027-01-04');
    await page.getByText('By wave, then site', { exact: true }).click();
    await expect.poll(() => group('wave:0').count()).toBe(1);
  });

  it('works from the keyboard: one tab stop, arrows between rows, Enter ticks done, Space selects, ← closes a group', async () => {
    await group('wave:0').click({ position: { x: 400, y: 10 } });
    const focused = () => page.evaluate(() => document.activeElement?.getAttribute('data-item') ?? document.activeElement?.getAttribute('data-group'));
    expect(await focused()).toBe('wave:0');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    expect(await focused()).toBe('US-GRV/kickoff');
    await page.keyboard.press('Enter');
    await expect.poll(() => item('US-GRV', 'kickoff').status).toBe('done');
    await page.keyboard.press('Space');
    await expect.poll(() => page.getByTestId('selection-bar').textContent()).toContain('1 selected');
    await page.keyboard.press('Space');
    await expect.poll(() => page.getByTestId('selection-bar').count()).toBe(0);
    // → reaches the row's fields; Escape comes back to the row.
    await page.keyboard.press('ArrowRight');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Select US-GRV Site kickoff with plant leadership');
    await page.keyboard.press('Escape');
    await expect.poll(focused).toBe('US-GRV/kickoff');
    // ← goes to the site's group, ← again closes it.
    await page.keyboard.press('ArrowLeft');
    expect(await focused()).toBe('wave:0/site:US-GRV');
    await page.keyboard.press('ArrowLeft');
    await expect.poll(() => row('US-GRV', 'kickoff').count()).toBe(0);
    await page.keyboard.press('Enter');
    await expect.poll(() => row('US-GRV', 'kickoff').count()).toBe(1);
    // Tab leaves the list at once: the rows are not one stop each.
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.closest('[role="treegrid"]') === null)).toBe(true);
  });

  it('edits a site\'s checklist in its site panel', async () => {
    await page.getByTestId('nav-portfolio').click();
    await page.getByRole('button', { name: 'Open US-DET' }).click();
    await page.getByRole('tab', { name: /Checklist/ }).click();
    await page.getByRole('checkbox', { name: 'Done: US-DET Site kickoff with plant leadership' }).check();
    await expect.poll(() => item('US-DET', 'kickoff').status).toBe('done');
    await page.getByRole('combobox', { name: 'Status of US-DET Executive sponsor named and briefed' }).selectOption('blocked');
    await expect.poll(() => item('US-DET', 'sponsor-confirmed').status).toBe('blocked');
    await page.keyboard.press('Escape');
    await page.getByTestId('nav-checklists').click();
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
    await expect.poll(() => row('US-GRV', 'data-freeze-drill').count()).toBe(1);
    await waitForUndo(page, `Playbook version ${version + 1}: Drill before go-live`);
    await page.keyboard.press('Control+z');
    await expect.poll(() => app.read.playbook().version).toBe(version);
    await expect.poll(() => page.locator('[data-item$="/data-freeze-drill"]').count()).toBe(0);
    expect(app.read.checklist().some((i) => i.taskKey === 'data-freeze-drill')).toBe(false);
  });
});
