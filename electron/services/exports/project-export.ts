/**
 * The plan as Microsoft Project XML (MSPDI), which MS Project and ProjectLibre open: each wave a
 * summary task, each site a summary under it holding its checklist items, its go-live milestone and
 * its hypercare; a site's predecessors link their go-live milestones to its own (finish-to-start).
 *
 * So that MS Project's recalculation keeps the plan where we put it: the project calendar holds the
 * working week and the plan's holidays; every task starts and finishes on a working day; each
 * go-live is a milestone that must start on its day, and every other task starts no earlier than
 * its planned start. Summaries enclose their children exactly. Elements follow the order of
 * Microsoft's schema, which MS Project checks.
 */
import { XMLBuilder } from 'fast-xml-parser';
import { addDaysIso, todayIso, type IsoDate } from '../../../shared/dates';
import type { ChecklistItem, PlaybookTask } from '../../../shared/domain';
import { WorkCalendar } from '../../../shared/scheduler/calendar';
import { toDay } from '../../../shared/scheduler/day-numbers';
import type { ScheduleExportInput } from './schedule-export';

/** MSPDI constraint types. */
const AS_SOON_AS_POSSIBLE = 0;
const MUST_START_ON = 2;
const START_NO_EARLIER_THAN = 4;

interface ProjectTask {
  UID: number;
  ID: number;
  Name: string;
  Type: number;
  IsNull: number;
  OutlineNumber: string;
  OutlineLevel: number;
  Priority: number;
  Start: string;
  Finish: string;
  Duration: string;
  DurationFormat: number;
  Milestone: number;
  Summary: number;
  ConstraintType: number;
  ConstraintDate?: string;
  PredecessorLink?: { PredecessorUID: number; Type: number; CrossProject: number; LinkLag: number; LagFormat: number }[];
}

/** A span of working days, first and last inclusive. */
interface Span {
  from: IsoDate;
  to: IsoDate;
}

const start = (day: IsoDate) => `${day}T08:00:00`;
const finish = (day: IsoDate) => `${day}T17:00:00`;
/** Far enough to step over any run of holidays a plan could hold. */
const MAX_STEP = 400;

/** The plan's working days: Monday to Friday, less its holidays. */
class WorkingDays {
  /** The scheduler's own calendar: the same working days as the plan's go-lives. */
  private readonly calendar: WorkCalendar;
  constructor(holidays: IsoDate[]) {
    this.calendar = new WorkCalendar(holidays.map(toDay), [], 0);
  }

  isWorking(day: IsoDate): boolean {
    return this.calendar.isWorkingDay(toDay(day));
  }

  /** `day` itself when it is a working day, else the nearest working day in the direction `step`. */
  nearest(day: IsoDate, step: 1 | -1): IsoDate {
    let at = day;
    for (let n = 0; n < MAX_STEP && !this.isWorking(at); n += 1) at = addDaysIso(at, step);
    return at;
  }

  /** A task planned over [from, to] moved onto working days without ending later than planned. */
  span(from: IsoDate, to: IsoDate): Span {
    const last = this.nearest(to, -1);
    const first = this.nearest(from, 1);
    return { from: first <= last ? first : last, to: last };
  }

  /** Working time over a span as an MSPDI duration, eight hours a working day. */
  duration({ from, to }: Span): string {
    let days = 0;
    for (let day = from, n = 0; day <= to && n < 5000; day = addDaysIso(day, 1), n += 1) if (this.isWorking(day)) days += 1;
    return `PT${days * 8}H0M0S`;
  }
}

const enclosing = (spans: Span[]): Span => ({
  from: spans.reduce((min, s) => (s.from < min ? s.from : min), spans[0]!.from),
  to: spans.reduce((max, s) => (s.to > max ? s.to : max), spans[0]!.to),
});

/** The Standard calendar: eight hours on weekdays, the plan's holidays as non-working exceptions. */
function projectCalendar(holidays: IsoDate[]) {
  const workingTimes = { WorkingTime: [{ FromTime: '08:00:00', ToTime: '12:00:00' }, { FromTime: '13:00:00', ToTime: '17:00:00' }] };
  return {
    UID: 1,
    Name: 'Standard',
    IsBaseCalendar: 1,
    BaseCalendarUID: -1,
    WeekDays: {
      WeekDay: [1, 2, 3, 4, 5, 6, 7].map((dayType) =>
        dayType === 1 || dayType === 7 ? { DayType: dayType, DayWorking: 0 } : { DayType: dayType, DayWorking: 1, WorkingTimes: workingTimes },
      ),
    },
    Exceptions: {
      Exception: [...new Set(holidays)].sort().map((day) => ({
        EnteredByOccurrences: 0,
        TimePeriod: { FromDate: `${day}T00:00:00`, ToDate: `${day}T23:59:00` },
        Occurrences: 1,
        Name: 'Holiday',
        Type: 1,
        DayWorking: 0,
      })),
    },
  };
}

