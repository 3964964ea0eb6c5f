/**
 * The scheduler: a pure, deterministic function from a plan and an as-of date to a wave schedule
 * (PRODUCT.md section 3). Waves are filled window by window; within a window the best site that
 * fits goes next, so no window is left with room while a site that fits it waits for a later one.
 * Sites wait in one priority queue per (ERP, region), so a window costs O(groups + placements·log n).
 */
import TinyQueue from 'tinyqueue';
import type { PlanSettings } from '../settings';
import { toRanges, WorkCalendar, type CrewFit } from './calendar';
import { checkSchedule, type WaveToCheck } from './check';
import { CrewLoads, crewSpan, type CrewBlock } from './crews';
import { fromDay, toDay, type DayNumber } from './day-numbers';
import { heldBackContext, heldBackReasons, learningGapReason, type HeldBackContext } from './held-back';
import { lighthouseGoLive, rankLighthouseCandidates, SEARCH_HORIZON_DAYS, type ScoredCandidate } from './lighthouse';
import { buildPlanModel, earliestReason, earliestWithLead, type PlanModel, type SiteModel } from './site-model';
import type { LockedWave, PlacedSite, ScheduleInput, ScheduledWave, Unscheduled, Violation, WaveSchedule, WaveWarning } from './types';

/** No schedule runs longer than this many wave windows; sites left then are reported, not looped on. */
const MAX_WINDOWS = 100_000;

/** Rule 7: the prep lead of wave k (wave 0 is the lighthouse). */
export function prepLeadDays(wave: number, settings: PlanSettings): number {
  if (wave === 0) return settings.lighthousePrepDays;
  // The small epsilon keeps 45 × 0.9⁰ from becoming 46 through floating-point noise.
  return Math.max(settings.minPrepDays, Math.ceil(settings.basePrepDays * settings.prepDecay ** (wave - 1) - 1e-9));
}

interface Placement {
  index: number;
  goLive: DayNumber;
  pinned: boolean;
  notes: string[];
}

interface BuiltWave {
  number: number;
  windowStart: DayNumber;
  windowEnd: DayNumber;
  prepLeadDays: number;
  locked: boolean;
  placements: Placement[];
  newErps: number[];
  /** Its sites already count in the crews' load (a filled window adds each site as it takes it). */
  loaded?: boolean;
  /** The crew that left no day in the window for another site, and until when (rule 13). */
  crewStop?: CrewBlock;
}

interface Group {
  erpIndex: number;
  regionIndex: number;
  queue: TinyQueue<SiteModel>;
}

const byCode = (a: { code: string }, b: { code: string }) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);
const readyKey = (m: SiteModel) => m.readyDay ?? -Infinity;
/** Earlier ready date first; "ready now" (no date) before any date. Never NaN, unlike -Infinity minus itself. */
const compareReady = (a: SiteModel, b: SiteModel) => (readyKey(a) < readyKey(b) ? -1 : readyKey(a) > readyKey(b) ? 1 : 0);

/** Rule 10 within one (ERP, region) group: earlier ready date, higher willingness and representativeness, lower code. */
function groupOrder(a: SiteModel, b: SiteModel): number {
  return (
    compareReady(a, b) ||
    b.site.leadershipWillingness - a.site.leadershipWillingness ||
    b.site.workflowRepresentativeness - a.site.workflowRepresentativeness ||
    byCode(a, b)
  );
}

class WaveScheduler {
  readonly model: PlanModel;
  readonly calendar: WorkCalendar;
  readonly settings: PlanSettings;
  readonly waves: BuiltWave[] = [];
  readonly waveOf: Int32Array;
  readonly violations: Violation[] = [];
  /** 1 for each ERP that went live in a closed wave. */
  private readonly liveErps: Uint8Array;
  /** Each site's place in the rule-10 order within its (ERP, region) group, so queues compare integers. */
  private readonly rank: Int32Array;
  private readonly predecessorsLeft: Int32Array;
  /** The wave each site first waited for, to explain why it went later. */
  readonly released = new Map<number, number>();
  /** The wave each site was first ready and early enough for, predecessors aside. */
  readonly readyIn = new Map<number, number>();
  /** Rule 13: how many sites each crew serves on each day, counting the sites placed so far. */
  readonly crews: CrewLoads;

