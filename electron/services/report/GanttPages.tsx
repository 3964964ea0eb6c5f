/**
 * The wave Gantt, tiled over landscape pages: each tile repeats the quarter and month headers, the
 * site names and the label of a wave that continues from the tile before; every tile keeps the same
 * time scale, and text never shrinks below 7 pt.
 */
import { G, Line, Polygon, Rect, Svg, Text, View } from '@react-pdf/renderer';
import { addDaysIso, daysBetween } from '../../../shared/dates';
import { monthsBetween, tileGantt, type GanttTile } from '../../../shared/report/gantt-tiles';
import type { GanttRow, GanttWave, ReportModel } from '../../../shared/report/report-model';
import type { PageBody, PageFrame } from './ReportPage';
import { SVG_FONT, SvgText } from './svg';
import { COLORS, FOOTER_HEIGHT, HEADER_HEIGHT, MARGIN, PAGE_SIZES } from './theme';

const LABEL_WIDTH = 180;
const ROW_HEIGHT = 13;
const SCALE_HEIGHT = 26;
const LEGEND_HEIGHT = 16;
/** At least this many points per month, so month names stay readable. */
const MIN_MONTH_WIDTH = 48;
const MONTH_NAMES = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

export function ganttLayout(frame: PageFrame) {
  const size = PAGE_SIZES[frame.paper];
  const width = size.height - 2 * MARGIN; // landscape
  const height = size.width - 2 * MARGIN - HEADER_HEIGHT - FOOTER_HEIGHT;
  const chartWidth = width - LABEL_WIDTH;
  const monthsPerPage = Math.max(1, Math.floor(chartWidth / MIN_MONTH_WIDTH));
  return {
    chartWidth,
    // One row kept free for the label of a wave that continues from the tile before.
    rowsPerPage: Math.floor((height - SCALE_HEIGHT - LEGEND_HEIGHT - 6) / ROW_HEIGHT) - 1,
    monthsPerPage,
    // One scale for every tile: a tile of fewer months is shorter, not stretched.
    dayWidth: chartWidth / (monthsPerPage * 31),
  };
}

/** Hatching, so a freeze window shows on a greyscale print as well as on screen. */
function FreezeHatch({ x, y, width, height }: { x: number; y: number; width: number; height: number }) {
  const lines: number[] = [];
  for (let at = x + 1.5; at < x + width; at += 3) lines.push(at);
  return (
    <G>
      <Rect x={x} y={y} width={width} height={height} fill={COLORS.freeze} stroke={COLORS.muted} strokeWidth={0.5} />
      {lines.map((at) => (
        <Line key={at} x1={at} y1={y} x2={at} y2={y + height} stroke={COLORS.faint} strokeWidth={0.4} />
      ))}
    </G>
  );
}

/**
 * One tile: the names and the chart drawn as one SVG (see svg.tsx for why).
 */
