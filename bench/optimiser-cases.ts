/**
 * The optimiser's figures (issue #15): on the sample plan, how much earlier the optimised sequence
 * goes live than rule 10's order; on small generated plans, the same; at 400 and 2,000 sites, what it
 * finds within the 10 s limit and how long it takes. The search is deterministic, so each case runs
 * once after its warm-up and the figures come from that run.
 */
import { samplePlan } from '../electron/services/sample-plan';
import { optimiseErpSequence, type OptimisedSequence } from '../shared/optimiser/erp-sequence';
import { scheduleInputFromPlan } from '../shared/scheduler/input';
import type { ScheduleInput } from '../shared/scheduler/types';
import { generatePlan } from '../test/support/generate-plan';
import { medianOf, type BenchCase, type BenchResult, type Figure, type Target } from './harness';
import { benchPlan } from './scheduler-cases';

const LIMIT_SECONDS = 10;
const SAMPLE_CASE = 'optimise the sample plan (10 s limit)';
const SMALL_CASE = 'optimise 10 generated plans of 12–25 sites (10 s limit each)';
const sizedCase = (n: number) => `optimise ${n.toLocaleString('en')} sites (10 s limit)`;

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
  const caseOf = (name: string, inputs: () => ScheduleInput[]): BenchCase => {
    let plans: ScheduleInput[] = [];
    return {
      name,
      runs: 1,
      setup: () => {
        plans = inputs();
      },
      run: () => {
        found.set(name, plans.map((input) => optimiseErpSequence(input, { timeLimitSeconds: LIMIT_SECONDS })));
      },
    };
  };
  const cases = [
    caseOf(SAMPLE_CASE, () => [scheduleInputFromPlan(samplePlan(), '2026-11-23', [])]),
    caseOf(SMALL_CASE, () => Array.from({ length: 10 }, (_, i) => generatePlan({ seed: 1500 + i, sites: 12 + Math.round((i * 13) / 9), erps: 4 + (i % 3), regions: 3, predecessorShare: 0.05 }))),
    caseOf(sizedCase(400), () => [benchPlan(400)]),
    caseOf(sizedCase(2000), () => [benchPlan(2000)]),
  ];
  const figures = (): Figure[] => {
    const out: Figure[] = [];
    const sample = found.get(SAMPLE_CASE)?.[0];
    if (sample) {
      const g = gains(sample);
      out.push({ name: `${SAMPLE_CASE}: mean go-live earlier`, value: round1(g.meanPercent), unit: '%' }, { name: `${SAMPLE_CASE}: last go-live earlier`, value: g.lastDays, unit: 'days' }, { name: `${SAMPLE_CASE}: ERP orders scheduled${sample.exhaustive ? ' (every order)' : ''}`, value: sample.evaluations, unit: '' });
    }
    const small = found.get(SMALL_CASE);
    if (small) {
      const percents = small.map((r) => gains(r).meanPercent);
      out.push(
        { name: `${SMALL_CASE}: mean go-live earlier, on average`, value: round1(percents.reduce((a, b) => a + b, 0) / percents.length), unit: '%' },
        { name: `${SMALL_CASE}: largest gain`, value: round1(Math.max(...percents)), unit: '%' },
        { name: `${SMALL_CASE}: plans whose every ERP order was tried`, value: small.filter((r) => r.exhaustive).length, unit: 'of 10' },
      );
    }
    for (const n of [400, 2000]) {
      const result = found.get(sizedCase(n))?.[0];
      if (!result) continue;
      const g = gains(result);
      out.push({ name: `${sizedCase(n)}: mean go-live earlier`, value: round1(g.meanPercent), unit: '%' }, { name: `${sizedCase(n)}: last go-live earlier`, value: g.lastDays, unit: 'days' }, { name: `${sizedCase(n)}: ERP orders scheduled of a budget of ${result.budget}`, value: result.evaluations, unit: '' });
    }
    return out;
  };
  return { cases, figures };
}

export function optimiserTargets(results: BenchResult[], figures: Figure[]): Target[] {
  const figure = (name: string) => figures.find((f) => f.name === name)?.value ?? NaN;
  const meanGain = figure(`${SAMPLE_CASE}: mean go-live earlier`);
  const lastGain = figure(`${SAMPLE_CASE}: last go-live earlier`);
  return [
    { name: 'optimised sample plan: mean go-live earlier than the default (at least)', value: meanGain, unit: '%', limit: 5, pass: meanGain >= 5 },
    { name: 'optimised sample plan: last go-live earlier than the default (at least)', value: lastGain, unit: 'days', limit: 50, pass: lastGain >= 50 },
    ...[400, 2000].map((n) => {
      const ms = medianOf(results, sizedCase(n));
      return { name: `optimiser on ${n.toLocaleString('en')} sites finishes within its 10 s limit`, value: ms, unit: 'ms', limit: LIMIT_SECONDS * 1000, pass: ms < LIMIT_SECONDS * 1000 };
    }),
  ];
}
