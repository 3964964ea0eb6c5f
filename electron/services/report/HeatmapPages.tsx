/** Readiness heat map: every site in scope against every dimension, unknown shown apart from low. */
import { Text, View } from '@react-pdf/renderer';
import type { ReportModel } from '../../../shared/report/report-model';
import { contentHeight, contentWidth, fitLine, paginate, type FlowBlock } from './flow';
import { RagLegend } from './RagCell';
import type { PageBody, PageFrame } from './ReportPage';
import { CanvasBlock, drawRagBox, drawText } from './canvas';
import { COLORS, styles } from './theme';

const ROW = 21;
const NAME_WIDTH = 170;

export function heatmapPages(model: ReportModel, frame: PageFrame): PageBody[] {
  const cellWidth = Math.min(62, Math.floor((contentWidth(frame.paper, false) - NAME_WIDTH) / Math.max(1, model.dimensions.length)) - 2);
  // Dimension names over up to three lines, so they are not cut where there is room.
  const header: FlowBlock = {
    height: 42,
    keepWithNext: true,
    node: (
      <View style={[styles.tableHeader, { alignItems: 'flex-end', height: 40 }]}>
        <Text style={{ width: NAME_WIDTH }}>Site</Text>
        {model.dimensions.map((d) => (
          <View key={d.key} style={{ width: cellWidth + 1.5, alignItems: 'center' }}>
            <Text style={{ fontSize: 7, textAlign: 'center', maxHeight: 27 }}>{fitLine(d.label, 7, cellWidth * 3 - 12)}</Text>
            <Text style={{ fontSize: 7, color: COLORS.muted }}>threshold {d.threshold}</Text>
          </View>
        ))}
      </View>
    ),
  };
  const blocks: FlowBlock[] = [
    { height: 26, node: <Text style={[styles.h2, { height: 22 }]}>Readiness heat map</Text> },
    { height: 20, node: <RagLegend /> },
    { height: 16, node: <Text style={[styles.small, styles.muted, { height: 14 }]}>Below threshold, the date under a score is the target date by which the site expects to reach it.</Text> },
    header,
  ];
  if (model.heatmap.length === 0) blocks.push({ height: 14, node: <Text>The plan has no sites in scope.</Text> });
  for (const row of model.heatmap) {
    const cellHeight = ROW - 1.5;
    blocks.push({
      height: ROW,
      continuation: [header],
      node: (
        <CanvasBlock
          width={NAME_WIDTH + model.dimensions.length * (cellWidth + 1.5)}
          height={ROW}
          draw={(p) => {
            drawText(p, row.site, 0, 12, { size: 7.5, weight: 600 });
            drawText(p, fitLine(row.name, 7.5, NAME_WIDTH - 50), 46, 12, { size: 7.5, color: COLORS.muted });
            row.cells.forEach((cell, i) => {
              const target = cell.rag !== 'green' && cell.targetDate ? `→${cell.targetDate}` : undefined;
              const score = cell.score === null ? '?' : String(Math.round(cell.score));
              drawRagBox(p, { x: NAME_WIDTH + i * (cellWidth + 1.5), y: 0, width: cellWidth, height: cellHeight, rag: cell.rag, label: score, note: target });
            });
          }}
        />
      ),
    });
  }
  return paginate(blocks, contentHeight(frame.paper, false)).map((nodes) => ({ section: 'Readiness heat map', landscape: false, body: <View>{nodes}</View> }));
}
