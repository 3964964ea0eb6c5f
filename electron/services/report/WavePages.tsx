/**
 * Per wave: its sites with go-live, readiness per dimension, ERP (new or proven), the status of each
 * go/no-go gate and the overdue checklist items. One line per site, so a wave reads at a glance.
 */
import { Text, View } from '@react-pdf/renderer';
import type { ReportModel, WaveSiteDetail } from '../../../shared/report/report-model';
import { contentHeight, contentWidth, fitLine, paginate, type FlowBlock } from './flow';
import { RagLegend, RagSwatch } from './RagCell';
import type { PageBody, PageFrame } from './ReportPage';
import { COLORS, styles } from './theme';

/** Marks that Inter has: a missing glyph would print as nothing. */
const STATUS_MARK: Record<string, string> = { done: '✓', 'n/a': '–', doing: '›', blocked: '!', todo: '○' };
const CELL = 17;
const ROW = 15;

export function wavePages(model: ReportModel, frame: PageFrame): PageBody[] {
  const width = contentWidth(frame.paper, false);
  const col = { code: 44, goLive: 48, readiness: Math.max(48, model.dimensions.length * (CELL + 1.5) + 4), erp: 84, gate: 30, overdue: 44 };
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
  const row = (site: WaveSiteDetail): FlowBlock => ({
    height: ROW,
    node: (
      <View style={[styles.tableRow, { height: ROW, alignItems: 'center', paddingVertical: 0 }]}>
        <Text style={{ width: col.code, fontWeight: 600, fontSize: 8 }}>{site.site}</Text>
        <Text style={{ width: nameWidth, fontSize: 7.5, color: COLORS.muted }}>{fitLine(`${site.name} · ${site.region}`, 7.5, nameWidth - 4)}</Text>
        <Text style={{ width: col.goLive, fontSize: 8 }}>{site.goLive}</Text>
        <View style={{ width: col.readiness, flexDirection: 'row' }}>
          {site.readiness.map((cell) => (
            <RagSwatch key={cell.dimension} rag={cell.rag} width={CELL} />
          ))}
        </View>
        <Text style={{ width: col.erp, fontSize: 7 }}>
          {fitLine(site.erp, 7, col.erp - 40)}{' '}
          <Text style={{ fontWeight: 700, color: site.erpIsNew ? COLORS.red : COLORS.muted }}>{site.erpIsNew ? 'new' : 'proven'}</Text>
        </Text>
        {model.gates.map((g) => {
          const gate = site.gates[g.id];
          return (
            <Text key={g.id} style={{ width: col.gate, fontSize: 7, color: gate?.status === 'blocked' ? COLORS.red : COLORS.ink }}>
              {gate ? `${STATUS_MARK[gate.status] ?? '○'} ${gate.dueDate.slice(5)}` : '–'}
            </Text>
          );
        })}
        <Text style={{ width: col.overdue, fontSize: 7.5, textAlign: 'right', fontWeight: site.overdue.length ? 700 : 400, color: site.overdue.length ? COLORS.red : COLORS.muted }}>
          {site.overdue.length ? `${site.overdue.length} overdue` : 'none'}
        </Text>
      </View>
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
    { height: 14, node: <Text style={[styles.small, styles.muted, { height: 12 }]}>Gate status: ✓ done, › doing, ○ to do, ! blocked, – not applicable; with the due date (month-day).</Text> },
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
