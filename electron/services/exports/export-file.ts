/** Every export format of the schedule, as a named file ready to save. */
import type { ExportFormat } from '../../../shared/contract';
import type { PlanFile } from '../plan/plan-file';
import { scheduleIcs } from './calendar-export';
import { scheduleMspdi } from './project-export';
import { scheduleCsv, scheduleExportInput, scheduleXlsx } from './schedule-export';

export interface ExportedBytes {
  fileName: string;
  mimeType: string;
  bytes: Buffer;
}

/** A plan name made safe to use in a file name. */
export function safeFileStem(name: string): string {
  return name.replace(/[^\p{L}\p{N} ._-]+/gu, '-').trim() || 'plan';
}

export async function exportFile(plan: PlanFile, format: ExportFormat): Promise<ExportedBytes> {
  const input = scheduleExportInput(plan);
  const stem = safeFileStem(input.planName);
  switch (format) {
    case 'csv':
      // With a byte-order mark, so Excel reads the UTF-8 names right.
      return { fileName: `${stem} schedule.csv`, mimeType: 'text/csv', bytes: Buffer.from(`\uFEFF${scheduleCsv(input)}`, 'utf8') };
    case 'xlsx':
      return { fileName: `${stem} schedule.xlsx`, mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', bytes: await scheduleXlsx(input) };
    case 'ics':
      return { fileName: `${stem} go-lives.ics`, mimeType: 'text/calendar', bytes: Buffer.from(scheduleIcs(input, plan.checklist(), plan.playbook().tasks), 'utf8') };
    case 'mspdi':
      return { fileName: `${stem}.xml`, mimeType: 'application/xml', bytes: Buffer.from(scheduleMspdi(input, plan.checklist(), plan.playbook().tasks), 'utf8') };
  }
}
