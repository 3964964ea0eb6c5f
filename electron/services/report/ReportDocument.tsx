import { Document } from '@react-pdf/renderer';
import type { ReportModel } from '../../../shared/report/report-model';
import { coverPage, type ContentsEntry } from './CoverPage';
import { crewLoadPages } from './CrewLoadPage';
import { decisionsPages } from './DecisionsPages';
import { ganttPages } from './GanttPages';
import { heatmapPages } from './HeatmapPages';
import { learningPages } from './LearningPage';
import { ReportPage, type PageBody, type PageFrame } from './ReportPage';
import { wavePages } from './WavePages';

/**
 * Every page of the report, in the order a committee reads it: the summary (with the contents and
 * their page numbers) first, each section's first page a PDF bookmark, and each wave a bookmark
 * under Waves.
 */
export function reportPages(model: ReportModel, frame: PageFrame): PageBody[] {
  const gantt = ganttPages(model, frame);
  // Outline entries are numbered in page order (react-pdf's resolveBookmarks): the summary, the Gantt, then Waves.
  const wavesBookmark = gantt.length > 0 ? 2 : 1;
  const sections: [string, PageBody[]][] = [
    ['Wave Gantt', gantt],
    ['Waves', wavePages(model, frame, wavesBookmark)],
    ['Readiness heat map', heatmapPages(model, frame)],
    ['Risks and decisions', decisionsPages(model, frame)],
    ['Crew load', crewLoadPages(model, frame)],
    ['Learning curve', learningPages(model, frame)],
  ];
  const contents: ContentsEntry[] = [];
  const pages: PageBody[] = [];
  for (const [title, sectionPages] of sections) {
    if (sectionPages.length === 0) continue;
    contents.push({ title, page: pages.length + 2 });
    pages.push({ ...sectionPages[0]!, bookmark: title }, ...sectionPages.slice(1));
  }
  return [coverPage(model, contents), ...pages];
}

export function ReportDocument({ model, frame }: { model: ReportModel; frame: PageFrame }) {
  const pages = reportPages(model, frame);
  return (
    <Document title={`${model.title} — status as of ${model.asOf}`} author="Wave Planner" subject="Rollout status for the steering committee" creator="Wave Planner" producer="Wave Planner" pageMode="useOutlines">
      {pages.map((page, i) => (
        <ReportPage key={i} frame={frame} page={page} pageNumber={i + 1} totalPages={pages.length} />
      ))}
    </Document>
  );
}
