/** Every export format of the schedule, as a named file ready to save. */
import type { DownloadFile, ExportFormat } from '../../../shared/contract';
import { downloadOf, safeFileStem } from '../download-file';
import { readCalendarSequences } from '../plan/calendar-events';
import type { ReadHandle } from '../plan/handles';
import { scheduleIcs } from './calendar-export';
import { scheduleMspdi } from './project-export';
import { scheduleCsv, scheduleExportInput, scheduleXlsx } from './schedule-export';

export async function exportFile(h: ReadHandle, format: ExportFormat): Promise<DownloadFile> {
  const input = scheduleExportInput(h);
  const stem = safeFileStem(input.planName);
  switch (format) {
    case 'csv':
      // With a byte-order mark, so Excel reads the UTF-8 names right.
      return downloadOf(`${stem} schedule.csv`, 'text/csv', `\uFEFF${scheduleCsv(input)}`);
    case 'xlsx':
      return downloadOf(`${stem} schedule.xlsx`, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', await scheduleXlsx(input));
    case 'ics':
      return downloadOf(`${stem} go-lives.ics`, 'text/calendar', scheduleIcs(input, input.checklist, input.tasks, readCalendarSequences(h)));
    case 'mspdi':
      return downloadOf(`${stem}.xml`, 'application/xml', scheduleMspdi(input, input.checklist, input.tasks));
  }
}
