/**
 * The schedule for other tools: one row per site (CSV and XLSX), go-lives and gates as calendar
 * events (iCalendar), and the plan as an MS Project XML file. Every export reads the stored
 * schedule; a plan without one is exported as it would be scheduled today (and nothing is stored).
 */
import type ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { todayIso, type IsoDate } from '../../../shared/dates';
import type { ChecklistItem, Crew, Erp, PlaybookTask, ReadinessDimension, Site } from '../../../shared/domain';
import { readinessSummary } from '../../../shared/readiness';
import { crewLoadSeries } from '../../../shared/scheduler/crew-load';
import { crewSpan } from '../../../shared/scheduler/crews';
import { fromDay, toDay } from '../../../shared/scheduler/day-numbers';
import { scheduleInputFromPlan } from '../../../shared/scheduler/input';
import { generateSchedule } from '../../../shared/scheduler/schedule';
import type { WaveSchedule } from '../../../shared/scheduler/types';
import { guardCell } from '../../../shared/sheets/formula-guard';
import { erpSheetRows, siteSheetRows } from '../../../shared/sheets/site-rows';
import { readChecklist } from '../plan/checklists';
import { exportContent } from '../plan/content';
import type { ReadHandle } from '../plan/handles';
import { requirePlanRow } from '../plan/plan-settings';
import { readCurrentSchedule } from '../plan/schedules';

export const SCHEDULE_COLUMNS = ['Site code', 'Site name', 'Region', 'ERP', 'ERP name', 'Wave', 'Go-live', 'Prep start', 'Hypercare end', 'Pinned', 'Readiness', 'Ready date', 'Status', 'Reasons', 'Crews'] as const;

export const CREW_LOAD_COLUMNS = ['Crew', 'Phase', 'Size', 'Week of', 'Most sites on a day', 'Over size'] as const;

export interface ScheduleExportInput {
  schedule: WaveSchedule;
  sites: Site[];
  erps: Erp[];
  dimensions: ReadinessDimension[];
  checklist: ChecklistItem[];
  tasks: PlaybookTask[];
  crews: Crew[];
  holidays: IsoDate[];
  hypercareDays: number;
  planName: string;
  planUid: string;
}

export function scheduleExportInput(h: ReadHandle): ScheduleExportInput {
  const content = exportContent(h);
  const schedule = readCurrentSchedule(h)?.schedule ?? generateSchedule(scheduleInputFromPlan(content, todayIso()));
  const row = requirePlanRow(h);
  return {
    schedule,
    sites: content.sites,
    erps: content.erps,
    dimensions: content.readinessDimensions,
    checklist: readChecklist(h),
    tasks: content.playbook.tasks,
    crews: content.plan.crews,
    holidays: content.plan.holidays,
    hypercareDays: content.plan.settings.hypercareDays,
    planName: row.name,
    planUid: row.uid,
  };
}

/** One row per site of the plan: placed sites by wave and go-live, then unscheduled, then excluded. */
export function scheduleRows({ schedule, sites, erps, dimensions, crews, hypercareDays }: ScheduleExportInput): (string | number)[][] {
  const byCode = new Map(sites.map((s) => [s.code, s]));
  const erpNames = new Map(erps.map((e) => [e.code.toLowerCase(), e.name]));
  const erpOf = (site: Site | undefined) => [site?.erp ?? '', site ? (erpNames.get(site.erp.toLowerCase()) ?? '') : ''];
  const rows: (string | number)[][] = [];
  const readiness = (site: Site | undefined) => {
    if (!site) return ['', ''];
    const summary = readinessSummary(site, dimensions);
    return [Math.round(summary.overall), summary.readyDate ?? ''];
  };
  // The days each crew works on the site (rule 13), e.g. "Trainers 2027-03-29 – 2027-04-12".
  const crewDays = (goLive: string, prepLead: number) =>
    crews
      .map((crew) => ({ crew, span: crewSpan(crew.phase, toDay(goLive), prepLead, hypercareDays) }))
      .filter(({ span }) => span.to >= span.from)
      .map(({ crew, span }) => `${crew.name} ${fromDay(span.from)} – ${fromDay(span.to)}`)
      .join(' | ');
  const listed = new Set<string>();
  for (const wave of schedule.waves) {
    for (const s of wave.sites) {
      const site = byCode.get(s.site);
      listed.add(s.site);
      rows.push([
        s.site,
        site?.name ?? '',
        site?.region ?? '',
        ...erpOf(site),
        wave.number === 0 ? 'Lighthouse' : wave.number,
        s.goLive,
        s.prepStart,
        s.hypercareEnd,
        s.pinned ? 'yes' : 'no',
        ...readiness(site),
        'scheduled',
        s.reasons.join(' | '),
        crewDays(s.goLive, wave.prepLeadDays),
      ]);
    }
  }
  for (const u of schedule.unscheduled) {
    const site = byCode.get(u.site);
    listed.add(u.site);
    rows.push([u.site, site?.name ?? '', site?.region ?? '', ...erpOf(site), '', '', '', '', 'no', ...readiness(site), 'unscheduled', u.reason, '']);
  }
  for (const site of sites) if (!listed.has(site.code)) rows.push([site.code, site.name, site.region, ...erpOf(site), '', '', '', '', 'no', ...readiness(site), site.excluded ? 'excluded' : 'not placed', '', '']);
  return rows;
}

