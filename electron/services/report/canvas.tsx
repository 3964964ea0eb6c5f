/**
 * Drawing the report's long tables (per-wave rows, the heat map) on a react-pdf Canvas: pdfkit writes
 * the text and shapes directly, one layout node per row. react-pdf lays out every Text (or SVG text)
 * through its whole text engine, and these tables hold thousands of cells: drawn this way a 500-site
 * report takes about half the time. The text is still real, searchable text in Inter.
 */
import { Canvas, Font } from '@react-pdf/renderer';
import type * as fontkit from 'fontkit';
import type { ReadinessCell } from '../../../shared/report/report-model';
import { COLORS, FONT, RAG_STYLE } from './theme';

export type Weight = 400 | 600 | 700;

/** The subset of pdfkit react-pdf's Canvas hands over (each call returns the painter). */
export interface Painter {
  save(): Painter;
  restore(): Painter;
  font(src: fontkit.Font): Painter;
  fontSize(size: number): Painter;
  fillColor(color: string): Painter;
  strokeColor(color: string): Painter;
  lineWidth(width: number): Painter;
  dash(length: number, options?: { space: number }): Painter;
  text(text: string, x: number, y: number, options?: { lineBreak?: boolean }): Painter;
  rect(x: number, y: number, width: number, height: number): Painter;
  circle(x: number, y: number, radius: number): Painter;
  moveTo(x: number, y: number): Painter;
  lineTo(x: number, y: number): Painter;
  fill(color?: string): Painter;
  stroke(color?: string): Painter;
}

/**
 * The very font object react-pdf loaded for its own text (render-report loads every weight first):
 * pdfkit then embeds one Inter subset per weight for the whole report, and finds it in its cache
 * (pdf-font-cache.ts) instead of reading the font file again per cell.
 */
function fontOf(weight: Weight): fontkit.Font {
  const font = Font.getFont({ fontFamily: FONT, fontWeight: weight })?.data as fontkit.Font | null | undefined;
  if (!font) throw new Error(`Inter ${weight} is not loaded: render-report loads the report's fonts before drawing`);
  return font;
}

const widths = new Map<string, number>();
/** Width of `text` in points (for right and centred text). */
export function textWidth(text: string, size: number, weight: Weight = 400): number {
  const key = `${weight}\u0000${text}`;
  let units = widths.get(key);
  if (units === undefined) {
    const font = fontOf(weight);
    units = font.layout(text).advanceWidth / font.unitsPerEm;
    if (widths.size > 20_000) widths.clear();
    widths.set(key, units);
  }
  return units * size;
}

export interface TextStyle {
  size: number;
  weight?: Weight;
  color?: string;
  align?: 'left' | 'center' | 'right';
}

/** Text with its baseline at `baseline`; `x` is its left edge, centre or right edge by `align`. */
export function drawText(p: Painter, text: string, x: number, baseline: number, style: TextStyle): void {
  const weight = style.weight ?? 400;
  const font = fontOf(weight);
  const width = style.align && style.align !== 'left' ? textWidth(text, style.size, weight) : 0;
  const left = style.align === 'right' ? x - width : style.align === 'center' ? x - width / 2 : x;
  const top = baseline - (font.ascent / font.unitsPerEm) * style.size;
  p.font(font).fontSize(style.size).fillColor(style.color ?? COLORS.ink).text(text, left, top, { lineBreak: false });
}

/** One block of the report drawn by `draw`, `width` × `height` points. */
export function CanvasBlock({ width, height, draw }: { width: number; height: number; draw(p: Painter): void }) {
  return (
    <Canvas
      style={{ width, height }}
      paint={(painter: Painter) => {
        draw(painter);
        return null;
      }}
    />
  );
}

/**
 * A readiness status as a coloured box: green light, amber middle, red dark (so it reads in
 * greyscale); a dashed box with "?" when never assessed. With `label` the box carries a score, and
 * `note` a target date under it.
 */
export function drawRagBox(p: Painter, box: { x: number; y: number; width: number; height: number; rag: ReadinessCell['rag']; label?: string; note?: string }): void {
  const style = RAG_STYLE[box.rag];
  if (box.rag === 'unknown') {
    p.save().rect(box.x, box.y, box.width, box.height).fill('#ffffff');
    p.lineWidth(0.75).dash(2, { space: 1 }).rect(box.x, box.y, box.width, box.height).stroke(COLORS.muted).restore();
  } else {
    p.rect(box.x, box.y, box.width, box.height).fill(style.backgroundColor);
  }
  const label = box.label ?? (box.rag === 'unknown' ? '?' : undefined);
  if (label === undefined) return;
  // Nothing in the report is set smaller than 7 pt.
  const size = 7;
  const centre = box.x + box.width / 2;
  const baseline = box.note ? box.y + box.height / 2 - 1 : box.y + box.height / 2 + size * 0.36;
  drawText(p, label, centre, baseline, { size, weight: 600, color: style.color, align: 'center' });
  if (box.note) drawText(p, box.note, centre, baseline + 7.5, { size: 7, color: style.color, align: 'center' });
}

/** Gate statuses as shapes that differ in greyscale too. */
export const GATE_STATUS_LABELS: [string, string][] = [
  ['done', 'done'],
  ['doing', 'in progress'],
  ['todo', 'to do'],
  ['blocked', 'blocked'],
  ['n/a', 'not applicable'],
];

export function drawGateMark(p: Painter, cx: number, cy: number, status: string | undefined): void {
  const r = 3.2;
  switch (status) {
    case 'done':
      p.circle(cx, cy, r).fill(COLORS.ink);
      return;
    case 'doing':
      // The left half filled (a polygon fan: the painter has no arcs), then the ring.
      p.moveTo(cx, cy - r);
      for (let a = 90; a <= 270; a += 15) p.lineTo(cx + r * Math.cos((a * Math.PI) / 180), cy - r * Math.sin((a * Math.PI) / 180));
      p.fill(COLORS.ink);
      p.lineWidth(0.9).circle(cx, cy, r).stroke(COLORS.ink);
      return;
    case 'blocked':
      p.rect(cx - r, cy - r, 2 * r, 2 * r).fill(COLORS.red);
      return;
    case 'n/a':
      p.lineWidth(1).moveTo(cx - r, cy).lineTo(cx + r, cy).stroke(COLORS.muted);
      return;
    case undefined:
      p.lineWidth(0.75).moveTo(cx - 1, cy).lineTo(cx + 1, cy).stroke(COLORS.faint);
      return;
    default:
      p.lineWidth(0.9).circle(cx, cy, r).stroke(COLORS.ink);
  }
}
