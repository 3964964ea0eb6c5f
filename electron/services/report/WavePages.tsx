/**
 * Per wave: its sites with go-live, readiness per dimension, ERP (new or proven), the status of each
 * go/no-go gate and the overdue checklist items. One line per site, so a wave reads at a glance.
 */
import { G, Line, Svg, Text, View } from '@react-pdf/renderer';
import type { ReportModel, WaveSiteDetail } from '../../../shared/report/report-model';
import { contentHeight, contentWidth, fitLine, paginate, type FlowBlock } from './flow';
import { RagLegend } from './RagCell';
import type { PageBody, PageFrame } from './ReportPage';
import { GATE_STATUS_LABELS, SVG_FONT, SvgText, svgGateMark, svgRagBox } from './svg';
import { COLORS, styles } from './theme';

const CELL = 17;
const ROW = 15;

export function wavePages(model: ReportModel, frame: PageFrame): PageBody[] {
  const width = contentWidth(frame.paper, false);
  const col = { code: 44, goLive: 48, readiness: Math.max(48, model.dimensions.length * (CELL + 1.5) + 4), erp: 110, gate: 18, overdue: 44 };
  const nameWidth = width - col.code - col.goLive - col.readiness - col.erp - model.gates.length * col.gate - col.overdue;
  const tableHeader: FlowBlock = {
    height: 15,
    keepWithNext: true,
    node: (
      <View style={[styles.tableHeader, { height: 13 }]}>
        <Text style={{ width: col.code }}>Site</Text>
        <Text style={{ width: nameWidth }}>Name</Text>
        <Text style={{ width: col.goLive }}>Go-live</Text>
        <Text style={{ width: col.readiness }}>Readiness</Text>
        <Text style={{ width: col.erp }}>ERP</Text>
        {model.gates.map((g, i) => (
          <Text key={g.id} style={{ width: col.gate }}>
            G{i + 1}
          </Text>
        ))}
        <Text style={{ width: col.overdue, textAlign: 'right' }}>Overdue</Text>
      </View>
    ),
  };
  // Left edges of the columns, in the order of the header.
  const at = { code: 0, name: col.code, goLive: col.code + nameWidth, readiness: col.code + nameWidth + col.goLive };
  const erpX = at.readiness + col.readiness;
  const gateX = (i: number) => erpX + col.erp + i * col.gate;
  const baseline = ROW / 2 + 2.8;
  const row = (site: WaveSiteDetail): FlowBlock => ({
    height: ROW,
    node: (
      <Svg width={width} height={ROW}>
        <Line x1={0} y1={ROW - 0.25} x2={width} y2={ROW - 0.25} stroke={COLORS.rule} strokeWidth={0.5} />
        <SvgText x={at.code} y={baseline} {...SVG_FONT} fontSize={8} fontWeight={600} fill={COLORS.ink}>
          {site.site}
        </SvgText>
        <SvgText x={at.name} y={baseline} {...SVG_FONT} fontSize={7.5} fill={COLORS.muted}>
          {fitLine(`${site.name} · ${site.region}`, 7.5, nameWidth - 4)}
        </SvgText>
        <SvgText x={at.goLive} y={baseline} {...SVG_FONT} fontSize={8} fill={COLORS.ink}>
          {site.goLive}
        </SvgText>
        {site.readiness.map((cell, i) => (
          <G key={cell.dimension}>{svgRagBox({ x: at.readiness + i * (CELL + 1.5), y: (ROW - 10) / 2, width: CELL, height: 10, rag: cell.rag })}</G>
        ))}
        <SvgText x={erpX} y={baseline} {...SVG_FONT} fill={COLORS.ink}>
          {fitLine(site.erp, 7, col.erp - 42)}
        </SvgText>
        <SvgText x={erpX + col.erp - 34} y={baseline} {...SVG_FONT} fontWeight={700} fill={site.erpIsNew ? COLORS.red : COLORS.muted}>
          {site.erpIsNew ? 'new' : 'proven'}
        </SvgText>
        {model.gates.map((g, i) => (
          <G key={g.id}>{svgGateMark({ cx: gateX(i) + 6, cy: ROW / 2, status: site.gates[g.id]?.status })}</G>
        ))}
        {site.overdue.length > 0 && (
          <SvgText x={width} y={baseline} textAnchor="end" {...SVG_FONT} fontSize={7.5} fontWeight={700} fill={COLORS.red}>
            {`${site.overdue.length} overdue`}
          </SvgText>
        )}
      </Svg>
    ),
  });

  const blocks: FlowBlock[] = [
    { height: 26, node: <Text style={[styles.h2, { height: 22 }]}>Waves</Text> },
    { height: 20, node: <RagLegend /> },
    {
      height: 12,
      node: <Text style={[styles.small, styles.muted, { height: 11 }]}>{fitLine(`Readiness columns (scores in the heat map): ${model.dimensions.map((d) => d.label).join(' · ')}.`, 7.5, width)}</Text>,
    },
    ...model.gates.map((g, i) => ({ height: 11, node: <Text style={[styles.small, styles.muted, { height: 10 }]}>{fitLine(`G${i + 1}: ${g.title}`, 7.5, width)}</Text> })),
    { height: 14, node: <GateLegend /> },
  ];
  if (model.waves.length === 0) blocks.push({ height: 14, node: <Text>No waves are scheduled yet.</Text> });
  for (const wave of model.waves) {
    const title = (continued: boolean): FlowBlock => ({
      height: 27,
      keepWithNext: true,
      node: (
        <View style={{ backgroundColor: COLORS.band, padding: 4, marginTop: 4, height: 22 }}>
          <Text style={{ fontWeight: 700, fontSize: 10 }}>
            {wave.label}
            {continued ? ' (continued)' : ''}
            <Text style={{ fontWeight: 400, fontSize: 8, color: COLORS.muted }}>
              {'  '}
              {wave.number === 0 ? `goes live ${wave.windowStart}` : `window ${wave.windowStart} – ${wave.windowEnd}`} · {wave.prepLeadDays} days prep · {wave.sites.length} site{wave.sites.length === 1 ? '' : 's'}
            </Text>
          </Text>
        </View>
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
  }
  return paginate(blocks, contentHeight(frame.paper, false)).map((nodes) => ({ section: 'Waves', landscape: false, body: <View>{nodes}</View> }));
}

function GateLegend() {
  // Each entry as wide as its label (Inter averages about 0.55 em a character).
  const entries = GATE_STATUS_LABELS.map(([status, label], i) => ({ status, label, x: 54 + GATE_STATUS_LABELS.slice(0, i).reduce((sum, [, l]) => sum + 18 + l.length * 4.2, 0) }));
  const end = entries.at(-1)!.x + 18 + entries.at(-1)!.label.length * 4.2;
  return (
    <Svg width={end + 140} height={12}>
      <SvgText x={0} y={8} {...SVG_FONT} fontSize={7.5} fill={COLORS.muted}>
        Gate status:
      </SvgText>
      {entries.map(({ status, label, x }) => (
        <G key={status}>
          {svgGateMark({ cx: x + 3, cy: 5.5, status })}
          <SvgText x={x + 9} y={8} {...SVG_FONT} fontSize={7.5} fill={COLORS.muted}>
            {label}
          </SvgText>
        </G>
      ))}
      <SvgText x={end} y={8} {...SVG_FONT} fontSize={7.5} fill={COLORS.muted}>
        (due dates in the checklist)
      </SvgText>
    </Svg>
  );
}
