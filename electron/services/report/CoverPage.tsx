/** Cover and summary: the program at a glance and the three biggest risks. */
import { Text, View } from '@react-pdf/renderer';
import type { ReportModel } from '../../../shared/report/report-model';
import type { PageBody } from './ReportPage';
import { COLORS, styles } from './theme';

function Figure({ label, value, note }: { label: string; value: string; note?: string }) {
  return (
    <View style={{ width: '33.3%', padding: 6 }}>
      <View style={{ borderLeftWidth: 2, borderLeftColor: COLORS.accent, paddingLeft: 8 }}>
        <Text style={{ fontSize: 8, color: COLORS.muted, textTransform: 'uppercase' }}>{label}</Text>
        <Text style={{ fontSize: 18, fontWeight: 700 }}>{value}</Text>
        {note ? <Text style={{ fontSize: 8, color: COLORS.muted }}>{note}</Text> : null}
      </View>
    </View>
  );
}

export function coverPage(model: ReportModel): PageBody {
  const g = model.glance;
  return {
    section: 'Summary',
    landscape: false,
    body: (
      <View>
        <Text style={{ fontSize: 10, color: COLORS.accent, fontWeight: 600, marginTop: 24 }}>STEERING COMMITTEE REPORT</Text>
        <Text style={styles.h1}>{model.title}</Text>
        <Text style={[styles.muted, { marginBottom: 24 }]}>
          Status as of {model.asOf} · generated {model.generatedOn}
        </Text>
        <Text style={styles.h2}>Program at a glance</Text>
        <View style={{ flexDirection: 'row', flexWrap: 'wrap', marginBottom: 18 }}>
          <Figure label="Sites in scope" value={String(g.sitesInScope)} />
          <Figure label="Live" value={String(g.live)} note={`go-live on or before ${model.asOf}`} />
          <Figure label="Scheduled" value={String(g.scheduled)} note={`in ${g.waves} waves after the lighthouse`} />
          <Figure label="Unscheduled" value={String(g.unscheduled)} note={g.unscheduled ? 'see Risks and decisions' : 'every site has a date'} />
          <Figure label="Lighthouse" value={g.lighthouse ? g.lighthouse.site : '—'} note={g.lighthouse ? `${g.lighthouse.name}, live ${g.lighthouse.goLive}` : 'no site can be scheduled yet'} />
          <Figure label="Planned completion" value={g.plannedCompletion ?? '—'} note="last go-live" />
          <Figure label="Ready now" value={`${Math.round(g.readyShare * 100)}%`} note={`${g.readyCount} of ${g.sitesInScope} sites meet every readiness threshold`} />
        </View>
        <Text style={styles.h2}>The three biggest risks</Text>
        {model.risks.length === 0 ? (
          <Text>No major risks: every site is scheduled, no rule is broken and no readiness target has slipped.</Text>
        ) : (
          model.risks.map((risk, i) => (
            <View key={i} style={{ flexDirection: 'row', marginBottom: 8 }}>
              <Text style={{ width: 18, fontWeight: 700, color: COLORS.accent }}>{i + 1}.</Text>
              <Text style={{ flex: 1 }}>{risk}</Text>
            </View>
          ))
        )}
        <Text style={[styles.h2, { marginTop: 12 }]}>In this report</Text>
        {[
          'Wave Gantt: every site from prep start through go-live and hypercare',
          'Waves: sites, readiness, ERP, gates and overdue items',
          'Readiness heat map of every site',
          'Risks and decisions: violations, unscheduled sites, slipped targets, baseline slippage',
          'Learning curve: whether later waves move faster',
        ].map((line) => (
          <Text key={line} style={{ marginBottom: 3 }}>
            · {line}
          </Text>
        ))}
      </View>
    ),
  };
}
