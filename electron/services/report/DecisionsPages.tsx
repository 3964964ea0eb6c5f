/** Risks and decisions: what breaks the rules, what cannot be scheduled and why, what slipped. */
import { Text, View } from '@react-pdf/renderer';
import type { ReportModel } from '../../../shared/report/report-model';
import { contentHeight, contentWidth, estimateLines, paginate, type FlowBlock } from './flow';
import type { PageBody, PageFrame } from './ReportPage';
import { COLORS, styles } from './theme';
import { plural } from '../../../shared/plural';
import { decisionAdvice } from '../../../shared/report/decisions';

const FONT_SIZE = 8;
const LINE = FONT_SIZE * 1.25;

type Column = { label: string; width: number | 'flex' };

/** A block of text as tall as its lines, kept with what follows when it heads it. */
function textBlock(text: string, options: { size?: number; bold?: boolean; width: number; keepWithNext?: boolean; color?: string }): FlowBlock {
  const size = options.size ?? FONT_SIZE;
  const height = estimateLines(text, size, options.width) * size * 1.3 + 6;
  return {
    height,
    keepWithNext: options.keepWithNext ?? false,
    node: <Text style={{ height, fontSize: size, fontWeight: options.bold ? 700 : 400, color: options.color ?? COLORS.ink, paddingTop: 3 }}>{text}</Text>,
  };
}

function tableBlocks(title: string | null, columns: Column[], rows: string[][], empty: string, width: number): FlowBlock[] {
  const fixed = columns.reduce((sum, c) => sum + (c.width === 'flex' ? 0 : c.width), 0);
  const widthOf = (c: Column) => (c.width === 'flex' ? width - fixed : c.width);
  const heading: FlowBlock[] = title === null ? [] : [{ height: 24, keepWithNext: true, node: <Text style={[styles.h3, { height: 16 }]}>{title}</Text> }];
  if (rows.length === 0) return [...heading, { height: 16, node: <Text style={[styles.muted, { height: 14 }]}>{empty}</Text> }];
  const header: FlowBlock = {
    height: 16,
    keepWithNext: true,
    node: (
      <View style={[styles.tableHeader, { height: 14 }]}>
        {columns.map((c) => (
          <Text key={c.label} style={{ width: widthOf(c) }}>
            {c.label}
          </Text>
        ))}
      </View>
    ),
  };
  const blocks: FlowBlock[] = [...heading, header];
  for (const row of rows) {
    const lines = Math.max(...row.map((cell, i) => estimateLines(cell, FONT_SIZE, widthOf(columns[i]!) - 4)));
    const height = lines * LINE + 6;
    blocks.push({
      height,
      continuation: [header],
      node: (
        <View style={[styles.tableRow, { height }]}>
          {row.map((cell, i) => (
            <Text key={i} style={{ width: widthOf(columns[i]!), fontSize: FONT_SIZE, paddingRight: 4 }}>
              {cell}
            </Text>
          ))}
        </View>
      ),
    });
  }
  return blocks;
}

/** The unscheduled sites, one group per cause, largest first, each with what settling it today would bring. */
function unscheduledBlocks(model: ReportModel, width: number): FlowBlock[] {
  const title = `Sites that cannot be scheduled (${model.unscheduled.length}), by what would unblock them`;
  if (model.unscheduledGroups.length === 0) return tableBlocks(title, [], [], 'None: every site in scope has a go-live date.', width);
  const blocks: FlowBlock[] = [{ height: 24, keepWithNext: true, node: <Text style={[styles.h3, { height: 16 }]}>{title}</Text> }];
  model.unscheduledGroups.forEach((group, i) => {
    const decision = model.decisions[i]!;
    const advice = decisionAdvice(decision);
    blocks.push(textBlock(`${group.cause}: ${plural(group.sites.length, 'site waits', 'sites wait')}.${advice ? ` ${advice}` : ''}`, { bold: true, width, keepWithNext: true }));
    blocks.push(...tableBlocks(null, [{ label: 'Site', width: 60 }, { label: 'Name', width: 130 }, { label: 'Why', width: 'flex' }], group.sites.map((u) => [u.site, u.name, u.reason]), '', width));
  });
  return blocks;
}

export function decisionsPages(model: ReportModel, frame: PageFrame): PageBody[] {
  const width = contentWidth(frame.paper, false);
  const blocks: FlowBlock[] = [
    { height: 26, node: <Text style={[styles.h2, { height: 22 }]}>Risks and decisions</Text> },
    ...tableBlocks(
      `Risks, largest first (${model.risks.length})`,
      [{ label: 'Risk', width: 'flex' }, { label: 'Sites', width: 36 }, { label: 'Days', width: 36 }, { label: 'Sites × days', width: 56 }],
      model.risks.map((r) => [r.text, String(r.sites), String(r.days), String(r.impact)]),
      'None: no connector is due close to its first go-live, no target or go-live has slipped, nothing is overdue and every wave keeps its size.',
      width,
    ),
    ...tableBlocks(
      `Rule violations (${model.violations.length})`,
      [{ label: 'Site', width: 60 }, { label: 'Rule', width: 90 }, { label: 'What is wrong', width: 'flex' }],
      model.violations.map((v) => [v.site, v.rule, v.message]),
      'None: every pinned, moved and locked site keeps every scheduling rule.',
      width,
    ),
    ...unscheduledBlocks(model, width),
    ...tableBlocks(
      `Readiness target dates that slipped (${model.slippedTargets.length})`,
      [{ label: 'Site', width: 60 }, { label: 'Dimension', width: 150 }, { label: 'Was', width: 70 }, { label: 'Now', width: 70 }, { label: 'Days later', width: 'flex' }],
      model.slippedTargets.map((s) => [s.site, s.dimension, s.from, s.to, String(s.days)]),
      'None: no readiness target date has moved later.',
      width,
    ),
  ];
  if (model.baselineSlip) {
    blocks.push(
      ...tableBlocks(
        `Slippage against baseline "${model.baselineSlip.name}" (${model.baselineSlip.rows.length} sites moved)`,
        [{ label: 'Site', width: 60 }, { label: 'Baseline go-live', width: 100 }, { label: 'Current go-live', width: 100 }, { label: 'Days late', width: 'flex' }],
        model.baselineSlip.rows.map((r) => [r.site, r.baselineGoLive ?? 'not scheduled', r.currentGoLive ?? 'not scheduled', r.daysLate === null ? '—' : String(r.daysLate)]),
        'Every site goes live on its baseline date.',
        width,
      ),
    );
  } else {
    blocks.push(
      { height: 24, keepWithNext: true, node: <Text style={[styles.h3, { height: 16 }]}>Slippage against a baseline</Text> },
      { height: 16, node: <Text style={{ color: COLORS.muted, height: 14 }}>No baseline was chosen for this report.</Text> },
    );
  }
  return paginate(blocks, contentHeight(frame.paper, false)).map((nodes) => ({ section: 'Risks and decisions', landscape: false, body: <View>{nodes}</View> }));
}
