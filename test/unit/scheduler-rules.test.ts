// Rule by rule, on small plans whose right answer was worked out by hand. The plan starts Monday
// 2027-01-04; with the default 60-day lighthouse lead the lighthouse goes live Friday 2027-03-05,
// and wave 1's window opens 14 + 30 days later, Sunday 2027-04-18 (first go-live Monday 04-19).
import { describe, expect, it } from 'vitest';
import { generateSchedule, prepLeadDays } from '../../shared/scheduler/schedule';
import { DEFAULT_SETTINGS } from '../../shared/settings';
import type { Crew } from '../../shared/domain';
import { erp, placements, scheduleInput, site } from '../support/schedule-input';

const lighthouse = () => site('A-LH', { leadershipWillingness: 5, workflowRepresentativeness: 5 });

describe('rule 4: the lighthouse', () => {
  it('goes live on its earliest feasible day: plan start + 60 days', () => {
    const schedule = generateSchedule(scheduleInput([lighthouse()]));
    expect(schedule.waves[0]).toMatchObject({ number: 0, prepLeadDays: 60, sites: [{ site: 'A-LH', goLive: '2027-03-05', prepStart: '2027-01-04', hypercareEnd: '2027-03-19' }] });
  });

  it('prefers willing, representative sites; sophistication earns nothing', () => {
    const schedule = generateSchedule(
      scheduleInput([
        site('COOP', { leadershipWillingness: 5, workflowRepresentativeness: 4, technicalSophistication: 1 }),
        site('TECH', { leadershipWillingness: 3, workflowRepresentativeness: 5, technicalSophistication: 5 }),
      ]),
    );
    expect(schedule.lighthouse!.site).toBe('COOP');
    // 0.40·1 + 0.35·0.75 + 0.25·1 = 0.9125; 0.40·0.5 + 0.35·1 + 0.25·1 = 0.8
    expect(schedule.lighthouse!.candidates).toEqual([
      { site: 'COOP', score: 0.9125, terms: { willingness: 0.4, representativeness: 0.2625, readiness: 0.25 } },
      { site: 'TECH', score: 0.8, terms: { willingness: 0.2, representativeness: 0.35, readiness: 0.25 } },
    ]);
  });

  it('breaks a tie for the less sophisticated site, then the lower code', () => {
    const tie = (code: string, t: number) => site(code, { technicalSophistication: t });
    expect(generateSchedule(scheduleInput([tie('A', 4), tie('B', 2)])).lighthouse!.site).toBe('B');
    expect(generateSchedule(scheduleInput([tie('B', 2), tie('A', 2)])).lighthouse!.site).toBe('A');
  });

  it('counts an unknown score as 0 in the readiness term', () => {
    const schedule = generateSchedule(scheduleInput([site('U', { score: null, target: '2026-12-15' }), site('K', { score: 80 })]));
    const unknown = schedule.lighthouse!.candidates.find((c) => c.site === 'U')!;
    expect(unknown.terms.readiness).toBe(0);
    expect(schedule.lighthouse!.site).toBe('K');
  });

  it('considers only sites able to go live within 45 days of the earliest', () => {
    const late = site('LATE', { leadershipWillingness: 5, workflowRepresentativeness: 5, score: 40, target: '2027-04-01' });
    const schedule = generateSchedule(scheduleInput([late, site('EARLY')]));
    expect(schedule.lighthouse!.site).toBe('EARLY');
    expect(schedule.lighthouse!.candidates.map((c) => c.site)).toEqual(['EARLY']);
  });

  it('lets the program manager override the choice', () => {
    const schedule = generateSchedule(scheduleInput([lighthouse(), site('B')], { lighthouseOverride: 'B' }));
    expect(schedule.lighthouse!.site).toBe('B');
    expect(schedule.waves[0]!.sites[0]!.reasons[0]).toContain('chosen by the program manager (the computed choice was A-LH)');
    expect(placements(schedule)['A-LH']![0]).toBe(1);
  });
});

