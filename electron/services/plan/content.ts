/** A plan's whole content in the `wave-plan` interchange format: read out, or written in place of what was there. */
import type { WavePlan } from '../../../shared/interchange';
import { CAPTURED_TABLES } from './change-capture';
import { insertCrews, readCrews } from './crews';
import { readErps, insertErp } from './erps';
import type { ReadHandle, WriteHandle } from './handles';
import { readFreezeWindows, readHolidays, readSettings, requirePlanRow, writeFreezeWindows, writeHolidays, writeSettings } from './plan-settings';
import { readPlaybook, writePlaybookVersion } from './playbooks';
import { appendReadiness, readDimensions, writeDimensions } from './readiness';
import { insertSite, readSites, writePredecessors } from './sites';

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
    },
    readinessDimensions: readDimensions(h),
    erps: readErps(h),
    sites: readSites(h),
    playbook: readPlaybook(h),
  };
}

/**
 * Replaces everything the interchange format carries with `plan`. The plan's identity (uid, creation
 * time), its audit log and its commit history stay: an import is itself an audited, undoable event.
 */
export function replaceContent(h: WriteHandle, plan: WavePlan): void {
  // Children before parents; the plan's own row stays.
  for (const table of [...CAPTURED_TABLES].reverse()) if (table !== 'plan') h.run(`DELETE FROM ${table}`);
  h.run('UPDATE plan SET name = ?, start_date = ?, lighthouse_override = ? WHERE id = 1', plan.plan.name, plan.plan.startDate, plan.plan.lighthouseOverride);
  writeSettings(h, plan.plan.settings);
  writeHolidays(h, plan.plan.holidays);
  writeFreezeWindows(h, plan.plan.freezeWindows);
  insertCrews(h, plan.plan.crews);
  writeDimensions(h, plan.readinessDimensions);
  for (const erp of plan.erps) insertErp(h, erp);
  // Predecessors once every site exists, so that any site may wait for any other.
  const dimensions = new Set(plan.readinessDimensions.map((d) => d.key));
  const ids = plan.sites.map((site) => insertSite(h, site, { predecessors: false, dimensions }));
  plan.sites.forEach((site, i) => {
    const siteId = ids[i]!;
    writePredecessors(h, siteId, site.predecessors, true);
    for (const dimension of plan.readinessDimensions) {
      const value = site.readiness[dimension.key];
      if (value) appendReadiness(h, { siteId, dimension: dimension.key, score: value.score, targetDate: value.targetDate, comment: '' });
    }
  });
  writePlaybookVersion(h, plan.playbook.version, plan.playbook.tasks, 'imported');
}