  private readonly reserved = new Set<number>();
  private readonly pins = new Map<number, number[]>();
  private readonly groups = new Map<number, Group>();
  private readonly groupList: Group[] = [];
  private readonly byPrepFloor: SiteModel[];
  private readonly byFixedFloor: SiteModel[];
  private prepPointer = 0;
  private fixedPointer = 0;
  private readonly prepReached: Uint8Array;
  private readonly fixedReached: Uint8Array;
  private waitingRegular = 0;
  /** The optimised sequence (ERP indexes, every ERP once) and each ERP's sites still to place; null: rule 10 decides. */
  private readonly introduction: number[] | null;
  private readonly waitingOnErp: Int32Array;
  lighthouse: { chosen: SiteModel; score: number; candidates: ScoredCandidate[] } | null = null;

  constructor(readonly input: ScheduleInput) {
    this.settings = input.settings;
    this.model = buildPlanModel(input);
    this.calendar = new WorkCalendar(input.holidays.map(toDay), toRanges(input.freezeWindows), input.settings.hypercareDays);
    this.crews = new CrewLoads(input.crews ?? [], input.settings.hypercareDays);
    const n = this.model.sites.length;
    this.waveOf = new Int32Array(n).fill(-1);
    this.predecessorsLeft = new Int32Array(n);
    this.prepReached = new Uint8Array(n);
    this.fixedReached = new Uint8Array(n);
    for (const site of this.model.sites) this.predecessorsLeft[site.index] = site.predecessors.length;
    this.liveErps = new Uint8Array(this.model.erps.length);
    this.rank = new Int32Array(n);
    [...this.model.sites].sort(groupOrder).forEach((m, position) => (this.rank[m.index] = position));
    const regular = this.model.sites.filter((m) => !m.blocked);
    this.byPrepFloor = [...regular].sort((a, b) => a.prepFloor - b.prepFloor || a.index - b.index);
    this.byFixedFloor = [...regular].sort((a, b) => a.fixedFloor - b.fixedFloor || a.index - b.index);
    this.waitingOnErp = new Int32Array(this.model.erps.length);
    this.introduction = input.erpIntroductionOrder ? introductionOrder(input.erpIntroductionOrder, this.model.erps) : null;
  }

  /**
   * Whether the optimised sequence lets this wave bring `erp`: it must be among the first ERPs of the
   * sequence that are not live, not already new in the wave and still have sites waiting, one per free slot.
   */
  private mayIntroduce(erp: number, wave: BuiltWave): boolean {
    if (!this.introduction) return true;
    let slots = this.settings.maxNewErpsPerWave - wave.newErps.length;
    for (const next of this.introduction) {
      if (slots <= 0) return false;
      if (next === erp) return true;
      if (!this.liveErps[next] && !wave.newErps.includes(next) && this.waitingOnErp[next]! > 0) slots -= 1;
    }
    return false;
  }

  private site(code: string): SiteModel | undefined {
    return this.model.byCode.get(code.toLowerCase());
  }

  /** Locked waves, pins and the lighthouse override take their sites out of the open pool. */
  private reserve(locked: LockedWave[]): void {
    for (const wave of locked) for (const s of wave.sites) {
      const m = this.site(s.site);
      if (m) this.reserved.add(m.index);
    }
    for (const m of this.model.sites) {
      const wave = m.site.pinnedWave;
      if (wave === null || wave === 0 || this.reserved.has(m.index)) continue;
      this.reserved.add(m.index);
      const list = this.pins.get(wave) ?? [];
      list.push(m.index);
      this.pins.set(wave, list);
    }
    for (const m of this.model.sites) {
      if (m.blocked || this.reserved.has(m.index)) continue;
      this.waitingRegular += 1;
      if (m.erpIndex >= 0) this.waitingOnErp[m.erpIndex] = this.waitingOnErp[m.erpIndex]! + 1;
    }
  }

  private closeWave(wave: BuiltWave): void {
    this.waves.push(wave);
    if (!wave.loaded) for (const p of wave.placements) this.crews.add(p.goLive, wave.prepLeadDays);
    for (const p of wave.placements) {
      this.waveOf[p.index] = wave.number;
      const site = this.model.sites[p.index]!;
      if (site.erpIndex >= 0) this.liveErps[site.erpIndex] = 1;
      if (!this.reserved.has(p.index) && !site.blocked) {
        this.waitingRegular -= 1;
        if (site.erpIndex >= 0) this.waitingOnErp[site.erpIndex] = this.waitingOnErp[site.erpIndex]! - 1;
      }
    }
    // Successors may join from the next wave on (rule 9).
    for (const p of wave.placements) {
      for (const s of this.model.sites[p.index]!.successors) {
        this.predecessorsLeft[s] = this.predecessorsLeft[s]! - 1;
        this.tryRelease(this.model.sites[s]!, wave.number + 1);
      }
    }
  }

