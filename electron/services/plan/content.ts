/** A plan's whole content in the `wave-plan` interchange format: read out, or written in place of what was there. */
import { todayIso } from '../../../shared/dates';
import type { WavePlan } from '../../../shared/interchange';
import { siteAdditions, type PlanRecord, type WavePlanV2Document } from '../../../shared/wave-plan-v2';
import { listBaselines, readBaseline } from './baselines';
import { CAPTURED_TABLES } from './change-capture';
import { readChecklist } from './checklists';
import { insertCrews, readCrews } from './crews';
import { readErps, insertErp } from './erps';
import type { ReadHandle, WriteHandle } from './handles';
import { erpOrderOf, readFreezeWindows, readHolidays, readSettings, requirePlanRow, writeFreezeWindows, writeHolidays, writeSettings } from './plan-settings';
import { readPlaybook, readPlaybookVersions, writePlaybookVersion } from './playbooks';
import { appendReadiness, readDimensions, writeDimensions } from './readiness';
import { lockedWavesOf, readCurrentSchedule, storeLockedSchedule } from './schedules';
import { insertScenarios, readScenarios } from './scenarios';
import { insertSite, readSites, writePredecessors } from './sites';

/** What the scheduler, the exports and the report read: the plan's current content, without its history. */
export function exportContent(h: ReadHandle): WavePlan {
  const row = requirePlanRow(h);
  return {
    format: 'wave-plan',
    version: 1,
    plan: {
      name: row.name,
      startDate: row.start_date,
      settings: readSettings(h),
      holidays: readHolidays(h),
      freezeWindows: readFreezeWindows(h),
      lighthouseOverride: row.lighthouse_override,
      crews: readCrews(h),
      erpOrder: erpOrderOf(row),
    },
    readinessDimensions: readDimensions(h),
    erps: readErps(h),
    sites: readSites(h),
    playbook: readPlaybook(h),
  };
}

/** The plan's record: readiness history, checklists, locks, playbook versions and baselines. */
function readRecord(h: ReadHandle): PlanRecord {
  const history = h.all<{ site: string; dimension: string; score: number | null; targetDate: string | null; comment: string; by: string; at: string }>(
    `SELECT s.code AS site, e.dimension_key AS dimension, e.score, e.target_date AS targetDate, e.comment, e.actor AS by, e.recorded_at AS at
       FROM readiness_entries e JOIN sites s ON s.id = e.site_id ORDER BY e.site_id, e.id`,
  );
  const versions = readPlaybookVersions(h);
  const current = versions.at(-1);
  return {
    readinessHistory: history,
    checklist: readChecklist(h).map((c) => ({ site: c.site, task: c.taskKey, dueDate: c.dueDate, status: c.status, owner: c.owner, note: c.note, completedAt: c.completedAt })),
    lockedWaves: lockedWavesOf(readCurrentSchedule(h)),
    playbook: { note: current?.note ?? '', createdAt: current?.createdAt ?? requirePlanRow(h).created_at, earlierVersions: versions.slice(0, -1) },
    baselines: listBaselines(h).map((b) => {
      const { entries } = readBaseline(h, b.name);
      return { name: b.name, savedAt: b.createdAt, asOf: b.asOf, sites: entries };
    }),
    scenarios: readScenarios(h),
  };
}

/** The whole plan as a version 2 document: its content, identity and record. */
export function exportDocument(h: ReadHandle): WavePlanV2Document {
  const content = exportContent(h);
  const record = readRecord(h);
  const { history, checklist } = siteAdditions(record);
  const { lighthouseOverride, erpOrder, ...plan } = content.plan;
  return {
    format: 'wave-plan',
    version: 2,
    plan: { id: requirePlanRow(h).uid, ...plan },
    readinessDimensions: content.readinessDimensions,
    erps: content.erps,
    sites: content.sites.map(({ pinnedWave: _wave, pinnedGoLive: _day, ...site }) => ({
      ...site,
      readinessHistory: history.get(site.code.toLowerCase()) ?? [],
      checklist: checklist.get(site.code.toLowerCase()) ?? [],
    })),
    playbook: { ...content.playbook, note: record.playbook.note, createdAt: record.playbook.createdAt, earlierVersions: record.playbook.earlierVersions },
    schedule: {
      lighthouseOverride,
      lockedWaves: record.lockedWaves,
      pins: content.sites.flatMap((s) => (s.pinnedWave === null ? [] : [{ site: s.code, wave: s.pinnedWave, goLive: s.pinnedGoLive }])),
      erpOrder,
    },
    baselines: record.baselines,
    scenarios: record.scenarios,
  };
}

