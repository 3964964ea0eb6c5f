/**
 * Checks a schedule against every hard rule of PRODUCT.md section 3 and lists what it breaks.
 * The scheduler runs it on its own result (pins, locks and moves may break rules; they are kept and
 * reported); the property tests run it on generated plans, where an unpinned schedule must be clean.
 */
import type { WorkCalendar } from './calendar';
import { crewSpan, CrewLoads, overloadRuns } from './crews';
import { fromDay, toDay, type DayNumber } from './day-numbers';
import type { PlanModel, SiteModel } from './site-model';
import type { ScheduleInput, Violation } from './types';

export interface WaveToCheck {
  number: number;
  windowStart: DayNumber;
  windowEnd: DayNumber;
  prepLeadDays: number;
  locked: boolean;
  sites: { index: number; goLive: DayNumber; pinned: boolean }[];
}

export function checkSchedule(input: ScheduleInput, model: PlanModel, calendar: WorkCalendar, waves: WaveToCheck[]): Violation[] {
  const s = input.settings;
  const violations: Violation[] = [];
  const add = (site: SiteModel, rule: Violation['rule'], message: string) => violations.push({ site: site.code, rule, message });
  const waveOf = new Map<number, number>();
  for (const wave of waves) for (const placed of wave.sites) waveOf.set(placed.index, wave.number);
  const lighthouse = waves.find((w) => w.number === 0)?.sites[0];
  const learningGapEnd = lighthouse ? lighthouse.goLive + s.hypercareDays + s.signoffDays : null;
  const startDay = toDay(input.startDate);
  const asOfDay = toDay(input.asOf);
  const liveErps = new Set<number>();

  for (const wave of [...waves].sort((a, b) => a.number - b.number)) {
    const label = wave.number === 0 ? 'the lighthouse wave' : `wave ${wave.number}`;
    const ordered = [...wave.sites].sort((a, b) => Number(a.pinned) - Number(b.pinned) || a.goLive - b.goLive || a.index - b.index);
    const capacity = wave.number === 0 ? 1 : s.maxSitesPerWave;
    ordered.slice(capacity).forEach((p) => add(model.sites[p.index]!, 'max-sites', `${label} holds ${wave.sites.length} sites, more than ${capacity}`));

    const byDay = [...wave.sites].sort((a, b) => a.goLive - b.goLive || a.index - b.index);
    for (let i = 1; i < byDay.length; i += 1) {
      const gap = byDay[i]!.goLive - byDay[i - 1]!.goLive;
      if (gap < s.staggerDays) {
        add(model.sites[byDay[i]!.index]!, 'stagger', `goes live ${gap} days after ${model.sites[byDay[i - 1]!.index]!.code} in ${label}; go-lives in a wave are at least ${s.staggerDays} days apart`);
      }
    }

    if (wave.number >= 1) {
      const newErps: number[] = [];
      for (const p of byDay) {
        const erp = model.sites[p.index]!.erpIndex;
        if (erp >= 0 && !liveErps.has(erp) && !newErps.includes(erp)) newErps.push(erp);
      }
      const allowed = new Set(newErps.slice(0, s.maxNewErpsPerWave));
      for (const p of byDay) {
        const site = model.sites[p.index]!;
        if (site.erpIndex >= 0 && !liveErps.has(site.erpIndex) && !allowed.has(site.erpIndex)) {
          add(site, 'new-erp', `${label} brings ${newErps.length} ERPs that are not live yet, more than ${s.maxNewErpsPerWave}`);
        }
      }
    }
    for (const p of wave.sites) if (model.sites[p.index]!.erpIndex >= 0) liveErps.add(model.sites[p.index]!.erpIndex);

    for (const placed of wave.sites) {
      const site = model.sites[placed.index]!;
      const day = placed.goLive;
      const date = () => fromDay(day);
      const lead = wave.prepLeadDays;
      if (site.blocked) add(site, site.blocked.rule, site.blocked.reason);
      if (wave.number >= 1 && (day < wave.windowStart || day > wave.windowEnd)) {
        add(site, 'wave-window', `goes live ${date()}, outside ${label}'s window ${fromDay(wave.windowStart)} – ${fromDay(wave.windowEnd)}`);
      }
      if (wave.number >= 1 && learningGapEnd !== null && day < learningGapEnd) {
        add(site, 'learning-gap', `goes live ${date()}, before the lighthouse's hypercare and sign-off end (${fromDay(learningGapEnd)})`);
      }
      if (!calendar.isWorkingDay(day)) add(site, 'working-day', `goes live ${date()}, which is not a working day`);
      const blackout = site.blackouts.length ? calendar.clash(site.blackouts, day) : undefined;
      if (blackout) add(site, 'blackout', `hypercare from ${date()} meets the blackout ${fromDay(blackout.from)} – ${fromDay(blackout.to)}${blackout.reason ? ` (${blackout.reason})` : ''}`);
      const freeze = calendar.clash(calendar.freezes, day);
      if (freeze) add(site, 'freeze', `hypercare from ${date()} meets the freeze ${fromDay(freeze.from)} – ${fromDay(freeze.to)}${freeze.reason ? ` (${freeze.reason})` : ''}`);
      if (!site.blocked) {
        if (site.readyDay !== null && day < site.readyDay + lead) {
          add(site, 'readiness', `goes live ${date()}, before ${site.readyReason} + ${lead} days prep`);
        }
        if (site.earliestGoLiveDay !== null && day < site.earliestGoLiveDay) {
          add(site, 'earliest-go-live', `goes live ${date()}, before its earliest go-live ${site.site.earliestGoLive}`);
        } else if (day < startDay + lead) {
          add(site, 'earliest-go-live', `goes live ${date()}, less than ${lead} days of prep after the plan start ${input.startDate}`);
        } else if (!wave.locked && day < asOfDay + lead) {
          add(site, 'earliest-go-live', `goes live ${date()}, less than ${lead} days of prep from today (${input.asOf})`);
        }
        if (site.connectorReadyDay !== null && day < site.connectorReadyDay) {
          add(site, 'erp-connector', `goes live ${date()}, before the ${site.erp!.name} connector is ready (${site.erp!.connectorReadyDate})`);
        }
      }
      for (const p of site.predecessors) {
        const predecessorWave = waveOf.get(p);
        const predecessor = model.sites[p]!;
        if (predecessorWave === undefined) add(site, 'predecessor', `its predecessor ${predecessor.code} is not scheduled`);
        else if (predecessorWave >= wave.number) add(site, 'predecessor', `its predecessor ${predecessor.code} is in wave ${predecessorWave}, not an earlier one`);
      }
    }
  }
  violations.push(...crewOverloads(input, model, waves));
  return violations;
}

