/**
 * Crew load (rule 13): for each crew, the most sites it serves on any day of each week against its
 * size. Weeks over its size are drawn dark and listed in words, so the page reads in greyscale print.
 */
import { G, Line, Rect, Svg, Text, View } from '@react-pdf/renderer';
import type { ReportModel } from '../../../shared/report/report-model';
import { CREW_PHASE_MEANING } from '../../../shared/scheduler/crews';
import type { CrewLoadSeries } from '../../../shared/scheduler/crew-load';
import { contentHeight, contentWidth, paginate, type FlowBlock } from './flow';
import type { PageBody, PageFrame } from './ReportPage';
import { SVG_FONT, SvgText } from './svg';
import { COLORS, styles } from './theme';

const CHART_HEIGHT = 64;
const AXIS_HEIGHT = 12;
const LINE_HEIGHT = 11;

export function crewLoadVerdict(series: CrewLoadSeries[]): string {
  const overloaded = series.filter((s) => s.overloads.length > 0);
  if (overloaded.length === 0) return 'Every crew stays within its size on every day of the plan.';
  const names = overloaded.map((s) => s.crew.name);
  const list = names.length === 1 ? names[0]! : `${names.slice(0, -1).join(', ')} and ${names.at(-1)!}`;
  return `${list} ${names.length === 1 ? 'has' : 'have'} more sites than crew members on some days, because of pinned, moved or locked sites. The days are listed under each chart.`;
}

export function crewLoadPages(model: ReportModel, frame: PageFrame): PageBody[] {
  // Nothing to show without crews, or before any site is placed.
  if (model.crewLoad.every((series) => series.weeks.length === 0)) return [];
  const width = contentWidth(frame.paper, false);
  const blocks: FlowBlock[] = [
    { height: 26, node: <Text style={[styles.h2, { height: 22 }]}>Crew load</Text> },
    { height: 34, node: <Text style={{ height: 32 }}>{crewLoadVerdict(model.crewLoad)}</Text> },
  ];
  for (const series of model.crewLoad) {
    blocks.push({ height: 30, keepWithNext: true, node: <CrewHeading series={series} /> });
    if (series.weeks.length === 0) {
      blocks.push({ height: 16, node: <Text style={{ height: 14, color: COLORS.muted }}>No placed site needs this crew.</Text> });
      continue;
    }
    blocks.push({ height: CHART_HEIGHT + AXIS_HEIGHT + 6, node: <View style={{ height: CHART_HEIGHT + AXIS_HEIGHT + 6 }}><CrewChart series={series} width={width} /></View> });
    for (const o of series.overloads) {
      blocks.push({
        height: LINE_HEIGHT,
        node: (
          <Text style={{ height: LINE_HEIGHT, fontSize: 8 }}>
            Over size {o.from} – {o.to}: {o.peak} sites for a crew of {series.crew.size}
          </Text>
        ),
      });
    }
    blocks.push({ height: 10, node: <View style={{ height: 10 }} /> });
  }
  return paginate(blocks, contentHeight(frame.paper, false)).map((nodes) => ({ section: 'Crew load', landscape: false, body: <View>{nodes}</View> }));
}

function CrewHeading({ series }: { series: CrewLoadSeries }) {
  const { crew, weeks, overloads } = series;
  const busiest = weeks.reduce((max, w) => Math.max(max, w.peak), 0);
  return (
    <View style={{ height: 28 }}>
      <Text style={{ fontWeight: 700 }}>
        {crew.name} · {crew.size} at a time{overloads.length > 0 ? ' · over size' : ''}
      </Text>
      <Text style={{ fontSize: 8, color: COLORS.muted }}>
        Needed {CREW_PHASE_MEANING[crew.phase]}. Busiest week: {busiest} of {crew.size}.
      </Text>
    </View>
  );
}

function CrewChart({ series, width }: { series: CrewLoadSeries; width: number }) {
  const { crew, weeks } = series;
  // Headroom above the tallest bar for the size label.
  const top = Math.max(crew.size, ...weeks.map((w) => w.peak), 1) * 1.25;
  const weekWidth = width / weeks.length;
  const y = (sites: number) => CHART_HEIGHT - (sites / top) * CHART_HEIGHT;
  const years = weeks.flatMap((w, i) => (i > 0 && w.start.slice(0, 4) !== weeks[i - 1]!.start.slice(0, 4) ? [{ x: i * weekWidth, label: w.start.slice(0, 4) }] : []));
  return (
    <Svg width={width} height={CHART_HEIGHT + AXIS_HEIGHT}>
      <Line x1={0} y1={CHART_HEIGHT} x2={width} y2={CHART_HEIGHT} stroke={COLORS.ink} strokeWidth={0.5} />
      {weeks.map((w, i) => (
        <Rect
          key={w.start}
          x={i * weekWidth}
          y={y(w.peak)}
          width={Math.max(weekWidth - (weekWidth > 3 ? 0.6 : 0), 0.4)}
          height={CHART_HEIGHT - y(w.peak)}
          fill={w.peak > crew.size ? COLORS.red : COLORS.prep}
        />
      ))}
      <Line x1={0} y1={y(crew.size)} x2={width} y2={y(crew.size)} stroke={COLORS.ink} strokeWidth={0.75} strokeDasharray="3 2" />
      <SvgText x={width - 2} y={Math.max(y(crew.size) - 2, 7)} {...SVG_FONT} textAnchor="end" fill={COLORS.ink}>
        {`size ${crew.size}`}
      </SvgText>
      <SvgText x={0} y={CHART_HEIGHT + AXIS_HEIGHT - 2} {...SVG_FONT} fill={COLORS.muted}>
        {weeks[0]!.start}
      </SvgText>
      {years.map((year) => (
        <G key={year.label}>
          <Line x1={year.x} y1={CHART_HEIGHT} x2={year.x} y2={CHART_HEIGHT + 4} stroke={COLORS.muted} strokeWidth={0.5} />
          {year.x > 50 && year.x < width - 20 && (
            <SvgText x={year.x + 2} y={CHART_HEIGHT + AXIS_HEIGHT - 2} {...SVG_FONT} fill={COLORS.muted}>
              {year.label}
            </SvgText>
          )}
        </G>
      ))}
    </Svg>
  );
}
