/**
 * Sites live by the end of each quarter, one stepped line per schedule (the plan first), drawn as SVG:
 * a handful of points per line does not need a chart library (and @mantine/charts is not published at
 * the Mantine version the app uses). A line that rises sooner is the faster plan.
 */
import { Group, Text } from '@mantine/core';
import type { ComparedColumn } from '../../../../shared/scenario-compare';

/** The plan in the text colour, the scenarios in colours that stay apart in both schemes and in greyscale (by dash). */
const STROKES = ['var(--mantine-color-text)', 'var(--mantine-color-blue-6)', 'var(--mantine-color-orange-7)', 'var(--mantine-color-grape-6)'];
const DASHES = ['', '6 3', '2 3', '8 3 2 3'];

export function LiveByQuarterChart({ quarters, columns }: { quarters: string[]; columns: ComparedColumn[] }) {
  const width = 640;
  const height = 220;
  const pad = { left: 40, right: 28, top: 10, bottom: 36 };
  const most = Math.max(1, ...columns.flatMap((c) => c.liveByQuarter));
  const x = (i: number) => pad.left + (quarters.length <= 1 ? 0 : (i * (width - pad.left - pad.right)) / (quarters.length - 1));
  const y = (n: number) => pad.top + (1 - n / most) * (height - pad.top - pad.bottom);
  const ticks = [0, Math.round(most / 2), most];
  // Every label when they fit, else every second or fourth.
  const every = Math.max(1, Math.ceil(quarters.length / 10));
  const summary = columns.map((c) => `${c.name}: ${quarters.map((q, i) => `${q} ${c.liveByQuarter[i]}`).join(', ')}`).join('. ');
  return (
    <div>
      <svg viewBox={`0 0 ${width} ${height}`} width="100%" role="img" aria-label={`Sites live by quarter. ${summary}`} data-testid="live-by-quarter" style={{ maxWidth: width }}>
        {ticks.map((t) => (
          <g key={t}>
            <line x1={pad.left} x2={width - pad.right} y1={y(t)} y2={y(t)} stroke="var(--mantine-color-default-border)" />
            <text x={pad.left - 6} y={y(t) + 4} textAnchor="end" fontSize={11} fill="var(--mantine-color-dimmed)">
              {t}
            </text>
          </g>
        ))}
        {quarters.map((q, i) =>
          i % every === 0 ? (
            <text key={q} x={x(i)} y={height - pad.bottom + 16} textAnchor="middle" fontSize={11} fill="var(--mantine-color-dimmed)">
              {q}
            </text>
          ) : null,
        )}
        {columns.map((column, c) => {
          const points = column.liveByQuarter.flatMap((n, i) => (i === 0 ? [`${x(i)},${y(n)}`] : [`${x(i)},${y(column.liveByQuarter[i - 1]!)}`, `${x(i)},${y(n)}`]));
          return <polyline key={column.name} points={points.join(' ')} fill="none" stroke={STROKES[c % STROKES.length]} strokeWidth={2} strokeDasharray={DASHES[c % DASHES.length]} data-column={column.name} />;
        })}
      </svg>
      <Group gap="md" aria-hidden>
        {columns.map((column, c) => (
          <Group key={column.name} gap={6} wrap="nowrap">
            <svg width="28" height="8">
              <line x1="0" x2="28" y1="4" y2="4" stroke={STROKES[c % STROKES.length]} strokeWidth={2} strokeDasharray={DASHES[c % DASHES.length]} />
            </svg>
            <Text size="xs">{column.name}</Text>
          </Group>
        ))}
      </Group>
    </div>
  );
}
