import type { Erp, Site } from '../../shared/domain';
import type { ScheduleInput, WaveSchedule } from '../../shared/scheduler/types';
import { DEFAULT_SETTINGS } from '../../shared/settings';

/** A ready site on ERP "E1" in region "North": every test states only what it is about. */
export function site(code: string, fields: Partial<Site> & { score?: number | null; target?: string | null } = {}): Site {
  const { score = 100, target = null, ...rest } = fields;
  return {
    code,
    name: `Site ${code}`,
    region: 'North',
    country: 'Germany',
    timezone: 'Europe/Berlin',
    erp: 'E1',
    headcount: 100,
    siteLead: { name: '', email: '' },
    leadershipWillingness: 3,
    workflowRepresentativeness: 3,
    technicalSophistication: 3,
    earliestGoLive: null,
    blackouts: [],
    predecessors: [],
    pinnedWave: null,
    pinnedGoLive: null,
    excluded: false,
    notes: '',
    readiness: { ready: { score, targetDate: target } },
    ...rest,
  };
}

export function erp(code: string, fields: Partial<Erp> = {}): Erp {
  return { code, name: `ERP ${code}`, vendor: '', version: '', connectorStatus: 'validated', connectorReadyDate: null, notes: '', ...fields };
}

/** Plan start Monday 2027-01-04, as of 2026-12-01, default settings, one readiness dimension at 70. */
export function scheduleInput(sites: Site[], fields: Partial<ScheduleInput> = {}): ScheduleInput {
  return {
    startDate: '2027-01-04',
    settings: { ...DEFAULT_SETTINGS },
    holidays: [],
    freezeWindows: [],
    dimensions: [{ key: 'ready', label: 'Readiness', weight: 1, threshold: 70 }],
    erps: [erp('E1'), erp('E2'), erp('E3')],
    sites,
    asOf: '2026-12-01',
    lighthouseOverride: null,
    lockedWaves: [],
    ...fields,
  };
}

/** Site code → [wave number, go-live]. */
export function placements(schedule: WaveSchedule): Record<string, [number, string]> {
  const out: Record<string, [number, string]> = {};
  for (const wave of schedule.waves) for (const s of wave.sites) out[s.site] = [wave.number, s.goLive];
  return out;
}
