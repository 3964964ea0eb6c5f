import { Text, View } from '@react-pdf/renderer';
import type { ReadinessCell } from '../../../shared/report/report-model';
import { RAG_STYLE } from './theme';

/** One readiness score as a coloured cell that also reads in greyscale: the number, or "?" when never assessed. */
export function RagCell({ cell, width, height = 12, showTarget = false }: { cell: ReadinessCell; width: number; height?: number; showTarget?: boolean }) {
  const style = RAG_STYLE[cell.rag];
  const target = showTarget && cell.rag !== 'green' && cell.targetDate ? cell.targetDate : null;
  const score = cell.score === null ? '?' : String(Math.round(cell.score));
  // One Text node for a plain cell (there are thousands); a second line only where a target shows.
  // No "\n" inside a text: Inter has no glyph for it, and react-pdf would fall back to Helvetica.
  if (!target) {
    return <Text style={{ width, height, marginRight: 1.5, paddingTop: (height - 8) / 2, textAlign: 'center', fontSize: 7, fontWeight: 600, lineHeight: 1, ...style }}>{score}</Text>;
  }
  return (
    <View style={{ width, height, marginRight: 1.5, justifyContent: 'center', alignItems: 'center', ...style }}>
      <Text style={{ fontSize: 7, fontWeight: 600, lineHeight: 1, color: style.color }}>{score}</Text>
      <Text style={{ fontSize: 7, lineHeight: 1, color: style.color }}>→{target}</Text>
    </View>
  );
}

export function RagLegend() {
  const items: [keyof typeof RAG_STYLE, string, string][] = [
    ['green', '80', 'at or above threshold'],
    ['amber', '62', 'within 15 points below'],
    ['red', '40', 'further below'],
    ['unknown', '?', 'never assessed (not the same as low)'],
  ];
  return (
    <View style={{ flexDirection: 'row', marginBottom: 6, fontSize: 7.5 }}>
      {items.map(([rag, sample, label]) => (
        <View key={rag} style={{ flexDirection: 'row', alignItems: 'center', marginRight: 12 }}>
          <RagCell cell={{ dimension: rag, score: sample === '?' ? null : Number(sample), targetDate: null, rag }} width={16} />
          <Text style={{ marginLeft: 3 }}>{label}</Text>
        </View>
      ))}
    </View>
  );
}
