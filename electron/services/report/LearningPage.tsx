/** Learning curve: whether later waves move faster, as the playbook matures. */
import { Line, Rect, Svg, Text, View } from '@react-pdf/renderer';
import type { ReportModel } from '../../../shared/report/report-model';
import { contentHeight, contentWidth, paginate, type FlowBlock } from './flow';
import type { PageBody, PageFrame } from './ReportPage';
import { SVG_FONT, SvgText } from './svg';
import { COLORS, styles } from './theme';

export function learningVerdict(model: ReportModel): string {
  const waves = model.learning.filter((l) => l.wave > 0);
  if (waves.length < 2) return 'Too few waves yet to tell whether later waves move faster.';
  const first = waves[0]!;
  const last = waves.at(-1)!;
  if (last.prepLeadDays < first.prepLeadDays) {
    return `Later waves move faster: the prep lead falls from ${first.prepLeadDays} days in wave ${first.wave} to ${last.prepLeadDays} days in wave ${last.wave}.`;
  }
  return `Later waves do not move faster yet: the prep lead is ${first.prepLeadDays} days in wave ${first.wave} and ${last.prepLeadDays} days in wave ${last.wave}.`;
}

const CHART_HEIGHT = 150;
const AXIS = 26;
const ROW = 15;

/** Planned prep lead per wave as bars, the actual prep of live sites beside them, days up the side. */
function LearningChart({ model, width }: { model: ReportModel; width: number }) {
  const waves = model.learning;
  const max = Math.max(1, ...waves.map((l) => Math.max(l.prepLeadDays, l.actualPrepDays ?? 0)));
  const step = max > 100 ? 50 : max > 40 ? 20 : 10;
  const top = Math.ceil(max / step) * step;
  const plot = { left: AXIS, bottom: CHART_HEIGHT - 14, height: CHART_HEIGHT - 24, width: width - AXIS };
  const slot = plot.width / Math.max(1, waves.length);
  const bar = Math.min(18, slot * 0.35);
  const y = (days: number) => plot.bottom - (days / top) * plot.height;
  const ticks: number[] = [];
  for (let t = 0; t <= top; t += step) ticks.push(t);
  // Label every wave when there is room, else every few.
  const labelEvery = Math.max(1, Math.ceil(36 / slot));
  return (
    <Svg width={width} height={CHART_HEIGHT}>
      {ticks.map((t) => (
        <Line key={`g${t}`} x1={plot.left} y1={y(t)} x2={width} y2={y(t)} stroke={COLORS.rule} strokeWidth={0.4} />
      ))}
      {ticks.map((t) => (
        <SvgText key={`t${t}`} x={plot.left - 4} y={y(t) + 2.5} {...SVG_FONT} fill={COLORS.muted} textAnchor="end">
          {String(t)}
        </SvgText>
      ))}
      {waves.map((l, i) => {
        const x = plot.left + i * slot + slot / 2;
        return (
          <Rect key={`p${l.wave}`} x={x - bar} y={y(l.prepLeadDays)} width={bar} height={plot.bottom - y(l.prepLeadDays)} fill={COLORS.prep} stroke={COLORS.prepBorder} strokeWidth={0.5} />
        );
      })}
      {waves.flatMap((l, i) =>
        l.actualPrepDays === null
          ? []
          : [<Rect key={`a${l.wave}`} x={plot.left + i * slot + slot / 2} y={y(l.actualPrepDays)} width={bar} height={plot.bottom - y(l.actualPrepDays)} fill={COLORS.hypercare} />],
      )}
      {waves.map((l, i) =>
        i % labelEvery === 0 ? (
          <SvgText key={`w${l.wave}`} x={plot.left + i * slot + slot / 2} y={CHART_HEIGHT - 3} {...SVG_FONT} fill={COLORS.ink} textAnchor="middle">
            {l.wave === 0 ? 'LH' : `W${l.wave}`}
          </SvgText>
        ) : null,
      )}
      <Line x1={plot.left} y1={plot.bottom} x2={width} y2={plot.bottom} stroke={COLORS.ink} strokeWidth={0.75} />
    </Svg>
  );
}

function Legend() {
  return (
    <View style={{ flexDirection: 'row', alignItems: 'center', fontSize: 7.5, color: COLORS.muted, height: 12 }}>
      <View style={{ width: 12, height: 7, backgroundColor: COLORS.prep, borderWidth: 0.5, borderColor: COLORS.prepBorder, marginRight: 3 }} />
      <Text style={{ marginRight: 12 }}>prep lead planned (days)</Text>
      <View style={{ width: 12, height: 7, backgroundColor: COLORS.hypercare, marginRight: 3 }} />
      <Text>actual prep of sites already live (days, first finished item to go-live)</Text>
    </View>
  );
}

export function learningPages(model: ReportModel, frame: PageFrame): PageBody[] {
  const width = contentWidth(frame.paper, false);
  const columns = { wave: 70, sites: 40, planned: 90, actual: 110 };
  const cell = (text: string, w: number | undefined, bold = false) => (
    <Text style={{ width: w, flex: w === undefined ? 1 : undefined, height: ROW - 4, fontWeight: bold ? 600 : 400 }}>{text}</Text>
  );
  const header: FlowBlock = {
    height: 16,
    keepWithNext: true,
    node: (
      <View style={[styles.tableHeader, { height: 14 }]}>
        {cell('Wave', columns.wave)}
        {cell('Sites', columns.sites)}
        {cell('Prep lead planned', columns.planned)}
        {cell('Actual prep (live sites)', columns.actual)}
        {cell('First prep start to last go-live', undefined)}
      </View>
    ),
  };
  const blocks: FlowBlock[] = [
    { height: 26, node: <Text style={[styles.h2, { height: 22 }]}>Learning curve</Text> },
    { height: 18, node: <Text style={{ height: 16 }}>{learningVerdict(model)}</Text> },
  ];
  if (model.learning.length > 0) {
    blocks.push({ height: 14, node: <Legend /> }, { height: CHART_HEIGHT + 10, node: <View style={{ marginBottom: 10 }}><LearningChart model={model} width={width} /></View> });
  }
  blocks.push(header);
  for (const l of model.learning) {
    blocks.push({
      height: ROW,
      continuation: [header],
      node: (
        <View style={[styles.tableRow, { height: ROW }]}>
          {cell(l.label, columns.wave, true)}
          {cell(String(l.sites), columns.sites)}
          {cell(`${l.prepLeadDays} days`, columns.planned)}
          {cell(l.actualPrepDays === null ? 'none live yet' : `${l.actualPrepDays} days`, columns.actual)}
          {cell(`${l.spanDays} days`, undefined)}
        </View>
      ),
    });
  }
  return paginate(blocks, contentHeight(frame.paper, false)).map((nodes) => ({ section: 'Learning curve', landscape: false, body: <View>{nodes}</View> }));
}