  private tryRelease(m: SiteModel, waveNumber: number): void {
    if (m.blocked || this.reserved.has(m.index) || this.released.has(m.index) || this.waveOf[m.index]! >= 0) return;
    if (!this.prepReached[m.index] || !this.fixedReached[m.index]) return;
    if (!this.readyIn.has(m.index)) this.readyIn.set(m.index, waveNumber);
    if (this.predecessorsLeft[m.index]! > 0) return;
    this.released.set(m.index, waveNumber);
    const key = m.erpIndex * (this.model.regions.length + 1) + m.regionIndex;
    let group = this.groups.get(key);
    if (!group) {
      const rank = this.rank;
      group = { erpIndex: m.erpIndex, regionIndex: m.regionIndex, queue: new TinyQueue<SiteModel>([], (a, b) => rank[a.index]! - rank[b.index]!) };
      this.groups.set(key, group);
      this.groupList.push(group);
      this.groupList.sort((a, b) => a.erpIndex - b.erpIndex || a.regionIndex - b.regionIndex);
    }
    group.queue.push(m);
  }

  /** Sites whose earliest go-live with lead `lead` falls on or before `windowEnd` join the pool. */
  private releaseUpTo(windowEnd: DayNumber, lead: number, waveNumber: number): void {
    while (this.prepPointer < this.byPrepFloor.length && this.byPrepFloor[this.prepPointer]!.prepFloor + lead <= windowEnd) {
      const m = this.byPrepFloor[this.prepPointer++]!;
      this.prepReached[m.index] = 1;
      this.tryRelease(m, waveNumber);
    }
    while (this.fixedPointer < this.byFixedFloor.length && this.byFixedFloor[this.fixedPointer]!.fixedFloor <= windowEnd) {
      const m = this.byFixedFloor[this.fixedPointer++]!;
      this.fixedReached[m.index] = 1;
      this.tryRelease(m, waveNumber);
    }
  }

  chooseLighthouse(): BuiltWave | null {
    const s = this.settings;
    const locked = this.input.lockedWaves?.find((w) => w.number === 0);
    const eligible = this.model.sites.filter(
      (m) => !m.blocked && m.predecessors.length === 0 && !this.reserved.has(m.index) && (m.site.pinnedWave === null || m.site.pinnedWave === 0),
    );
    const ranked = rankLighthouseCandidates(eligible, this.calendar, s.lighthousePrepDays, s.lighthouseCandidateDays);
    let chosen: SiteModel | undefined = ranked[0]?.model;
    let goLive: DayNumber | null = ranked[0]?.goLive ?? null;
    let note = ranked[0] ? `Lighthouse: best score ${ranked[0].score.toFixed(3)} of ${ranked.length} candidate${ranked.length === 1 ? '' : 's'} able to go live within ${s.lighthouseCandidateDays} days of the earliest` : '';
    let pinned = false;

    const overrideCode = this.input.lighthouseOverride ?? this.model.sites.find((m) => m.site.pinnedWave === 0)?.code ?? null;
    if (locked && locked.sites[0] && this.site(locked.sites[0].site)) {
      chosen = this.site(locked.sites[0].site)!;
      goLive = toDay(locked.sites[0].goLive);
      note = 'Lighthouse: kept from the locked lighthouse wave';
      pinned = true;
    } else if (overrideCode) {
      const override = this.site(overrideCode);
      if (!override) {
        this.violations.push({ site: overrideCode, rule: 'lighthouse', message: `The chosen lighthouse ${overrideCode} is not an active site of the plan; the computed choice is used` });
      } else if (override.blocked) {
        this.violations.push({ site: override.code, rule: 'lighthouse', message: `${override.code} cannot be the lighthouse: ${override.blocked.reason}; the computed choice is used` });
      } else {
        const computed = chosen?.code;
        chosen = override;
        const pinnedDay = override.site.pinnedGoLive;
        goLive = pinnedDay ? toDay(pinnedDay) : lighthouseGoLive(override, this.calendar, s.lighthousePrepDays);
        note = computed && computed !== override.code ? `Lighthouse: chosen by the program manager (the computed choice was ${computed})` : 'Lighthouse: chosen by the program manager';
        pinned = true;
      }
    }
    if (!chosen || goLive === null) return null;
    if (!this.reserved.has(chosen.index)) {
      this.reserved.add(chosen.index);
      this.waitingRegular -= 1;
      if (chosen.erpIndex >= 0) this.waitingOnErp[chosen.erpIndex] = this.waitingOnErp[chosen.erpIndex]! - 1;
    }
    const exact = ranked.find((r) => r.model === chosen);
    this.lighthouse = { chosen, score: exact?.score ?? 0, candidates: ranked };
    return {
      number: 0,
      windowStart: locked ? toDay(locked.windowStart) : goLive,
      windowEnd: locked ? toDay(locked.windowEnd) : goLive,
      prepLeadDays: locked ? locked.prepLeadDays : s.lighthousePrepDays,
      locked: locked !== undefined,
      placements: [{ index: chosen.index, goLive, pinned, notes: [note] }],
      newErps: chosen.erpIndex >= 0 ? [chosen.erpIndex] : [],
    };
  }

