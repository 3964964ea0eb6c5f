/**
 * The optimised sequence (PRODUCT.md section 3): rule 10's order gives each wave's new-ERP slot to
 * whichever site is ready first; bringing the ERPs in another order can make the mean go-live
 * earlier. This searches the order in which ERPs are introduced, with the rules engine itself as the
 * inner step, so every schedule it considers keeps rules 1–9, 11 and 13 by construction.
 *
 * Deterministic: the search spends a budget of schedule evaluations worked out from the plan's size
 * and the time limit (never from a clock), tries orders in a fixed sequence, and breaks ties by the
 * order's text. It never returns a schedule worse than the default: fewer sites placed, more broken
 * rules or a later mean go-live keep the default.
 *
 * What budget the orders leave goes to moving one site at a time (site-moves.ts), from the best order.
 */
import { daysBetween } from '../dates';
import { generateSchedule } from '../scheduler/schedule';
import type { ScheduleInput, WaveSchedule } from '../scheduler/types';
import { compareScores, scoreOf, type SequenceScore } from './score';
import { searchSiteMoves, withMoves, type SiteMove } from './site-moves';

export { compareScores, scoreOf, type SequenceScore };

export interface OptimiseProgress {
  evaluations: number;
  budget: number;
  best: SequenceScore;
  /** The plan is being solved exactly (exact-step.ts): no progress comes until it is done. */
  solvingExactly?: boolean;
}

export interface OptimiseOptions {
  /** Seconds the search may take; the evaluation budget follows from it and the plan's size. */
  timeLimitSeconds: number;
  onProgress?(progress: OptimiseProgress): void;
  /** Asked between evaluations: true stops the search with the best order found so far. */
  cancelled?(): boolean;
}

export interface ErpMove {
  erp: string;
  name: string;
  sites: number;
  /** The wave the ERP's first site goes live in: by default, and in the optimised sequence (null: none placed). */
  defaultWave: number | null;
  optimisedWave: number | null;
  /** Mean change of its sites' go-lives, in days (negative: earlier). */
  meanShiftDays: number;
}

export interface OptimisedSequence {
  /** The order found, every ERP with sites once; null when nothing beats rule 10's order. */
  erpOrder: string[] | null;
  /** Sites put in a wave of the search's choosing (as pins, on top of the order); empty when none helps. */
  siteMoves: SiteMove[];
  schedule: WaveSchedule;
  defaultSchedule: WaveSchedule;
  score: SequenceScore;
  defaultScore: SequenceScore;
  evaluations: number;
  budget: number;
  /** Every order was tried (the result is the best there is for this lever). */
  exhaustive: boolean;
  /** Solved exactly: no schedule with this lighthouse that keeps the rules goes live earlier on average. */
  proven: boolean;
  cancelled: boolean;
  moves: ErpMove[];
  /** In words, for a person to check ("Bring Oracle EBS in wave 2 instead of wave 5: …"). */
  explanation: string[];
}

/**
 * The evaluation budget for a time limit: one schedule of n sites scored inside the search took up to
 * 100 + 25·n microseconds in the bench's runs (2 cores, 2026; 38–51 ms at 2,000 sites, where the
 * search's garbage weighs more than on a single schedule), taken at 1.5 times that for slower moments.
 */
export function evaluationBudget(sites: number, timeLimitSeconds: number): number {
  const microseconds = 1.5 * (100 + 25 * sites);
  return Math.max(2, Math.floor((timeLimitSeconds * 1_000_000) / microseconds));
}

/** The ERPs in the order the schedule brings them in (by their first go-live), then those it does not place. */
function introducedOrder(schedule: WaveSchedule, erpOf: Map<string, string>, erps: string[]): string[] {
  const first = new Map<string, string>();
  for (const wave of schedule.waves) for (const s of wave.sites) {
    const erp = erpOf.get(s.site);
    if (erp && (!first.has(erp) || s.goLive < first.get(erp)!)) first.set(erp, s.goLive);
  }
  const placed = [...first.entries()].sort((a, b) => (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : a[0] < b[0] ? -1 : 1)).map(([erp]) => erp);
  return [...placed, ...erps.filter((e) => !first.has(e))];
}

