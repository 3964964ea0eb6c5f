/**
 * What the scheduler needs to know of each active site, worked out once: its ready date (rule 1),
 * the constraints on its earliest go-live (rule 2), its blackouts, its predecessors (rule 9), and
 * why it cannot be scheduled at all, if it cannot.
 */
import type { Erp, ReadinessDimension, Site } from '../domain';
import { readinessSummary } from '../readiness';
import { toRanges, type DayRange } from './calendar';
import { fromDay, toDay, type DayNumber } from './day-numbers';
import type { ScheduleInput, ScheduleRule } from './types';

export type EarliestTerm = 'start' | 'as-of' | 'ready' | 'earliest-go-live' | 'connector';

export interface SiteModel {
  index: number;
  site: Site;
  code: string;
  erp: Erp | undefined;
  erpIndex: number;
  regionIndex: number;
  /** null when every dimension is at or above its threshold. */
  readyDay: DayNumber | null;
  readyReason: string;
  /** Latest of plan start, as-of and ready date: the earliest go-live with lead P is max(prepFloor + P, fixedFloor). */
  prepFloor: DayNumber;
  prepFloorTerm: EarliestTerm;
  /** Latest of the site's earliest go-live and its ERP connector's ready date (-Infinity when neither). */
  fixedFloor: DayNumber;
  earliestGoLiveDay: DayNumber | null;
  connectorReadyDay: DayNumber | null;
  fixedFloorTerm: EarliestTerm | null;
  blackouts: DayRange[];
  predecessors: number[];
  successors: number[];
  /** Weight-averaged readiness scaled to 0–1, an unknown score counting 0. */
  readiness01: number;
  blocked: { rule: ScheduleRule; reason: string } | null;
}

export interface PlanModel {
  sites: SiteModel[];
  byCode: Map<string, SiteModel>;
  erps: Erp[];
  regions: string[];
}

function readinessOf(site: Site, dimensions: ReadinessDimension[]) {
  const summary = readinessSummary(site, dimensions);
  return {
    readyDay: summary.readyDate === null ? null : toDay(summary.readyDate),
    readyReason: summary.readyDate === null ? 'ready now' : `ready ${summary.readyDate} (${summary.readyDimension} target)`,
    readiness01: summary.overall / 100,
    blocked: summary.blocking,
  };
}

function connectorBlock(erp: Erp | undefined, erpCode: string): string | null {
  if (!erp) return `ERP "${erpCode}" is not in the plan: add it or change the site's ERP`;
  if (erp.connectorStatus !== 'validated' && erp.connectorReadyDate === null) {
    return `${erp.name} connector is ${erp.connectorStatus} with no ready date: set a connector ready date to schedule this site`;
  }
  return null;
}

/** Marks every site on a predecessor cycle (Tarjan's strongly connected components, iteratively). */
function findCycles(models: SiteModel[]): void {
  const index = new Array<number>(models.length).fill(-1);
  const low = new Array<number>(models.length).fill(0);
  const onStack = new Array<boolean>(models.length).fill(false);
  const stack: number[] = [];
  let counter = 0;
  for (let root = 0; root < models.length; root += 1) {
    if (index[root] !== -1) continue;
    const work: [node: number, edge: number][] = [[root, 0]];
    index[root] = low[root] = counter++;
    stack.push(root);
    onStack[root] = true;
    while (work.length > 0) {
      const frame = work[work.length - 1]!;
      const [node, edge] = frame;
      const edges = models[node]!.predecessors;
      if (edge < edges.length) {
        frame[1] += 1;
        const next = edges[edge]!;
        if (index[next] === -1) {
          index[next] = low[next] = counter++;
          stack.push(next);
          onStack[next] = true;
          work.push([next, 0]);
        } else if (onStack[next]) low[node] = Math.min(low[node]!, index[next]!);
        continue;
      }
      work.pop();
      if (work.length > 0) {
        const parent = work[work.length - 1]![0];
        low[parent] = Math.min(low[parent]!, low[node]!);
      }
      if (low[node] === index[node]) {
        const component: number[] = [];
        let member: number;
        do {
          member = stack.pop()!;
          onStack[member] = false;
          component.push(member);
        } while (member !== node);
        const selfLoop = component.length === 1 && models[node]!.predecessors.includes(node);
        if (component.length > 1 || selfLoop) {
          const codes = component.map((i) => models[i]!.code).sort();
          const loop = [...codes, codes[0]].join(' → ');
          for (const i of component) {
            models[i]!.blocked ??= { rule: 'predecessor-cycle', reason: `On a predecessor cycle (${loop}): remove one of these links to schedule these sites` };
          }
        }
      }
    }
  }
}

