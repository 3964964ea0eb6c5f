/**
 * Random but reproducible plans for property tests and benchmarks: unknown scores, missing target
 * dates, connectors in every state, blackouts, holidays, freeze windows, predecessor chains and cycles.
 */
import { CREW_PHASES, type Crew, type Erp, type Site } from '../../shared/domain';
import { fromDay, toDay } from '../../shared/scheduler/day-numbers';
import { DEFAULT_PLAYBOOK } from '../../shared/defaults';
import type { WavePlan } from '../../shared/interchange';
import type { ScheduleInput } from '../../shared/scheduler/types';
import { DEFAULT_SETTINGS, type PlanSettings } from '../../shared/settings';

/** mulberry32: a small seeded generator, so a failing seed can be replayed. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface GenerateOptions {
  seed: number;
  sites: number;
  erps?: number;
  regions?: number;
  /** Vary the scheduling settings too (property tests), or keep the defaults (benchmarks). */
  varySettings?: boolean;
  /** Share of sites with a predecessor link; a few of those links may close a cycle. */
  predecessorShare?: number;
  /** Add one to three crews of random phase and size (rule 13), or exactly these. */
  crews?: boolean | Crew[];
}

export function generatePlan(options: GenerateOptions): ScheduleInput {
  const rnd = random(options.seed);
  const int = (min: number, max: number) => min + Math.floor(rnd() * (max - min + 1));
  const chance = (p: number) => rnd() < p;
  const pick = <T>(items: readonly T[]) => items[Math.floor(rnd() * items.length)]!;
  const start = toDay('2027-01-04') + int(-60, 60);
  const day = (from: number, to: number) => fromDay(int(start + from, start + to));

  const settings: PlanSettings = { ...DEFAULT_SETTINGS };
  if (options.varySettings) {
    settings.maxSitesPerWave = int(1, 6);
    settings.minSitesPerWave = int(1, settings.maxSitesPerWave);
    settings.staggerDays = int(0, 10);
    settings.waveWindowDays = int(10, 40);
    settings.waveIntervalDays = int(settings.waveWindowDays, 45);
    settings.hypercareDays = int(0, 21);
    settings.maxNewErpsPerWave = int(1, 2);
    settings.lighthouseCandidateDays = int(0, 60);
    settings.prepDecay = pick([0.8, 0.9, 1]);
  }

  const dimensionCount = int(1, 4);
  const dimensions = Array.from({ length: dimensionCount }, (_, i) => ({ key: `d${i}`, label: `Dimension ${i}`, weight: int(0, 3), threshold: int(50, 90) }));
  const erpCount = options.erps ?? int(1, 10);
  const statuses = ['not-started', 'in-build', 'validated'] as const;
  const erps: Erp[] = Array.from({ length: erpCount }, (_, i) => {
    const status = i === 0 ? 'validated' : pick(statuses);
    return {
      code: `ERP${i}`,
      name: `ERP ${i}`,
      vendor: '',
      version: '',
      connectorStatus: status,
      connectorReadyDate: chance(status === 'validated' ? 0.3 : 0.85) ? day(-30, 300) : null,
      notes: '',
    };
  });
  const regions = Array.from({ length: options.regions ?? int(1, 5) }, (_, i) => `Region ${i}`);
  const codes = Array.from({ length: options.sites }, (_, i) => `S${String(i).padStart(5, '0')}`);
  const predecessorShare = options.predecessorShare ?? 0.1;

  const sites: Site[] = codes.map((code, i) => {
    const readiness: Site['readiness'] = {};
    for (const d of dimensions) {
      const roll = rnd();
      if (roll < 0.03) continue; // never assessed, not even a target
      const score = roll < 0.12 ? null : chance(0.35) ? int(0, d.threshold - 1) : int(d.threshold, 100);
      readiness[d.key] = { score, targetDate: chance(0.92) ? day(-20, 250) : null };
    }
    const predecessors: string[] = [];
    if (i > 0 && chance(predecessorShare)) predecessors.push(codes[int(Math.max(0, i - 20), i - 1)]!);
    if (chance(predecessorShare / 10)) predecessors.push(codes[int(0, codes.length - 1)]!); // may close a cycle
    return {
      code,
      name: `Site ${code}`,
      region: pick(regions),
      country: '',
      timezone: 'UTC',
      erp: pick(erps).code,
      headcount: int(50, 3000),
      siteLead: { name: '', email: '' },
      leadershipWillingness: int(1, 5),
      workflowRepresentativeness: int(1, 5),
      technicalSophistication: int(1, 5),
      earliestGoLive: chance(0.1) ? day(30, 400) : null,
      blackouts: Array.from({ length: chance(0.3) ? int(1, 2) : 0 }, () => {
        const from = int(start, start + 500);
        return { from: fromDay(from), to: fromDay(from + int(0, 30)), reason: 'Shutdown' };
      }),
      predecessors: [...new Set(predecessors.filter((p) => p !== code))],
      pinnedWave: null,
      pinnedGoLive: null,
      excluded: chance(0.05),
      notes: '',
      readiness,
    };
  });

  // Now and then, two sites that wait for each other: a cycle the scheduler must refuse.
  if (sites.length >= 2 && chance(0.3)) {
    const a = sites[int(0, sites.length - 1)]!;
    const b = sites[int(0, sites.length - 1)]!;
    if (a !== b) {
      a.predecessors = [...new Set([...a.predecessors, b.code])];
      b.predecessors = [...new Set([...b.predecessors, a.code])];
    }
  }
  const holidays = [...new Set(Array.from({ length: int(0, 15) }, () => day(0, 700)))].sort();
  const freezeWindows = Array.from({ length: int(0, 3) }, () => {
    const from = int(start + 30, start + 700);
    return { from: fromDay(from), to: fromDay(from + int(2, 40)), reason: 'Freeze' };
  });
  // Drawn last, so that a plan without crews is the same plan as before crews existed.
  const crews: Crew[] = Array.isArray(options.crews)
    ? options.crews
    : options.crews
      ? Array.from({ length: int(1, 3) }, (_, i) => ({ name: `Crew ${i}`, size: int(1, 4), phase: pick(CREW_PHASES), notes: '' }))
      : [];
  return {
    startDate: fromDay(start),
    settings,
    holidays,
    freezeWindows,
    crews,
    dimensions,
    erps,
    sites,
    asOf: fromDay(start + int(-90, 30)),
    lighthouseOverride: null,
    lockedWaves: [],
  };
}

/** A generated plan as a `wave-plan` document, to make a plan file of it. */
export function wavePlanOf(input: ScheduleInput, name: string): WavePlan {
  return {
    format: 'wave-plan',
    version: 1,
    plan: { name, startDate: input.startDate, settings: input.settings, holidays: input.holidays, freezeWindows: input.freezeWindows, lighthouseOverride: null, crews: input.crews ?? [], erpOrder: input.erpIntroductionOrder ?? [] },
    readinessDimensions: input.dimensions,
    erps: input.erps,
    sites: input.sites,
    playbook: DEFAULT_PLAYBOOK,
  };
}
