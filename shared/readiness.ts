/** Rule 1 of PRODUCT.md section 3 for one site: when it is ready, and what blocks it. */
import type { ReadinessDimension, Site } from './domain';

export interface ReadinessSummary {
  /** Latest target date among the dimensions below threshold; null when the site is ready now. */
  readyDate: string | null;
  /** The dimension whose target sets the ready date. */
  readyDimension: string | null;
  /** Weight-averaged score, 0–100, an unknown score counting 0. */
  overall: number;
  /** Why the site cannot be scheduled (a dimension below threshold or never assessed, with no target), if so. */
  blocking: string | null;
  unknown: number;
}

/** When the site is ready, in a few words: "blocked: Data quality …", "ready 2027-04-16", "ready now". */
export function readinessState(summary: ReadinessSummary): string {
  return summary.blocking ? `blocked: ${summary.blocking}` : summary.readyDate ? `ready ${summary.readyDate}` : 'ready now';
}

export function readinessSummary(site: Site, dimensions: ReadinessDimension[]): ReadinessSummary {
  let readyDate: string | null = null;
  let readyDimension: string | null = null;
  let blocking: string | null = null;
  let weighted = 0;
  let weights = 0;
  let unknown = 0;
  for (const dimension of dimensions) {
    const value = site.readiness[dimension.key];
    const score = value?.score ?? null;
    if (score === null) unknown += 1;
    weighted += dimension.weight * (score ?? 0);
    weights += dimension.weight;
    if (score !== null && score >= dimension.threshold) continue;
    const target = value?.targetDate ?? null;
    if (target === null) {
      blocking ??=
        score === null
          ? `${dimension.label} has never been assessed and has no target date: assess it or set a target date to schedule this site`
          : `${dimension.label} is ${score}, below ${dimension.threshold}, and has no target date: set one to schedule this site`;
      continue;
    }
    if (readyDate === null || target > readyDate) {
      readyDate = target;
      readyDimension = dimension.label;
    }
  }
  return { readyDate, readyDimension, overall: weights > 0 ? weighted / weights : 0, blocking, unknown };
}