/** Successors of a site that cannot be scheduled cannot be scheduled either (rule 9). */
function propagateBlocks(models: SiteModel[]): void {
  const queue = models.filter((m) => m.blocked).map((m) => m.index);
  for (let head = 0; head < queue.length; head += 1) {
    const blocked = models[queue[head]!]!;
    for (const s of blocked.successors) {
      const successor = models[s]!;
      if (successor.blocked) continue;
      successor.blocked = { rule: 'predecessor', reason: `Predecessor ${blocked.code} cannot be scheduled: schedule it first or remove the link` };
      queue.push(s);
    }
  }
}

const NO_RANGES: DayRange[] = [];

export function buildPlanModel(input: ScheduleInput): PlanModel {
  const active = input.sites.filter((s) => !s.excluded).sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  const erpIndex = new Map(input.erps.map((e, i) => [e.code.toLowerCase(), i]));
  const regions = [...new Set(active.map((s) => s.region))].sort();
  const regionIndex = new Map(regions.map((r, i) => [r, i]));
  const startDay = toDay(input.startDate);
  const asOfDay = toDay(input.asOf);

  const models: SiteModel[] = active.map((site, index) => {
    const readiness = readinessOf(site, input.dimensions);
    const erpPosition = erpIndex.get(site.erp.toLowerCase()) ?? -1;
    const erp = erpPosition >= 0 ? input.erps[erpPosition] : undefined;
    // Ties go to the later term: the more specific explanation.
    let prepFloor = startDay;
    let prepFloorTerm: EarliestTerm = 'start';
    if (asOfDay >= prepFloor) [prepFloor, prepFloorTerm] = [asOfDay, 'as-of'];
    if (readiness.readyDay !== null && readiness.readyDay >= prepFloor) [prepFloor, prepFloorTerm] = [readiness.readyDay, 'ready'];
    const earliestGoLiveDay = site.earliestGoLive ? toDay(site.earliestGoLive) : null;
    const connectorReadyDay = erp?.connectorReadyDate ? toDay(erp.connectorReadyDate) : null;
    let fixedFloor = -Infinity;
    let fixedFloorTerm: EarliestTerm | null = null;
    if (earliestGoLiveDay !== null) [fixedFloor, fixedFloorTerm] = [earliestGoLiveDay, 'earliest-go-live'];
    if (connectorReadyDay !== null && connectorReadyDay >= fixedFloor) [fixedFloor, fixedFloorTerm] = [connectorReadyDay, 'connector'];
    const connector = connectorBlock(erp, site.erp);
    return {
      index,
      site,
      code: site.code,
      erp,
      erpIndex: erpPosition,
      regionIndex: regionIndex.get(site.region)!,
      readyDay: readiness.readyDay,
      readyReason: readiness.readyReason,
      prepFloor,
      prepFloorTerm,
      fixedFloor,
      fixedFloorTerm,
      earliestGoLiveDay,
      connectorReadyDay,
      blackouts: site.blackouts.length ? toRanges(site.blackouts) : NO_RANGES,
      predecessors: [],
      successors: [],
      readiness01: readiness.readiness01,
      blocked: readiness.blocked
        ? { rule: 'readiness', reason: readiness.blocked }
        : connector
          ? { rule: 'erp-connector', reason: connector }
          : null,
    };
  });
  const byCode = new Map(models.map((m) => [m.code.toLowerCase(), m]));
  for (const model of models) {
    if (model.site.predecessors.length === 0) continue;
    // An excluded or unknown predecessor is ignored (rule 9).
    const predecessors = new Set<number>();
    for (const code of model.site.predecessors) {
      const predecessor = byCode.get(code.toLowerCase());
      if (predecessor) predecessors.add(predecessor.index);
    }
    model.predecessors = [...predecessors].sort((a, b) => a - b);
    for (const p of model.predecessors) models[p]!.successors.push(model.index);
  }
  findCycles(models);
  propagateBlocks(models);
  return { sites: models, byCode, erps: input.erps, regions };
}

/** Earliest go-live with prep lead `lead` (rule 2), before working days and blackouts. */
export function earliestWithLead(model: SiteModel, lead: number): DayNumber {
  return Math.max(model.prepFloor + lead, model.fixedFloor);
}

/** Why a site cannot go live before a day: the binding term of rule 2, in words. */
export function earliestReason(model: SiteModel, lead: number): string {
  if (model.fixedFloor > model.prepFloor + lead) {
    return model.fixedFloorTerm === 'connector'
      ? `${model.erp!.name} connector ready ${fromDay(model.fixedFloor)}`
      : `earliest go-live set to ${fromDay(model.fixedFloor)}`;
  }
  switch (model.prepFloorTerm) {
    case 'ready':
      return `${model.readyReason} + ${lead} days prep`;
    case 'as-of':
      return `ready now; ${lead} days prep from today (${fromDay(model.prepFloor)})`;
    default:
      return `ready now; ${lead} days prep from the plan start (${fromDay(model.prepFloor)})`;
  }
}