function* permutations(items: string[]): Generator<string[]> {
  if (items.length <= 1) {
    yield [...items];
    return;
  }
  for (let i = 0; i < items.length; i += 1) {
    const rest = [...items.slice(0, i), ...items.slice(i + 1)];
    for (const tail of permutations(rest)) yield [items[i]!, ...tail];
  }
}

const factorial = (n: number): number => (n <= 1 ? 1 : n * factorial(n - 1));

/** Moves the ERP at `from` to `to`: the insertion neighbourhood of an order. */
function moved(order: string[], from: number, to: number): string[] {
  const next = [...order];
  const [item] = next.splice(from, 1);
  next.splice(to, 0, item!);
  return next;
}

/** How the search makes the schedules it compares: their days and broken rules, without reasons. */
const SEARCHING = { reasons: false } as const;

export function optimiseErpSequence(input: ScheduleInput, options: OptimiseOptions): OptimisedSequence {
  const defaultSchedule = generateSchedule(input);
  const defaultScore = scoreOf(defaultSchedule);
  const erpOf = new Map(input.sites.map((s) => [s.code, s.erp]));
  const withSites = new Set(input.sites.filter((s) => !s.excluded).map((s) => s.erp.toLowerCase()));
  const erps = input.erps.map((e) => e.code).filter((code) => withSites.has(code.toLowerCase()));
  const budget = evaluationBudget(input.sites.length, options.timeLimitSeconds);

  let best = { order: null as string[] | null, schedule: defaultSchedule, score: defaultScore };
  let evaluations = 1;
  let stopped = false;
  /** The score of every order scheduled so far. */
  const seen = new Map<string, SequenceScore>();
  /** Counts one more schedule against the budget; false (and the search stopped) when it is spent or cancelled. */
  const spend = (): boolean => {
    if (evaluations >= budget || options.cancelled?.()) {
      stopped = true;
      return false;
    }
    evaluations += 1;
    return true;
  };
  /** Schedules one order (once; null when it was scheduled before, or the search stopped); keeps it when it is strictly better, or as good and first in text order. */
  const evaluate = (order: string[]): SequenceScore | null => {
    const key = order.join('\u0000');
    if (seen.has(key) || !spend()) return null;
    const schedule = generateSchedule({ ...input, erpIntroductionOrder: order }, SEARCHING);
    const score = scoreOf(schedule);
    seen.set(key, score);
    const versus = compareScores(score, best.score);
    if (versus < 0 || (versus === 0 && best.order !== null && key < best.order.join('\u0000'))) best = { order, schedule, score };
    if (evaluations % 16 === 0) options.onProgress?.({ evaluations, budget, best: best.score });
    return score;
  };

  const exhaustive = erps.length <= 9 && factorial(erps.length) + 1 <= budget;
  if (exhaustive) {
    for (const order of permutations([...erps].sort())) {
      evaluate(order);
      if (stopped) break;
    }
  } else {
    // Local search by moving one ERP at a time, from the default's own order and two others a
    // planner would try: the ERPs with most sites first, and those whose first site is ready first.
    const count = new Map<string, number>();
    for (const s of input.sites) if (!s.excluded) count.set(s.erp, (count.get(s.erp) ?? 0) + 1);
    const starts = [
      introducedOrder(defaultSchedule, erpOf, erps),
      [...erps].sort((a, b) => (count.get(b) ?? 0) - (count.get(a) ?? 0) || (a < b ? -1 : 1)),
    ];
    /** Moves one ERP at a time while that helps: a local optimum of the order. */
    const descend = (start: string[]): { order: string[]; score: SequenceScore } => {
      let current = start;
      // A start already scheduled (a kick can land on one) keeps the score it had; only a stopped search schedules it outside the budget.
      let currentScore = evaluate(current) ?? seen.get(current.join('\u0000')) ?? scoreOf(generateSchedule({ ...input, erpIntroductionOrder: current }, SEARCHING));
      for (let improved = true; improved && !stopped; ) {
        improved = false;
        for (let from = 0; from < current.length && !stopped; from += 1) {
          for (let to = 0; to < current.length && !stopped; to += 1) {
            if (to === from) continue;
            const candidate = moved(current, from, to);
            const score = evaluate(candidate);
            if (score && compareScores(score, currentScore) < 0) {
              current = candidate;
              currentScore = score;
              improved = true;
            }
          }
        }
      }
      return { order: current, score: currentScore };
    };
    let incumbent = descend(starts[0]!);
    for (const start of starts.slice(1)) {
      const found = descend(start);
      if (compareScores(found.score, incumbent.score) < 0) incumbent = found;
    }
    // Then kicks out of the local optimum: two ERPs moved at once, in a fixed pattern, and descend
    // again; until the budget is spent or many kicks in a row found nothing better.
    const n = incumbent.order.length;
    for (let kick = 1, idle = 0; n > 2 && !stopped && idle < 40; kick += 1) {
      const once = moved(incumbent.order, (kick * 3) % n, (kick * 5 + 1) % n);
      const found = descend(moved(once, (kick * 7 + 2) % n, (kick * 2) % n));
      if (compareScores(found.score, incumbent.score) < 0) {
        incumbent = found;
        idle = 0;
      } else idle += 1;
    }
  }
  // Whether every order was tried is settled here, before the site moves spend what is left.
  const everyOrder = exhaustive && !stopped;
  const better = best.order !== null && compareScores(best.score, defaultScore) < 0;
  const ordered = better ? best : { order: null, schedule: defaultSchedule, score: defaultScore };
  const fromOrder = ordered.order ? { ...input, erpIntroductionOrder: ordered.order } : input;
  // The progress shows the best so far: the best order's, then with the moves that helped.
  const spendOnMove = (movesBest: SequenceScore) => {
    if (!spend()) return false;
    if (evaluations % 16 === 0) options.onProgress?.({ evaluations, budget, best: movesBest });
    return true;
  };
  const siteSearch = stopped ? null : searchSiteMoves(fromOrder, ordered, spendOnMove);
  const withSiteMoves = siteSearch && siteSearch.moves.length > 0 ? siteSearch : null;
  // The search compared schedules without their reasons: the one it chose is made again with them.
  const schedule = withSiteMoves ? generateSchedule(withMoves(fromOrder, withSiteMoves.moves)) : ordered.order ? generateSchedule(fromOrder) : defaultSchedule;
  const chosen = { order: ordered.order, schedule, score: withSiteMoves ? withSiteMoves.score : ordered.score };
  options.onProgress?.({ evaluations, budget, best: chosen.score });
  const siteMoves = siteSearch?.moves ?? [];
  const moves = compareScores(chosen.score, defaultScore) < 0 ? erpMoves(input, defaultSchedule, chosen.schedule) : [];
  return {
    erpOrder: chosen.order,
    siteMoves,
    schedule: chosen.schedule,
    defaultSchedule,
    score: chosen.score,
    defaultScore,
    evaluations,
    budget,
    exhaustive: everyOrder,
    proven: false,
    cancelled: stopped && !!options.cancelled?.(),
    moves,
    explanation: explain(chosen.score, defaultScore, chosen.schedule, defaultSchedule, moves, siteMoves, everyOrder),
  };
}

