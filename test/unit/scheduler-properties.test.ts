// Properties that must hold on every generated plan of 1–300 sites: every hard rule for every placed
// site, every active site accounted for exactly once, determinism, and work conservation.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CrewLoads } from '../../shared/scheduler/crews';
import { generateSchedule } from '../../shared/scheduler/schedule';
import { earliestWithLead } from '../../shared/scheduler/site-model';
import type { ScheduleInput, WaveSchedule } from '../../shared/scheduler/types';
import { checked } from '../support/check-schedule';
import { generatePlan } from '../support/generate-plan';

const plans = fc
  .record({ seed: fc.integer(), sites: fc.integer({ min: 1, max: 300 }), varySettings: fc.boolean() })
  .map((o) => ({ options: o, input: generatePlan(o) }));

/** The same plans with one to three crews of random phase and size (rule 13). */
const plansWithCrews = fc
  .record({ seed: fc.integer(), sites: fc.integer({ min: 1, max: 200 }), varySettings: fc.boolean() })
  .map((o) => ({ options: o, input: generatePlan({ ...o, crews: true }) }));

const RUNS = { numRuns: 120 };

function properties(plans: fc.Arbitrary<{ input: ScheduleInput }>, runs: { numRuns: number }) {
  it('keeps every hard rule for every placed site', () => {
    fc.assert(
      fc.property(plans, ({ input }) => {
        const schedule = generateSchedule(input);
        expect(schedule.violations).toEqual([]);
        expect(checked(input, schedule).violations).toEqual([]);
        for (const wave of schedule.waves) {
          if (wave.number >= 1) expect(wave.sites.length).toBeLessThanOrEqual(input.settings.maxSitesPerWave);
        }
      }),
      runs,
    );
  });

  it('places every active site exactly once or names the rule that blocks it', () => {
    fc.assert(
      fc.property(plans, ({ input }) => {
        const schedule = generateSchedule(input);
        const placed = schedule.waves.flatMap((w) => w.sites.map((s) => s.site));
        const unscheduled = schedule.unscheduled.map((u) => u.site);
        const active = input.sites.filter((s) => !s.excluded).map((s) => s.code).sort();
        expect([...placed, ...unscheduled].sort()).toEqual(active);
        expect(new Set(placed).size).toBe(placed.length);
        for (const u of schedule.unscheduled) {
          expect(u.rule).toMatch(/^(readiness|erp-connector|predecessor|predecessor-cycle|horizon)$/);
          expect(u.reason.length).toBeGreaterThan(10);
        }
        if (placed.length > 0) expect(schedule.waves[0]!.number).toBe(0);
      }),
      runs,
    );
  });

  it('is deterministic, whatever the order of the sites', () => {
    fc.assert(
      fc.property(plans, ({ input }) => {
        const once = JSON.stringify(generateSchedule(input));
        expect(JSON.stringify(generateSchedule(input))).toBe(once);
        expect(JSON.stringify(generateSchedule({ ...input, sites: [...input.sites].reverse() }))).toBe(once);
        // Made without reasons (as the optimised sequence compares schedules), everything else is the same.
        const withoutReasons = (schedule: WaveSchedule) => ({ ...schedule, waves: schedule.waves.map((w) => ({ ...w, sites: w.sites.map((p) => ({ ...p, reasons: [] })) })) });
        expect(generateSchedule(input, { reasons: false })).toEqual(withoutReasons(JSON.parse(once) as WaveSchedule));
      }),
      { numRuns: Math.ceil(runs.numRuns / 2) },
    );
  });

  it('never leaves a wave with room while a site that fits it waits for a later one', () => {
    fc.assert(
      fc.property(plans, ({ input }) => {
        const schedule = generateSchedule(input);
        const { model, calendar, waves } = checked(input, schedule);
        const s = input.settings;
        const waveOf = new Map<number, number>();
        for (const w of waves) for (const p of w.sites) waveOf.set(p.index, w.number);
        const later = model.sites.filter((m) => !m.blocked);
        for (const wave of waves) {
          if (wave.number === 0 || wave.sites.length >= s.maxSitesPerWave) continue;
          const liveBefore = new Set(waves.filter((w) => w.number < wave.number).flatMap((w) => w.sites.map((p) => model.sites[p.index]!.erpIndex)));
          const newErps = new Set(wave.sites.map((p) => model.sites[p.index]!.erpIndex).filter((e) => !liveBefore.has(e)));
          const taken = wave.sites.map((p) => p.goLive);
          // Rule 13: the crews' load of the sites placed up to this wave, when it was filled.
          const loads = new CrewLoads(input.crews ?? [], s.hypercareDays);
          for (const w of waves) if (w.number <= wave.number) for (const p of w.sites) loads.add(p.goLive, w.prepLeadDays);
          for (const m of later) {
            const placedIn = waveOf.get(m.index);
            if (placedIn !== undefined && placedIn <= wave.number) continue;
            if (m.predecessors.some((p) => (waveOf.get(p) ?? Infinity) >= wave.number)) continue;
            if (!liveBefore.has(m.erpIndex) && !newErps.has(m.erpIndex) && newErps.size >= s.maxNewErpsPerWave) continue;
            const from = Math.max(wave.windowStart, earliestWithLead(m, wave.prepLeadDays));
            const fit = calendar.firstFeasibleDay(from, wave.windowEnd, m.blackouts, taken, s.staggerDays, { loads, prepLead: wave.prepLeadDays });
            expect(fit, `${m.code} fits wave ${wave.number} but went to ${placedIn ?? 'no wave'}`).toBeNull();
          }
        }
      }),
      runs,
    );
  });
}

describe('the scheduler on generated plans', () => properties(plans, RUNS));
describe('the scheduler on generated plans with crews', () => properties(plansWithCrews, { numRuns: 80 }));