  private lockedWave(lock: LockedWave, number: number): BuiltWave {
    const placements: Placement[] = [];
    for (const s of lock.sites) {
      const m = this.site(s.site);
      if (!m || this.waveOf[m.index]! >= 0) continue;
      placements.push({ index: m.index, goLive: toDay(s.goLive), pinned: true, notes: [`Kept in locked wave ${lock.number}${lock.number !== number ? ` (now wave ${number})` : ''}`] });
    }
    return {
      number,
      windowStart: toDay(lock.windowStart),
      windowEnd: toDay(lock.windowEnd),
      prepLeadDays: lock.prepLeadDays,
      locked: true,
      placements,
      newErps: [],
    };
  }

  /**
   * Whether any day of a window is open to some site going live with `lead`: a working day clear of
   * freezes, the stagger from `taken` and, with crews, one that keeps every crew within its size.
   * When none is, and a crew was in the way, which crew and until when.
   */
  roomInWindow(start: DayNumber, end: DayNumber, lead: number, taken: DayNumber[]): { open: boolean; crew: CrewBlock | null } {
    if (this.crews.empty && taken.length === 0) return { open: true, crew: null };
    const crews: CrewFit = { loads: this.crews, prepLead: lead };
    const open = this.calendar.firstFeasibleDay(start, end, [], taken, this.settings.staggerDays, crews) !== null;
    return { open, crew: open ? null : (crews.blocked ?? null) };
  }

  /** The day a pinned site goes live in a window: the best the rules allow, or the window's first working day. */
  private pinnedDay(m: SiteModel, start: DayNumber, end: DayNumber, lead: number, taken: DayNumber[]): DayNumber {
    if (m.site.pinnedGoLive) return toDay(m.site.pinnedGoLive);
    const from = m.blocked ? start : Math.max(start, earliestWithLead(m, lead));
    return this.calendar.dayForPlacedSite(from, start, end, m.blackouts, taken, this.settings.staggerDays);
  }