function waveAndGoLives(schedule: WaveSchedule): Map<string, { wave: number; goLive: string }> {
  return new Map(schedule.waves.flatMap((w) => w.sites.map((s) => [s.site, { wave: w.number, goLive: s.goLive }] as const)));
}

/** Per ERP whose first wave changed: where it comes in by default and in the sequence, and what its sites gain. */
export function erpMoves(input: ScheduleInput, before: WaveSchedule, after: WaveSchedule): ErpMove[] {
  const was = waveAndGoLives(before);
  const now = waveAndGoLives(after);
  const moves: ErpMove[] = [];
  for (const erp of input.erps) {
    const sites = input.sites.filter((s) => !s.excluded && s.erp.toLowerCase() === erp.code.toLowerCase()).map((s) => s.code);
    const firstWave = (placed: Map<string, { wave: number }>) => {
      const waves = sites.map((s) => placed.get(s)?.wave).filter((w): w is number => w !== undefined);
      return waves.length ? Math.min(...waves) : null;
    };
    const defaultWave = firstWave(was);
    const optimisedWave = firstWave(now);
    if (defaultWave === optimisedWave) continue;
    const shifts = sites.flatMap((s) => (was.has(s) && now.has(s) ? [daysBetween(was.get(s)!.goLive, now.get(s)!.goLive)] : []));
    const meanShiftDays = shifts.length ? Math.round((shifts.reduce((a, b) => a + b, 0) / shifts.length) * 10) / 10 : 0;
    moves.push({ erp: erp.code, name: erp.name, sites: sites.length, defaultWave, optimisedWave, meanShiftDays });
  }
  return moves.sort((a, b) => (a.optimisedWave ?? Infinity) - (b.optimisedWave ?? Infinity) || (a.erp < b.erp ? -1 : 1));
}