describe('rules 5 to 7: learning gap, windows, stagger, size, prep lead', () => {
  it('opens wave 1 after hypercare and sign-off, staggers go-lives a week apart, at most 4 a wave', () => {
    const sites = [lighthouse(), ...['B', 'C', 'D', 'E', 'F'].map((c) => site(c))];
    const schedule = generateSchedule(scheduleInput(sites));
    expect(schedule.waves[1]).toMatchObject({ number: 1, windowStart: '2027-04-18', windowEnd: '2027-05-17', prepLeadDays: 45 });
    expect(schedule.waves[1]!.sites.map((s) => [s.site, s.goLive])).toEqual([
      ['B', '2027-04-19'],
      ['C', '2027-04-26'],
      ['D', '2027-05-03'],
      ['E', '2027-05-10'],
    ]);
    expect(schedule.waves[2]).toMatchObject({ number: 2, windowStart: '2027-05-18', prepLeadDays: 41, sites: [{ site: 'F', goLive: '2027-05-18' }] });
    expect(schedule.warnings).toEqual([{ wave: 2, message: 'Wave 2 has 1 site, fewer than 3 (expected for the last wave)' }]);
  });

  it('shrinks the prep lead by 10% a wave down to 21 days', () => {
    const leads = Array.from({ length: 10 }, (_, k) => prepLeadDays(k + 1, DEFAULT_SETTINGS));
    expect(leads).toEqual([45, 41, 37, 33, 30, 27, 24, 22, 21, 21]);
    expect(prepLeadDays(0, DEFAULT_SETTINGS)).toBe(60);
  });

  it('skips a window in which nobody can go live, and numbers waves over the windows used', () => {
    // B is ready 2027-05-01; with 45 days of prep it cannot go live before 06-15, after the first window.
    const schedule = generateSchedule(scheduleInput([lighthouse(), site('B', { score: 50, target: '2027-05-01' })]));
    expect(schedule.waves[1]).toMatchObject({ number: 1, windowStart: '2027-05-18', windowEnd: '2027-06-16', sites: [{ site: 'B', goLive: '2027-06-15' }] });
    expect(schedule.waves[1]!.sites[0]!.reasons).toContain('Earliest go-live 2027-06-15: ready 2027-05-01 (Readiness target) + 45 days prep');
  });
});

describe('rules 2 and 3: working days, blackouts, freezes', () => {
  it('never goes live on a weekend or a plan holiday', () => {
    const schedule = generateSchedule(scheduleInput([lighthouse(), site('B')], { holidays: ['2027-04-19'] }));
    expect(placements(schedule).B).toEqual([1, '2027-04-20']);
  });

  it('keeps the whole hypercare clear of the site blackout', () => {
    const blackout = { from: '2027-04-25', to: '2027-04-30', reason: 'Audit' };
    const schedule = generateSchedule(scheduleInput([lighthouse(), site('B', { blackouts: [blackout] })]));
    expect(placements(schedule).B).toEqual([1, '2027-05-03']);
    expect(schedule.waves[1]!.sites[0]!.reasons).toContain('go-live moved to 2027-05-03 to keep hypercare clear of Audit');
  });

  it('keeps hypercare clear of plan freezes, skipping a frozen window', () => {
    const schedule = generateSchedule(scheduleInput([lighthouse(), site('B')], { freezeWindows: [{ from: '2027-04-18', to: '2027-05-31', reason: 'Freeze' }] }));
    expect(schedule.waves[1]).toMatchObject({ number: 1, windowStart: '2027-05-18', sites: [{ site: 'B', goLive: '2027-06-01' }] });
  });

  it("waits for the site's earliest go-live and its ERP connector", () => {
    const schedule = generateSchedule(
      scheduleInput([lighthouse(), site('B', { earliestGoLive: '2027-05-05' }), site('C', { erp: 'E2' })], {
        erps: [erp('E1'), erp('E2', { connectorStatus: 'in-build', connectorReadyDate: '2027-06-02' })],
      }),
    );
    expect(placements(schedule).B).toEqual([1, '2027-05-05']);
    expect(placements(schedule).C).toEqual([2, '2027-06-02']);
  });
});

