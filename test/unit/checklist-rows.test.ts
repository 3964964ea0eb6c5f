import { describe, expect, it } from 'vitest';
import { checklistRows, matchesFilters, NO_FILTERS, type ChecklistRowsInput, type GroupRow } from '../../renderer/src/screens/checklists/checklist-rows';
import type { ChecklistItem } from '../../shared/domain';
import type { WaveSchedule } from '../../shared/scheduler/types';

let nextId = 1;
function item(site: string, taskKey: string, dueDate: string, fields: Partial<ChecklistItem> = {}): ChecklistItem {
  return { id: nextId++, site, taskKey, playbookVersion: 1, title: taskKey, dueDate, status: 'todo', owner: 'Site lead', note: '', completedAt: null, ...fields };
}

const placed = (site: string, goLive: string) => ({ site, goLive, prepStart: goLive, hypercareEnd: goLive, pinned: false, reasons: [] });
const schedule: WaveSchedule = {
  format: 'wave-schedule',
  version: 1,
  asOf: '2027-01-01',
  lighthouse: null,
  waves: [
    { number: 0, windowStart: '2027-02-01', windowEnd: '2027-02-01', prepLeadDays: 40, sites: [placed('AA', '2027-02-01')] },
    { number: 1, windowStart: '2027-04-01', windowEnd: '2027-04-28', prepLeadDays: 30, sites: [placed('CC', '2027-04-20'), placed('BB', '2027-04-05')] },
  ],
  unscheduled: [],
  violations: [],
  warnings: [],
};

const items = [
  item('CC', 'kickoff', '2027-03-01'),
  item('BB', 'kickoff', '2027-02-10', { status: 'done' }),
  item('BB', 'go-no-go', '2027-03-30'),
  item('AA', 'kickoff', '2026-12-20'),
  item('AA', 'go-no-go', '2027-01-25', { status: 'n/a' }),
  item('ZZ', 'kickoff', '2027-05-01', { owner: '' }),
];
const gates = new Set(['go-no-go']);
const input: ChecklistRowsInput = { items, schedule, siteNames: new Map([['BB', 'Bremen']]), gates, grouping: 'wave', collapsed: new Set(), today: '2027-01-01' };
const groups = (rows: ReturnType<typeof checklistRows>) => rows.filter((r): r is GroupRow => r.kind === 'group');

describe('the checklist rows', () => {
  it('groups by wave in wave order, then by site in go-live order, with a group for sites the schedule left out', () => {
    const rows = checklistRows(input);
    expect(groups(rows).map((g) => g.title)).toEqual(['Lighthouse wave', 'AA', 'Wave 1', 'BB', 'CC', 'Not in the schedule', 'ZZ']);
    expect(groups(rows).find((g) => g.title === 'BB')!.detail).toBe('Bremen · go-live 2027-04-05');
    expect(groups(rows)[0]!.detail).toBe('go-live 2027-02-01 · 1 site');
    // Items in due order under their site.
    const wave1 = rows.slice(rows.findIndex((r) => r.key === 'wave:1'));
    expect(wave1.slice(1, 4).map((r) => (r.kind === 'item' ? `${r.item.site} ${r.item.taskKey}` : r.key))).toEqual(['wave:1/site:BB', 'BB kickoff', 'BB go-no-go']);
  });

  it('counts progress without n/a items, with overdue items and open gates', () => {
    const [lighthouse, , wave1] = groups(checklistRows(input));
    expect(lighthouse!.progress).toEqual({ total: 1, done: 0, overdue: 1, openGates: 0 });
    expect(wave1!.progress).toEqual({ total: 3, done: 1, overdue: 0, openGates: 1 });
    const overdueRow = checklistRows(input).find((r) => r.kind === 'item' && r.item.site === 'AA' && r.item.taskKey === 'kickoff');
    expect(overdueRow).toMatchObject({ overdue: true, gate: false });
  });

  it('hides what a closed group holds but still selects all of it', () => {
    const rows = checklistRows({ ...input, collapsed: new Set(['wave:1']) });
    expect(rows.some((r) => r.kind === 'item' && r.item.site === 'BB')).toBe(false);
    expect(groups(rows).find((g) => g.key === 'wave:1')).toMatchObject({ collapsed: true, items: expect.arrayContaining([items[0], items[1], items[2]]) });
  });

  it('groups by owner (no owner last) and by the Monday of the due week', () => {
    expect(groups(checklistRows({ ...input, grouping: 'owner' })).map((g) => g.title)).toEqual(['Site lead', 'No owner']);
    const weeks = groups(checklistRows({ ...input, grouping: 'week' })).map((g) => g.title);
    expect(weeks[0]).toBe('Week of 2026-12-14');
    expect(weeks).toContain('Week of 2027-03-29');
  });

  it('filters by overdue, gate, open status, owner and words in the site or title', () => {
    const today = input.today;
    const pass = (filters: Partial<typeof NO_FILTERS>) => items.filter((i) => matchesFilters(i, { ...NO_FILTERS, ...filters }, gates, today)).map((i) => `${i.site} ${i.taskKey}`);
    expect(pass({ overdueOnly: true })).toEqual(['AA kickoff']);
    expect(pass({ gatesOnly: true })).toEqual(['BB go-no-go', 'AA go-no-go']);
    expect(pass({ status: 'open' })).toEqual(['CC kickoff', 'BB go-no-go', 'AA kickoff', 'ZZ kickoff']);
    expect(pass({ owner: '' })).toEqual(['ZZ kickoff']);
    expect(pass({ text: ' bb ' })).toEqual(['BB kickoff', 'BB go-no-go']);
  });
});
