/** Learning curve: whether later waves move faster, as the playbook matures. */
import { Text, View } from '@react-pdf/renderer';
import type { ReportModel } from '../../../shared/report/report-model';
import { contentHeight, paginate, type FlowBlock } from './flow';
import type { PageBody, PageFrame } from './ReportPage';
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

const BAR = 220;

export function learningPages(model: ReportModel, frame: PageFrame): PageBody[] {
  const max = Math.max(1, ...model.learning.map((l) => Math.max(l.prepLeadDays, l.actualPrepDays ?? 0)));
  const header: FlowBlock = {
    height: 16,
    keepWithNext: true,
    node: (
      <View style={[styles.tableHeader, { height: 14 }]}>
        <Text style={{ width: 70 }}>Wave</Text>
        <Text style={{ width: BAR + 90 }}>Prep lead (planned), and actual prep where sites are live</Text>
        <Text style={{ width: 36 }}>Sites</Text>
        <Text style={{ flex: 1 }}>First prep start to last go-live</Text>
      </View>
    ),
  };
  const blocks: FlowBlock[] = [
    { height: 26, node: <Text style={[styles.h2, { height: 22 }]}>Learning curve</Text> },
    { height: 22, node: <Text style={{ height: 20 }}>{learningVerdict(model)}</Text> },
    header,
  ];
  for (const l of model.learning) {
    const height = l.actualPrepDays === null ? 16 : 25;
    blocks.push({
      height,
      continuation: [header],
      node: (
        <View style={[styles.tableRow, { alignItems: 'center', height }]}>
          <Text style={{ width: 70 }}>{l.label}</Text>
          <View style={{ width: BAR + 90 }}>
            <View style={{ flexDirection: 'row', alignItems: 'center' }}>
              <View style={{ width: (l.prepLeadDays / max) * BAR, height: 7, backgroundColor: COLORS.prep, borderWidth: 0.5, borderColor: COLORS.prepBorder }} />
              <Text style={{ fontSize: 7.5, marginLeft: 4 }}>{l.prepLeadDays} days planned</Text>
            </View>
            {l.actualPrepDays !== null && (
              <View style={{ flexDirection: 'row', alignItems: 'center', marginTop: 2 }}>
                <View style={{ width: (l.actualPrepDays / max) * BAR, height: 7, backgroundColor: COLORS.hypercare }} />
                <Text style={{ fontSize: 7.5, marginLeft: 4 }}>{l.actualPrepDays} days actual</Text>
              </View>
            )}
          </View>
          <Text style={{ width: 36 }}>{l.sites}</Text>
          <Text style={{ flex: 1, fontSize: 8 }}>{l.spanDays} days</Text>
        </View>
      ),
    });
  }
  return paginate(blocks, contentHeight(frame.paper, false)).map((nodes) => ({ section: 'Learning curve', landscape: false, body: <View>{nodes}</View> }));
}