describe('rule 1: readiness', () => {
  it('cannot schedule a site with a dimension below threshold, or never assessed, and no target date', () => {
    const schedule = generateSchedule(scheduleInput([lighthouse(), site('LOW', { score: 40 }), site('UNK', { score: null })]));
    expect(schedule.unscheduled).toEqual([
      { site: 'LOW', rule: 'readiness', reason: 'Readiness is 40, below 70, and has no target date: set one to schedule this site' },
      { site: 'UNK', rule: 'readiness', reason: 'Readiness has never been assessed and has no target date: assess it or set a target date to schedule this site' },
    ]);
  });

  it('cannot schedule a site whose connector is not validated and has no ready date', () => {
    const schedule = generateSchedule(scheduleInput([lighthouse(), site('Q', { erp: 'E2' })], { erps: [erp('E1'), erp('E2', { connectorStatus: 'not-started' })] }));
    expect(schedule.unscheduled).toEqual([{ site: 'Q', rule: 'erp-connector', reason: 'ERP E2 connector is not-started with no ready date: set a connector ready date to schedule this site' }]);
  });
});

describe('rules 8 and 10: ERP risk and priority', () => {
  it('brings at most one new ERP a wave, and prefers a proven connector', () => {
    const sites = [lighthouse(), site('N2', { erp: 'E2' }), site('N3', { erp: 'E3' }), site('OLD', { erp: 'E1' })];
    const schedule = generateSchedule(scheduleInput(sites));
    const placed = placements(schedule);
    expect(placed.OLD![0]).toBe(1);
    expect(placed.N2![0]).toBe(1);
    expect(placed.N3![0]).toBe(2);
    expect(schedule.waves[1]!.sites[0]!.site).toBe('OLD');
    expect(schedule.waves[2]!.sites[0]!.reasons).toContain('Held back from wave 1: it already brought a new ERP (ERP E2)');
  });

  it('goes by earlier ready date first, then region, willingness, representativeness and code', () => {
    const sites = [
      lighthouse(),
      site('W1', { region: 'South', leadershipWillingness: 5 }),
      site('R1', { region: 'North', score: 60, target: '2026-12-20' }),
      site('Z9', { region: 'North' }),
      site('Y9', { region: 'South', leadershipWillingness: 5, workflowRepresentativeness: 5 }),
      site('X9', { region: 'South', leadershipWillingness: 2 }),
    ];
    const schedule = generateSchedule(scheduleInput(sites));
    // Ready-now sites before R1. Y9 (willingness 5, representativeness 5) leads; then the South sites,
    // which share Y9's region: W1 (willingness 5), X9; then Z9. R1 waits for the next wave.
    expect(schedule.waves[1]!.sites.map((s) => s.site)).toEqual(['Y9', 'W1', 'X9', 'Z9']);
    expect(placements(schedule).R1![0]).toBe(2);
  });
});

describe('rule 9: predecessors', () => {
  it('puts a site in a later wave than its predecessors and ignores excluded ones', () => {
    const sites = [lighthouse(), site('B', { predecessors: ['C'] }), site('C'), site('D', { predecessors: ['GONE'] }), site('GONE', { excluded: true })];
    const placed = placements(generateSchedule(scheduleInput(sites)));
    expect(placed.C![0]).toBe(1);
    expect(placed.B![0]).toBe(2);
    expect(placed.D![0]).toBe(1);
    expect(placed.GONE).toBeUndefined();
  });

  it('cannot schedule a cycle, nor the successors of an unschedulable site', () => {
    const sites = [lighthouse(), site('P', { predecessors: ['Q'] }), site('Q', { predecessors: ['P'] }), site('S', { predecessors: ['U'] }), site('U', { score: 10 })];
    const schedule = generateSchedule(scheduleInput(sites));
    expect(schedule.unscheduled.map((u) => [u.site, u.rule])).toEqual([
      ['P', 'predecessor-cycle'],
      ['Q', 'predecessor-cycle'],
      ['S', 'predecessor'],
      ['U', 'readiness'],
    ]);
    expect(schedule.unscheduled[0]!.reason).toContain('P → Q → P');
  });
});

