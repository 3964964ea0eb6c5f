/** Rule 4: the lighthouse is the most cooperative early site, not the most sophisticated one. */
import type { WorkCalendar } from './calendar';
import type { DayNumber } from './day-numbers';
import { earliestWithLead, type SiteModel } from './site-model';
import type { LighthouseCandidate } from './types';

/** How far ahead the search for a feasible day looks before giving up (ten years). */
export const SEARCH_HORIZON_DAYS = 3653;

export interface ScoredCandidate extends LighthouseCandidate {
  model: SiteModel;
  goLive: DayNumber;
}

const round4 = (x: number) => Math.round(x * 10_000) / 10_000;

export function lighthouseTerms(model: SiteModel): LighthouseCandidate['terms'] {
  return {
    willingness: round4(0.4 * ((model.site.leadershipWillingness - 1) / 4)),
    representativeness: round4(0.35 * ((model.site.workflowRepresentativeness - 1) / 4)),
    readiness: round4(0.25 * model.readiness01),
  };
}

function exactScore(model: SiteModel): number {
  return 0.4 * ((model.site.leadershipWillingness - 1) / 4) + 0.35 * ((model.site.workflowRepresentativeness - 1) / 4) + 0.25 * model.readiness01;
}

/** The earliest feasible go-live of a site with the lighthouse's prep lead, or null. */
export function lighthouseGoLive(model: SiteModel, calendar: WorkCalendar, prepDays: number): DayNumber | null {
  const from = earliestWithLead(model, prepDays);
  return calendar.firstFeasibleDay(from, from + SEARCH_HORIZON_DAYS, model.blackouts)?.day ?? null;
}

/**
 * Candidates are the sites able to go live within `candidateDays` of the earliest such site, ranked
 * by score; a tie goes to the less sophisticated site, then the lower code.
 */
export function rankLighthouseCandidates(
  eligible: SiteModel[],
  calendar: WorkCalendar,
  prepDays: number,
  candidateDays: number,
): ScoredCandidate[] {
  const withDays = eligible
    .map((model) => ({ model, goLive: lighthouseGoLive(model, calendar, prepDays) }))
    .filter((c): c is { model: SiteModel; goLive: DayNumber } => c.goLive !== null);
  if (withDays.length === 0) return [];
  const first = Math.min(...withDays.map((c) => c.goLive));
  return withDays
    .filter((c) => c.goLive <= first + candidateDays)
    .map((c) => ({ ...c, exact: exactScore(c.model) }))
    .sort(
      (a, b) =>
        b.exact - a.exact ||
        a.model.site.technicalSophistication - b.model.site.technicalSophistication ||
        (a.model.code < b.model.code ? -1 : 1),
    )
    .map(({ model, goLive, exact }) => ({ site: model.code, score: round4(exact), terms: lighthouseTerms(model), model, goLive }));
}