/**
 * Replaces everything the interchange format carries with `plan`. A version 2 document brings the
 * plan's identity and record too; otherwise the plan keeps its identity. The audit log and commit
 * history stay: an import is itself an audited, undoable event.
 */
export function replaceContent(h: WriteHandle, plan: WavePlan): void {
  // Children before parents; the plan's own row stays.
  for (const table of [...CAPTURED_TABLES].reverse()) if (table !== 'plan') h.run(`DELETE FROM ${table}`);
  h.run('UPDATE plan SET name = ?, start_date = ?, lighthouse_override = ?, erp_order_json = ? WHERE id = 1', plan.plan.name, plan.plan.startDate, plan.plan.lighthouseOverride, JSON.stringify(plan.plan.erpOrder));
  if (plan.plan.id) h.run('UPDATE plan SET uid = ? WHERE id = 1', plan.plan.id);
  writeSettings(h, plan.plan.settings);
  writeHolidays(h, plan.plan.holidays);
  writeFreezeWindows(h, plan.plan.freezeWindows);
  insertCrews(h, plan.plan.crews);
  writeDimensions(h, plan.readinessDimensions);
  for (const erp of plan.erps) insertErp(h, erp);
  const record = plan.record;
  const { history, checklist } = siteAdditions({ readinessHistory: record?.readinessHistory ?? [], checklist: record?.checklist ?? [] });
  // Predecessors once every site exists, so that any site may wait for any other.
  const dimensions = new Set(plan.readinessDimensions.map((d) => d.key));
  const ids = plan.sites.map((site) => insertSite(h, site, { predecessors: false, dimensions }));
  plan.sites.forEach((site, i) => {
    const siteId = ids[i]!;
    writePredecessors(h, siteId, site.predecessors, true);
    const entries = history.get(site.code.toLowerCase()) ?? [];
    for (const entry of entries) appendReadiness(h, { siteId, ...entry });
    const assessed = new Set(entries.map((e) => e.dimension));
    for (const dimension of plan.readinessDimensions) {
      const value = site.readiness[dimension.key];
      if (value && !assessed.has(dimension.key)) appendReadiness(h, { siteId, dimension: dimension.key, score: value.score, targetDate: value.targetDate, comment: '' });
    }
  });
  if (!record) {
    writePlaybookVersion(h, plan.playbook.version, plan.playbook.tasks, 'imported');
    return;
  }
  for (const earlier of record.playbook.earlierVersions) writePlaybookVersion(h, earlier.version, earlier.tasks, earlier.note, earlier.createdAt);
  writePlaybookVersion(h, plan.playbook.version, plan.playbook.tasks, record.playbook.note, record.playbook.createdAt);
  for (const baseline of record.baselines) {
    const id = h.run('INSERT INTO baselines (name, created_at, as_of) VALUES (?, ?, ?)', baseline.name, baseline.savedAt, baseline.asOf).lastInsertRowid;
    for (const s of baseline.sites) h.run('INSERT INTO baseline_entries (baseline_id, site_code, wave_number, go_live) VALUES (?, ?, ?, ?)', id, s.site, s.wave, s.goLive);
  }
  insertScenarios(h, record.scenarios);
  // Locks live on a stored schedule: store one that keeps them, before the checklists, which are the plan's own.
  if (record.lockedWaves.length > 0) storeLockedSchedule(h, plan, record.lockedWaves, todayIso());
  const titles = new Map(plan.playbook.tasks.map((t) => [t.id, t.title]));
  plan.sites.forEach((site, i) => {
    for (const item of checklist.get(site.code.toLowerCase()) ?? []) {
      h.run(
        'INSERT INTO checklist_items (site_id, task_key, playbook_version, title, due_date, status, owner, note, completed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
        ids[i], item.task, plan.playbook.version, titles.get(item.task) ?? item.task, item.dueDate, item.status, item.owner, item.note, item.completedAt,
      );
    }
  });
}