const waveWords = (wave: number | null) => (wave === null ? 'no wave' : wave === 0 ? 'the lighthouse wave' : `wave ${wave}`);
const waveCount = (now: number, before: number) => `${now} waves${now === before ? ', as before' : ` instead of ${before}`}`;
const days = (n: number) => `${Math.abs(n)} ${Math.abs(n) === 1 ? 'day' : 'days'}`;

export function explain(score: SequenceScore, base: SequenceScore, schedule: WaveSchedule, defaultSchedule: WaveSchedule, moves: ErpMove[], siteMoves: SiteMove[], exhaustive: boolean): string[] {
  if (compareScores(score, base) >= 0) {
    return [`No order of bringing in the ERPs, and no site moved to another wave, goes live earlier on average than the default${exhaustive ? ' (every order was tried)' : ''}.`];
  }
  const lines = moves.map((m) => {
    const gain = m.meanShiftDays === 0 ? 'its sites keep their days on average' : `${m.sites} ${m.sites === 1 ? 'site goes' : 'sites go'} live ${days(m.meanShiftDays)} ${m.meanShiftDays < 0 ? 'earlier' : 'later'} on average`;
    return `Bring ${m.name} in ${waveWords(m.optimisedWave)} instead of ${waveWords(m.defaultWave)}: ${gain}.`;
  });
  const was = waveAndGoLives(defaultSchedule);
  const now = waveAndGoLives(schedule);
  for (const move of siteMoves) {
    const before = was.get(move.site);
    const after = now.get(move.site);
    const shift = before && after ? daysBetween(before.goLive, after.goLive) : 0;
    const sameWave = move.wave === before?.wave;
    // A move with a day (the exact step's) stays in its wave only to take that day; one without goes first in it.
    const where = sameWave ? (move.goLive ? `in ${waveWords(move.wave)}` : `first in ${waveWords(move.wave)}`) : `in ${waveWords(move.wave)} instead of ${waveWords(before?.wave ?? null)}`;
    const when = after ? (move.goLive ? ` on ${after.goLive}` : `, live ${after.goLive}`) : '';
    lines.push(`Put ${move.site} ${where}${when}${shift === 0 ? '' : ` (${days(shift)} ${shift < 0 ? 'earlier' : 'later'})`}.`);
  }
  const meanBefore = base.placed ? base.totalDays / base.placed : 0;
  const meanAfter = score.placed ? score.totalDays / score.placed : 0;
  const percent = meanBefore ? ((meanBefore - meanAfter) / meanBefore) * 100 : 0;
  const last = score.lastDays - base.lastDays;
  // The outcome first, then the changes that make it: a long list of moves must not hide it.
  const outcome = `Mean go-live ${days(Math.round((meanBefore - meanAfter) * 10) / 10)} earlier (${percent.toFixed(1)}%); last go-live ${last === 0 ? 'on the same day' : `${days(last)} ${last < 0 ? 'earlier' : 'later'}`}; ${waveCount(schedule.waves.length - 1, defaultSchedule.waves.length - 1)}.`;
  return [outcome, ...lines];
}
