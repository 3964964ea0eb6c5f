// The schedule leaving the product: CSV and XLSX (and back), iCalendar read by ical.js, MS Project
// XML read back by an XML parser.
import { XMLParser } from 'fast-xml-parser';
import ICAL from 'ical.js';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { samplePlan } from '../../electron/services/sample-plan';
import type { DownloadFile } from '../../shared/contract';
import type { Site } from '../../shared/domain';
import { addDaysIso } from '../../shared/dates';
import { contentOfText, TestPlan } from '../support/plans';
import { useTempDir } from '../support/temp';

type ExcelBuffer = import('exceljs').Buffer;

const tempDir = useTempDir();
const AS_OF = '2026-11-23';

async function scheduledSample() {
  const plan = TestPlan.create(tempDir());
  const { view } = await plan.call('schedule:generate', { asOf: AS_OF });
  return { plan, view };
}

const bytesOf = (file: DownloadFile) => Buffer.from(file.base64, 'base64');
const textOf = (file: DownloadFile) => bytesOf(file).toString('utf8');

describe('exporting the schedule', () => {
  it('writes one CSV row per site with wave, dates, readiness and reasons', async () => {
    const { plan, view } = await scheduledSample();
    const file = await plan.call('exports:file', { format: 'csv' });
    expect(file.fileName).toBe('Northwind VisionQC rollout schedule.csv');
    const text = textOf(file);
    expect(text.startsWith('\uFEFF')).toBe(true);
    const rows = Papa.parse<Record<string, string>>(text.slice(1), { header: true, skipEmptyLines: true }).data;
    expect(rows).toHaveLength(plan.read.sites().length);
    const grv = rows.find((r) => r['Site code'] === 'US-GRV')!;
    const placed = view.schedule.waves[0]!.sites[0]!;
    expect(grv).toMatchObject({ Wave: 'Lighthouse', 'Go-live': placed.goLive, 'Prep start': placed.prepStart, 'Hypercare end': placed.hypercareEnd, Status: 'scheduled' });
    expect(rows.find((r) => r['Site code'] === 'UK-SUN')!.Status).toBe('excluded');
    expect(rows.filter((r) => r.Status === 'unscheduled').map((r) => r['Site code']).sort()).toEqual(view.schedule.unscheduled.map((u) => u.site).sort());
    plan.close();
  });

  it('writes an XLSX whose Sites and ERPs sheets import back into an empty plan as the same sites and ERPs', async () => {
    const { plan } = await scheduledSample();
    const file = await plan.call('exports:file', { format: 'xlsx' });
    const empty = TestPlan.create(tempDir(), { ...samplePlan(), sites: [], erps: [] }, 'empty.waveplan');
    const summary = await empty.call('sheets:import', { fileName: file.fileName, base64: file.base64 });
    expect(summary).toMatchObject({ sitesAdded: plan.read.sites().length, erpsAdded: plan.read.erps().length });
    // Readiness never assessed reads the same whether absent or blank.
    const normal = (sites: Site[]) =>
      sites.map((s) => ({ ...s, readiness: Object.fromEntries(Object.entries(s.readiness).filter(([, v]) => v.score !== null || v.targetDate !== null)) }));
    expect(normal(empty.read.sites())).toEqual(normal(plan.read.sites()));
    expect(empty.read.erps()).toEqual(plan.read.erps());
    // And into the plan it came from, it changes nothing: not even a step of history.
    const revision = plan.file.revision();
    expect(await plan.call('sheets:import', { fileName: file.fileName, base64: file.base64 })).toMatchObject({ sitesChanged: 0, erpsChanged: 0, sitesAdded: 0 });
    expect(plan.file.revision()).toBe(revision);
    plan.close();
    empty.close();
  });

  it('writes Excel dates, numbers, empty cells, an autofilter and ERP names into the XLSX', async () => {
    const { plan, view } = await scheduledSample();
    const { default: Excel } = await import('exceljs');
    const workbook = new Excel.Workbook();
    await workbook.xlsx.load(bytesOf(await plan.call('exports:file', { format: 'xlsx' })) as unknown as ExcelBuffer);
    const sheet = workbook.getWorksheet('Schedule')!;
    const headers = (sheet.getRow(1).values as unknown[]).slice(1);
    const column = (name: string) => headers.indexOf(name) + 1;
    expect(sheet.autoFilter).toBeTruthy();
    const grv = sheet.getRows(2, sheet.rowCount - 1)!.find((r) => r.getCell(column('Site code')).value === 'US-GRV')!;
    const goLive = grv.getCell(column('Go-live'));
    expect(goLive.value).toBeInstanceOf(Date);
    expect((goLive.value as Date).toISOString().slice(0, 10)).toBe(view.schedule.waves[0]!.sites[0]!.goLive);
    expect(goLive.numFmt).toBe('yyyy-mm-dd');
    expect(grv.getCell(column('ERP name')).value).toBe(plan.read.erps().find((e) => e.code === plan.read.sites().find((s) => s.code === 'US-GRV')!.erp)!.name);
    const second = sheet.getRows(2, sheet.rowCount - 1)!.find((r) => r.getCell(column('Wave')).value === 1)!;
    expect(typeof second.getCell(column('Wave')).value).toBe('number');
    const excluded = sheet.getRows(2, sheet.rowCount - 1)!.find((r) => r.getCell(column('Status')).value === 'excluded')!;
    expect(excluded.getCell(column('Go-live')).value).toBeNull();
    plan.close();
  });

  it('writes formula-like names as text in CSV and XLSX, and reads them back as the same names', async () => {
    const { plan } = await scheduledSample();
    const names = { 'US-GRV': '=HYPERLINK("http://evil.example","Open")', 'MX-QRO': '+1 Querétaro', 'MX-MTY': '@SUM(A1)', 'US-DET': '－Detroit' };
    for (const [code, name] of Object.entries(names)) await plan.call('sites:update', { code, patch: { name } });
    const csv = textOf(await plan.call('exports:file', { format: 'csv' }));
    const rows = Papa.parse<Record<string, string>>(csv.slice(1), { header: true, skipEmptyLines: true }).data;
    for (const [code, name] of Object.entries(names)) expect(rows.find((r) => r['Site code'] === code)!['Site name']).toBe(`'${name}`);
    const xlsx = await plan.call('exports:file', { format: 'xlsx' });
    const empty = TestPlan.create(tempDir(), { ...samplePlan(), sites: [], erps: [] }, 'empty.waveplan');
    await empty.call('sheets:import', { fileName: xlsx.fileName, base64: xlsx.base64 });
    for (const [code, name] of Object.entries(names)) expect(empty.read.sites().find((s) => s.code === code)!.name).toBe(name);
    // A formula typed into a sheet by hand is still refused, naming the cell.
    const typed = Buffer.from('Site code,Site name,Region,ERP\r\nUS-NEW,=1+1,North America,SAP-S4\r\n').toString('base64');
    await expect(empty.call('sheets:import', { fileName: 'typed.csv', base64: typed })).rejects.toThrow(/typed\.csv, row 2, column "Site name": holds a formula/);
    plan.close();
    empty.close();
  });

  it('writes go-lives and open gates as an iCalendar file that ical.js reads', async () => {
    const { plan, view } = await scheduledSample();
    const file = await plan.call('exports:file', { format: 'ics' });
    const calendar = new ICAL.Component(ICAL.parse(textOf(file)));
    const events = calendar.getAllSubcomponents('vevent').map((e) => new ICAL.Event(e));
    const goLives = events.filter((e) => e.summary.startsWith('Go-live: '));
    expect(goLives).toHaveLength(view.schedule.waves.reduce((n, w) => n + w.sites.length, 0));
    const grv = goLives.find((e) => e.summary.startsWith('Go-live: US-GRV'))!;
    expect(grv.startDate.isDate).toBe(true);
    expect(grv.startDate.toString()).toBe(view.schedule.waves[0]!.sites[0]!.goLive);
    expect(new Set(events.map((e) => e.uid)).size).toBe(events.length);
    expect(events.some((e) => e.summary.startsWith('Gate: Go/no-go decision (US-GRV)'))).toBe(true);
    plan.close();
  });

  it('keeps iCalendar UIDs through export and import into a new plan file, names the calendar, and raises SEQUENCE when a day moves', async () => {
    const { plan, view } = await scheduledSample();
    const eventsOf = async (p: TestPlan) => {
      const calendar = new ICAL.Component(ICAL.parse(textOf(await p.call('exports:file', { format: 'ics' }))));
      return { name: calendar.getFirstPropertyValue('name'), events: new Map(calendar.getAllSubcomponents('vevent').map((e) => [e.getFirstPropertyValue('uid') as string, { day: String(e.getFirstPropertyValue('dtstart')), sequence: Number(e.getFirstPropertyValue('sequence')) }])) };
    };
    const first = await eventsOf(plan);
    expect(first.name).toBe('Northwind VisionQC rollout go-lives');
    expect([...first.events.values()].every((e) => e.sequence === 0)).toBe(true);
    const copy = TestPlan.create(tempDir(), contentOfText(plan.read.exportText()), 'copy.waveplan');
    await copy.call('schedule:generate', { asOf: AS_OF });
    expect([...(await eventsOf(copy)).events.keys()].sort()).toEqual([...first.events.keys()].sort());

    // Move a wave 2 site by a week: its go-live event moves and outranks the one calendars hold.
    const moved = view.schedule.waves.find((w) => w.number === 2)!.sites[0]!;
    const uid = [...first.events.keys()].find((k) => k.endsWith(`-${moved.site}-go-live@wave-planner`))!;
    const later = addDaysIso(moved.goLive, 7);
    await plan.call('schedule:move', { site: moved.site, wave: 2, goLive: later });
    const second = await eventsOf(plan);
    expect(second.events.get(uid)).toMatchObject({ day: later });
    expect(second.events.get(uid)!.sequence).toBeGreaterThan(0);
    const untouched = [...first.events.keys()].find((k) => k.includes('-go-live@') && k !== uid && second.events.get(k)!.day === first.events.get(k)!.day)!;
    expect(second.events.get(untouched)!.sequence).toBe(0);
    // Undo puts the day back: that is a change too, so SEQUENCE rises again rather than falling back.
    await plan.call('history:undo', {});
    const third = await eventsOf(plan);
    expect(third.events.get(uid)!.day).toBe(moved.goLive);
    expect(third.events.get(uid)!.sequence).toBeGreaterThan(second.events.get(uid)!.sequence);
    plan.close();
    copy.close();
  });

  it('exports a plan that has no schedule yet as scheduled today, and stores nothing', async () => {
    const plan = TestPlan.create(tempDir());
    const revision = plan.file.revision();
    const rows = Papa.parse<Record<string, string>>(textOf(await plan.call('exports:file', { format: 'csv' })).slice(1), { header: true }).data;
    expect(rows.some((r) => r.Status === 'scheduled')).toBe(true);
    expect(plan.read.schedule()).toBeNull();
    expect(plan.file.revision()).toBe(revision);
    plan.close();
  });

  it('writes MS Project XML: waves as summaries, sites with their items, predecessor links between go-lives', async () => {
    const { plan, view } = await scheduledSample();
    const file = await plan.call('exports:file', { format: 'mspdi' });
    const xml = new XMLParser({ ignoreAttributes: false }).parse(textOf(file));
    expect(xml.Project['@_xmlns']).toBe('http://schemas.microsoft.com/project');
    const tasks = xml.Project.Tasks.Task as { UID: number; Name: string; OutlineLevel: number; Summary: number; Milestone: number; Start: string; PredecessorLink?: { PredecessorUID: number; Type: number } | { PredecessorUID: number; Type: number }[] }[];
    expect(tasks.filter((t) => t.OutlineLevel === 1).map((t) => t.Name)).toEqual(view.schedule.waves.filter((w) => w.sites.length).map((w) => (w.number === 0 ? 'Lighthouse' : `Wave ${w.number}`)));
    const placed = view.schedule.waves.flatMap((w) => w.sites);
    expect(tasks.filter((t) => t.OutlineLevel === 2)).toHaveLength(placed.length);
    const goLive = (code: string) => tasks.find((t) => t.Name === `Go-live ${code}`)!;
    expect(goLive('MX-QRO')).toMatchObject({ Milestone: 1, Start: `${placed.find((p) => p.site === 'MX-QRO')!.goLive}T08:00:00` });
    // MX-QRO waits for MX-MTY (the sample plan's predecessor link).
    expect(goLive('MX-QRO').PredecessorLink).toMatchObject({ PredecessorUID: goLive('MX-MTY').UID, Type: 1 });
    expect(tasks.filter((t) => t.OutlineLevel === 3 && t.Milestone === 0).length).toBeGreaterThan(placed.length * 5);
    plan.close();
  });

  it('writes MS Project XML that a recalculation keeps in place: working days only, holidays in the calendar, summaries enclosing, go-lives fixed', async () => {
    const { plan, view } = await scheduledSample();
    const holidays = plan.read.content().plan.holidays;
    expect(holidays.length).toBeGreaterThan(0);
    // Outline numbers such as 1.10 stay text.
    const xml = new XMLParser({ ignoreAttributes: false, numberParseOptions: { hex: false, leadingZeros: false, skipLike: /\./ }, isArray: (name) => ['Task', 'Exception', 'WeekDay', 'PredecessorLink'].includes(name) }).parse(
      textOf(await plan.call('exports:file', { format: 'mspdi' })),
    );
    const calendar = xml.Project.Calendars.Calendar;
    expect(xml.Project.CalendarUID).toBe(calendar.UID);
    expect(calendar.WeekDays.WeekDay.map((d: { DayType: number; DayWorking: number }) => [d.DayType, d.DayWorking])).toEqual([[1, 0], [2, 1], [3, 1], [4, 1], [5, 1], [6, 1], [7, 0]]);
    const exceptions = calendar.Exceptions.Exception as { TimePeriod: { FromDate: string }; DayWorking: number }[];
    expect(exceptions.map((e) => e.TimePeriod.FromDate.slice(0, 10))).toEqual([...new Set(holidays)].sort());
    expect(exceptions.every((e) => e.DayWorking === 0)).toBe(true);

    type Task = { UID: number; Name: string; OutlineNumber: string; Summary: number; Milestone: number; Start: string; Finish: string; ConstraintType: number; ConstraintDate?: string };
    const tasks = (xml.Project.Tasks.Task as Task[]).map((t) => ({ ...t, OutlineNumber: String(t.OutlineNumber) }));
    const holidaySet = new Set(holidays);
    const offDay = (instant: string) => {
      const day = instant.slice(0, 10);
      const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
      return weekday === 0 || weekday === 6 || holidaySet.has(day);
    };
    expect(tasks.filter((t) => offDay(t.Start) || offDay(t.Finish)).map((t) => `${t.Name} ${t.Start} – ${t.Finish}`)).toEqual([]);
    expect(tasks.filter((t) => t.Finish < t.Start)).toEqual([]);
    for (const summary of tasks.filter((t) => t.Summary === 1)) {
      const prefix = summary.OutlineNumber === '0' ? '' : `${summary.OutlineNumber}.`;
      const children = tasks.filter((t) => t !== summary && t.OutlineNumber.startsWith(prefix) && t.OutlineNumber.split('.').length === (prefix ? summary.OutlineNumber.split('.').length + 1 : 1));
      expect(children.length, summary.Name).toBeGreaterThan(0);
      expect(summary.Start, summary.Name).toBe(children.map((c) => c.Start).sort()[0]);
      expect(summary.Finish, summary.Name).toBe(children.map((c) => c.Finish).sort().at(-1));
    }
    for (const placed of view.schedule.waves.flatMap((w) => w.sites)) {
      const goLive = tasks.find((t) => t.Name === `Go-live ${placed.site}`)!;
      expect(goLive).toMatchObject({ Milestone: 1, ConstraintType: 2, ConstraintDate: `${placed.goLive}T08:00:00`, Start: `${placed.goLive}T08:00:00` });
    }
    expect(tasks.filter((t) => t.Summary === 0 && t.Milestone === 0).every((t) => t.ConstraintType === 4 && t.ConstraintDate === t.Start)).toBe(true);
    plan.close();
  });
});

