/**
 * Page 1 answers the committee's three questions at any plan size — where are we, what goes live
 * next, what must we decide — then names the biggest risks and lists what the report holds.
 */
import { Text, View } from '@react-pdf/renderer';
import type { ReactNode } from 'react';
import { decisionAdvice } from '../../../shared/report/decisions';
import type { ReportModel } from '../../../shared/report/report-model';
import type { PageBody } from './ReportPage';
import { COLORS, styles } from './theme';
import { plural } from '../../../shared/plural';

/** A section of the report and the page it starts on. */
export interface ContentsEntry {
  title: string;
  page: number;
}

/** How many decisions and upcoming sites page 1 names; the rest are on the Risks and decisions pages. */
const DECISIONS_SHOWN = 4;
const NEXT_SITES_SHOWN = 6;

const score = (value: number) => (value <= 1 ? value.toFixed(2) : String(Math.round(value)));

function Figure({ label, value, note }: { label: string; value: string; note?: string }) {
  return (
    <View style={{ width: '33.3%', padding: 4 }}>
      <View style={{ borderLeftWidth: 2, borderLeftColor: COLORS.accent, paddingLeft: 7 }}>
        <Text style={{ fontSize: 7.5, color: COLORS.muted, textTransform: 'uppercase' }}>{label}</Text>
        <Text style={{ fontSize: 16, fontWeight: 700 }}>{value}</Text>
        {note ? <Text style={{ fontSize: 7.5, color: COLORS.muted }}>{note}</Text> : null}
      </View>
    </View>
  );
}

function Numbered({ n, children }: { n: number; children: ReactNode }) {
  return (
    <View style={{ flexDirection: 'row', marginBottom: 5 }} wrap={false}>
      <Text style={{ width: 14, fontWeight: 700, color: COLORS.accent }}>{n}.</Text>
      <View style={{ flex: 1 }}>{children}</View>
    </View>
  );
}

function lighthouseLine(model: ReportModel): string {
  const g = model.glance;
  const why = model.lighthouseWhy;
  if (!g.lighthouse || !why) return 'No site can be the lighthouse yet: see What must we decide.';
  const head = `Lighthouse ${g.lighthouse.site} ${g.lighthouse.name}, live ${g.lighthouse.goLive}`;
  const others = why.runnersUp.map((r) => `${r.site} ${r.name} (${score(r.score)})`).join(' and ');
  if (why.chosenByHand) return `${head}: chosen by the program manager (score ${why.score === null ? '—' : score(why.score)}${others ? `; best-scoring others ${others}` : ''}).`;
  return `${head}: the best lighthouse score, ${why.score === null ? '—' : score(why.score)}${others ? `, ahead of ${others}` : ''}.`;
}

