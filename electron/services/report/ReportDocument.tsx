import { Document } from '@react-pdf/renderer';
import type { ReportModel } from '../../../shared/report/report-model';
import { coverPage } from './CoverPage';
import { crewLoadPages } from './CrewLoadPage';
import { decisionsPages } from './DecisionsPages';
import { ganttPages } from './GanttPages';
import { heatmapPages } from './HeatmapPages';
import { learningPages } from './LearningPage';
import { ReportPage, type PageBody, type PageFrame } from './ReportPage';
import { wavePages } from './WavePages';

/** Every page of the report, in the order a committee reads it. */
export function reportPages(model: ReportModel, frame: PageFrame): PageBody[] {
  return [coverPage(model), ...ganttPages(model, frame), ...wavePages(model, frame), ...heatmapPages(model, frame), ...decisionsPages(model, frame), ...crewLoadPages(model, frame), ...learningPages(model, frame)];
}

export function ReportDocument({ model, frame }: { model: ReportModel; frame: PageFrame }) {
  const pages = reportPages(model, frame);
  return (
    <Document title={`${model.title} — status as of ${model.asOf}`} author="Wave Planner" subject="Rollout status for the steering committee" creator="Wave Planner" producer="Wave Planner">
      {pages.map((page, i) => (
        <ReportPage key={i} frame={frame} page={page} pageNumber={i + 1} totalPages={pages.length} />
      ))}
    </Document>
  );
}
