/**
 * The steering-committee PDF, made by @react-pdf/renderer in plain Node: the same code serves the
 * desktop app, web mode and the command line.
 */
import { Font, renderToBuffer } from '@react-pdf/renderer';
import { todayIso } from '../../../shared/dates';
import { buildReport, type ReportModel } from '../../../shared/report/report-model';
import { generateSchedule } from '../../../shared/scheduler/schedule';
import { scheduleInputFromPlan } from '../../../shared/scheduler/input';
import { readBaseline } from '../plan/baselines';
import { readChecklist } from '../plan/checklists';
import { exportContent } from '../plan/content';
import type { ReadHandle } from '../plan/handles';
import { readTargetDateHistory } from '../plan/readiness';
import { lockedWavesOf, readCurrentSchedule } from '../plan/schedules';
import { ReportDocument } from './ReportDocument';
import { FONT, registerFonts, type Paper } from './theme';

export interface ReportOptions {
  paper: Paper;
  /** The schedule as of this day; the stored schedule when omitted (or today's, when there is none). */
  asOf?: string | undefined;
  baseline?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  generatedOn?: string;
}

export function reportModelOf(h: ReadHandle, options: ReportOptions): ReportModel {
  const stored = readCurrentSchedule(h);
  const content = exportContent(h);
  const lockedWaves = lockedWavesOf(stored);
  let schedule = stored?.schedule;
  if (!schedule || (options.asOf && options.asOf !== schedule.asOf)) {
    schedule = generateSchedule(scheduleInputFromPlan(content, options.asOf ?? todayIso(), lockedWaves));
  }
  return buildReport({
    content,
    schedule,
    checklist: readChecklist(h),
    readinessHistory: readTargetDateHistory(h),
    baseline: options.baseline ? readBaseline(h, options.baseline) : null,
    generatedOn: options.generatedOn ?? todayIso(),
    range: { from: options.from, to: options.to },
    lockedWaves,
  });
}

export async function renderReportPdf(model: ReportModel, paper: Paper): Promise<Buffer> {
  registerFonts();
  // Canvas-drawn tables use react-pdf's own font objects (canvas.tsx): have every weight loaded.
  await Promise.all(([400, 600, 700] as const).map((fontWeight) => Font.load({ fontFamily: FONT, fontWeight })));
  return renderToBuffer(<ReportDocument model={model} frame={{ planName: model.title, asOf: model.asOf, generatedOn: model.generatedOn, paper }} />);
}

/** Pages in a PDF we made: react-pdf writes one "/Type /Page" object per page. */
export function countPdfPages(pdf: Buffer): number {
  return pdf.toString('latin1').match(/\/Type\s*\/Page\b/g)?.length ?? 0;
}
