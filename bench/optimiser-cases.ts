/**
 * The optimiser's figures (issue #15): on the sample plan, how much earlier the optimised sequence
 * goes live than rule 10's order; on small generated plans, the same; at 400 and 2,000 sites, what it
 * finds within the 10 s limit and how long it takes. The search is deterministic, so each case runs
 * once after its warm-up and the figures come from that run.
 */
import { samplePlan } from '../electron/services/sample-plan';
import { solveWithHighs } from '../electron/services/optimiser/highs-solver';
import type { OptimisedSequence } from '../shared/optimiser/erp-sequence';
import { optimiseSequence } from '../shared/optimiser/optimise';
import { exactOptimum, type ExactOptimum } from './exact-optimum';
import { scheduleInputFromPlan } from '../shared/scheduler/input';
import type { ScheduleInput } from '../shared/scheduler/types';
import { generatePlan } from '../test/support/generate-plan';
import { medianOf, type BenchCase, type BenchResult, type Figure, type Target } from './harness';
import { benchPlan } from './scheduler-cases';

const LIMIT_SECONDS = 10;
const SAMPLE_CASE = 'optimise the sample plan (10 s limit)';
/** The dialog's longest limit: enough for the sample plan to be solved exactly. */
const SAMPLE_30_CASE = 'optimise the sample plan (30 s limit)';
const SMALL_CASE = 'optimise 10 generated plans of 12–25 sites (10 s limit each)';
const sizedCase = (n: number) => `optimise ${n.toLocaleString('en')} sites (10 s limit)`;
const EXACT_CASE = 'exact optimum (HiGHS, zero gap) of the sample plan and the 10 small plans';

const samplePlanInput = () => scheduleInputFromPlan(samplePlan(), '2026-11-23', []);
const smallPlans = () => Array.from({ length: 10 }, (_, i) => generatePlan({ seed: 1500 + i, sites: 12 + Math.round((i * 13) / 9), erps: 4 + (i % 3), regions: 3, predecessorShare: 0.05 }));

/** Mean days from the as-of day to a go-live, and the last one, of a search's default and optimised schedules. */
function gains(result: OptimisedSequence): { meanPercent: number; meanDays: number; lastDays: number } {
  const mean = (s: { totalDays: number; placed: number }) => (s.placed ? s.totalDays / s.placed : 0);
  const before = mean(result.defaultScore);
  const after = mean(result.score);
  return { meanPercent: before ? ((before - after) / before) * 100 : 0, meanDays: before - after, lastDays: result.defaultScore.lastDays - result.score.lastDays };
}

const round1 = (x: number) => Math.round(x * 10) / 10;

export function optimiserCases(): { cases: BenchCase[]; figures: () => Figure[] } {
  const found = new Map<string, OptimisedSequence[]>();
  /** The longest a single plan of a case took, in ms: the limit is each plan's. */
  const slowest = new Map<string, number>();
  /** The sample plan's exact optimum, then the small plans'. */
  let exact: (ExactOptimum | null)[] = [];
  // As the app and the command line run it: the search, then the exact step (HiGHS) when the plan is small enough for the limit.
  const caseOf = (name: string, inputs: () => ScheduleInput[], timeLimitSeconds = LIMIT_SECONDS): BenchCase => {
    let plans: ScheduleInput[] = [];
    return {
      name,
      runs: 1,
      setup: () => {
        plans = inputs();
      },
      run: async () => {
        const results: OptimisedSequence[] = [];
        const times: number[] = [];
        for (const input of plans) {
          const start = performance.now();
          results.push(await optimiseSequence(input, { timeLimitSeconds }, solveWithHighs));
          times.push(performance.now() - start);
        }
        found.set(name, results);
        slowest.set(name, Math.max(...times));
      },
    };
  };
  const cases = [
    caseOf(SAMPLE_CASE, () => [samplePlanInput()]),
    caseOf(SAMPLE_30_CASE, () => [samplePlanInput()], 30),
    caseOf(SMALL_CASE, smallPlans),
    caseOf(sizedCase(400), () => [benchPlan(400)]),
    caseOf(sizedCase(2000), () => [benchPlan(2000)]),
    {
      // Solved once (a minute or two in all), in setup; the case reports the time HiGHS took.
      name: EXACT_CASE,
      runs: 1,
      setup: async () => {
        exact = [];
        for (const input of [samplePlanInput(), ...smallPlans()]) exact.push(await exactOptimum(input));
      },
      run: () => exact.reduce((sum, e) => sum + (e?.solveMs ?? 0), 0),
    },
  ];
  const figures = (): Figure[] => {
    const out: Figure[] = [];
    const sample = found.get(SAMPLE_CASE)?.[0];
    if (sample) {
      const g = gains(sample);
      out.push({ name: `${SAMPLE_CASE}: mean go-live earlier`, value: round1(g.meanPercent), unit: '%' }, { name: `${SAMPLE_CASE}: last go-live earlier`, value: g.lastDays, unit: 'days' }, { name: `${SAMPLE_CASE}: schedules tried (ERP orders${sample.exhaustive ? ', every one,' : ''} and site moves)`, value: sample.evaluations, unit: '' });
    }
    const sample30 = found.get(SAMPLE_30_CASE)?.[0];
    if (sample30) {
      const g = gains(sample30);
      out.push(
        { name: `${SAMPLE_30_CASE}: mean go-live earlier`, value: round1(g.meanPercent), unit: '%' },
        { name: `${SAMPLE_30_CASE}: last go-live earlier`, value: g.lastDays, unit: 'days' },
        { name: `${SAMPLE_30_CASE}: solved exactly (proven the fastest)`, value: sample30.proven ? 1 : 0, unit: 'of 1' },
      );
    }
    const small = found.get(SMALL_CASE);
    if (small) {
      const percents = small.map((r) => gains(r).meanPercent);
      out.push(
        { name: `${SMALL_CASE}: mean go-live earlier, on average`, value: round1(percents.reduce((a, b) => a + b, 0) / percents.length), unit: '%' },
        { name: `${SMALL_CASE}: largest gain`, value: round1(Math.max(...percents)), unit: '%' },
        { name: `${SMALL_CASE}: plans whose every ERP order was tried`, value: small.filter((r) => r.exhaustive).length, unit: 'of 10' },
        { name: `${SMALL_CASE}: plans solved exactly (proven the fastest)`, value: small.filter((r) => r.proven).length, unit: 'of 10' },
        { name: `${SMALL_CASE}: the slowest plan`, value: Math.round(slowest.get(SMALL_CASE) ?? NaN), unit: 'ms' },
      );
    }
    if (exact.length > 0) out.push(...exactFigures(exact, sample, small));
    for (const n of [400, 2000]) {
      const result = found.get(sizedCase(n))?.[0];
      if (!result) continue;
      const g = gains(result);
      out.push({ name: `${sizedCase(n)}: mean go-live earlier`, value: round1(g.meanPercent), unit: '%' }, { name: `${sizedCase(n)}: last go-live earlier`, value: g.lastDays, unit: 'days' }, { name: `${sizedCase(n)}: schedules tried (ERP orders and site moves) of a budget of ${result.budget}`, value: result.evaluations, unit: '' });
    }
    return out;
  };
  return { cases, figures };
}

