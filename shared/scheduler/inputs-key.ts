/**
 * What the scheduler reads of a plan, as one canonical text: two plans with the same text get the
 * same schedule for the same as-of date. A stored schedule keeps a fingerprint of it, so the app
 * can tell when the plan changed under it (a site's notes or lead do not count; its readiness does).
 */
import type { WavePlan } from '../interchange';

export function schedulingInputsKey(content: WavePlan): string {
  const byCode = (a: { code: string }, b: { code: string }) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);
  return JSON.stringify({
    startDate: content.plan.startDate,
    settings: content.plan.settings,
    holidays: content.plan.holidays,
    freezeWindows: content.plan.freezeWindows,
    lighthouseOverride: content.plan.lighthouseOverride,
    erpOrder: content.plan.erpOrder,
    crews: content.plan.crews.map((c) => [c.name, c.size, c.phase]),
    dimensions: content.readinessDimensions,
    erps: [...content.erps].sort(byCode).map((e) => [e.code, e.name, e.connectorStatus, e.connectorReadyDate]),
    sites: [...content.sites].sort(byCode).map((s) => [
      s.code, s.region, s.erp, s.leadershipWillingness, s.workflowRepresentativeness, s.technicalSophistication, s.earliestGoLive,
      s.blackouts, s.predecessors, s.pinnedWave, s.pinnedGoLive, s.excluded, s.readiness,
    ]),
  });
}