  private fillWindow(number: number, start: DayNumber, end: DayNumber, lead: number, pinned: number[]): BuiltWave {
    const s = this.settings;
    const wave: BuiltWave = { number, windowStart: start, windowEnd: end, prepLeadDays: lead, locked: false, placements: [], newErps: [], loaded: true };
    const taken: DayNumber[] = [];
    const regions = new Uint8Array(this.model.regions.length);
    const take = (m: SiteModel, placement: Placement) => {
      wave.placements.push(placement);
      taken.push(placement.goLive);
      this.crews.add(placement.goLive, lead);
      regions[m.regionIndex] = 1;
      if (m.erpIndex >= 0 && !this.liveErps[m.erpIndex] && !wave.newErps.includes(m.erpIndex)) wave.newErps.push(m.erpIndex);
    };
    for (const index of pinned) {
      const m = this.model.sites[index]!;
      take(m, { index, goLive: this.pinnedDay(m, start, end, lead, taken), pinned: true, notes: [`Pinned to wave ${m.site.pinnedWave} by the program manager`] });
    }

    const deferred: SiteModel[] = [];
    while (wave.placements.length < s.maxSitesPerWave) {
      // Stop early when nobody can go live in the rest of the window: the stagger, a freeze or a crew
      // (whose days depend on the go-live and the wave, not on the site) leaves no day for anyone.
      const room = this.roomInWindow(start, end, lead, taken);
      if (!room.open) {
        if (room.crew) wave.crewStop = room.crew;
        break;
      }
      // The best waiting site by rule 10 that has a go-live day in this window. Sites that have none
      // wait out the window aside, so each is tried at most once per step.
      let chosen: { group: Group; m: SiteModel; day: DayNumber; pushedBy: string | null; crew: CrewBlock | null } | null = null;
      while (!chosen) {
        // Rule 10 across groups: ready date, then a proven ERP, then a region already in the wave,
        // then the order within groups (willingness, representativeness, code), precomputed as rank.
        let best: Group | null = null;
        let bestReady = 0;
        let bestLive = 0;
        let bestRegion = 0;
        let bestRank = 0;
        for (const group of this.groupList) {
          if (group.queue.length === 0) continue;
          const live = group.erpIndex >= 0 ? this.liveErps[group.erpIndex]! : 0;
          if (!live && !wave.newErps.includes(group.erpIndex) && (wave.newErps.length >= s.maxNewErpsPerWave || !this.mayIntroduce(group.erpIndex, wave))) continue;
          const head = group.queue.peek()!;
          const ready = readyKey(head);
          const region = regions[group.regionIndex]!;
          const rank = this.rank[head.index]!;
          if (
            !best ||
            ready < bestReady ||
            (ready === bestReady && (live > bestLive || (live === bestLive && (region > bestRegion || (region === bestRegion && rank < bestRank)))))
          ) {
            best = group;
            bestReady = ready;
            bestLive = live;
            bestRegion = region;
            bestRank = rank;
          }
        }
        if (!best) break;
        const m = best.queue.peek()!;
        const from = Math.max(start, earliestWithLead(m, lead));
        const crews: CrewFit = { loads: this.crews, prepLead: lead };
        const fit = from <= end ? this.calendar.firstFeasibleDay(from, end, m.blackouts, taken, s.staggerDays, crews) : null;
        if (fit) chosen = { group: best, m, day: fit.day, pushedBy: fit.pushedBy ? fit.pushedBy.reason || 'a blackout' : null, crew: crews.blocked ?? null };
        else deferred.push(best.queue.pop()!);
      }
      if (!chosen) break;
      chosen.group.queue.pop();
      const notes: string[] = [];
      if (chosen.pushedBy) notes.push(`go-live moved to ${fromDay(chosen.day)} to keep hypercare clear of ${chosen.pushedBy}`);
      if (chosen.crew) notes.push(crewWaitNote(chosen.crew, chosen.day, lead, s.hypercareDays));
      take(chosen.m, { index: chosen.m.index, goLive: chosen.day, pinned: false, notes });
    }
    for (const m of deferred) this.groups.get(m.erpIndex * (this.model.regions.length + 1) + m.regionIndex)!.queue.push(m);
    return wave;
  }

