/**
 * Drawing in SVG for the report's large tables and charts. A few SVG shapes cost far less to lay out
 * than a View or Text each (no flexbox node per cell), and text in SVG stays real, searchable text.
 */
import { Circle, G, Line, Path, Rect, Text } from '@react-pdf/renderer';
import type { ReactElement } from 'react';
import type { ReadinessCell } from '../../../shared/report/report-model';
import { COLORS, FONT, RAG_STYLE } from './theme';

/** SVG text takes its font from props, not style (react-pdf falls back to Helvetica otherwise). */
export const SVG_FONT = { fontFamily: FONT, fontSize: 7 };

/**
 * react-pdf's Text inside an Svg, with the font props it reads at run time but its type definitions
 * leave out.
 */
export const SvgText = Text as unknown as (props: {
  x: number;
  y: number;
  fill: string;
  fontFamily: string;
  fontSize: number;
  fontWeight?: number;
  textAnchor?: 'start' | 'middle' | 'end';
  children: string;
}) => ReactElement;

const UNKNOWN_BORDER = { stroke: COLORS.muted, strokeWidth: 0.75, strokeDasharray: '2,1' };

/**
 * A readiness status as a coloured box at (x, y): green light, amber middle, red dark, so it reads
 * in greyscale; a dashed box with "?" when never assessed. With `label`, the box carries that text
 * (a score, and under it a target date when `note` is given).
 */
export function svgRagBox({ x, y, width, height, rag, label, note }: { x: number; y: number; width: number; height: number; rag: ReadinessCell['rag']; label?: string; note?: string }): ReactElement[] {
  const style = RAG_STYLE[rag];
  const shapes: ReactElement[] = [
    rag === 'unknown' ? <Rect key="box" x={x} y={y} width={width} height={height} fill="#ffffff" {...UNKNOWN_BORDER} /> : <Rect key="box" x={x} y={y} width={width} height={height} fill={style.backgroundColor} />,
  ];
  const text = label ?? (rag === 'unknown' ? '?' : undefined);
  if (text !== undefined) {
    const fontSize = label === undefined ? 6.5 : 7;
    const baseline = note ? y + height / 2 - 0.5 : y + height / 2 + fontSize * 0.36;
    shapes.push(
      <SvgText key="label" x={x + width / 2} y={baseline} textAnchor="middle" {...SVG_FONT} fontSize={fontSize} fontWeight={600} fill={style.color}>
        {text}
      </SvgText>,
    );
    if (note) {
      shapes.push(
        <SvgText key="note" x={x + width / 2} y={baseline + 6} textAnchor="middle" {...SVG_FONT} fontSize={5.5} fill={style.color}>
          {note}
        </SvgText>,
      );
    }
  }
  return shapes;
}

/** Gate statuses drawn as shapes that differ in greyscale too (a text mark per gate and site was a fifth of the report's text). */
export const GATE_STATUS_LABELS: [string, string][] = [
  ['done', 'done'],
  ['doing', 'in progress'],
  ['todo', 'to do'],
  ['blocked', 'blocked'],
  ['n/a', 'not applicable'],
];

export function svgGateMark({ cx, cy, status }: { cx: number; cy: number; status: string | undefined }): ReactElement {
  const r = 3.2;
  switch (status) {
    case 'done':
      return <Circle cx={cx} cy={cy} r={r} fill={COLORS.ink} />;
    case 'doing':
      return (
        <G>
          <Circle cx={cx} cy={cy} r={r} fill="#ffffff" stroke={COLORS.ink} strokeWidth={0.9} />
          <Path d={`M ${cx} ${cy - r} A ${r} ${r} 0 0 0 ${cx} ${cy + r} Z`} fill={COLORS.ink} />
        </G>
      );
    case 'blocked':
      return <Rect x={cx - r} y={cy - r} width={2 * r} height={2 * r} fill={COLORS.red} />;
    case 'n/a':
      return <Line x1={cx - r} y1={cy} x2={cx + r} y2={cy} stroke={COLORS.muted} strokeWidth={1} />;
    case undefined:
      return <Line x1={cx - 1} y1={cy} x2={cx + 1} y2={cy} stroke={COLORS.faint} strokeWidth={0.75} />;
    default:
      return <Circle cx={cx} cy={cy} r={r} fill="#ffffff" stroke={COLORS.ink} strokeWidth={0.9} />;
  }
}
