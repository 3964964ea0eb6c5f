import { describe, expect, it } from 'vitest';
import { fromCalendarDate } from '../../shared/dates';
import { initialWindow, lanesInView, timelineData, waveGroupId } from '../../renderer/src/plan/timeline-data';
import type { ScheduleView } from '../../shared/contract';
import type { Site } from '../../shared/domain';
import { generatePlan, wavePlanOf } from '../support/generate-plan';
import { generateSchedule } from '../../shared/scheduler/schedule';

function viewOf(sites: number): { view: ScheduleView; sites: Site[] } {
  const input = generatePlan({ sites, seed: 7 });
  const schedule = generateSchedule(input);
  return { view: { id: 1, generatedAt: '', schedule, lockedWaves: [], stale: false, staleBecause: null, revision: 1 }, sites: wavePlanOf(input, 'timeline').sites };
}

describe('what the timeline draws', () => {
  it('opens on the whole program when it is short, and on the months ahead when it runs for years', () => {
    const small = viewOf(12);
    const { items } = timelineData(small.view.schedule, small.view.lockedWaves, small.sites, 'wave');
    const whole = initialWindow(items, small.view.schedule.asOf);
    expect(items.every((i) => i.start >= whole.start && i.end <= whole.end)).toBe(true);

    const large = viewOf(400);
    const many = timelineData(large.view.schedule, large.view.lockedWaves, large.sites, 'wave').items;
    const window = initialWindow(many, large.view.schedule.asOf);
    const days = (window.end.getTime() - window.start.getTime()) / 86_400_000;
    expect(days).toBeGreaterThan(200);
    expect(days).toBeLessThan(260);
    expect(many.some((i) => i.start > window.end)).toBe(true);
  });

  it('draws only the wave lanes with work in the window, and every lane when there is no window', () => {
    const large = viewOf(400);
    const { groups, items } = timelineData(large.view.schedule, large.view.lockedWaves, large.sites, 'wave');
    const window = initialWindow(items, large.view.schedule.asOf);
    const lanes = lanesInView(groups, items, { start: window.start.getTime(), end: window.end.getTime() });
    const shown = lanes.filter((l) => l.visible).map((l) => l.id);
    expect(shown.length).toBeGreaterThan(0);
    expect(shown.length).toBeLessThan(groups.length / 2);
    // Every bar that crosses the window is in a lane that is drawn.
    for (const item of items.filter((i) => i.end >= window.start && i.start <= window.end)) expect(shown).toContain(item.group);
    expect(lanesInView(groups, items, null).every((l) => l.visible)).toBe(true);
  });

  it("puts each site's blackouts behind its lane", () => {
    const { view, sites } = viewOf(40);
    const withBlackout = view.schedule.waves[1]!.sites[0]!.site;
    const changed = sites.map((s) => ({ ...s, blackouts: s.code === withBlackout ? [{ from: '2027-03-01', to: '2027-03-10', reason: 'Shutdown' }] : [] }));
    const { blackouts } = timelineData(view.schedule, view.lockedWaves, changed, 'wave');
    expect(blackouts).toEqual([expect.objectContaining({ group: waveGroupId(1), title: `${withBlackout} blackout 2027-03-01 – 2027-03-10: Shutdown` })]);
    expect(fromCalendarDate(blackouts[0]!.end)).toBe('2027-03-11');
  });
});