/**
 * Rule 13: the days on which a crew serves more sites than its size, one violation per run of such
 * days and per site that is pinned there or in a locked wave (the scheduler never overloads a crew
 * with the sites it places itself); when none is, per site of the run.
 */
function crewOverloads(input: ScheduleInput, model: PlanModel, waves: WaveToCheck[]): Violation[] {
  const crews = input.crews ?? [];
  if (crews.length === 0) return [];
  const hypercare = input.settings.hypercareDays;
  const loads = new CrewLoads(crews, hypercare);
  const placed = waves.flatMap((w) => w.sites.map((p) => ({ ...p, lead: w.prepLeadDays, kept: p.pinned || w.locked })));
  for (const p of placed) loads.add(p.goLive, p.lead);
  const violations: Violation[] = [];
  crews.forEach((crew, c) => {
    const spans = placed.map((p) => ({ p, span: crewSpan(crew.phase, p.goLive, p.lead, hypercare) })).filter((x) => x.span.to >= x.span.from);
    if (spans.length === 0) return;
    const first = Math.min(...spans.map((x) => x.span.from));
    const last = Math.max(...spans.map((x) => x.span.to));
    for (const run of overloadRuns(loads, c, first, last)) {
      const involved = spans.filter((x) => x.span.from <= run.to && x.span.to >= run.from).map((x) => x.p);
      const blamed = involved.some((p) => p.kept) ? involved.filter((p) => p.kept) : involved;
      const days = run.from === run.to ? fromDay(run.to) : `${fromDay(run.from)} – ${fromDay(run.to)}`;
      for (const p of blamed) {
        violations.push({ site: model.sites[p.index]!.code, rule: 'crew', message: `crew "${crew.name}" (${crew.size} at a time) would serve ${run.peak} sites on ${days}` });
      }
    }
  });
  return violations;
}