export function coverPage(model: ReportModel, contents: ContentsEntry[]): PageBody {
  const g = model.glance;
  const decisionsPage = contents.find((c) => c.title === 'Risks and decisions')?.page;
  const shown = model.decisions.slice(0, DECISIONS_SHOWN);
  const more = model.decisions.slice(DECISIONS_SHOWN);
  const next = model.next;
  return {
    section: 'Summary',
    bookmark: 'Summary',
    landscape: false,
    body: (
      <View>
        <Text style={{ fontSize: 9, color: COLORS.accent, fontWeight: 600, marginTop: 6 }}>STEERING COMMITTEE REPORT</Text>
        <Text style={[styles.h1, { fontSize: 20, marginBottom: 2 }]}>{model.title}</Text>
        <Text style={[styles.muted, { marginBottom: 8 }]}>
          Status as of {model.asOf} · generated {model.generatedOn}
        </Text>

        <Text style={styles.h2}>Where are we</Text>
        <View style={{ flexDirection: 'row', flexWrap: 'wrap', marginBottom: 4 }}>
          <Figure label="Sites in scope" value={String(g.sitesInScope)} note={`${g.readyCount} (${Math.round(g.readyShare * 100)}%) meet every readiness threshold`} />
          <Figure label="Live" value={String(g.live)} note={`go-live on or before ${model.asOf}`} />
          <Figure label="Scheduled" value={String(g.scheduled)} note={g.lighthouse ? `the lighthouse and ${plural(g.sitesInWaves, 'site')} in ${plural(g.waves, 'wave')}` : `${plural(g.sitesInWaves, 'site')} in ${plural(g.waves, 'wave')}`} />
          <Figure label="Cannot be scheduled" value={String(g.unscheduled)} note={g.unscheduled ? `${plural(model.decisions.length, 'cause')}: see What must we decide` : 'every site in scope has a date'} />
          <Figure label="Planned completion" value={g.plannedCompletion ?? '—'} note="the last go-live" />
          <Figure label="Lighthouse" value={g.lighthouse ? g.lighthouse.site : '—'} note={g.lighthouse ? `live ${g.lighthouse.goLive}` : 'none yet'} />
        </View>
        <Text style={{ marginBottom: 6 }}>{lighthouseLine(model)}</Text>

        <Text style={styles.h2}>What goes live next</Text>
        {next ? (
          <View style={{ marginBottom: 6 }}>
            <Text style={{ fontWeight: 600, marginBottom: 2 }}>
              {next.label} · {next.windowStart === next.windowEnd ? next.windowStart : `${next.windowStart} – ${next.windowEnd}`} · {plural(next.sites.length, 'site')}
            </Text>
            {next.sites.slice(0, NEXT_SITES_SHOWN).map((s) => (
              <View key={s.site} style={{ flexDirection: 'row' }}>
                <Text style={{ width: 62 }}>{s.goLive}</Text>
                <Text style={{ width: 52, fontWeight: 600 }}>{s.site}</Text>
                <Text style={{ flex: 1 }}>{s.name}</Text>
              </View>
            ))}
            {next.sites.length > NEXT_SITES_SHOWN ? <Text style={styles.muted}>and {next.sites.length - NEXT_SITES_SHOWN} more in this wave</Text> : null}
            {next.then ? (
              <Text style={[styles.muted, { marginTop: 2 }]}>
                Then {next.then.label}: {plural(next.then.sites, 'site')} from {next.then.firstGoLive}.
              </Text>
            ) : null}
          </View>
        ) : (
          <Text style={{ marginBottom: 6 }}>Nothing: every scheduled site is live.</Text>
        )}

        <Text style={styles.h2}>What must we decide</Text>
        {shown.length === 0 ? (
          <Text style={{ marginBottom: 6 }}>Nothing blocks a site: every site in scope has a go-live date.</Text>
        ) : (
          <View style={{ marginBottom: 4 }}>
            {shown.map((d, i) => (
              <Numbered key={d.cause} n={i + 1}>
                <Text style={{ fontWeight: 600 }}>
                  {d.cause}: {plural(d.sites.length, 'site waits', 'sites wait')}
                  {d.sites.length <= 3 ? ` (${d.sites.join(', ')})` : ''}.
                </Text>
                <Text style={styles.muted}>{decisionAdvice(d)}</Text>
              </Numbered>
            ))}
            {more.length > 0 ? (
              <Text style={styles.muted}>
                And {plural(more.length, 'other cause')} for {plural(more.reduce((n, d) => n + d.sites.length, 0), 'site')}{decisionsPage ? `: page ${decisionsPage}` : ''}.
              </Text>
            ) : null}
          </View>
        )}

        <Text style={styles.h2}>The biggest risks</Text>
        {model.risks.length === 0 ? (
          <Text style={{ marginBottom: 6 }}>No major risk: no connector is due close to its first go-live, nothing slipped or is overdue, and every rule is kept.</Text>
        ) : (
          <View style={{ marginBottom: 4 }}>
            {model.risks.slice(0, 3).map((risk, i) => (
              <Numbered key={risk.text} n={i + 1}>
                <Text>{risk.text}</Text>
                <Text style={styles.muted}>
                  Impact: {plural(risk.sites, 'site')} × {plural(risk.days, 'day')}.
                </Text>
              </Numbered>
            ))}
          </View>
        )}

        <Text style={styles.h2}>In this report</Text>
        {contents.map((entry) => (
          <View key={entry.title} style={{ flexDirection: 'row', marginBottom: 1.5 }}>
            <Text style={{ flex: 1 }}>{entry.title}</Text>
            <Text style={{ width: 40, textAlign: 'right' }}>{entry.page}</Text>
          </View>
        ))}
      </View>
    ),
  };
}
