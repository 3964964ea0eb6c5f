/** The scheduler's input and the `wave-schedule` output format of PRODUCT.md section 4. */
import type { IsoDate } from '../dates';
import type { Crew, DateWindow, Erp, ReadinessDimension, Site } from '../domain';
import type { PlanSettings } from '../settings';

/** A wave kept as it is on re-plan (rule 11). */
export interface LockedWave {
  number: number;
  windowStart: IsoDate;
  windowEnd: IsoDate;
  prepLeadDays: number;
  sites: { site: string; goLive: IsoDate }[];
}

/** A site the user placed by hand: kept in that wave (and on that day, when given) on re-plan. */
export interface SitePin {
  wave: number;
  goLive: IsoDate | null;
}

export interface ScheduleInput {
  startDate: IsoDate;
  settings: PlanSettings;
  holidays: IsoDate[];
  freezeWindows: DateWindow[];
  dimensions: ReadinessDimension[];
  erps: Erp[];
  sites: Site[];
  asOf: IsoDate;
  /** The user's lighthouse choice, overriding the computed one. */
  lighthouseOverride?: string | null;
  /** Go-live days of pinned sites, by site code (the wave comes from `site.pinnedWave`). */
  pinnedGoLives?: Record<string, IsoDate>;
  lockedWaves?: LockedWave[];
  /** Shared teams that limit how many sites can be in a phase at once (rule 13); none: rules 1–12 only. */
  crews?: Crew[];
  /**
   * The optimised sequence: the order in which ERPs may be brought in (codes). A wave's new-ERP slot
   * (rule 8) goes only to the first ERPs in this order not live yet that still have sites waiting;
   * unlisted ERPs follow, in plan order. None: rule 10's order decides (the default).
   */
  erpIntroductionOrder?: string[];
}

export interface LighthouseCandidate {
  site: string;
  score: number;
  terms: { willingness: number; representativeness: number; readiness: number };
}

export interface PlacedSite {
  site: string;
  goLive: IsoDate;
  prepStart: IsoDate;
  hypercareEnd: IsoDate;
  pinned: boolean;
  reasons: string[];
}

export interface ScheduledWave {
  number: number;
  windowStart: IsoDate;
  windowEnd: IsoDate;
  prepLeadDays: number;
  sites: PlacedSite[];
}

export const SCHEDULE_RULES = [
  'readiness',
  'earliest-go-live',
  'erp-connector',
  'working-day',
  'blackout',
  'freeze',
  'stagger',
  'max-sites',
  'new-erp',
  'predecessor',
  'predecessor-cycle',
  'wave-window',
  'learning-gap',
  'lighthouse',
  'pin',
  'crew',
  'horizon',
] as const;
export type ScheduleRule = (typeof SCHEDULE_RULES)[number];

export interface Unscheduled {
  site: string;
  rule: ScheduleRule;
  reason: string;
}

export interface Violation {
  site: string;
  rule: ScheduleRule;
  message: string;
}

export interface WaveWarning {
  wave: number;
  message: string;
}

export interface WaveSchedule {
  format: 'wave-schedule';
  version: 1;
  asOf: IsoDate;
  lighthouse: { site: string; score: number; candidates: LighthouseCandidate[] } | null;
  waves: ScheduledWave[];
  unscheduled: Unscheduled[];
  violations: Violation[];
  warnings: WaveWarning[];
}
