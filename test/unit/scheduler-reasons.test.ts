// The reasons paragraph of PRODUCT.md section 3, on small plans worked out by hand. The plan starts
// Monday 2027-01-04; the lighthouse goes live Friday 2027-03-05 (hypercare to 03-19); wave 1's window
// is 2027-04-18 – 05-17 (45 days prep), wave 2's 05-18 – 06-16 (41), wave 3's 06-17 – 07-16 (37).
import { describe, expect, it } from 'vitest';
import { generateSchedule } from '../../shared/scheduler/schedule';
import type { WaveSchedule } from '../../shared/scheduler/types';
import { DEFAULT_SETTINGS } from '../../shared/settings';
import { placements, scheduleInput, site } from '../support/schedule-input';

const lighthouse = () => site('A-LH', { leadershipWillingness: 5, workflowRepresentativeness: 5 });
const reasonsOf = (schedule: WaveSchedule, code: string) => schedule.waves.flatMap((w) => w.sites).find((s) => s.site === code)!.reasons;
const heldBack = (schedule: WaveSchedule, code: string) => reasonsOf(schedule, code).filter((r) => r.startsWith('Held back'));

describe('why a site went later than it could have', () => {
  it('names every earlier wave it missed, saying a run of waves missed for one reason once', () => {
    const schedule = generateSchedule(scheduleInput([lighthouse(), site('B'), site('C'), site('D')], { settings: { ...DEFAULT_SETTINGS, maxSitesPerWave: 1 } }));
    expect(placements(schedule)).toMatchObject({ B: [1, '2027-04-19'], C: [2, '2027-05-18'], D: [3, '2027-06-17'] });
    expect(heldBack(schedule, 'B')).toEqual([]);
    expect(heldBack(schedule, 'C')).toEqual(['Held back from wave 1: it was full (1 site)']);
    expect(heldBack(schedule, 'D')).toEqual(['Held back from waves 1–2: each was full (1 site)']);
  });

  it('names the stagger and the go-live days that left no room', () => {
    // 20 days apart: B 04-19, C 05-10 (05-09 is a Sunday); D's next day, 05-30, is past the window.
    const schedule = generateSchedule(scheduleInput([lighthouse(), site('B'), site('C'), site('D')], { settings: { ...DEFAULT_SETTINGS, staggerDays: 20 } }));
    expect(placements(schedule).D![0]).toBe(2);
    expect(heldBack(schedule, 'D')).toEqual(['Held back from wave 1: no go-live day 20 days from its other go-lives (2027-04-19, 2027-05-10)']);
  });

  it("names the site's own blackout", () => {
    const audit = { from: '2027-04-10', to: '2027-06-01', reason: 'Audit' };
    const schedule = generateSchedule(scheduleInput([lighthouse(), site('B', { blackouts: [audit] }), site('C')]));
    expect(placements(schedule)).toMatchObject({ C: [1, '2027-04-19'], B: [2, '2027-06-02'] });
    expect(heldBack(schedule, 'B')).toEqual(['Held back from wave 1: its blackout "Audit" left no go-live day with hypercare clear of it']);
  });

  it('names the predecessor it waited for', () => {
    const schedule = generateSchedule(scheduleInput([lighthouse(), site('B', { predecessors: ['C'] }), site('C')]));
    expect(placements(schedule)).toMatchObject({ C: [1, '2027-04-19'], B: [2, '2027-05-18'] });
    expect(heldBack(schedule, 'B')).toEqual(['Held back from wave 1: waiting for its predecessor C (wave 1)']);
  });

  it('names the ERP that took the new-ERP slot', () => {
    const schedule = generateSchedule(scheduleInput([lighthouse(), site('N2', { erp: 'E2' }), site('N3', { erp: 'E3' })]));
    expect(heldBack(schedule, 'N3')).toEqual(['Held back from wave 1: it already brought a new ERP (ERP E2)']);
  });

  it('names the learning gap for a wave-1 site that could have gone live before wave 1 opened, and not for one that could not', () => {
    const schedule = generateSchedule(scheduleInput([lighthouse(), site('B'), site('LATE', { score: 50, target: '2027-03-20' })]));
    expect(reasonsOf(schedule, 'B')).toContain(
      "Could go live from 2027-02-18, but wave 1 opens on 2027-04-18: the learning gap after the lighthouse (go-live 2027-03-05, 14 days' hypercare, 30 days' sign-off)",
    );
    // Ready 03-20 + 45 days prep: 05-04, inside wave 1's window.
    expect(placements(schedule).LATE).toEqual([1, '2027-05-04']);
    expect(reasonsOf(schedule, 'LATE').some((r) => r.includes('learning gap'))).toBe(false);
  });
});