  run(): void {
    const s = this.settings;
    const locks = [...(this.input.lockedWaves ?? [])].filter((w) => w.number > 0).sort((a, b) => (a.windowStart < b.windowStart ? -1 : 1));
    this.reserve(this.input.lockedWaves ?? []);
    const lighthouse = this.chooseLighthouse();
    let gridStart: DayNumber;
    if (lighthouse) {
      this.closeWave(lighthouse);
      gridStart = lighthouse.placements[0]!.goLive + s.hypercareDays + s.signoffDays;
    } else {
      gridStart = Math.max(toDay(this.input.startDate), toDay(this.input.asOf));
    }
    let number = 1;
    let lockIndex = 0;
    for (let window = 0; window < MAX_WINDOWS; window += 1) {
      if (this.waitingRegular <= 0 && this.pins.size === 0 && lockIndex >= locks.length) break;
      const end = gridStart + s.waveWindowDays - 1;
      const lock = locks[lockIndex];
      if (lock && toDay(lock.windowStart) <= end) {
        const wave = this.lockedWave(lock, number);
        lockIndex += 1;
        if (wave.placements.length > 0) {
          this.closeWave(wave);
          number += 1;
        }
        while (gridStart <= toDay(lock.windowEnd)) gridStart += s.waveIntervalDays;
        continue;
      }
      const lead = prepLeadDays(number, s);
      this.releaseUpTo(end, lead, number);
      let pinned = this.pins.get(number) ?? [];
      if (this.waitingRegular <= 0 && pinned.length === 0 && this.pins.size > 0) {
        // Nothing else will fill the waves up to a later pin: the pinned sites go in the next wave.
        const later = Math.min(...this.pins.keys());
        pinned = this.pins.get(later)!;
        for (const index of pinned) {
          this.violations.push({ site: this.model.sites[index]!.code, rule: 'pin', message: `pinned to wave ${later}, but the plan needs only ${number - 1} waves before it: placed in wave ${number}` });
        }
        this.pins.delete(later);
        this.pins.set(number, pinned);
      }
      const hasPool = this.groupList.some((g) => g.queue.length > 0);
      // A window in which no crew has room is skipped like one in which nobody can go live.
      const crewFull = hasPool && pinned.length === 0 && !this.crews.empty && !this.roomInWindow(gridStart, end, lead, []).open;
      if ((hasPool && !crewFull) || pinned.length > 0) {
        const wave = this.fillWindow(number, gridStart, end, lead, pinned);
        if (wave.placements.length > 0) {
          this.pins.delete(number);
          this.closeWave(wave);
          number += 1;
        }
      }
      gridStart += s.waveIntervalDays;
    }
  }
}

/** The optimised sequence as ERP indexes: the listed ERPs the plan has, then the others in plan order. */
function introductionOrder(codes: string[], erps: PlanModel['erps']): number[] {
  const index = new Map(erps.map((e, i) => [e.code.toLowerCase(), i]));
  const listed = [...new Set(codes.map((c) => index.get(c.toLowerCase())).filter((i): i is number => i !== undefined))];
  return [...listed, ...erps.map((_, i) => i).filter((i) => !listed.includes(i))];
}

function placedSite(scheduler: WaveScheduler, context: HeldBackContext, wave: BuiltWave, placement: Placement, firstOnErp: Map<number, number>): PlacedSite {
  const m = scheduler.model.sites[placement.index]!;
  const reasons: string[] = [];
  if (wave.number === 0) reasons.push(...placement.notes);
  else reasons.push(`Wave ${wave.number}: window ${fromDay(wave.windowStart)} – ${fromDay(wave.windowEnd)}, ${wave.prepLeadDays} days prep`, ...placement.notes);
  if (!m.blocked) reasons.push(`Earliest go-live ${fromDay(earliestWithLead(m, wave.prepLeadDays))}: ${earliestReason(m, wave.prepLeadDays)}`);
  for (const p of m.predecessors) {
    const w = scheduler.waveOf[p]!;
    if (w >= 0) reasons.push(`After predecessor ${scheduler.model.sites[p]!.code} (wave ${w})`);
  }
  if (m.erp) {
    const first = firstOnErp.get(m.erpIndex);
    if (first === m.index) reasons.push(`First site on ${m.erp.name}: carries its integration risk`);
    else {
      const provenIn = scheduler.waveOf[first ?? -1] ?? -1;
      reasons.push(provenIn < wave.number && provenIn >= 0 ? `${m.erp.name} connector proven ${provenIn === 0 ? 'at the lighthouse' : `in wave ${provenIn}`}` : `${m.erp.name} goes live in this wave`);
    }
  }
  const gap = learningGapReason(context, m, wave);
  if (gap) reasons.push(gap);
  const releasedIn = scheduler.released.get(m.index);
  if (releasedIn !== undefined) reasons.push(...heldBackReasons(context, m, Math.min(releasedIn, scheduler.readyIn.get(m.index) ?? releasedIn), releasedIn, wave.number));
  return { ...bareSite(scheduler, wave, placement), reasons };
}

/** A placed site without its reasons (see GenerateOptions). */
function bareSite(scheduler: WaveScheduler, wave: BuiltWave, placement: Placement): PlacedSite {
  return {
    site: scheduler.model.sites[placement.index]!.code,
    goLive: fromDay(placement.goLive),
    prepStart: fromDay(placement.goLive - wave.prepLeadDays),
    hypercareEnd: fromDay(placement.goLive + scheduler.settings.hypercareDays),
    pinned: placement.pinned,
    reasons: [],
  };
}

