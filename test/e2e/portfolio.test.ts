import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { waitForUndo } from '../support/undo';
import { useAppInChromium, type RunningWebApp } from '../support/web-app';

const ui = useAppInChromium({ screen: 'portfolio' });
let app: RunningWebApp;
let page: Page;
beforeAll(() => ({ app, page } = ui));
const rows = () => page.locator('[data-site]').count();

describe('the portfolio', () => {
  it('adds a site through the dialog, with the field problem shown before saving', async () => {
    await page.getByRole('button', { name: 'Add site' }).click();
    const code = page.getByRole('textbox', { name: /Code/ });
    await code.fill('US DET!');
    await expect.poll(() => page.getByText(/letters, digits/).count()).toBeGreaterThan(0);
    await code.fill('NL-EHV');
    await page.getByRole('textbox', { name: 'Name' }).fill('Eindhoven Optics');
    await page.getByRole('dialog').getByRole('button', { name: 'Add site' }).click();
    await expect.poll(rows).toBe(25);
    expect(app.read.site('NL-EHV').name).toBe('Eindhoven Optics');
  });

  it('duplicates a selected site under a free code', async () => {
    await page.getByRole('checkbox', { name: 'Select CZ-PLZ', exact: true }).check();
    await page.getByRole('button', { name: 'Duplicate' }).click();
    await expect.poll(() => page.getByRole('textbox', { name: /Code/ }).inputValue()).toBe('CZ-PLZ-2');
    await page.getByRole('dialog').getByRole('button', { name: 'Add site' }).click();
    await expect.poll(() => page.locator('[data-site="CZ-PLZ-2"]').count()).toBe(1);
    expect(app.read.site('CZ-PLZ-2')).toMatchObject({ name: 'Plzeň Castings (copy)', erp: app.read.site('CZ-PLZ').erp });
  });

  it('edits region and scope of several sites in one step, and undoes it in one step', async () => {
    await page.getByRole('checkbox', { name: 'Select CZ-PLZ', exact: true }).uncheck();
    await page.getByRole('checkbox', { name: 'Select US-DET', exact: true }).check();
    await page.getByRole('checkbox', { name: 'Select US-KNX', exact: true }).check();
    await page.getByRole('button', { name: 'Edit selected…' }).click();
    await page.getByRole('textbox', { name: 'Region' }).fill('North America');
    await page.getByText('Excluded', { exact: true }).click();
    await page.getByRole('button', { name: 'Apply to 2 sites' }).click();
    await expect.poll(() => app.read.site('US-KNX').region).toBe('North America');
    expect(app.read.site('US-DET')).toMatchObject({ region: 'North America', excluded: true });
    await waitForUndo(page, 'Edit region, excluded of 2 sites');
    await page.keyboard.press('Control+z');
    await expect.poll(() => app.read.site('US-DET').region).toBe('Americas');
    expect(app.read.site('US-KNX')).toMatchObject({ region: 'Americas', excluded: false });
  });

  it('removes sites after confirmation, and undo brings them back with their readiness history', async () => {
    const history = app.read.readinessHistory('US-DET').length;
    await page.getByRole('button', { name: 'Remove…' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Remove' }).click();
    await expect.poll(() => page.locator('[data-site="US-DET"]').count()).toBe(0);
    expect(app.read.sites().some((s) => s.code === 'US-KNX')).toBe(false);
    await waitForUndo(page, 'Remove 2 sites');
    await page.keyboard.press('Control+z');
    await expect.poll(() => page.locator('[data-site="US-DET"]').count()).toBe(1);
    expect(app.read.readinessHistory('US-DET')).toHaveLength(history);
  });

  it('sorts by a column and moves between cells with the arrow keys', async () => {
    // Numbers sort largest first, then smallest first.
    await page.getByRole('button', { name: 'Headcount', exact: true }).click();
    await expect.poll(() => page.locator('[data-site]').first().getAttribute('data-site')).toBe('DE-STR');
    await page.getByRole('button', { name: 'Headcount ▼' }).click();
    await expect.poll(() => page.locator('[data-site]').first().getAttribute('data-site')).toBe('NL-EHV');
    await page.getByRole('button', { name: /^Site of NL-EHV/ }).focus();
    await page.keyboard.press('ArrowDown');
    const focused = await page.evaluate('document.activeElement?.getAttribute("aria-label")');
    expect(focused).toMatch(/^Site of /);
    expect(focused).not.toMatch(/NL-EHV/);
    await page.keyboard.press('ArrowRight');
    expect(await page.evaluate('document.activeElement?.getAttribute("aria-label")')).toMatch(/^Region of /);
    // The body of the table is one tab stop: Tab leaves it, Shift+Tab comes back to the same cell.
    await page.keyboard.press('Tab');
    expect(await page.evaluate('document.activeElement?.closest("tbody") === null')).toBe(true);
    await page.keyboard.press('Shift+Tab');
    expect(await page.evaluate('document.activeElement?.getAttribute("aria-label")')).toMatch(/^Region of /);
  });

  it('edits an ERP connector in place and refuses a status that does not exist', async () => {
    await page.getByRole('tab', { name: /ERPs/ }).click();
    await page.getByRole('button', { name: 'Connector of ERP QAD: not-started' }).dblclick();
    const input = page.getByRole('textbox', { name: 'Connector of ERP QAD' });
    await input.fill('finished');
    await input.press('Enter');
    await expect.poll(() => page.getByText(/must be one of/).count()).toBeGreaterThan(0);
    await input.fill('in-build');
    await input.press('Enter');
    await expect.poll(() => app.read.erps().find((e) => e.code === 'QAD')?.connectorStatus).toBe('in-build');
    await page.getByRole('tab', { name: /Sites/ }).click();
  });

  it("adds a blackout and a predecessor in the site's panel", async () => {
    await page.getByRole('button', { name: 'Open US-COL' }).click();
    await page.getByRole('button', { name: 'Add blackout' }).click();
    await page.getByRole('textbox', { name: 'Blackout 1 from' }).fill('2027-08-01');
    await page.getByRole('textbox', { name: 'Blackout 1 to' }).fill('2027-07-01');
    await expect.poll(() => page.getByText(/must not be after/).count()).toBeGreaterThan(0);
    await page.getByRole('textbox', { name: 'Blackout 1 to' }).fill('2027-08-14');
    await page.getByRole('textbox', { name: 'Blackout 1 reason' }).fill('Annual shutdown');
    await page.getByRole('button', { name: 'Save blackouts' }).click();
    await expect.poll(() => app.read.site('US-COL').blackouts).toEqual([{ from: '2027-08-01', to: '2027-08-14', reason: 'Annual shutdown' }]);
    await page.getByRole('combobox', { name: 'Predecessors' }).click();
    await page.getByRole('option', { name: /US-GRV/ }).click();
    await expect.poll(() => app.read.site('US-COL').predecessors).toEqual(['US-GRV']);
    await page.keyboard.press('Escape');
    await page.keyboard.press('Escape');
  });

  it('adds an ERP from the ERPs tab (refusing a code in use), filters the ERPs, and undoes the addition', async () => {
    await page.getByRole('tab', { name: /ERPs/ }).click();
    const before = app.read.erps().length;
    await page.getByRole('button', { name: 'Add ERP' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add an ERP' });
    await dialog.getByRole('textbox', { name: 'Code' }).fill('sap-s4');
    await expect.poll(() => dialog.getByText('is already the code of another ERP').count()).toBe(1);
    expect(await dialog.getByRole('button', { name: 'Add ERP' }).isDisabled()).toBe(true);
    await dialog.getByRole('textbox', { name: 'Code' }).fill('WORKDAY');
    await dialog.getByRole('textbox', { name: 'Name' }).fill('Workday Manufacturing');
    await dialog.getByRole('textbox', { name: 'Connector ready' }).fill('2027-13-01');
    await expect.poll(() => dialog.getByText(/real calendar date/).count()).toBe(1);
    await dialog.getByRole('textbox', { name: 'Connector ready' }).fill('2027-10-01');
    await dialog.getByRole('button', { name: 'Add ERP' }).click();
    await expect.poll(() => app.read.erps().find((e) => e.code === 'WORKDAY')).toMatchObject({ name: 'Workday Manufacturing', connectorStatus: 'not-started', connectorReadyDate: '2027-10-01' });
    await expect.poll(() => page.locator('[data-erp="WORKDAY"]').count()).toBe(1);
    // The filter says what it filters, and how many of all it shows.
    const filter = page.getByRole('textbox', { name: 'Filter ERPs' });
    await filter.fill('workday');
    await expect.poll(() => page.locator('[data-erp]').count()).toBe(1);
    await expect.poll(() => page.getByText(`1 of ${before + 1} shown`).count()).toBe(1);
    await filter.fill('');
    await waitForUndo(page, /WORKDAY/);
    await page.locator('body').click({ position: { x: 5, y: 300 } });
    await page.keyboard.press('Control+z');
    await expect.poll(() => app.read.erps().length).toBe(before);
    await page.getByRole('tab', { name: /Sites/ }).click();
  });

  it('shows each site\'s wave, go-live and readiness, hides and shows columns (remembered), and keeps code and name in view when scrolling sideways', async () => {
    await app.call('schedule:generate', { asOf: '2026-11-23' });
    const grv = page.locator('[data-site="US-GRV"]');
    await expect.poll(() => grv.textContent()).toMatch(/Lighthouse.*2027-\d\d-\d\d.*\d+ · ready/);
    expect(await page.locator('[data-site="US-KNX"]').textContent()).toContain('unscheduled');
    // Hide the region column; the choice outlives a reload.
    await page.getByRole('button', { name: /^Columns/ }).click();
    await page.getByRole('checkbox', { name: 'Region', exact: true }).uncheck();
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByRole('columnheader', { name: 'Region' }).count()).toBe(0);
    await page.reload();
    await page.locator('[data-site="US-GRV"]').waitFor();
    expect(await page.getByRole('columnheader', { name: 'Region' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: /^Columns \(2 hidden\)/ }).count()).toBe(1);
    await page.getByRole('button', { name: /^Columns/ }).click();
    await page.getByRole('checkbox', { name: 'Region', exact: true }).check();
    await page.getByRole('checkbox', { name: 'Country', exact: true }).check();
    await page.keyboard.press('Escape');
    // Scrolled to the far right, the code and the name stay where they were; the region has gone under them.
    const code = page.getByRole('button', { name: 'Open US-GRV' });
    const name = page.getByRole('button', { name: /^Site of US-GRV/ });
    const before = [(await code.boundingBox())!.x, (await name.boundingBox())!.x];
    await page.locator('table[aria-label="Sites"]').evaluate((table) => table.parentElement!.scrollBy({ left: 2000 }));
    await expect.poll(async () => [(await code.boundingBox())!.x, (await name.boundingBox())!.x]).toEqual(before);
    const region = (await page.getByRole('button', { name: /^Region of US-GRV/ }).boundingBox())!;
    expect(region.x).toBeLessThan(before[1]!);
    await page.locator('table[aria-label="Sites"]').evaluate((table) => table.parentElement!.scrollTo({ left: 0 }));
  });

  it('gives focus back where it was: to the button that opened a dialog, and to a cell after Escape', async () => {
    const add = page.getByRole('button', { name: 'Add site' });
    await add.focus();
    await page.keyboard.press('Enter');
    await page.getByRole('dialog', { name: 'Add a site' }).waitFor();
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByRole('dialog').count()).toBe(0);
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('Add site');
    const cell = page.getByRole('button', { name: /^Region of US-GRV/ });
    await cell.focus();
    await page.keyboard.press('Enter');
    await page.getByRole('textbox', { name: 'Region of US-GRV' }).fill('Somewhere');
    await page.keyboard.press('Escape');
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toMatch(/^Region of US-GRV/);
    expect(app.read.site('US-GRV').region).not.toBe('Somewhere');
  });
});
