/**
 * A plan file made from the team's documents (joining a team): every cell as the members show it,
 * put together as a wave-plan version 2 document, which the plan file is then created from exactly
 * as an import would create it (checked the same way), plus what the interchange format leaves to
 * each plan (sites' and ERPs' places, checklist items' playbook versions) set to the team's.
 */
import * as A from '@automerge/automerge';
import { decodeCell, type Cell } from '../../../shared/team';
import type { WavePlanV2Document } from '../../../shared/wave-plan-v2';
import { addressText, entryOf, keysOf, mapsOf, outcomeOf, programAddress, readCell, siteOfKey, type TeamDoc } from './doc-model';
import { assessmentOrder, type ItemBasis, type TeamAssessment } from './plan-units';

export interface HeldDoc {
  kind: 'program' | 'desk';
  site: string | null;
  doc: A.Doc<TeamDoc>;
  /**
   * The keys (`map/key`) Automerge reported set concurrently while the document arrived, when
   * known: only those need asking for their conflicting values, which is slow to ask of every key.
   */
  conflicted?: ReadonlySet<string>;
}

/**
 * Every cell the documents hold for a member, as the plan shows it (address text → value), and the
 * cells members set to different values while apart (address text → their values), for Needs review.
 */
export function cellsOfDocs(docs: HeldDoc[], role: 'planner' | 'site-lead'): { values: Map<string, unknown>; conflicts: Map<string, Cell[]> } {
  const deskSites = new Set(docs.filter((d) => d.kind === 'desk').map((d) => d.site!));
  const values = new Map<string, unknown>();
  const conflicts = new Map<string, Cell[]>();
  for (const held of docs) {
    for (const map of mapsOf(held.doc)) {
      for (const [key, scalars] of keysOf(held.doc, map)) {
        const address = programAddress(held, map, key, role, deskSites);
        if (!address) continue;
        if (address.map === 'readiness') {
          values.set(addressText(address), entryOf(scalars[key]));
          continue;
        }
        if (held.conflicted && !held.conflicted.has(`${map}/${key}`)) {
          values.set(addressText(address), decodeCell(String(scalars[key]!)).value);
          continue;
        }
        const read = readCell(scalars, key);
        if (!read) continue;
        const outcome = outcomeOf(read, address);
        values.set(addressText(address), outcome.value);
        if (outcome.conflict) conflicts.set(addressText(address), outcome.conflict);
      }
    }
  }
  return { values, conflicts };
}

/** What the plan file needs beyond the wave-plan document. */
export interface TeamPlacement {
  createdAt: string | null;
  sitePositions: Map<string, number>;
  erpPositions: Map<string, number>;
  items: Map<string, { playbookVersion: number; title: string }>;
  scenarioPositions: Map<string, number>;
}

type Row = Record<string, unknown>;

/** The cells of each map (`map:key` → value), split once: by map, key → value. */
function byMap(values: Map<string, unknown>): Map<string, Map<string, unknown>> {
  const out = new Map<string, Map<string, unknown>>();
  for (const [text, value] of values) {
    const at = text.indexOf(':');
    const map = text.slice(0, at);
    let cells = out.get(map);
    if (!cells) out.set(map, (cells = new Map()));
    cells.set(text.slice(at + 1), value);
  }
  return out;
}

/** Groups `group/field` cells into one record per group. */
function records(cells: Map<string, unknown> | undefined): Map<string, Row> {
  const out = new Map<string, Row>();
  for (const [key, value] of cells ?? []) {
    const group = siteOfKey(key);
    const row = out.get(group) ?? {};
    row[key.slice(group.length + 1)] = value;
    out.set(group, row);
  }
  return out;
}

const byPlace = (a: Row, b: Row) => Number(a.position ?? 0) - Number(b.position ?? 0) || String(a.code).toLowerCase().localeCompare(String(b.code).toLowerCase());

