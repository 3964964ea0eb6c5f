// The optimised sequence's exact step, with HiGHS solving for real: a search that fell short is
// replaced by the exact optimum as pins the engine keeps, one that reached it is said to be proven,
// and which plans are solved exactly follows from their size and the limit alone.
import { describe, expect, it } from 'vitest';
import { solveWithHighs } from '../../electron/services/optimiser/highs-solver';
import { samplePlan } from '../../electron/services/sample-plan';
import { optimisedScenario } from '../../shared/optimiser/as-scenario';
import { compareScores, optimiseErpSequence } from '../../shared/optimiser/erp-sequence';
import { exactSequenceModel } from '../../shared/optimiser/exact-model';
import { EXACT_SHARE, exactModelWithin, withExactStep } from '../../shared/optimiser/exact-step';
import { optimiseSequence } from '../../shared/optimiser/optimise';
import { withMoves } from '../../shared/optimiser/site-moves';
import { scheduleInputFromPlan } from '../../shared/scheduler/input';
import { generateSchedule } from '../../shared/scheduler/schedule';
import { checked } from '../support/check-schedule';
import { generatePlan } from '../support/generate-plan';

// Fourteen sites, four ERPs and a crew: a program HiGHS solves in about a second.
const small = () => generatePlan({ seed: 21, sites: 14, erps: 4, crews: true, regions: 3 });
const PROVEN = 'Solved exactly (HiGHS): no schedule with this lighthouse that keeps every rule goes live earlier on average.';

describe("the optimised sequence's exact step", () => {
  it('replaces a search that fell short with the exact optimum: every site pinned to its wave and day, kept by the engine with no rule broken', async () => {
    const input = small();
    // A budget of two schedules: the search gets no further than the default.
    const searched = optimiseErpSequence(input, { timeLimitSeconds: 1e-6 });
    const result = await withExactStep(input, exactSequenceModel(input)!, searched, solveWithHighs, 30);
    expect(compareScores(result.score, searched.score)).toBeLessThan(0);
    expect(result.proven).toBe(true);
    expect(result.siteMoves.length).toBeGreaterThan(0);
    expect(result.siteMoves.every((m) => m.goLive !== undefined)).toBe(true);
    expect(generateSchedule(withMoves(input, result.siteMoves))).toEqual(result.schedule);
    expect(checked(input, result.schedule).violations).toEqual([]);
    expect(result.explanation.some((line) => /^Put \S+ in wave \d+( instead of wave \d+)? on \d{4}-\d{2}-\d{2}/.test(line))).toBe(true);
    expect(result.explanation[0]).toMatch(/^Mean go-live [\d.]+ days earlier/);
    expect(result.explanation[1]).toBe(PROVEN);
    // As a scenario, the pins carry their days.
    const scenario = optimisedScenario(result, input.asOf)!;
    expect(scenario.changes.sites.every((s) => typeof s.pinnedGoLive === 'string')).toBe(true);
  });

  it('says a search that reached the optimum is proven, and changes nothing else about it', async () => {
    const input = small();
    const result = await optimiseSequence(input, { timeLimitSeconds: 10 }, solveWithHighs);
    const searched = optimiseErpSequence(input, { timeLimitSeconds: 10 * (1 - EXACT_SHARE) });
    expect(result.proven).toBe(true);
    expect(result.schedule).toEqual(searched.schedule);
    expect(result.explanation).toEqual([searched.explanation[0], PROVEN, ...searched.explanation.slice(1)]);
    // Without a solver at hand, the search alone: the same schedule, not proven.
    const alone = await optimiseSequence(input, { timeLimitSeconds: 10 });
    expect(alone.proven).toBe(false);
  });

  it('solves a plan exactly only when its program fits the limit by its size, and never a pinned one', () => {
    const sample = scheduleInputFromPlan(samplePlan(), '2026-11-23', []);
    expect(exactModelWithin(sample, 10)).toBeNull();
    expect(exactModelWithin(sample, 30)).not.toBeNull();
    const pinned = { ...sample, sites: sample.sites.map((s, i) => (i === 3 ? { ...s, pinnedWave: 2, pinnedGoLive: null } : s)) };
    expect(exactModelWithin(pinned, 600)).toBeNull();
    expect(exactModelWithin(generatePlan({ seed: 1, sites: 80, erps: 4 }), 600)).toBeNull();
  });
});
