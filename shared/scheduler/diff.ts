/** What a re-plan changed: sites that moved (and by how many days), entered or left the schedule, waves added or removed. */
import { daysBetween } from '../dates';
import type { WaveSchedule } from './types';
import { plural } from '../plural';

export interface SiteMove {
  site: string;
  fromWave: number;
  toWave: number;
  fromGoLive: string;
  toGoLive: string;
  /** Positive: later; negative: earlier. */
  days: number;
}

export interface ScheduleDiff {
  moved: SiteMove[];
  entered: { site: string; wave: number; goLive: string }[];
  left: { site: string; wave: number; goLive: string }[];
  wavesAdded: number[];
  wavesRemoved: number[];
}

function placements(schedule: WaveSchedule | null): Map<string, { site: string; wave: number; goLive: string }> {
  const out = new Map<string, { site: string; wave: number; goLive: string }>();
  for (const wave of schedule?.waves ?? []) for (const s of wave.sites) out.set(s.site.toLowerCase(), { site: s.site, wave: wave.number, goLive: s.goLive });
  return out;
}

export function compareSchedules(before: WaveSchedule | null, after: WaveSchedule): ScheduleDiff {
  const was = placements(before);
  const now = placements(after);
  const moved: SiteMove[] = [];
  const entered: ScheduleDiff['entered'] = [];
  for (const [key, p] of now) {
    const old = was.get(key);
    if (!old) entered.push(p);
    else if (old.goLive !== p.goLive || old.wave !== p.wave) {
      moved.push({ site: p.site, fromWave: old.wave, toWave: p.wave, fromGoLive: old.goLive, toGoLive: p.goLive, days: daysBetween(old.goLive, p.goLive) });
    }
  }
  const left = [...was].filter(([key]) => !now.has(key)).map(([, p]) => p);
  const wavesBefore = new Set((before?.waves ?? []).map((w) => w.number));
  const wavesAfter = new Set(after.waves.map((w) => w.number));
  const bySite = (a: { site: string }, b: { site: string }) => (a.site < b.site ? -1 : a.site > b.site ? 1 : 0);
  return {
    moved: moved.sort((a, b) => Math.abs(b.days) - Math.abs(a.days) || bySite(a, b)),
    entered: entered.sort(bySite),
    left: left.sort(bySite),
    wavesAdded: [...wavesAfter].filter((n) => !wavesBefore.has(n)).sort((a, b) => a - b),
    wavesRemoved: [...wavesBefore].filter((n) => !wavesAfter.has(n)).sort((a, b) => a - b),
  };
}

/** "3 sites moved later (US-DET +14 days, …), 1 earlier; 1 entered; wave 8 removed", or null when nothing changed. */
export function describeScheduleDiff(diff: ScheduleDiff): string | null {
  const parts: string[] = [];
  const list = (moves: SiteMove[]) => moves.slice(0, 3).map((m) => `${m.site} ${m.days > 0 ? '+' : '-'}${plural(Math.abs(m.days), 'day')}`).join(', ') + (moves.length > 3 ? ', …' : '');
  const later = diff.moved.filter((m) => m.days > 0);
  const earlier = diff.moved.filter((m) => m.days < 0);
  const sameDay = diff.moved.filter((m) => m.days === 0);
  if (later.length) parts.push(`${plural(later.length, 'site')} later (${list(later)})`);
  if (earlier.length) parts.push(`${plural(earlier.length, 'site')} earlier (${list(earlier)})`);
  if (sameDay.length) parts.push(`${plural(sameDay.length, 'site')} to another wave on the same day`);
  if (diff.entered.length) parts.push(`${plural(diff.entered.length, 'site')} newly placed`);
  if (diff.left.length) parts.push(`${plural(diff.left.length, 'site')} no longer placed (${diff.left.slice(0, 3).map((l) => l.site).join(', ')}${diff.left.length > 3 ? ', …' : ''})`);
  if (diff.wavesAdded.length) parts.push(`${diff.wavesAdded.length === 1 ? 'wave' : 'waves'} ${diff.wavesAdded.join(', ')} added`);
  if (diff.wavesRemoved.length) parts.push(`${diff.wavesRemoved.length === 1 ? 'wave' : 'waves'} ${diff.wavesRemoved.join(', ')} removed`);
  return parts.length ? parts.join('; ') : null;
}