describe('rule 11: pins and locks', () => {
  it('keeps a pinned site in its wave, and reports the rule a pin breaks', () => {
    const sites = [lighthouse(), site('B', { pinnedWave: 2 }), site('C'), site('D', { pinnedWave: 1, pinnedGoLive: '2027-04-24' })];
    const schedule = generateSchedule(scheduleInput(sites));
    const placed = placements(schedule);
    expect(placed.B![0]).toBe(2);
    expect(placed.C![0]).toBe(1);
    expect(placed.D).toEqual([1, '2027-04-24']);
    expect(schedule.violations).toEqual([{ site: 'D', rule: 'working-day', message: 'goes live 2027-04-24, which is not a working day' }]);
  });

  it('places a site pinned beyond the last wave in the next wave, and says so', () => {
    const schedule = generateSchedule(scheduleInput([lighthouse(), site('B'), site('C', { pinnedWave: 9 })]));
    expect(placements(schedule).C![0]).toBe(2);
    expect(schedule.violations).toEqual([{ site: 'C', rule: 'pin', message: 'pinned to wave 9, but the plan needs only 1 waves before it: placed in wave 2' }]);
  });

  it('keeps a locked wave as it was, reporting what it now breaks', () => {
    const first = generateSchedule(scheduleInput([lighthouse(), site('B'), site('C')]));
    const wave1 = first.waves[1]!;
    const locked = [{ number: 1, windowStart: wave1.windowStart, windowEnd: wave1.windowEnd, prepLeadDays: wave1.prepLeadDays, sites: wave1.sites.map((s) => ({ site: s.site, goLive: s.goLive })) }];
    const again = generateSchedule(scheduleInput([lighthouse(), site('B', { score: 10, target: '2027-09-01' }), site('C')], { lockedWaves: locked }));
    expect(placements(again).B).toEqual(placements(first).B);
    expect(again.violations.map((v) => [v.site, v.rule])).toEqual([['B', 'readiness']]);
  });
});

describe('rule 12: determinism', () => {
  it('gives the same schedule for the same plan in any order', () => {
    const sites = [lighthouse(), ...'BCDEFGHIJ'.split('').map((c, i) => site(c, { region: i % 2 ? 'South' : 'North', erp: `E${(i % 3) + 1}` }))];
    const a = JSON.stringify(generateSchedule(scheduleInput(sites)));
    const b = JSON.stringify(generateSchedule(scheduleInput([...sites].reverse())));
    expect(b).toBe(a);
  });
});

