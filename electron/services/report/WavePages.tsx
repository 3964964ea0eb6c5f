/**
 * Per wave: its sites with go-live, readiness score per dimension (R1, R2, … named above the
 * table), ERP (new or proven), the status of each go/no-go gate and the overdue checklist items. One
 * line per site, so a wave reads at a glance; under the table, why sites went later than they could
 * have (each earlier wave they missed, or the learning gap). Each wave is a PDF bookmark under Waves.
 */
import { Text, View, type ViewProps } from '@react-pdf/renderer';
import type { ComponentType, PropsWithChildren } from 'react';
import type { ReportModel, WaveSiteDetail } from '../../../shared/report/report-model';
import { contentHeight, contentWidth, estimateLines, fitLine, paginate, type FlowBlock } from './flow';
import { RagLegend } from './RagCell';
import type { PageBody, PageFrame } from './ReportPage';
import { CanvasBlock, drawGateMark, drawRagBox, drawText, GATE_STATUS_LABELS, textWidth } from './canvas';
import { COLORS, styles } from './theme';

/**
 * A View that is a PDF outline entry under another (`parent`: that entry's number in page order).
 * react-pdf reads `bookmark` on any element at run time; its types declare it on Page only.
 */
const BookmarkedView = View as unknown as ComponentType<PropsWithChildren<ViewProps & { bookmark?: { title: string; parent: number; fit: boolean } | undefined }>>;

const CELL = 17;
const ROW = 15;

/** A legend line that wraps instead of cutting names. */
function legendBlock(text: string, width: number): FlowBlock {
  const height = estimateLines(text, 7.5, width) * 10 + 1;
  return { height, node: <Text style={[styles.small, styles.muted, { height }]}>{text}</Text> };
}

/**
 * @param wavesBookmark the outline entry of the Waves section, which each wave's entry goes under
 */
