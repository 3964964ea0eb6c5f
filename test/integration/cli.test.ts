import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { main } from '../../electron/cli/main';
import { useTempDir } from '../support/temp';
import { expectMatchesShippedSchema } from '../support/wave-plan-schema';

const tempDir = useTempDir();
const BIN = fileURLToPath(new URL('../../electron/cli/bin.mjs', import.meta.url));

async function run(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}

describe('the wave-planner command line', () => {
  it('demo writes the sample plan and its wave-plan JSON with nothing to prepare', async () => {
    const dir = tempDir();
    const result = await run('demo', '--out', dir);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('24 sites (23 in scope), 8 ERPs');
    expect(existsSync(join(dir, 'sample.waveplan'))).toBe(true);
    expect(JSON.parse(readFileSync(join(dir, 'sample.wave-plan.json'), 'utf8')).sites).toHaveLength(24);
    // It can run again over its own output.
    expect((await run('demo', '--out', dir)).code).toBe(0);
  });

  it('export → import → export gives the same bytes', async () => {
    const dir = tempDir();
    await run('demo', '--out', dir);
    const first = join(dir, 'first.json');
    const second = join(dir, 'second.json');
    expect((await run('export', '--plan', join(dir, 'sample.waveplan'), '--json', first)).code).toBe(0);
    const created = await run('import', first, '--plan', join(dir, 'copy.waveplan'));
    expect(created.code).toBe(0);
    expect(created.stdout).toContain('Created');
    expect((await run('export', '--plan', join(dir, 'copy.waveplan'), '--json', second)).code).toBe(0);
    expect(readFileSync(second, 'utf8')).toBe(readFileSync(first, 'utf8'));
    // Importing into an existing plan replaces its content after a backup.
    const replaced = await run('import', first, '--plan', join(dir, 'copy.waveplan'));
    expect(replaced.code).toBe(0);
    expect(replaced.stdout).toContain('Backup:');
  });

  it('refuses a bad file with exit code 1, naming the file and JSON path, and leaves the plan untouched', async () => {
    const dir = tempDir();
    await run('demo', '--out', dir);
    const plan = join(dir, 'sample.waveplan');
    const written = readFileSync(join(dir, 'sample.wave-plan.json'), 'utf8');
    expectMatchesShippedSchema(written);
    const document = JSON.parse(written);
    document.sites[12].readiness.data.score = 140;
    document.sites[3].earliestGoLive = '2027-02-30';
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify(document));
    const before = readFileSync(plan);
    const modified = statSync(plan).mtimeMs;
    const result = await run('import', bad, '--plan', plan);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('bad.json: sites[12].readiness.data.score: must be between 0 and 100 (got 140)');
    expect(result.stderr).toContain('bad.json: sites[3].earliestGoLive:');
    expect(readFileSync(plan).equals(before)).toBe(true);
    expect(statSync(plan).mtimeMs).toBe(modified);
    // A plan that did not exist is not created by a refused import.
    expect((await run('import', bad, '--plan', join(dir, 'new.waveplan'))).code).toBe(1);
    expect(existsSync(join(dir, 'new.waveplan'))).toBe(false);
  });

  it('schedule prints the wave-schedule JSON, byte for byte the same for the same plan and as-of date', async () => {
    const dir = tempDir();
    await run('demo', '--out', dir);
    const plan = join(dir, 'sample.waveplan');
    const first = await run('schedule', '--plan', plan, '--as-of', '2026-11-23', '--json');
    const second = await run('schedule', '--plan', plan, '--as-of', '2026-11-23', '--json');
    expect(first.code).toBe(0);
    expect(second.stdout).toBe(first.stdout);
    const schedule = JSON.parse(first.stdout);
    expect(Object.keys(schedule)).toEqual(['format', 'version', 'asOf', 'lighthouse', 'waves', 'unscheduled', 'violations', 'warnings']);
    expect(schedule).toMatchObject({ format: 'wave-schedule', version: 1, asOf: '2026-11-23', lighthouse: { site: 'US-GRV' } });
    expect(Object.keys(schedule.lighthouse.candidates[0])).toEqual(['site', 'score', 'terms']);
    expect(Object.keys(schedule.waves[1])).toEqual(['number', 'windowStart', 'windowEnd', 'prepLeadDays', 'sites']);
    expect(Object.keys(schedule.waves[1].sites[0])).toEqual(['site', 'goLive', 'prepStart', 'hypercareEnd', 'pinned', 'reasons']);
    expect(Object.keys(schedule.unscheduled[0])).toEqual(['site', 'rule', 'reason']);
    const table = await run('schedule', '--plan', plan, '--as-of', '2026-11-23');
    expect(table.stdout).toContain('Lighthouse: US-GRV Greenville Assembly');
    expect(table.stdout).toMatch(/^1\s+2027-04-18 – 2027-05-17\s+45 d\s+CZ-PLZ/m);
    expect(table.stdout).toContain('[erp-connector] QAD Adaptive ERP connector is not-started');
    expect((await run('schedule', '--plan', plan, '--as-of', '2027-02-30')).code).toBe(2);
  });

  it('schedule --json says which crew a site waited for, and names the crew a pinned site overloads', async () => {
    const dir = tempDir();
    await run('demo', '--out', dir);
    const planned = JSON.parse((await run('schedule', '--plan', join(dir, 'sample.waveplan'), '--as-of', '2026-11-23', '--json')).stdout);
    const reasons = planned.waves.flatMap((w: { sites: { site: string; reasons: string[] }[] }) => w.sites.flatMap((s) => s.reasons.map((r) => `${s.site}: ${r}`)));
    expect(reasons).toContain('US-DET: go-live moved to 2027-07-21: crew "Trainers" (2 at a time) is full until 2027-07-13; the site needs it from 2027-07-14');
    expect(planned.violations).toEqual([]);

    // Wave 1 pinned as planned, with a fifth site beside it: more sites than the four deployment squads.
    const written = readFileSync(join(dir, 'sample.wave-plan.json'), 'utf8');
    expectMatchesShippedSchema(written);
    const document = JSON.parse(written);
    const pins: Record<string, string> = { 'CZ-PLZ': '2027-04-19', 'ES-ZAZ': '2027-04-26', 'IN-PNQ': '2027-05-04', 'JP-NGY': '2027-05-11', 'PL-WRO': '2027-04-27' };
    for (const [site, goLive] of Object.entries(pins)) document.schedule.pins.push({ site, wave: 1, goLive });
    const pinnedFile = join(dir, 'pinned.json');
    writeFileSync(pinnedFile, JSON.stringify(document));
    expect((await run('import', pinnedFile, '--plan', join(dir, 'pinned.waveplan'))).code).toBe(0);
    const overloaded = JSON.parse((await run('schedule', '--plan', join(dir, 'pinned.waveplan'), '--as-of', '2026-11-23', '--json')).stdout);
    const crewViolations = overloaded.violations.filter((v: { rule: string }) => v.rule === 'crew');
    expect(crewViolations.length).toBeGreaterThan(0);
    expect(crewViolations[0].message).toMatch(/^crew "Deployment squads" \(4 at a time\) would serve 5 sites on \d{4}-\d{2}-\d{2}/);
  });

  it('ships as built JavaScript: the bundle npm install made runs the demo, PDF and all, without TypeScript', () => {
    const bundle = fileURLToPath(new URL('../../out/cli/bundle/main.mjs', import.meta.url));
    expect(existsSync(bundle)).toBe(true);
    const dir = tempDir();
    const script = `const { main } = await import(${JSON.stringify(pathToFileURL(bundle).href)}); process.exitCode = await main(['demo', '--out', ${JSON.stringify(dir)}]);`;
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', env: { ...process.env, WAVE_PLANNER_HOME: join(dir, 'home') } });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(readFileSync(join(dir, 'sample-report.pdf')).subarray(0, 5).toString()).toBe('%PDF-');
  }, 60_000);

  it('answers usage mistakes with exit code 2 and help with 0', async () => {
    expect((await run()).code).toBe(2);
    expect((await run('frobnicate')).code).toBe(2);
    expect((await run('import', '--plan')).code).toBe(2);
    expect((await run('export', '--plan', 'x.waveplan')).code).toBe(2);
    const help = await run('--help');
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('wave-planner import FILE.csv|FILE.xlsx --plan PLAN.waveplan');
  });

  it('refuses a plan file that is not a plan with exit code 1', async () => {
    const dir = tempDir();
    const notAPlan = join(dir, 'notes.waveplan');
    writeFileSync(notAPlan, 'x'.repeat(4096));
    const result = await run('export', '--plan', notAPlan, '--json', join(dir, 'out.json'));
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('not a Wave Planner plan');
  });

  it('runs as the installed bin script', () => {
    const dir = tempDir();
    const result = spawnSync(process.execPath, [BIN, 'demo', '--out', dir], { encoding: 'utf8' });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('Sample plan "Northwind VisionQC rollout"');
  });

  it('imports a CSV of sites with a mapping, refuses a bad one with file, row and column, and exports every format', async () => {
    const dir = tempDir();
    await run('demo', '--out', dir);
    const plan = join(dir, 'sample.waveplan');
    const sheet = join(dir, 'plants.csv');
    writeFileSync(sheet, 'Plant ID,Zone,Headcount\nUS-DET,Rust Belt,2150\nNL-EHV,EMEA,\n');
    const refused = await run('import', sheet, '--plan', plan, '--map', 'Plant ID=code,Zone=region');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('plants.csv, row 3');
    expect(refused.stderr).toContain('Site name is needed for a new site and no column holds it');
    writeFileSync(sheet, 'Plant ID,Zone,Headcount\nUS-DET,Rust Belt,2150\n');
    const imported = await run('import', sheet, '--plan', plan, '--map', 'Plant ID=code,Zone=region');
    expect(imported.code).toBe(0);
    expect(imported.stdout).toContain('0 sites added, 1 changed');
    expect((await run('import', sheet, '--plan', plan, '--kind', 'people')).code).toBe(2);
    const files = { csv: 'out.csv', xlsx: 'out.xlsx', ics: 'out.ics', mspdi: 'out.xml' };
    const exported = await run('export', '--plan', plan, ...Object.entries(files).flatMap(([k, f]) => [`--${k}`, join(dir, f)]));
    expect(exported.code).toBe(0);
    expect(readFileSync(join(dir, 'out.csv'), 'utf8')).toContain('US-DET,Detroit Stamping,Rust Belt');
    expect(readFileSync(join(dir, 'out.ics'), 'utf8')).toContain('BEGIN:VCALENDAR');
    expect(readFileSync(join(dir, 'out.xml'), 'utf8')).toContain('<Project xmlns="http://schemas.microsoft.com/project">');
    expect(readFileSync(join(dir, 'out.xlsx')).subarray(0, 2).toString()).toBe('PK');
  });
});
