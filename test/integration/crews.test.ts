// Crews (rule 13) in a plan file: edited as one undoable step that makes the schedule out of date,
// refused with a message naming the crew and field, carried in the wave-plan JSON, and shown in
// the CSV and XLSX exports.
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import type { Crew } from '../../shared/domain';
import { serializeWavePlan } from '../../shared/interchange';
import { contentOfText, sampleDocument, TestPlan } from '../support/plans';
import { useTempDir } from '../support/temp';

const tempDir = useTempDir();
const AS_OF = '2026-11-23';
const lastGoLive = (view: { schedule: { waves: { sites: { goLive: string }[] }[] } }) => view.schedule.waves.flatMap((w) => w.sites.map((s) => s.goLive)).sort().at(-1);

describe('the crews of a plan', () => {
  it('saves the crews as one undoable step; the schedule then says it is out of date, and a re-plan respects the new sizes', async () => {
    const plan = TestPlan.create(tempDir());
    const sampleCrews = plan.read.info().crews;
    expect(sampleCrews.map((c) => [c.name, c.size, c.phase])).toEqual([
      ['Deployment squads', 4, 'rollout'],
      ['Trainers', 2, 'cutover'],
    ]);
    const { view: before } = await plan.call('schedule:generate', { asOf: AS_OF });

    const fewer: Crew[] = [{ ...sampleCrews[0]!, size: 2 }, sampleCrews[1]!];
    const saved = await plan.call('crews:save', { crews: fewer });
    expect(saved.crews).toEqual(fewer);
    expect((await plan.call('history:list', {})).undo[0]!.label).toBe('Change the crews');
    const status = await plan.call('schedule:current', {});
    expect(status).toMatchObject({ stale: true, staleBecause: expect.stringMatching(/^1 crew changed since /) });

    // Two squads instead of four: the program takes longer, and no day has more than two sites in rollout.
    const { view: after } = await plan.call('schedule:generate', { asOf: AS_OF });
    expect(lastGoLive(after)! > lastGoLive(before)!).toBe(true);
    expect(after.schedule.violations).toEqual([]);

    await plan.call('history:undo', {}); // the re-plan
    await plan.call('history:undo', {}); // the crews
    expect(plan.read.info().crews).toEqual(sampleCrews);
    plan.close();
  });

  it('refuses a crew without a name, with a size below one, an unknown phase or a name used twice, naming the crew, and changes nothing', async () => {
    const plan = TestPlan.create(tempDir());
    const before = plan.read.exportText();
    const revision = plan.file.revision();
    const squads = { name: 'Squads', size: 2, phase: 'rollout', notes: '' };
    expect(await plan.refusal('crews:save', { crews: [squads, { ...squads, name: ' ' }] })).toMatchObject({ message: expect.stringMatching(/^Crew 2: name /) });
    expect(await plan.refusal('crews:save', { crews: [{ ...squads, size: 0 }] })).toMatchObject({ message: expect.stringMatching(/^Crew 1: size must be a whole number from 1 to 1000 \(got 0\)/) });
    expect(await plan.refusal('crews:save', { crews: [{ ...squads, phase: 'go-live' }] })).toMatchObject({ message: expect.stringMatching(/^Crew 1: phase /) });
    expect(await plan.refusal('crews:save', { crews: [squads, { ...squads, name: 'squads' }] })).toMatchObject({ message: 'Crew 2: the name "squads" is already used by crew 1.' });
    expect(plan.read.exportText()).toBe(before);
    expect(plan.file.revision()).toBe(revision);
    plan.close();
  });

  it('travels in the wave-plan JSON, and a bad crew in a file is named by its path', async () => {
    const plan = TestPlan.create(tempDir());
    const text = plan.read.exportText();
    expect(JSON.parse(text).plan.crews).toEqual(plan.read.info().crews);
    const copy = TestPlan.create(tempDir(), contentOfText(text), 'copy.waveplan');
    expect(copy.read.exportText()).toBe(text);

    const document = sampleDocument();
    document.plan.crews[1].size = 0;
    const refused = await plan.refusal('interchange:import', { fileName: 'crews.json', content: JSON.stringify(document) });
    expect(refused.message).toContain('plan.crews[1].size');
    document.plan.crews[1] = { ...document.plan.crews[0], size: 3 };
    expect((await plan.refusal('interchange:import', { fileName: 'crews.json', content: JSON.stringify(document) })).message).toContain('plan.crews[1].name');
    // A file written before crews existed has none.
    const { crews: _crews, ...withoutCrews } = sampleDocument().plan;
    await plan.call('interchange:import', { fileName: 'old.json', content: serializeWavePlan({ ...sampleDocument(), plan: withoutCrews } as never) });
    expect(plan.read.info().crews).toEqual([]);
    plan.close();
    copy.close();
  });

  it('shows the days each crew works on a site in the CSV, and each crew week by week in the XLSX', async () => {
    const plan = TestPlan.create(tempDir());
    const { view } = await plan.call('schedule:generate', { asOf: AS_OF });
    const csv = await plan.call('exports:file', { format: 'csv' });
    const rows = Papa.parse<Record<string, string>>(Buffer.from(csv.base64, 'base64').toString('utf8').slice(1), { header: true, skipEmptyLines: true }).data;
    const det = view.schedule.waves.flatMap((w) => w.sites).find((s) => s.site === 'US-DET')!;
    // Trainers work the week before and the week after go-live; the squads from prep start to the end of hypercare.
    expect(rows.find((r) => r['Site code'] === 'US-DET')!.Crews).toBe(`Deployment squads ${det.prepStart} – ${det.hypercareEnd} | Trainers 2027-07-14 – 2027-07-28`);
    expect(det.goLive).toBe('2027-07-21');
    expect(rows.find((r) => r['Site code'] === 'UK-SUN')!.Crews).toBe('');

    const xlsx = await plan.call('exports:file', { format: 'xlsx' });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(xlsx.base64, 'base64') as never);
    const sheet = workbook.getWorksheet('Crew load')!;
    const values = sheet.getSheetValues().slice(1).map((row) => (row as unknown[]).slice(1));
    expect(values[0]).toEqual(['Crew', 'Phase', 'Size', 'Week of', 'Most sites on a day', 'Over size']);
    const squads = values.slice(1).filter((r) => r[0] === 'Deployment squads');
    expect(squads.length).toBeGreaterThan(40);
    expect(Math.max(...squads.map((r) => r[4] as number))).toBe(4);
    expect(squads.every((r) => r[5] === 'no' && r[2] === 4)).toBe(true);
    plan.close();
  });
});