describe('days at the edge of what a plan may hold', () => {
  it('refuses days before 1900 or after 2199 in a wave-plan file and a sheet, naming where', async () => {
    const plan = TestPlan.create(tempDir());
    const document = JSON.parse(plan.read.exportText());
    document.sites[0].earliestGoLive = '9999-12-31';
    document.plan.holidays.push('0001-01-01');
    const refused = await plan.refusal('interchange:import', { fileName: 'far.json', content: JSON.stringify(document) });
    expect(refused.message).toMatch(/far\.json: (plan\.holidays\[\d+\]|sites\[0\]\.earliestGoLive): must be a date from 1900-01-01 to 2199-12-31/);
    const sheet = Buffer.from('code,earliestGoLive\r\nUS-GRV,2200-01-01\r\n').toString('base64');
    const preview = await plan.call('sheets:preview', { fileName: 'far.csv', base64: sheet });
    expect(JSON.stringify(preview)).toContain('must be a date from 1900-01-01 to 2199-12-31');
    plan.close();
  });

  it('schedules and exports a plan that runs into the last year a plan may hold', async () => {
    const content = samplePlan();
    const plan = TestPlan.create(tempDir(), { ...content, plan: { ...content.plan, startDate: '2199-03-01', holidays: ['2199-12-25'], freezeWindows: [] }, sites: content.sites.map((s, i) => (i === 3 ? { ...s, earliestGoLive: '2199-12-30' } : s)) }, 'far.waveplan');
    const { view } = await plan.call('schedule:generate', { asOf: '2199-02-01' });
    expect(view.schedule.waves.flatMap((w) => w.sites).some((s) => s.hypercareEnd > '2199-12-31')).toBe(true);
    for (const format of ['csv', 'xlsx', 'ics', 'mspdi'] as const) expect((await plan.call('exports:file', { format })).base64.length).toBeGreaterThan(100);
    expect((await plan.call('report:pdf', { paper: 'a4' })).pages).toBeGreaterThan(3);
    plan.close();
  }, 30_000);
});
