// The steering-committee PDF, read back with poppler's pdftotext and pdffonts (as a user's PDF
// viewer and a print shop would): real text, fonts embedded, every site and page number there.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../electron/cli/main';
import { generatePlan, wavePlanOf } from '../support/generate-plan';
import { sampleDocument, TestPlan } from '../support/plans';
import { useTempDir } from '../support/temp';

const tempDir = useTempDir();

function pdfText(path: string, firstPage?: number, lastPage?: number): string {
  const range = firstPage ? ['-f', String(firstPage), '-l', String(lastPage ?? firstPage)] : [];
  return execFileSync('pdftotext', ['-layout', ...range, path, '-'], { encoding: 'utf8' });
}

function pages(path: string): { count: number; sizes: string[] } {
  const info = execFileSync('pdfinfo', ['-f', '1', '-l', '999', path], { encoding: 'utf8' });
  return { count: Number(/^Pages:\s+(\d+)/m.exec(info)![1]), sizes: [...info.matchAll(/^Page\s+\d+ size:\s+(.*)$/gm)].map((m) => m[1]!) };
}

async function writeReport(plan: TestPlan, dir: string, options: { paper: 'a4' | 'letter'; asOf?: string } = { paper: 'a4' }, name = 'report.pdf'): Promise<string> {
  const path = join(dir, name);
  writeFileSync(path, Buffer.from((await plan.call('report:pdf', options)).base64, 'base64'));
  return path;
}

