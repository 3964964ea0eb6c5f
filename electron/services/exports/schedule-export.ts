/**
 * The schedule for other tools: one row per site (CSV and XLSX), go-lives and gates as calendar
 * events (iCalendar), and the plan as an MS Project XML file. Every export reads the stored
 * schedule; a plan without one is exported as it would be scheduled today (and nothing is stored).
 */
import type ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { todayIso } from '../../../shared/dates';
import type { ChecklistItem, Erp, PlaybookTask, ReadinessDimension, Site } from '../../../shared/domain';
import { readinessSummary } from '../../../shared/readiness';
import { scheduleInputFromPlan } from '../../../shared/scheduler/input';
import { generateSchedule } from '../../../shared/scheduler/schedule';
import type { WaveSchedule } from '../../../shared/scheduler/types';
import { erpSheetRows, siteSheetRows } from '../../../shared/sheets/site-rows';
import { readChecklist } from '../plan/checklists';
import { exportContent } from '../plan/content';
import type { ReadHandle } from '../plan/handles';
import { requirePlanRow } from '../plan/plan-settings';
import { readCurrentSchedule } from '../plan/schedules';

export const SCHEDULE_COLUMNS = ['Site code', 'Site name', 'Region', 'ERP', 'Wave', 'Go-live', 'Prep start', 'Hypercare end', 'Pinned', 'Readiness', 'Ready date', 'Status', 'Reasons'] as const;

export interface ScheduleExportInput {
  schedule: WaveSchedule;
  sites: Site[];
  erps: Erp[];
  dimensions: ReadinessDimension[];
  checklist: ChecklistItem[];
  tasks: PlaybookTask[];
  planName: string;
  planUid: string;
}

export function scheduleExportInput(h: ReadHandle): ScheduleExportInput {
  const content = exportContent(h);
  const schedule = readCurrentSchedule(h)?.schedule ?? generateSchedule(scheduleInputFromPlan(content, todayIso()));
  const row = requirePlanRow(h);
  return { schedule, sites: content.sites, erps: content.erps, dimensions: content.readinessDimensions, checklist: readChecklist(h), tasks: content.playbook.tasks, planName: row.name, planUid: row.uid };
}

/** One row per site of the plan: placed sites by wave and go-live, then unscheduled, then excluded. */
export function scheduleRows({ schedule, sites, dimensions }: ScheduleExportInput): (string | number)[][] {
  const byCode = new Map(sites.map((s) => [s.code, s]));
  const rows: (string | number)[][] = [];
  const readiness = (site: Site | undefined) => {
    if (!site) return ['', ''];
    const summary = readinessSummary(site, dimensions);
    return [Math.round(summary.overall), summary.readyDate ?? ''];
  };
  const listed = new Set<string>();
  for (const wave of schedule.waves) {
    for (const s of wave.sites) {
      const site = byCode.get(s.site);
      listed.add(s.site);
      rows.push([s.site, site?.name ?? '', site?.region ?? '', site?.erp ?? '', wave.number === 0 ? 'Lighthouse' : wave.number, s.goLive, s.prepStart, s.hypercareEnd, s.pinned ? 'yes' : 'no', ...readiness(site), 'scheduled', s.reasons.join(' | ')]);
    }
  }
  for (const u of schedule.unscheduled) {
    const site = byCode.get(u.site);
    listed.add(u.site);
    rows.push([u.site, site?.name ?? '', site?.region ?? '', site?.erp ?? '', '', '', '', '', 'no', ...readiness(site), 'unscheduled', u.reason]);
  }
  for (const site of sites) if (!listed.has(site.code)) rows.push([site.code, site.name, site.region, site.erp, '', '', '', '', 'no', ...readiness(site), site.excluded ? 'excluded' : 'not placed', '']);
  return rows;
}

export function scheduleCsv(input: ScheduleExportInput): string {
  return Papa.unparse({ fields: [...SCHEDULE_COLUMNS], data: scheduleRows(input) }, { newline: '\r\n' });
}

function addTable(workbook: ExcelJS.Workbook, name: string, headers: readonly string[], rows: (string | number | boolean)[][]): void {
  const sheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.addRow([...headers]).font = { bold: true };
  for (const row of rows) sheet.addRow(row);
  sheet.columns.forEach((column, i) => {
    const longest = Math.max(headers[i]?.length ?? 0, ...rows.slice(0, 500).map((r) => String(r[i] ?? '').length));
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
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