/** How far a search's total of go-live days (the lighthouse's included, as the optimum's) is above the exact optimum's, in percent. */
function distance(search: OptimisedSequence, optimum: ExactOptimum): number {
  return ((search.score.totalDays - optimum.totalDays) / optimum.totalDays) * 100;
}

function exactFigures(exact: (ExactOptimum | null)[], sample: OptimisedSequence | undefined, small: OptimisedSequence[] | undefined): Figure[] {
  const out: Figure[] = [{ name: `${EXACT_CASE}: exact schedules that break a rule (by the scheduler's check)`, value: exact.filter((e) => e && e.violations > 0).length, unit: `of ${exact.length}` }];
  const [sampleExact, ...smallExact] = exact;
  if (sampleExact && sample) {
    const before = sample.defaultScore.totalDays / sample.defaultScore.placed;
    const after = sampleExact.totalDays / sampleExact.placed;
    out.push(
      { name: 'sample plan, exact optimum: mean go-live earlier than the default', value: round1(((before - after) / before) * 100), unit: '%' },
      { name: 'sample plan, exact optimum: mean go-live earlier than the default, in days', value: round1(before - after), unit: 'days' },
      { name: 'sample plan, exact optimum: last go-live earlier than the default', value: sample.defaultScore.lastDays - sampleExact.lastDays, unit: 'days' },
      { name: 'sample plan: the optimised sequence above the exact optimum', value: Math.round(distance(sample, sampleExact) * 100) / 100, unit: '%' },
    );
  }
  if (small) {
    const gaps = small.flatMap((search, i) => (smallExact[i] ? [distance(search, smallExact[i])] : []));
    out.push(
      { name: 'small plans: the optimised sequence above the exact optimum, on average', value: Math.round((gaps.reduce((a, b) => a + b, 0) / gaps.length) * 100) / 100, unit: '%' },
      { name: 'small plans: the optimised sequence above the exact optimum, at worst', value: Math.round(Math.max(...gaps) * 100) / 100, unit: '%' },
      { name: 'small plans: the optimised sequence within 0.5% of the exact optimum', value: gaps.filter((g) => g <= 0.5).length, unit: `of ${gaps.length}` },
    );
  }
  return out;
}

export function optimiserTargets(results: BenchResult[], figures: Figure[]): Target[] {
  const figure = (name: string) => figures.find((f) => f.name === name)?.value ?? NaN;
  const meanGain = figure(`${SAMPLE_CASE}: mean go-live earlier`);
  const lastGain = figure(`${SAMPLE_CASE}: last go-live earlier`);
  const worstGap = figure('small plans: the optimised sequence above the exact optimum, at worst');
  return [
    { name: 'optimised sample plan: mean go-live earlier than the default (at least)', value: meanGain, unit: '%', limit: 5, pass: meanGain >= 5 },
    { name: 'optimised sample plan: last go-live earlier than the default (at least)', value: lastGain, unit: 'days', limit: 50, pass: lastGain >= 50 },
    { name: 'small plans: the optimised sequence within 0.5% of the exact optimum (the worst of 10)', value: worstGap, unit: '%', limit: 0.5, pass: worstGap <= 0.5 },
    ...[400, 2000].map((n) => {
      const ms = medianOf(results, sizedCase(n));
      return { name: `optimiser on ${n.toLocaleString('en')} sites finishes within its 10 s limit`, value: ms, unit: 'ms', limit: LIMIT_SECONDS * 1000, pass: ms < LIMIT_SECONDS * 1000 };
    }),
  ];
}