describe('the steering-committee PDF', () => {
  it('holds every scheduled site, the wave headings and page numbers, in embedded fonts', async () => {
    const dir = tempDir();
    const plan = TestPlan.create(dir);
    const { schedule } = (await plan.call('schedule:generate', { asOf: '2026-11-23' })).view;
    const path = await writeReport(plan, dir);
    const text = pdfText(path);
    for (const wave of schedule.waves) for (const site of wave.sites) expect(text).toContain(site.site);
    for (const heading of ['Where are we', 'What goes live next', 'What must we decide', 'The biggest risks', 'Wave Gantt', 'Lighthouse', 'Wave 1', 'Wave 8', 'Readiness heat map', 'Risks and decisions', 'Crew load', 'Learning curve']) {
      expect(text).toContain(heading);
    }
    // The crew page: each crew with its size and phase, and the verdict in words.
    expect(text).toContain('Deployment squads · 4 at a time');
    expect(text).toContain('Trainers · 2 at a time');
    expect(text).toContain('Every crew stays within its size on every day of the plan.');
    // Under each wave, why its sites went later than they could have, as the site panel says it.
    const words = text.replace(/\s+/g, ' ');
    const held = schedule.waves.flatMap((w) => w.sites).find((s) => s.reasons.filter((r) => r.startsWith('Held back')).length >= 2)!;
    for (const reason of held.reasons.filter((r) => r.startsWith('Held back'))) expect(words).toContain(reason);
    expect(words).toMatch(/CZ-PLZ, ES-ZAZ, IN-PNQ, JP-NGY · Could go live from 2027-02-18, but wave 1 opens on 2027-04-18: the learning gap/);
    const { count, sizes } = pages(path);
    for (let n = 1; n <= count; n += 1) expect(text).toContain(`Page ${n} of ${count}`);
    expect(sizes[0]).toContain('595.28 x 841.89'); // A4 portrait
    expect(sizes[1]).toContain('841.89 x 595.28'); // the Gantt in landscape
    const fonts = execFileSync('pdffonts', [path], { encoding: 'utf8' }).trim().split('\n').slice(2);
    expect(fonts.length).toBeGreaterThan(0);
    for (const font of fonts) expect(font).toMatch(/Inter.*\s+yes\s+yes\s+yes\s/);
    plan.close();
  });

  it('reads as a committee reads it: contents with the right page numbers, bookmarks for every section and wave, nothing under 7 pt, four-digit years', async () => {
    const dir = tempDir();
    const plan = TestPlan.create(dir);
    const { schedule } = (await plan.call('schedule:generate', { asOf: '2026-11-23' })).view;
    const path = await writeReport(plan, dir);
    const first = pdfText(path, 1);
    const words = first.replace(/\s+/g, ' ');
    expect(words).toContain('the lighthouse and 20 sites in 9 waves');
    expect(words).toMatch(/Lighthouse US-GRV Greenville Assembly, live 2027-03-05: the best lighthouse score, [\d.]+, ahead of/);
    expect(words).toContain('QAD Adaptive ERP connector is not-started with no ready date: 1 site waits (US-KNX).');
    // Each contents entry names the page its section starts on.
    const contents = [...first.matchAll(/^(Wave Gantt|Waves|Readiness heat map|Risks and decisions|Crew load|Learning curve)\s+(\d+)$/gm)].map((m) => [m[1]!, Number(m[2])] as const);
    expect(contents.map(([title]) => title)).toEqual(['Wave Gantt', 'Waves', 'Readiness heat map', 'Risks and decisions', 'Crew load', 'Learning curve']);
    for (const [title, page] of contents) expect(pdfText(path, page).split('\n')[0]).toContain(title);
    // The outline: every section, and every wave under Waves.
    const xml = execFileSync('pdftohtml', ['-xml', '-i', '-stdout', path], { encoding: 'utf8' });
    const outline = xml.slice(xml.indexOf('<outline>'));
    for (const [title, page] of contents) expect(outline).toContain(`<item page="${page}">${title}</item>`);
    const waves = /<item page="\d+">Waves<\/item>\s*<outline>([\s\S]*?)<\/outline>/.exec(outline)![1]!;
    expect([...waves.matchAll(/>([^<]+)<\/item>/g)].map((m) => m[1])).toEqual(schedule.waves.map((w) => (w.number === 0 ? 'Lighthouse' : `Wave ${w.number}`)));
    // Inter's word boxes are 1.21 em tall: 8.47 pt is 7 pt text.
    const heights = [...execFileSync('pdftotext', ['-bbox', path, '-'], { encoding: 'utf8' }).matchAll(/yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)</g)].map((m) => ({ size: (Number(m[2]) - Number(m[1])) / 1.21, word: m[3] }));
    expect(heights.filter((h) => h.size < 6.95)).toEqual([]);
    expect(pdfText(path)).not.toMatch(/(^|[^\d-])\d{2}-\d{2}-\d{2}(?!\d)/m);
    // The learning curve gives each wave its sites.
    expect(pdfText(path, contents.at(-1)![1])).toMatch(/Wave 1\s+4\s+45 days/);
    plan.close();
  });

  it('tiles the Gantt of 300 sites over several pages, with the headers and names on each', async () => {
    const dir = tempDir();
    const input = generatePlan({ seed: 300, sites: 300, erps: 6, regions: 4 });
    const plan = TestPlan.create(dir, wavePlanOf(input, 'Big program'), 'big.waveplan');
    const { schedule } = (await plan.call('schedule:generate', { asOf: input.asOf })).view;
    const path = await writeReport(plan, dir);
    const text = pdfText(path);
    const ganttPages = [...text.matchAll(/Wave Gantt · part (\d+) of (\d+)/g)];
    const parts = Number(ganttPages[0]![2]);
    expect(parts).toBeGreaterThan(3);
    expect(ganttPages).toHaveLength(parts);
    for (let page = 2; page <= parts + 1; page += 1) {
      const sheet = pdfText(path, page);
      expect(sheet).toMatch(/Q[1-4] 20\d\d/);
      expect(sheet).toContain('Site');
      expect(sheet).toMatch(/S\d{5}/);
    }
    for (const wave of schedule.waves) for (const site of wave.sites) expect(text).toContain(site.site);
    plan.close();
  }, 60_000);

  it('gives an empty plan and a plan with nothing schedulable a short report, not an error', async () => {
    const dir = tempDir();
    const document = sampleDocument();
    const empty = TestPlan.create(dir, { ...document, sites: [] } as never, 'empty.waveplan');
    const emptyPath = await writeReport(empty, dir);
    expect(pages(emptyPath).count).toBeLessThanOrEqual(6);
    expect(pdfText(emptyPath)).toContain('No site is scheduled');
    empty.close();

    for (const site of document.sites) site.readiness.data = { score: 10, targetDate: null };
    const blocked = TestPlan.create(dir, document as never, 'blocked.waveplan');
    const blockedPath = await writeReport(blocked, dir, { paper: 'letter', asOf: '2026-11-23' }, 'blocked.pdf');
    const text = pdfText(blockedPath);
    expect(text).toContain('Data quality has no target date: 23 sites wait.');
    expect(text).toContain('Data quality is 10, below 70, and has no target date');
    expect(pages(blockedPath).sizes[0]).toContain('612 x 792'); // Letter
    blocked.close();
  });

  it('is written by the command line, with a baseline and a date range', async () => {
    const dir = tempDir();
    const out = { stdout: () => {}, stderr: (t: string) => process.stderr.write(t) };
    expect(await main(['demo', '--out', dir], out)).toBe(0);
    const plan = join(dir, 'sample.waveplan');
    expect(await main(['baseline', 'save', 'Steering 2026-11', '--plan', plan], out)).toBe(0);
    // A later start moves every go-live (the lighthouse past Good Friday, a plan holiday): the report shows the slip.
    const file = TestPlan.open(plan, dir);
    await file.call('plan:update', { startDate: '2027-02-01' });
    file.close();
    expect(await main(['schedule', '--plan', plan, '--as-of', '2026-11-23'], out)).toBe(0);
    const pdf = join(dir, 'out.pdf');
    expect(await main(['export', '--plan', plan, '--pdf', pdf, '--baseline', 'Steering 2026-11', '--from', '2027-01-01', '--to', '2027-06-30', '--paper', 'letter'], out)).toBe(0);
    const text = pdfText(pdf);
    expect(text).toContain('Slippage against baseline "Steering 2026-11"');
    expect(text).toMatch(/US-GRV\s+2027-03-05\s+2027-04-05\s+31/);
    // The Gantt keeps to the range asked for.
    expect(text).toMatch(/2027-0[1-6]-01 – 2027-06-30/);
    expect(text).not.toMatch(/Q3 2027/);
    expect(await main(['export', '--plan', plan, '--pdf', pdf, '--baseline', 'nope'], out)).toBe(1);
    expect(await main(['export', '--plan', plan, '--pdf', pdf, '--paper', 'a3'], out)).toBe(2);
  }, 60_000);
});
