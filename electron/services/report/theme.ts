/**
 * Fonts, page sizes and colours of the report. Colours are chosen to stay apart in greyscale print
 * (green light, amber middle, red dark with white text), and every colour also carries text.
 */
import { Font, StyleSheet } from '@react-pdf/renderer';
import { fileURLToPath } from 'node:url';
import { installPdfFontCache } from './pdf-font-cache';
import { installShapingCache } from './shaping-cache';

export const FONT = 'Inter';
let fontsRegistered = false;

/** Inter, embedded from resources/fonts (SIL Open Font License). */
export function registerFonts(fontDir = fileURLToPath(new URL('../../../resources/fonts/', import.meta.url))): void {
  if (fontsRegistered) return;
  installShapingCache(`${fontDir}Inter_400Regular.ttf`);
  installPdfFontCache();
  Font.register({
    family: FONT,
    fonts: [
      { src: `${fontDir}Inter_400Regular.ttf`, fontWeight: 400 },
      { src: `${fontDir}Inter_600SemiBold.ttf`, fontWeight: 600 },
      { src: `${fontDir}Inter_700Bold.ttf`, fontWeight: 700 },
    ],
  });
  // Codes and dates must never break across lines.
  Font.registerHyphenationCallback((word) => [word]);
  fontsRegistered = true;
}

export type Paper = 'a4' | 'letter';

export const PAGE_SIZES: Record<Paper, { width: number; height: number; name: 'A4' | 'LETTER' }> = {
  a4: { width: 595.28, height: 841.89, name: 'A4' },
  letter: { width: 612, height: 792, name: 'LETTER' },
};

export const MARGIN = 32;
export const HEADER_HEIGHT = 30;
export const FOOTER_HEIGHT = 22;

export const COLORS = {
  ink: '#0f172a',
  muted: '#475569',
  faint: '#94a3b8',
  rule: '#cbd5e1',
  band: '#e2e8f0',
  accent: '#1d4ed8',
  prep: '#cbd5e1',
  prepBorder: '#475569',
  hypercare: '#1e293b',
  today: '#b91c1c',
  freeze: '#f1f5f9',
  green: '#bbf7d0',
  amber: '#f59e0b',
  red: '#991b1b',
} as const;

export const RAG_STYLE = {
  green: { backgroundColor: COLORS.green, color: COLORS.ink },
  amber: { backgroundColor: COLORS.amber, color: COLORS.ink },
  red: { backgroundColor: COLORS.red, color: '#ffffff' },
  unknown: { backgroundColor: '#ffffff', color: COLORS.muted, borderWidth: 0.75, borderStyle: 'dashed' as const, borderColor: COLORS.muted },
} as const;

/**
 * OpenType shaping (Inter's contextual alternates, ligatures, kerning) costs most of the layout
 * time and adds little to tables of codes and dates: it stays off.
 */
export const NO_SHAPING = { calt: false, clig: false, liga: false, rclt: false, ccmp: false, locl: false, kern: false, mark: false, mkmk: false };

export const styles = StyleSheet.create({
  page: { fontFamily: FONT, fontFeatureSettings: NO_SHAPING, fontSize: 9, color: COLORS.ink, paddingTop: MARGIN + HEADER_HEIGHT, paddingBottom: MARGIN + FOOTER_HEIGHT, paddingHorizontal: MARGIN },
  header: { position: 'absolute', top: MARGIN, left: MARGIN, right: MARGIN, height: HEADER_HEIGHT - 8, flexDirection: 'row', justifyContent: 'space-between', borderBottomWidth: 0.75, borderBottomColor: COLORS.rule },
  headerTitle: { fontSize: 11, fontWeight: 700 },
  headerSection: { fontSize: 9, color: COLORS.muted, fontWeight: 600 },
  footer: { position: 'absolute', bottom: MARGIN, left: MARGIN, right: MARGIN, flexDirection: 'row', justifyContent: 'space-between', fontSize: 7.5, color: COLORS.muted, borderTopWidth: 0.5, borderTopColor: COLORS.rule, paddingTop: 4 },
  h1: { fontSize: 24, fontWeight: 700, marginBottom: 6 },
  h2: { fontSize: 14, fontWeight: 700, marginBottom: 8, marginTop: 4 },
  h3: { fontSize: 11, fontWeight: 700, marginBottom: 4, marginTop: 10 },
  muted: { color: COLORS.muted },
  small: { fontSize: 7.5 },
  tableHeader: { flexDirection: 'row', borderBottomWidth: 0.75, borderBottomColor: COLORS.ink, paddingBottom: 2, marginBottom: 2, fontWeight: 600, fontSize: 8 },
  tableRow: { flexDirection: 'row', borderBottomWidth: 0.5, borderBottomColor: COLORS.rule, paddingVertical: 2.5 },
});
