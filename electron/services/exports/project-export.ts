/**
 * The plan as Microsoft Project XML (MSPDI), which MS Project and ProjectLibre open: each wave a
 * summary task, each site a summary under it holding its checklist items, its go-live milestone and
 * its hypercare; a site's predecessors link their go-live milestones to its own (finish-to-start).
 * Elements follow the order of Microsoft's schema, which MS Project checks.
 */
import { XMLBuilder } from 'fast-xml-parser';
import { addDaysIso, maxIso, todayIso } from '../../../shared/dates';
import type { ChecklistItem, PlaybookTask } from '../../../shared/domain';
import type { ScheduleExportInput } from './schedule-export';

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
  PredecessorLink?: { PredecessorUID: number; Type: number; CrossProject: number; LinkLag: number; LagFormat: number }[];
}

const start = (day: string) => `${day}T08:00:00`;
const finish = (day: string) => `${day}T17:00:00`;

/** Working time from `from` to `to` inclusive as an MSPDI duration, eight hours a weekday. */
function duration(from: string, to: string): string {
  let weekdays = 0;
  for (let day = from, n = 0; day <= to && n < 5000; day = addDaysIso(day, 1), n += 1) {
    const weekday = new Date(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10))).getDay();
    if (weekday !== 0 && weekday !== 6) weekdays += 1;
  }
  return `PT${weekdays * 8}H0M0S`;
}

export function scheduleMspdi(input: ScheduleExportInput, checklist: ChecklistItem[], tasks: PlaybookTask[]): string {
  const names = new Map(input.sites.map((s) => [s.code, s.name]));
  const durations = new Map(tasks.map((t) => [t.id, t.durationDays]));
  const itemsBySite = new Map<string, ChecklistItem[]>();
  for (const item of checklist) itemsBySite.set(item.site, [...(itemsBySite.get(item.site) ?? []), item]);
  const out: ProjectTask[] = [];
  const goLiveUid = new Map<string, number>();
  let uid = 0;
  // Fields in the order of Microsoft's schema.
  const add = (t: Pick<ProjectTask, 'Name' | 'OutlineNumber' | 'OutlineLevel' | 'Start' | 'Finish' | 'Milestone' | 'Summary'> & { Duration?: string }) => {
    uid += 1;
    const task: ProjectTask = {
      UID: uid, ID: uid, Name: t.Name, Type: 1, IsNull: 0, OutlineNumber: t.OutlineNumber, OutlineLevel: t.OutlineLevel, Priority: 500,
      Start: t.Start, Finish: t.Finish, Duration: t.Duration ?? duration(t.Start.slice(0, 10), t.Finish.slice(0, 10)), DurationFormat: 7, Milestone: t.Milestone, Summary: t.Summary,
    };
    out.push(task);
    return task;
  };
  const siteEntries: { code: string; predecessors: string[]; task: ProjectTask }[] = [];
  let projectStart = input.schedule.asOf;
  let projectFinish = input.schedule.asOf;
  input.schedule.waves.forEach((wave, w) => {
    if (wave.sites.length === 0) return;
    const waveFrom = wave.sites.reduce((min, s) => (s.prepStart < min ? s.prepStart : min), wave.sites[0]!.prepStart);
    const waveTo = wave.sites.reduce((max, s) => maxIso(max, s.hypercareEnd)!, wave.sites[0]!.hypercareEnd);
    projectStart = projectStart < waveFrom ? projectStart : waveFrom;
    projectFinish = maxIso(projectFinish, waveTo)!;
    const waveNumber = `${w + 1}`;
    add({ Name: wave.number === 0 ? 'Lighthouse' : `Wave ${wave.number}`, OutlineNumber: waveNumber, OutlineLevel: 1, Start: start(waveFrom), Finish: finish(waveTo), Milestone: 0, Summary: 1 });
    wave.sites.forEach((s, i) => {
      const siteNumber = `${waveNumber}.${i + 1}`;
      const items = [...(itemsBySite.get(s.site) ?? [])].sort((a, b) => a.dueDate.localeCompare(b.dueDate));
      const siteFrom = items.reduce((min, item) => (item.dueDate < min ? item.dueDate : min), s.prepStart);
      add({ Name: `${s.site} ${names.get(s.site) ?? ''}`.trim(), OutlineNumber: siteNumber, OutlineLevel: 2, Start: start(siteFrom), Finish: finish(s.hypercareEnd), Milestone: 0, Summary: 1 });
      let n = 0;
      for (const item of items) {
        n += 1;
        const from = addDaysIso(item.dueDate, -Math.max(0, (durations.get(item.taskKey) ?? 1) - 1));
        add({ Name: item.title, OutlineNumber: `${siteNumber}.${n}`, OutlineLevel: 3, Start: start(from < siteFrom ? siteFrom : from), Finish: finish(item.dueDate), Milestone: 0, Summary: 0 });
      }
      n += 1;
      const goLive = add({ Name: `Go-live ${s.site}`, OutlineNumber: `${siteNumber}.${n}`, OutlineLevel: 3, Start: start(s.goLive), Finish: start(s.goLive), Duration: 'PT0H0M0S', Milestone: 1, Summary: 0 });
      goLiveUid.set(s.site.toLowerCase(), goLive.UID);
      n += 1;
      add({ Name: `Hypercare ${s.site}`, OutlineNumber: `${siteNumber}.${n}`, OutlineLevel: 3, Start: start(s.goLive), Finish: finish(s.hypercareEnd), Milestone: 0, Summary: 0 });
      const site = input.sites.find((x) => x.code === s.site);
      siteEntries.push({ code: s.site, predecessors: site?.predecessors ?? [], task: goLive });
    });
  });
  for (const entry of siteEntries) {
    const links = entry.predecessors.flatMap((p) => {
      const from = goLiveUid.get(p.toLowerCase());
      return from === undefined ? [] : [{ PredecessorUID: from, Type: 1, CrossProject: 0, LinkLag: 0, LagFormat: 7 }];
    });
    if (links.length) entry.task.PredecessorLink = links;
  }
  const project = {
    '?xml': { '@_version': '1.0', '@_encoding': 'UTF-8', '@_standalone': 'yes' },
    Project: {
      '@_xmlns': 'http://schemas.microsoft.com/project',
      SaveVersion: 14,
      Name: `${input.planName}.xml`,
      Title: input.planName,
      ScheduleFromStart: 1,
      StartDate: start(projectStart),
      FinishDate: finish(projectFinish),
      CurrentDate: start(todayIso()),
      CalendarUID: 1,
      MinutesPerDay: 480,
      MinutesPerWeek: 2400,
      DaysPerMonth: 20,
      Calendars: { Calendar: { UID: 1, Name: 'Standard', IsBaseCalendar: 1 } },
      Tasks: {
        Task: [
          { UID: 0, ID: 0, Name: input.planName, Type: 1, IsNull: 0, OutlineNumber: '0', OutlineLevel: 0, Priority: 500, Start: start(projectStart), Finish: finish(projectFinish), Duration: duration(projectStart, projectFinish), DurationFormat: 7, Milestone: 0, Summary: 1 },
          ...out,
        ],
      },
    },
  };
  return new XMLBuilder({ ignoreAttributes: false, format: true, suppressEmptyNode: true }).build(project) as string;
}
