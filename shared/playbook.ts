/**
 * Playbook expansion: each placed site gets one checklist item per playbook task that applies to it,
 * due at go-live + offset, moved back to the working day before when that day is not one.
 */
import type { PlaybookTask } from './domain';
import { WorkCalendar } from './scheduler/calendar';
import { fromDay, toDay } from './scheduler/day-numbers';
import type { WaveSchedule } from './scheduler/types';

export interface PlannedChecklistItem {
  site: string;
  taskKey: string;
  title: string;
  phase: string;
  ownerRole: string;
  gate: boolean;
  dueDate: string;
}

export interface SiteRole {
  lighthouse: boolean;
  firstOnErp: boolean;
}

/** Which sites are the lighthouse and which go live first on their ERP (ties: the lower code). */
export function siteRoles(schedule: WaveSchedule, erpOf: (site: string) => string | undefined): Map<string, SiteRole> {
  const placed = schedule.waves.flatMap((w) => w.sites.map((s) => ({ ...s, wave: w.number })));
  placed.sort((a, b) => (a.goLive < b.goLive ? -1 : a.goLive > b.goLive ? 1 : a.site < b.site ? -1 : 1));
  const seenErps = new Set<string>();
  const roles = new Map<string, SiteRole>();
  for (const p of placed) {
    const erp = erpOf(p.site)?.toLowerCase();
    const firstOnErp = erp !== undefined && !seenErps.has(erp);
    if (erp !== undefined) seenErps.add(erp);
    roles.set(p.site, { lighthouse: p.wave === 0, firstOnErp });
  }
  return roles;
}

export function taskApplies(task: PlaybookTask, role: SiteRole): boolean {
  switch (task.appliesTo) {
    case 'all':
      return true;
    case 'lighthouse':
      return role.lighthouse;
    case 'first-on-erp':
      return role.firstOnErp;
    case 'followers':
      return !role.firstOnErp;
  }
}

export function expandChecklists(
  schedule: WaveSchedule,
  tasks: PlaybookTask[],
  erpOf: (site: string) => string | undefined,
  holidays: string[],
  /** Expand only these sites (lower-case codes); all when omitted. */
  onlySites?: Set<string>,
): PlannedChecklistItem[] {
  const calendar = new WorkCalendar(holidays.map(toDay), [], 0);
  const roles = siteRoles(schedule, erpOf);
  const items: PlannedChecklistItem[] = [];
  for (const wave of schedule.waves) {
    for (const placed of wave.sites) {
      if (onlySites && !onlySites.has(placed.site.toLowerCase())) continue;
      const role = roles.get(placed.site)!;
      const goLive = toDay(placed.goLive);
      for (const task of tasks) {
        if (!taskApplies(task, role)) continue;
        let due = goLive + task.offsetDays;
        while (!calendar.isWorkingDay(due)) due -= 1;
        items.push({
          site: placed.site,
          taskKey: task.id,
          title: task.title,
          phase: task.phase,
          ownerRole: task.ownerRole,
          gate: task.gate,
          dueDate: fromDay(due),
        });
      }
    }
  }
  return items;
}