export interface GenerateOptions {
  /**
   * False leaves every placed site's reasons empty: for a search that compares thousands of
   * schedules by their days and broken rules (the optimised sequence), where the reasons are a third
   * of the work and never shown. The waves, days and violations are the same either way.
   */
  reasons?: boolean;
}

export function generateSchedule(input: ScheduleInput, options: GenerateOptions = {}): WaveSchedule {
  const scheduler = new WaveScheduler(input);
  scheduler.run();
  const s = input.settings;
  const waves = [...scheduler.waves].sort((a, b) => a.number - b.number);
  const builtByNumber = new Map(waves.map((w) => [w.number, w]));
  const firstOnErp = new Map<number, number>();
  for (const wave of waves) {
    for (const p of [...wave.placements].sort((a, b) => a.goLive - b.goLive || a.index - b.index)) {
      const erp = scheduler.model.sites[p.index]!.erpIndex;
      if (erp >= 0 && !firstOnErp.has(erp)) firstOnErp.set(erp, p.index);
    }
  }
  const context = heldBackContext({
    model: scheduler.model,
    settings: s,
    calendar: scheduler.calendar,
    waveOf: scheduler.waveOf,
    waves: builtByNumber,
    firstOnErp,
    hasCrews: !scheduler.crews.empty,
  });
  const scheduledWaves: ScheduledWave[] = waves.map((wave) => ({
    number: wave.number,
    windowStart: fromDay(wave.windowStart),
    windowEnd: fromDay(wave.windowEnd),
    prepLeadDays: wave.prepLeadDays,
    sites: [...wave.placements]
      .sort((a, b) => a.goLive - b.goLive || a.index - b.index)
      .map((p) => (options.reasons === false ? bareSite(scheduler, wave, p) : placedSite(scheduler, context, wave, p, firstOnErp))),
  }));

  const unscheduled: Unscheduled[] = [];
  for (const m of scheduler.model.sites) {
    if (scheduler.waveOf[m.index]! >= 0) continue;
    if (m.blocked) unscheduled.push({ site: m.code, rule: m.blocked.rule, reason: m.blocked.reason });
    else unscheduled.push({ site: m.code, rule: 'horizon', reason: `No go-live day found within ${MAX_WINDOWS} wave windows or ${SEARCH_HORIZON_DAYS} days of its earliest date: check its blackouts and the plan's freeze windows` });
  }

  const toCheck: WaveToCheck[] = waves.map((w) => ({ ...w, sites: w.placements }));
  const violations = [...scheduler.violations, ...checkSchedule(input, scheduler.model, scheduler.calendar, toCheck)].sort(
    (a, b) => (a.site < b.site ? -1 : a.site > b.site ? 1 : a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : a.message < b.message ? -1 : 1),
  );

  const lastNumber = waves.at(-1)?.number ?? 0;
  const warnings: WaveWarning[] = waves
    .filter((w) => w.number >= 1 && w.placements.length < s.minSitesPerWave)
    .map((w) => ({
      wave: w.number,
      message: `Wave ${w.number} has ${w.placements.length} site${w.placements.length === 1 ? '' : 's'}, fewer than ${s.minSitesPerWave}${w.number === lastNumber ? ' (expected for the last wave)' : ''}`,
    }));

  const lighthouse = scheduler.lighthouse;
  return {
    format: 'wave-schedule',
    version: 1,
    asOf: input.asOf,
    lighthouse: lighthouse
      ? {
          site: lighthouse.chosen.code,
          score: lighthouse.score,
          candidates: lighthouse.candidates.slice(0, 3).map(({ site, score, terms }) => ({ site, score, terms })),
        }
      : null,
    waves: scheduledWaves,
    unscheduled,
    violations,
    warnings,
  };
}

/** Why a go-live waited for a crew, with the day the crew starts on the site when that is before go-live. */
function crewWaitNote(block: CrewBlock, goLive: DayNumber, prepLead: number, hypercareDays: number): string {
  const { crew, busyUntil } = block;
  const starts = crewSpan(crew.phase, goLive, prepLead, hypercareDays).from;
  const needed = starts < goLive ? `; the site needs it from ${fromDay(starts)}` : '';
  return `go-live moved to ${fromDay(goLive)}: crew "${crew.name}" (${crew.size} at a time) is full until ${fromDay(busyUntil)}${needed}`;
}
