// The optimised sequence: a hand-worked plan where bringing the bigger ERP first is known to be
// better, and properties on generated plans — every hard rule kept, never worse than the default,
// the same answer from the same inputs in any order of the sites.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareScores, optimiseErpSequence, scoreOf, type SequenceScore } from '../../shared/optimiser/erp-sequence';
import { withMoves } from '../../shared/optimiser/site-moves';
import { generateSchedule } from '../../shared/scheduler/schedule';
import { checked } from '../support/check-schedule';
import { generatePlan } from '../support/generate-plan';
import { placements, scheduleInput, site } from '../support/schedule-input';

const LIMIT = { timeLimitSeconds: 2 };

describe('the optimised sequence', () => {
  it('brings the ERP with four ready sites in before the one with one site ready a day sooner (worked by hand)', () => {
    // Lighthouse on E1. E2 has one site ready a day before E3's four. Rule 10 spends wave 1's new-ERP
    // slot on E2 (ready first), so E3's four sites wait for wave 2 and beyond; E3 first puts four in wave 1.
    const sites = [
      site('A-LH', { leadershipWillingness: 5, workflowRepresentativeness: 5 }),
      site('B-E2', { erp: 'E2', score: 40, target: '2027-01-10' }),
      ...['C1', 'C2', 'C3', 'C4'].map((code) => site(code, { erp: 'E3', score: 40, target: '2027-01-11' })),
    ];
    const input = scheduleInput(sites);
    const byDefault = placements(generateSchedule(input));
    expect(byDefault['B-E2']![0]).toBe(1);
    expect([byDefault.C1![0], byDefault.C2![0], byDefault.C3![0], byDefault.C4![0]]).toEqual([2, 2, 2, 2]);

    const result = optimiseErpSequence(input, LIMIT);
    expect(result.exhaustive).toBe(true);
    // (E1, the lighthouse's, is live before any wave: where it stands in the order changes nothing.)
    expect(result.erpOrder!.indexOf('E3')).toBeLessThan(result.erpOrder!.indexOf('E2'));
    const optimised = placements(result.schedule);
    expect([optimised.C1![0], optimised.C2![0], optimised.C3![0], optimised.C4![0]]).toEqual([1, 1, 1, 1]);
    expect(optimised['B-E2']![0]).toBe(2);
    // Five sites after the lighthouse: four go live 29 days earlier, one 29-ish days later.
    expect(result.score.totalDays).toBeLessThan(result.defaultScore.totalDays);
    expect(result.explanation[0]).toMatch(/^Mean go-live [\d.]+ days earlier \([\d.]+%\); last go-live/);
    expect(result.explanation[1]).toMatch(/^Bring ERP E3 in wave 1 instead of wave 2: 4 sites go live [\d.]+ days earlier on average\.$/);
  });

  it('says so, and keeps the default, when no order is better', () => {
    const input = scheduleInput([site('A-LH', { leadershipWillingness: 5 }), site('B'), site('C')]);
    const result = optimiseErpSequence(input, LIMIT);
    expect(result.erpOrder).toBeNull();
    expect(result.schedule).toEqual(result.defaultSchedule);
    expect(result.siteMoves).toEqual([]);
    expect(result.explanation).toEqual(['No order of bringing in the ERPs, and no site moved to another wave, goes live earlier on average than the default (every order was tried).']);
  });

  it('keeps every hard rule, is never worse than the default, and gives the same answer for the sites in any order', () => {
    fc.assert(
      fc.property(fc.record({ seed: fc.integer(), sites: fc.integer({ min: 8, max: 60 }), crews: fc.boolean() }), fc.integer(), (options, shuffleSeed) => {
        const input = generatePlan({ ...options, erps: 5 });
        const result = optimiseErpSequence(input, { timeLimitSeconds: 0.3 });
        expect(compareScores(result.score, result.defaultScore)).toBeLessThanOrEqual(0);
        // Five ERPs at most: their 120 orders fit the budget, whatever the site moves spend after them.
        expect(result.exhaustive).toBe(true);
        expect(result.schedule.violations).toEqual([]);
        expect(checked(input, result.schedule).violations).toEqual([]);
        // The order and the site moves found give the schedule reported, through the plain engine.
        const found = withMoves(result.erpOrder ? { ...input, erpIntroductionOrder: result.erpOrder } : input, result.siteMoves);
        expect(generateSchedule(found)).toEqual(result.schedule);
        // Shuffled sites, same plan: the same order and the same schedule.
        const shuffled = [...input.sites].sort((a, b) => ((a.code.charCodeAt(a.code.length - 1) * shuffleSeed) % 7) - ((b.code.charCodeAt(b.code.length - 1) * shuffleSeed) % 7));
        const again = optimiseErpSequence({ ...input, sites: shuffled }, { timeLimitSeconds: 0.3 });
        expect(again.erpOrder).toEqual(result.erpOrder);
        expect(again.siteMoves).toEqual(result.siteMoves);
        expect(again.schedule).toEqual(result.schedule);
      }),
      { numRuns: 15 },
    );
  }, 60_000);

  it("reports the best found so far as it goes, the site moves' gains included, never a worse one than before", () => {
    const input = generatePlan({ seed: 2, sites: 30, erps: 4 });
    const reported: SequenceScore[] = [];
    const result = optimiseErpSequence(input, { timeLimitSeconds: 1, onProgress: (p) => reported.push(p.best) });
    expect(result.siteMoves.length).toBeGreaterThan(0);
    for (let i = 1; i < reported.length; i += 1) expect(compareScores(reported[i]!, reported[i - 1]!)).toBeLessThanOrEqual(0);
    expect(reported.at(-1)).toEqual(result.score);
    // While the sites are being moved, the dialog shows what the moves gained, not only the best order's score.
    const orderAlone = scoreOf(generateSchedule(result.erpOrder ? { ...input, erpIntroductionOrder: result.erpOrder } : input));
    expect(reported.slice(0, -1).some((best) => compareScores(best, orderAlone) < 0)).toBe(true);
  });

  it('stops when cancelled, with the best order found so far and never a worse one', () => {
    const input = generatePlan({ seed: 3, sites: 80, erps: 7 });
    let asked = 0;
    const result = optimiseErpSequence(input, { timeLimitSeconds: 10, cancelled: () => (asked += 1) > 20 });
    expect(result.cancelled).toBe(true);
    expect(result.evaluations).toBeLessThanOrEqual(21);
    expect(compareScores(result.score, result.defaultScore)).toBeLessThanOrEqual(0);
  });
});