describe('rule 13: crews', () => {
  // Lighthouse A-LH on 2027-03-05 (prep from 01-04, hypercare to 03-19); wave 1 opens 04-18 with
  // 45 days of prep, wave 2 on 05-18 with 41, wave 3 on 06-17 with 37. B, C and D are ready at once.
  const three = () => [lighthouse(), site('B'), site('C'), site('D')];
  const withCrew = (phase: Crew['phase'], size: number) => scheduleInput(three(), { crews: [{ name: 'Team', size, phase, notes: '' }] });

  it('hypercare: one site at a time from its go-live to the end of its hypercare', () => {
    const schedule = generateSchedule(withCrew('hypercare', 1));
    // B 04-19 (hypercare to 05-03); C the day after, 05-04 (to 05-18); D cannot start before 05-19: wave 2.
    expect(placements(schedule)).toMatchObject({ B: [1, '2027-04-19'], C: [1, '2027-05-04'], D: [2, '2027-05-19'] });
    const d = schedule.waves[2]!.sites[0]!;
    expect(d.reasons).toContain('Held back from wave 1: crew "Team" (1 at a time) was full until 2027-05-18, frees up on 2027-05-19');
    expect(schedule.waves[1]!.sites[1]!.reasons).toContain('go-live moved to 2027-05-04: crew "Team" (1 at a time) is full until 2027-05-03');
    expect(schedule.violations).toEqual([]);
  });

  it('prep: one site at a time from its prep start to the day before its go-live', () => {
    const schedule = generateSchedule(withCrew('prep', 1));
    // B 04-19 (prep 03-05 – 04-18). C's prep starts 04-19 at the earliest: in wave 2 (41 days) that is 05-30, a Sunday, so 05-31.
    // D's prep then starts 05-31: in wave 3 (37 days), 07-07.
    expect(placements(schedule)).toMatchObject({ B: [1, '2027-04-19'], C: [2, '2027-05-31'], D: [3, '2027-07-07'] });
    expect(schedule.violations).toEqual([]);
  });

  it('cutover: one site at a time from a week before its go-live to a week after', () => {
    const schedule = generateSchedule(withCrew('cutover', 1));
    // B 04-19 (cutover 04-12 – 04-26); C 05-04 (04-27 – 05-11); D from 05-19 (after 05-11): wave 2.
    expect(placements(schedule)).toMatchObject({ B: [1, '2027-04-19'], C: [1, '2027-05-04'], D: [2, '2027-05-19'] });
  });

  it('rollout: two sites at a time from prep start to the end of hypercare', () => {
    const schedule = generateSchedule(withCrew('rollout', 2));
    // Lighthouse 01-04 – 03-19, B 03-05 – 05-03: C may start its prep on 03-20 only (go-live 05-04, to 05-18);
    // D on 05-04 only, after B: in wave 2 (41 days) that is 06-14.
    expect(placements(schedule)).toMatchObject({ B: [1, '2027-04-19'], C: [1, '2027-05-04'], D: [2, '2027-06-14'] });
    expect(schedule.violations).toEqual([]);
  });

  it('keeps pins that overload a crew and names the crew and the days', () => {
    // C and D pinned to wave 1 go live a week apart (04-19, 04-26): their hypercares overlap 04-26 – 05-03.
    const pinned = three().map((s) => (s.code === 'C' || s.code === 'D' ? { ...s, pinnedWave: 1 } : s));
    const schedule = generateSchedule(scheduleInput(pinned, { crews: [{ name: 'Hypercare desk', size: 1, phase: 'hypercare', notes: '' }] }));
    expect(placements(schedule)).toMatchObject({ C: [1, '2027-04-19'], D: [1, '2027-04-26'] });
    const message = 'crew "Hypercare desk" (1 at a time) would serve 2 sites on 2027-04-26 – 2027-05-03';
    expect(schedule.violations.filter((v) => v.rule === 'crew')).toEqual([
      { site: 'C', rule: 'crew', message },
      { site: 'D', rule: 'crew', message },
    ]);
    // The scheduler's own sites keep clear of the crew around the pins: B after D's hypercare (to 05-10).
    expect(placements(schedule).B).toEqual([1, '2027-05-11']);
  });

  it('changes nothing for a plan without crews', () => {
    const sites = three();
    expect(JSON.stringify(generateSchedule(scheduleInput(sites, { crews: [] })))).toBe(JSON.stringify(generateSchedule(scheduleInput(sites))));
  });
});

describe('the optimised sequence: an order in which ERPs come in', () => {
  it('gives each wave’s new-ERP slot to the next ERP of the order, keeping every other rule', () => {
    const sites = [lighthouse(), site('N2', { erp: 'E2' }), site('N3', { erp: 'E3' }), site('N3B', { erp: 'E3' })];
    // Rule 10 alone: E2's site is first by code among equals, so E2 comes in wave 1 and E3 waits.
    expect(placements(generateSchedule(scheduleInput(sites)))).toMatchObject({ N2: [1, '2027-04-19'], N3: [2, '2027-05-18'], N3B: [2, '2027-05-25'] });
    const reordered = generateSchedule(scheduleInput(sites, { erpIntroductionOrder: ['E3', 'E2'] }));
    expect(placements(reordered)).toMatchObject({ N3: [1, '2027-04-19'], N3B: [1, '2027-04-26'], N2: [2, '2027-05-18'] });
    expect(reordered.violations).toEqual([]);
    expect(reordered.waves[2]!.sites[0]!.reasons).toContain('Held back from wave 1: it already brought a new ERP (ERP E3)');
  });
});