export function scheduleMspdi(input: ScheduleExportInput, checklist: ChecklistItem[], tasks: PlaybookTask[]): string {
  const calendar = new WorkingDays(input.holidays);
  const names = new Map(input.sites.map((s) => [s.code, s.name]));
  const predecessorsOf = new Map(input.sites.map((s) => [s.code, s.predecessors]));
  const durations = new Map(tasks.map((t) => [t.id, t.durationDays]));
  const itemsBySite = new Map<string, ChecklistItem[]>();
  for (const item of checklist) itemsBySite.set(item.site, [...(itemsBySite.get(item.site) ?? []), item]);
  const out: ProjectTask[] = [];
  const goLiveUid = new Map<string, number>();
  let uid = 0;
  const add = (t: { Name: string; OutlineNumber: string; OutlineLevel: number; span: Span; kind: 'summary' | 'task' | 'go-live' }) => {
    uid += 1;
    const milestone = t.kind === 'go-live';
    // Fields in the order of Microsoft's schema.
    const task: ProjectTask = {
      UID: uid, ID: uid, Name: t.Name, Type: 1, IsNull: 0, OutlineNumber: t.OutlineNumber, OutlineLevel: t.OutlineLevel, Priority: 500,
      Start: start(t.span.from), Finish: milestone ? start(t.span.from) : finish(t.span.to), Duration: milestone ? 'PT0H0M0S' : calendar.duration(t.span), DurationFormat: 7,
      Milestone: milestone ? 1 : 0, Summary: t.kind === 'summary' ? 1 : 0,
      ConstraintType: t.kind === 'summary' ? AS_SOON_AS_POSSIBLE : milestone ? MUST_START_ON : START_NO_EARLIER_THAN,
    };
    if (t.kind !== 'summary') task.ConstraintDate = start(t.span.from);
    out.push(task);
    return task;
  };
  /** Adds a summary now (so it precedes its children) and sets its span once they are known. */
  const addSummary = (Name: string, OutlineNumber: string, OutlineLevel: number) => {
    const task = add({ Name, OutlineNumber, OutlineLevel, span: { from: input.schedule.asOf, to: input.schedule.asOf }, kind: 'summary' });
    return (span: Span) => {
      Object.assign(task, { Start: start(span.from), Finish: finish(span.to), Duration: calendar.duration(span) });
      return span;
    };
  };
  const links: { site: string; task: ProjectTask }[] = [];
  const waveSpans: Span[] = [];
  input.schedule.waves
    .filter((wave) => wave.sites.length > 0)
    .forEach((wave, w) => {
      const waveNumber = `${w + 1}`;
      const closeWave = addSummary(wave.number === 0 ? 'Lighthouse' : `Wave ${wave.number}`, waveNumber, 1);
      const siteSpans = wave.sites.map((s, i) => {
        const siteNumber = `${waveNumber}.${i + 1}`;
        const closeSite = addSummary(`${s.site} ${names.get(s.site) ?? ''}`.trim(), siteNumber, 2);
        const items = [...(itemsBySite.get(s.site) ?? [])].sort((a, b) => a.dueDate.localeCompare(b.dueDate));
        const spans: Span[] = items.map((item, n) => {
          const span = calendar.span(addDaysIso(item.dueDate, -Math.max(0, (durations.get(item.taskKey) ?? 1) - 1)), item.dueDate);
          add({ Name: item.title, OutlineNumber: `${siteNumber}.${n + 1}`, OutlineLevel: 3, span, kind: 'task' });
          return span;
        });
        const goLiveDay = calendar.nearest(s.goLive, 1);
        const goLive = add({ Name: `Go-live ${s.site}`, OutlineNumber: `${siteNumber}.${items.length + 1}`, OutlineLevel: 3, span: { from: goLiveDay, to: goLiveDay }, kind: 'go-live' });
        goLiveUid.set(s.site.toLowerCase(), goLive.UID);
        links.push({ site: s.site, task: goLive });
        const hypercare = calendar.span(goLiveDay, s.hypercareEnd);
        add({ Name: `Hypercare ${s.site}`, OutlineNumber: `${siteNumber}.${items.length + 2}`, OutlineLevel: 3, span: hypercare, kind: 'task' });
        return closeSite(enclosing([...spans, { from: goLiveDay, to: goLiveDay }, hypercare]));
      });
      waveSpans.push(closeWave(enclosing(siteSpans)));
    });
  for (const { site, task } of links) {
    const found = (predecessorsOf.get(site) ?? []).flatMap((p) => {
      const from = goLiveUid.get(p.toLowerCase());
      return from === undefined ? [] : [{ PredecessorUID: from, Type: 1, CrossProject: 0, LinkLag: 0, LagFormat: 7 }];
    });
    if (found.length) task.PredecessorLink = found;
  }
  const asOf = calendar.nearest(input.schedule.asOf, 1);
  const projectSpan = waveSpans.length ? enclosing(waveSpans) : { from: asOf, to: asOf };
  const project = {
    '?xml': { '@_version': '1.0', '@_encoding': 'UTF-8', '@_standalone': 'yes' },
    Project: {
      '@_xmlns': 'http://schemas.microsoft.com/project',
      SaveVersion: 14,
      Name: `${input.planName}.xml`,
      Title: input.planName,
      ScheduleFromStart: 1,
      StartDate: start(projectSpan.from),
      FinishDate: finish(projectSpan.to),
      CalendarUID: 1,
      DefaultStartTime: '08:00:00',
      DefaultFinishTime: '17:00:00',
      MinutesPerDay: 480,
      MinutesPerWeek: 2400,
      DaysPerMonth: 20,
      // Constraints win over links, so a recalculation never moves a go-live off its day.
      HonorConstraints: 1,
      CurrentDate: start(todayIso()),
      Calendars: { Calendar: projectCalendar(input.holidays) },
      Tasks: {
        Task: [
          {
            UID: 0, ID: 0, Name: input.planName, Type: 1, IsNull: 0, OutlineNumber: '0', OutlineLevel: 0, Priority: 500,
            Start: start(projectSpan.from), Finish: finish(projectSpan.to), Duration: calendar.duration(projectSpan), DurationFormat: 7, Milestone: 0, Summary: 1, ConstraintType: AS_SOON_AS_POSSIBLE,
          },
          ...out,
        ],
      },
    },
  };
  return new XMLBuilder({ ignoreAttributes: false, format: true, suppressEmptyNode: true }).build(project) as string;
}