export function wavePages(model: ReportModel, frame: PageFrame, wavesBookmark: number): PageBody[] {
  const width = contentWidth(frame.paper, false);
  const col = { code: 44, goLive: 48, readiness: Math.max(48, model.dimensions.length * (CELL + 1.5) + 4), erp: 122, gate: 16, overdue: 40 };
  const nameWidth = width - col.code - col.goLive - col.readiness - col.erp - model.gates.length * col.gate - col.overdue;
  // Left edges of the columns, in the order of the header.
  const at = { code: 0, name: col.code, goLive: col.code + nameWidth, readiness: col.code + nameWidth + col.goLive };
  const erpX = at.readiness + col.readiness;
  const gateX = (i: number) => erpX + col.erp + i * col.gate;
  const baseline = ROW / 2 + 2.8;
  // Repeated on every page of every wave: drawn like the rows.
  const tableHeader: FlowBlock = {
    height: 15,
    keepWithNext: true,
    node: (
      <CanvasBlock
        width={width}
        height={15}
        draw={(p) => {
          const header = { size: 8, weight: 600 as const };
          drawText(p, 'Site', at.code, 9.5, header);
          drawText(p, 'Name', at.name, 9.5, header);
          drawText(p, 'Go-live', at.goLive, 9.5, header);
          model.dimensions.forEach((_, i) => drawText(p, `R${i + 1}`, at.readiness + i * (CELL + 1.5) + CELL / 2, 9.5, { ...header, align: 'center' }));
          drawText(p, 'ERP', erpX, 9.5, header);
          model.gates.forEach((_, i) => drawText(p, `G${i + 1}`, gateX(i), 9.5, header));
          drawText(p, 'Overdue', width, 9.5, { ...header, align: 'right' });
          p.lineWidth(0.75).moveTo(0, 12.5).lineTo(width, 12.5).stroke(COLORS.ink);
        }}
      />
    ),
  };
  const row = (site: WaveSiteDetail): FlowBlock => ({
    height: ROW,
    node: (
      <CanvasBlock
        width={width}
        height={ROW}
        draw={(p) => {
          p.lineWidth(0.5).moveTo(0, ROW - 0.25).lineTo(width, ROW - 0.25).stroke(COLORS.rule);
          drawText(p, site.site, at.code, baseline, { size: 8, weight: 600 });
          // The region only where the whole name leaves room for it.
          const withRegion = `${site.name} · ${site.region}`;
          const name = site.region && textWidth(withRegion, 7.5) <= nameWidth - 4 ? withRegion : fitLine(site.name, 7.5, nameWidth - 4);
          drawText(p, name, at.name, baseline, { size: 7.5, color: COLORS.muted });
          drawText(p, site.goLive, at.goLive, baseline, { size: 8 });
          site.readiness.forEach((cell, i) =>
            drawRagBox(p, { x: at.readiness + i * (CELL + 1.5), y: (ROW - 11) / 2, width: CELL, height: 11, rag: cell.rag, label: cell.score === null ? '?' : String(Math.round(cell.score)) }),
          );
          drawText(p, fitLine(site.erp, 7, col.erp - (site.erpIsNew ? 22 : 4)), erpX, baseline, { size: 7 });
          if (site.erpIsNew) drawText(p, 'new', erpX + col.erp - 4, baseline, { size: 7, weight: 700, color: COLORS.red, align: 'right' });
          model.gates.forEach((g, i) => drawGateMark(p, gateX(i) + 6, ROW / 2, site.gates[g.id]?.status));
          if (site.overdue.length > 0) drawText(p, `${site.overdue.length} overdue`, width, baseline, { size: 7.5, weight: 700, color: COLORS.red, align: 'right' });
        }}
      />
    ),
  });

  const blocks: FlowBlock[] = [
    { height: 26, node: <Text style={[styles.h2, { height: 22 }]}>Waves</Text> },
    { height: 20, node: <RagLegend /> },
    legendBlock(`Readiness scores: ${model.dimensions.map((d, i) => `R${i + 1} ${d.label} (threshold ${d.threshold})`).join(' · ')}.`, width),
    legendBlock(`Go/no-go gates: ${model.gates.map((g, i) => `G${i + 1} ${g.title}`).join(' · ')}. ERP: "new" marks the first wave on that ERP.`, width),
    { height: 14, node: <GateLegend /> },
  ];
  if (model.waves.length === 0) blocks.push({ height: 14, node: <Text>No waves are scheduled yet.</Text> });
  for (const wave of model.waves) {
    const title = (continued: boolean): FlowBlock => ({
      height: 27,
      keepWithNext: true,
      node: (
        <BookmarkedView style={{ backgroundColor: COLORS.band, padding: 4, marginTop: 4, height: 22 }} bookmark={continued ? undefined : { title: wave.label, parent: wavesBookmark, fit: true }}>
          <Text style={{ fontWeight: 700, fontSize: 10 }}>
            {wave.label}
            {continued ? ' (continued)' : ''}
            <Text style={{ fontWeight: 400, fontSize: 8, color: COLORS.muted }}>
              {'  '}
              {wave.number === 0 ? `goes live ${wave.windowStart}` : `window ${wave.windowStart} – ${wave.windowEnd}`} · {wave.prepLeadDays} days prep · {wave.sites.length} site{wave.sites.length === 1 ? '' : 's'}
            </Text>
          </Text>
        </BookmarkedView>
      ),
    });
    blocks.push(title(false), tableHeader);
    for (const site of wave.sites) blocks.push({ ...row(site), continuation: [title(true), tableHeader] });
    // The overdue items themselves, under the wave's table, one line each.
    const overdue = wave.sites.flatMap((site) => site.overdue.map((item) => ({ site: site.site, ...item })));
    for (const item of overdue) {
      blocks.push({
        height: 11,
        continuation: [title(true)],
        node: (
          <Text style={{ fontSize: 7.5, height: 11, color: COLORS.red }}>
            {fitLine(`Overdue · ${item.site} · ${item.title} · due ${item.dueDate} · ${item.status}`, 7.5, width)}
          </Text>
        ),
      });
    }
    // Why sites went later than they could have: one wrapped paragraph for the sites with the same story.
    const stories = new Map<string, string[]>();
    for (const site of wave.sites.filter((s) => s.delays.length > 0)) {
      const story = site.delays.join(' · ');
      stories.set(story, [...(stories.get(story) ?? []), site.site]);
    }
    for (const [story, codes] of stories) {
      const text = `${codes.join(', ')} · ${story}`;
      const height = estimateLines(text, 7, width) * 9.5 + 1;
      blocks.push({ height, continuation: [title(true)], node: <Text style={{ fontSize: 7, height, color: COLORS.muted }}>{text}</Text> });
    }
  }
  return paginate(blocks, contentHeight(frame.paper, false)).map((nodes) => ({ section: 'Waves', landscape: false, body: <View>{nodes}</View> }));
}

function GateLegend() {
  // Each entry as wide as its label.
  let x = 56;
  const entries = GATE_STATUS_LABELS.map(([status, label]) => {
    const entry = { status, label, x };
    x += 18 + textWidth(label, 7.5);
    return entry;
  });
  return (
    <CanvasBlock
      width={x + 140}
      height={12}
      draw={(p) => {
        drawText(p, 'Gate status:', 0, 8, { size: 7.5, color: COLORS.muted });
        for (const e of entries) {
          drawGateMark(p, e.x + 3, 5.5, e.status);
          drawText(p, e.label, e.x + 9, 8, { size: 7.5, color: COLORS.muted });
        }
        drawText(p, '(due dates in the checklist)', x, 8, { size: 7.5, color: COLORS.muted });
      }}
    />
  );
}