/** Each crew's load week by week: the most sites it serves on a day of the week, against its size. */
export function crewLoadRows({ schedule, crews, hypercareDays }: ScheduleExportInput): (string | number)[][] {
  return crewLoadSeries(schedule, crews, hypercareDays).flatMap((series) =>
    series.weeks.map((week) => [series.crew.name, series.crew.phase, series.crew.size, week.start, week.peak, week.peak > series.crew.size ? 'yes' : 'no']),
  );
}

export function scheduleCsv(input: ScheduleExportInput): string {
  const rows = scheduleRows(input).map((row) => row.map((cell) => (typeof cell === 'string' ? guardCell(cell) : cell)));
  return Papa.unparse({ fields: [...SCHEDULE_COLUMNS], data: rows }, { newline: '\r\n' });
}

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * A cell as Excel should hold it: a number as a number, a calendar day as an Excel date (shown
 * yyyy-mm-dd; the importer reads it back as the same day), nothing as an empty cell, and text guarded
 * against formula injection.
 */
function excelValue(value: string | number | boolean): ExcelJS.CellValue {
  if (typeof value !== 'string') return value;
  if (value === '') return null;
  if (ISO_DAY.test(value)) return new Date(`${value}T00:00:00Z`);
  return guardCell(value);
}

function addTable(workbook: ExcelJS.Workbook, name: string, headers: readonly string[], rows: (string | number | boolean)[][]): void {
  const sheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.addRow([...headers]).font = { bold: true };
  for (const row of rows) sheet.addRow(row.map(excelValue));
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: headers.length } };
  sheet.columns.forEach((column, i) => {
    const values = rows.slice(0, 500).map((r) => r[i] ?? '');
    if (values.some((v) => typeof v === 'string' && ISO_DAY.test(v))) column.numFmt = 'yyyy-mm-dd';
    const longest = Math.max(headers[i]?.length ?? 0, ...values.map((v) => String(v).length));
    column.width = Math.min(60, Math.max(8, longest + 2));
  });
}

/**
 * A workbook with the schedule to read, and the plan's Sites and ERPs under their interchange names,
 * which import back as they are (the Schedule sheet is skipped on import).
 */
export async function scheduleXlsx(input: ScheduleExportInput): Promise<Buffer> {
  const { default: Excel } = await import('exceljs');
  const workbook = new Excel.Workbook();
  workbook.creator = 'Wave Planner';
  addTable(workbook, 'Schedule', SCHEDULE_COLUMNS, scheduleRows(input));
  const sites = siteSheetRows(input.sites, input.dimensions);
  addTable(workbook, 'Sites', sites.headers, sites.rows);
  const erps = erpSheetRows(input.erps);
  addTable(workbook, 'ERPs', erps.headers, erps.rows);
  if (input.crews.length > 0) addTable(workbook, 'Crew load', CREW_LOAD_COLUMNS, crewLoadRows(input));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