export function wavePlanOfCells(values: Map<string, unknown>, planId: string): { document: WavePlanV2Document; placement: TeamPlacement } {
  const maps = byMap(values);
  const plain = (map: string) => maps.get(map) ?? new Map<string, unknown>();
  const plan = plain('plan');
  const erps = [...records(maps.get('erps')).values()].filter((e) => e.removed !== true && e.code).sort(byPlace);
  const sites = [...records(maps.get('facts')).values()].filter((s) => s.removed !== true && s.code).sort(byPlace);
  const dimensions = (plan.get('dimensions') as { key: string }[] | undefined) ?? [];
  const known = new Set(dimensions.map((d) => d.key));
  const entries = new Map<string, TeamAssessment[]>();
  for (const [key, entry] of plain('readiness')) {
    const site = siteOfKey(key);
    const e = entry as TeamAssessment;
    if (!known.has(e.dimension)) continue;
    entries.set(site, [...(entries.get(site) ?? []), e]);
  }
  const checklist = records(maps.get('checklist'));
  const items = new Map<string, { playbookVersion: number; title: string }>();
  const versions = [...plain('playbook')]
    .filter(([, v]) => v)
    .map(([version, v]) => ({ version: Number(version), ...(v as { note: string; createdAt: string; tasks: WavePlanV2Document['playbook']['tasks'] }) }))
    .sort((a, b) => a.version - b.version);
  const current = versions.at(-1) ?? { version: 1, note: '', createdAt: new Date(0).toISOString(), tasks: [] };
  const locks = [...plain('locks')].filter(([, v]) => v).map(([n, v]) => ({ number: Number(n), ...(v as object) })).sort((a, b) => a.number - b.number);
  const document = {
    format: 'wave-plan',
    version: 2,
    plan: {
      id: planId,
      name: plan.get('name'),
      startDate: plan.get('startDate'),
      settings: Object.fromEntries(plain('settings')),
      holidays: plan.get('holidays') ?? [],
      freezeWindows: plan.get('freezeWindows') ?? [],
      crews: plan.get('crews') ?? [],
    },
    readinessDimensions: dimensions,
    erps: erps.map((e) => ({ code: e.code, name: e.name, vendor: e.vendor ?? '', version: e.version ?? '', connectorStatus: e.connectorStatus, connectorReadyDate: e.connectorReadyDate ?? null, notes: e.notes ?? '' })),
    sites: sites.map((s) => {
      const group = String(s.code).toLowerCase();
      const work = Object.entries(checklist.get(group) ?? {});
      const tasks = new Map<string, Row>();
      for (const [field, value] of work) {
        const [task, part] = field.split('/') as [string, string | undefined];
        const item = tasks.get(task) ?? {};
        if (part) item[part] = value;
        else item.basis = value;
        tasks.set(task, item);
      }
      const siteChecklist = [...tasks]
        .filter(([, item]) => item.basis)
        .map(([task, item]) => {
          const basis = item.basis as ItemBasis;
          items.set(`${group}/${task}`, { playbookVersion: basis.playbookVersion, title: basis.title });
          return { task, dueDate: basis.dueDate, status: item.status ?? 'todo', owner: item.owner ?? '', note: item.note ?? '', completedAt: basis.completedAt };
        });
      return {
        code: s.code,
        name: s.name,
        region: s.region ?? '',
        country: s.country ?? '',
        timezone: s.timezone ?? 'UTC',
        erp: s.erp,
        headcount: s.headcount ?? 0,
        siteLead: { name: s.leadName ?? '', email: s.leadEmail ?? '' },
        leadershipWillingness: s.leadershipWillingness,
        workflowRepresentativeness: s.workflowRepresentativeness,
        technicalSophistication: s.technicalSophistication,
        earliestGoLive: s.earliestGoLive ?? null,
        blackouts: s.blackouts ?? [],
        predecessors: s.predecessors ?? [],
        excluded: s.excluded ?? false,
        notes: s.notes ?? '',
        readiness: {},
        readinessHistory: [...(entries.get(group) ?? [])].sort(assessmentOrder),
        checklist: siteChecklist,
      };
    }),
    playbook: { version: current.version, note: current.note, createdAt: current.createdAt, tasks: current.tasks, earlierVersions: versions.slice(0, -1) },
    schedule: {
      lighthouseOverride: plan.get('lighthouseOverride') ?? null,
      lockedWaves: locks,
      pins: sites.filter((s) => s.pinnedWave !== null && s.pinnedWave !== undefined).map((s) => ({ site: s.code, wave: s.pinnedWave, goLive: s.pinnedGoLive ?? null })),
      erpOrder: plan.get('erpOrder') ?? [],
    },
    baselines: [...plain('baselines')]
      .filter(([, v]) => v)
      .map(([name, v]) => ({ name, ...(v as object) }) as Row)
      .sort((a, b) => String(a.savedAt).localeCompare(String(b.savedAt)) || String(a.name).localeCompare(String(b.name))),
    scenarios: [...plain('scenarios')]
      .filter(([, v]) => v)
      .map(([name, v]) => ({ name, ...(v as Row) }) as Row)
      .sort((a, b) => Number(a.position) - Number(b.position) || String(a.name).localeCompare(String(b.name)))
      .map(({ position: _position, ...s }) => s),
  } as unknown as WavePlanV2Document;
  return {
    document,
    placement: {
      createdAt: (plan.get('createdAt') as string | undefined) ?? null,
      sitePositions: new Map(sites.map((s) => [String(s.code).toLowerCase(), Number(s.position ?? 0)])),
      erpPositions: new Map(erps.map((e) => [String(e.code).toLowerCase(), Number(e.position ?? 0)])),
      items,
      scenarioPositions: new Map([...plain('scenarios')].filter(([, v]) => v).map(([name, v]) => [name, Number((v as Row).position ?? 0)])),
    },
  };
}