function GanttTileView({ model, rows, tile, chartWidth, dayWidth }: { model: ReportModel; rows: GanttRow[]; tile: GanttTile; chartWidth: number; dayWidth: number }) {
  const left = LABEL_WIDTH;
  const x = (date: string) => left + daysBetween(tile.from, date < tile.from ? tile.from : date > tile.to ? addDaysIso(tile.to, 1) : date) * dayWidth;
  const top = SCALE_HEIGHT;
  const bodyHeight = rows.length * ROW_HEIGHT;
  const width = LABEL_WIDTH + chartWidth;
  const height = top + bodyHeight + 12;
  const months = monthsBetween(tile.from, tile.to);
  const quarters: { start: string; end: string; label: string }[] = [];
  for (const m of months) {
    const label = `Q${Math.floor((Number(m.start.slice(5, 7)) - 1) / 3) + 1} ${m.start.slice(0, 4)}`;
    const last = quarters.at(-1);
    if (last && last.label === label) last.end = m.end;
    else quarters.push({ start: m.start, end: m.end, label });
  }
  const freezes = model.gantt.freezes.filter((f) => f.to >= tile.from && f.from <= tile.to);
  const today = model.gantt.today >= tile.from && model.gantt.today <= tile.to ? model.gantt.today : null;
  const rowTop = (i: number) => top + i * ROW_HEIGHT;
  return (
    <View>
      <View style={{ flexDirection: 'row', height: LEGEND_HEIGHT, alignItems: 'center', fontSize: 7.5, color: COLORS.muted }}>
        <Text style={{ width: LABEL_WIDTH }}>
          {tile.from} – {tile.to}
        </Text>
        <View style={{ width: 14, height: 5, backgroundColor: COLORS.prep, borderWidth: 0.5, borderColor: COLORS.prepBorder, marginRight: 3 }} />
        <Text style={{ marginRight: 10 }}>prep</Text>
        <View style={{ width: 6, height: 6, borderWidth: 1.25, borderColor: COLORS.ink, transform: 'rotate(45deg)', marginRight: 4 }} />
        <Text style={{ marginRight: 10 }}>go-live</Text>
        <View style={{ width: 14, height: 7, backgroundColor: COLORS.hypercare, marginRight: 3 }} />
        <Text style={{ marginRight: 10 }}>hypercare</Text>
        <Svg width={14} height={8} style={{ marginRight: 3 }}>
          <FreezeHatch x={0} y={0} width={14} height={8} />
        </Svg>
        <Text style={{ marginRight: 10 }}>freeze window</Text>
        {today ? <View style={{ width: 1.5, height: 9, backgroundColor: COLORS.today, marginRight: 3 }} /> : null}
        {today ? <Text>today ({today})</Text> : null}
      </View>
      <Svg width={width} height={height}>
        {rows.map((row, i) => (row.kind === 'wave' ? <Rect key={`b${i}`} x={0} y={rowTop(i)} width={width} height={ROW_HEIGHT} fill={COLORS.band} /> : null))}
        {freezes.map((f) => (
          <FreezeHatch key={`f${f.from}`} x={x(f.from)} y={top} width={x(addDaysIso(f.to, 1)) - x(f.from)} height={bodyHeight} />
        ))}
        {quarters.map((q) => (
          <Line key={q.label} x1={x(q.start)} y1={0} x2={x(q.start)} y2={12} stroke={COLORS.ink} strokeWidth={0.75} />
        ))}
        {quarters.map((q) => (
          <SvgText key={`t${q.label}`} x={x(q.start) + 2} y={9} {...SVG_FONT} fontSize={7.5} fontWeight={700} fill={COLORS.ink}>
            {q.label}
          </SvgText>
        ))}
        {months.map((m) => (
          <Line key={m.start} x1={x(m.start)} y1={13} x2={x(m.start)} y2={top + bodyHeight} stroke={COLORS.rule} strokeWidth={0.4} />
        ))}
        {months.map((m) => (
          <SvgText key={`t${m.start}`} x={x(m.start) + 2} y={22} {...SVG_FONT} fill={COLORS.ink}>
            {MONTH_NAMES[Number(m.start.slice(5, 7)) - 1]!}
          </SvgText>
        ))}
        <Line x1={0} y1={top} x2={width} y2={top} stroke={COLORS.ink} strokeWidth={0.75} />
        <SvgText x={0} y={top - 4} {...SVG_FONT} fontSize={7.5} fontWeight={700} fill={COLORS.ink}>
          Site
        </SvgText>
        {rows.map((row, i) => {
          const baseline = rowTop(i) + 9.5;
          if (row.kind === 'wave') {
            return (
              <G key={`w${i}`}>
                <SvgText x={3} y={baseline} {...SVG_FONT} fontSize={7.5} fontWeight={700} fill={COLORS.ink}>
                  {row.label.split(' · ')[0]!}
                </SvgText>
                <SvgText x={left + 3} y={baseline} {...SVG_FONT} fill={COLORS.muted}>
                  {row.label.split(' · ').slice(1).join(' · ')}
                </SvgText>
              </G>
            );
          }
          const prepVisible = row.goLive > tile.from && row.prepStart <= tile.to;
          const careVisible = row.hypercareEnd >= tile.from && row.goLive <= tile.to;
          const goLiveIn = row.goLive >= tile.from && row.goLive <= tile.to;
          const gx = x(row.goLive) + dayWidth / 2;
          const careEnd = x(addDaysIso(row.hypercareEnd, 1));
          const labelX = careEnd + 48 < left + chartWidth ? careEnd + 3 : Math.max(left, x(row.prepStart) - 46);
          const name = row.name.length > 30 ? `${row.name.slice(0, 29)}…` : row.name;
          return (
            <G key={row.site}>
              <Line x1={0} y1={rowTop(i) + ROW_HEIGHT} x2={left} y2={rowTop(i) + ROW_HEIGHT} stroke={COLORS.rule} strokeWidth={0.25} />
              <SvgText x={0} y={baseline} {...SVG_FONT} fontSize={7.5} fontWeight={600} fill={COLORS.ink}>
                {row.site}
              </SvgText>
              <SvgText x={50} y={baseline} {...SVG_FONT} fontSize={7.5} fill={COLORS.ink}>
                {row.pinned ? `${name} (pinned)` : name}
              </SvgText>
              {prepVisible && <Rect x={x(row.prepStart)} y={rowTop(i) + 4} width={Math.max(0.5, x(row.goLive) - x(row.prepStart))} height={5} fill={COLORS.prep} stroke={COLORS.prepBorder} strokeWidth={0.5} />}
              {careVisible && <Rect x={x(row.goLive)} y={rowTop(i) + 3} width={Math.max(1, careEnd - x(row.goLive))} height={7} fill={COLORS.hypercare} />}
              {goLiveIn && (
                <Polygon
                  points={`${gx},${rowTop(i) + 1.5} ${gx + 4},${rowTop(i) + 6.5} ${gx},${rowTop(i) + 11.5} ${gx - 4},${rowTop(i) + 6.5}`}
                  fill="#ffffff"
                  stroke={COLORS.ink}
                  strokeWidth={1.2}
                />
              )}
              {goLiveIn && (
                <SvgText x={labelX} y={baseline} {...SVG_FONT} fill={COLORS.muted}>
                  {row.goLive}
                </SvgText>
              )}
            </G>
          );
        })}
        {freezes.map((f) => (
          <SvgText key={`fl${f.from}`} x={Math.min(x(f.from) + 2, left + chartWidth - 150)} y={top + bodyHeight + 9} {...SVG_FONT} fill={COLORS.muted}>
            {`Freeze: ${f.reason || `${f.from} – ${f.to}`}`}
          </SvgText>
        ))}
        {today && <Line x1={x(today)} y1={0} x2={x(today)} y2={top + bodyHeight} stroke={COLORS.today} strokeWidth={1.5} />}
      </Svg>
    </View>
  );
}

export function ganttPages(model: ReportModel, frame: PageFrame): PageBody[] {
  const layout = ganttLayout(frame);
  const rows = model.gantt.rows;
  if (rows.length === 0) {
    return [{ section: 'Wave Gantt', landscape: true, body: <Text>No site is scheduled in {model.gantt.from} – {model.gantt.to}: there is no Gantt to show yet.</Text> }];
  }
  const spans = rows.map((r) => (r.kind === 'wave' ? { band: true } : { band: false, from: r.prepStart, to: r.hypercareEnd }));
  const tiles = tileGantt(spans, model.gantt.from, model.gantt.to, layout.rowsPerPage, layout.monthsPerPage);
  return tiles.map((tile, i) => ({
    section: `Wave Gantt · part ${i + 1} of ${tiles.length}`,
    landscape: true,
    body: <GanttTileView model={model} rows={tileRows(rows, tile)} tile={tile} chartWidth={layout.chartWidth} dayWidth={layout.dayWidth} />,
  }));
}

/**
 * A tile's rows: only the sites with a bar in the tile's months, under their waves' labels, the
 * first marked "(continued)" when the tile begins in the middle of a wave.
 */
function tileRows(rows: GanttRow[], tile: GanttTile): GanttRow[] {
  const shown = (r: GanttRow) => r.kind === 'site' && r.hypercareEnd >= tile.from && r.prepStart <= tile.to;
  const out: GanttRow[] = [];
  let heading: GanttWave | undefined = rows.slice(0, tile.rowStart).findLast((r): r is GanttWave => r.kind === 'wave');
  let continued = true;
  for (const row of rows.slice(tile.rowStart, tile.rowEnd)) {
    if (row.kind === 'wave') {
      heading = row;
      continued = false;
      continue;
    }
    if (!shown(row)) continue;
    if (heading) {
      const [name, ...rest] = heading.label.split(' · ');
      out.push({ ...heading, label: [continued ? `${name} (continued)` : name, ...rest].join(' · ') });
      heading = undefined;
    }
    out.push(row);
  }
  return out;
}
