/**
 * Sites: their attributes, blackout windows and predecessors, with their current readiness when
 * read. Adding, editing (one or many), and removing them, each checked and audited.
 */
import type { SitePatch } from '../../../shared/contract';
import { siteSchema, type DateWindow, type Site } from '../../../shared/domain';
import { parseWithProblems } from '../../../shared/interchange';
import { UserError } from '../errors';
import { erpIdOf } from './erps';
import type { ReadHandle, WriteHandle } from './handles';
import { appendReadiness, readDimensions } from './readiness';

interface SiteRow {
  id: number;
  code: string;
  name: string;
  region: string;
  country: string;
  timezone: string;
  erp_code: string;
  headcount: number;
  lead_name: string;
  lead_email: string;
  leadership_willingness: number;
  workflow_representativeness: number;
  technical_sophistication: number;
  earliest_go_live: string | null;
  pinned_wave: number | null;
  pinned_go_live: string | null;
  excluded: number;
  notes: string;
}

/** Sites with their blackouts, predecessors and current readiness; all sites, or the one with `code`. */
export function readSites(h: ReadHandle, code?: string): Site[] {
  const filter = code === undefined ? '' : 'WHERE s.code = ?';
  // The ERP's code by a subquery rather than a join: as fast for all sites, and for one site (read for
  // each row an import updates) a join took eight times as long here.
  const rows = h.all<SiteRow>(
    `SELECT s.*, (SELECT code FROM erps WHERE id = s.erp_id) AS erp_code FROM sites s ${filter} ORDER BY s.position, s.code`,
    ...(code === undefined ? [] : [code]),
  );
  const byId = new Map<number, Site>();
  for (const r of rows) {
    byId.set(r.id, {
      code: r.code,
      name: r.name,
      region: r.region,
      country: r.country,
      timezone: r.timezone,
      erp: r.erp_code,
      headcount: r.headcount,
      siteLead: { name: r.lead_name, email: r.lead_email },
      leadershipWillingness: r.leadership_willingness,
      workflowRepresentativeness: r.workflow_representativeness,
      technicalSophistication: r.technical_sophistication,
      earliestGoLive: r.earliest_go_live,
      blackouts: [],
      predecessors: [],
      pinnedWave: r.pinned_wave,
      pinnedGoLive: r.pinned_go_live,
      excluded: r.excluded === 1,
      notes: r.notes,
      readiness: {},
    });
  }
  if (byId.size === 0) return [];
  // The site's id is bound, not written into the SQL: each text is a statement prepared and kept for
  // the plan's lifetime, and an import that updates 10,000 sites read each of them.
  const siteFilter = code === undefined ? '' : 'WHERE site_id = ?';
  const siteParam = code === undefined ? [] : [rows[0]!.id];
  for (const b of h.all<{ site_id: number; from_date: string; to_date: string; reason: string }>(`SELECT site_id, from_date, to_date, reason FROM site_blackouts ${siteFilter} ORDER BY id`, ...siteParam)) {
    byId.get(b.site_id)?.blackouts.push({ from: b.from_date, to: b.to_date, reason: b.reason });
  }
  for (const p of h.all<{ site_id: number; code: string }>(`SELECT p.site_id, s.code FROM site_predecessors p JOIN sites s ON s.id = p.predecessor_id ${siteFilter.replace('site_id', 'p.site_id')} ORDER BY p.site_id, p.position`, ...siteParam)) {
    byId.get(p.site_id)?.predecessors.push(p.code);
  }
  // Dimension order first, so every site's readiness object lists keys in the plan's order.
  const current = h.all<{ site_id: number; dimension_key: string; score: number | null; target_date: string | null }>(
    `SELECT e.site_id, e.dimension_key, e.score, e.target_date
       FROM readiness_entries e
       JOIN readiness_dimensions d ON d.key = e.dimension_key
      WHERE e.id IN (SELECT max(id) FROM readiness_entries ${siteFilter} GROUP BY site_id, dimension_key)
      ORDER BY e.site_id, d.position`,
    ...siteParam,
  );
  for (const c of current) {
    const site = byId.get(c.site_id);
    if (site) site.readiness[c.dimension_key] = { score: c.score, targetDate: c.target_date };
  }
  return [...byId.values()];
}

export function getSite(h: ReadHandle, code: string): Site {
  const site = readSites(h, code)[0];
  if (!site) throw new UserError('not-found', `No site with code "${code}".`);
  return site;
}

export function siteIdOf(h: ReadHandle, code: string): number | undefined {
  return h.get<{ id: number }>('SELECT id FROM sites WHERE code = ?', code)?.id;
}

/** What a site names must exist: its ERP and its predecessors. `label` is the code the message names. */
function checkReferences(h: ReadHandle, label: string, site: Site): void {
  if (erpIdOf(h, site.erp) === undefined) throw new UserError('invalid-input', `Site ${label}: unknown ERP "${site.erp}".`);
  for (const predecessor of site.predecessors) {
    if (predecessor.toLowerCase() === site.code.toLowerCase()) throw new UserError('invalid-input', `Site ${label}: a site cannot be its own predecessor.`);
    if (siteIdOf(h, predecessor) === undefined) throw new UserError('invalid-input', `Site ${label}: unknown predecessor "${predecessor}".`);
  }
}

type SiteAttributes = Omit<Site, 'readiness' | 'blackouts' | 'predecessors'>;

const SITE_COLUMNS = [
  'code', 'name', 'region', 'country', 'timezone', 'erp_id', 'headcount', 'lead_name', 'lead_email', 'leadership_willingness',
  'workflow_representativeness', 'technical_sophistication', 'earliest_go_live', 'pinned_wave', 'pinned_go_live', 'excluded', 'notes',
];

function siteParams(h: ReadHandle, site: SiteAttributes): unknown[] {
  const erpId = erpIdOf(h, site.erp);
  if (erpId === undefined) throw new UserError('invalid-input', `Site ${site.code}: unknown ERP "${site.erp}".`);
  return [
    site.code, site.name, site.region, site.country, site.timezone, erpId, site.headcount,
    site.siteLead.name, site.siteLead.email, site.leadershipWillingness, site.workflowRepresentativeness,
    site.technicalSophistication, site.earliestGoLive, site.pinnedWave, site.pinnedGoLive, site.excluded ? 1 : 0, site.notes,
  ];
}

/** A new site goes last, unless it keeps the place it has elsewhere (a team member's site). */
function insertSiteRow(h: WriteHandle, site: SiteAttributes, position?: number): number {
  const place = position ?? h.get<{ next: number }>('SELECT coalesce(max(position), 0) + 1 AS next FROM sites')!.next;
  return Number(h.run(`INSERT INTO sites (${SITE_COLUMNS.join(', ')}, position) VALUES (${SITE_COLUMNS.map(() => '?').join(', ')}, ?)`, ...siteParams(h, site), place).lastInsertRowid);
}

function updateSiteRow(h: WriteHandle, id: number, site: SiteAttributes): void {
  h.run(`UPDATE sites SET ${SITE_COLUMNS.map((c) => `${c} = ?`).join(', ')} WHERE id = ?`, ...siteParams(h, site), id);
}

/** Rewrites a site's blackouts only when they differ, so an unchanged list changes no row. A new site has none to compare. */
function writeBlackouts(h: WriteHandle, siteId: number, blackouts: DateWindow[], isNew = false): void {
  if (!isNew) {
    const present = h.all<DateWindow>('SELECT from_date AS "from", to_date AS "to", reason FROM site_blackouts WHERE site_id = ? ORDER BY id', siteId);
    if (JSON.stringify(present) === JSON.stringify(blackouts)) return;
    h.run('DELETE FROM site_blackouts WHERE site_id = ?', siteId);
  }
  for (const b of blackouts) h.run('INSERT INTO site_blackouts (site_id, from_date, to_date, reason) VALUES (?, ?, ?, ?)', siteId, b.from, b.to, b.reason);
}

export function writePredecessors(h: WriteHandle, siteId: number, codes: string[], isNew = false): void {
  const ids = codes.map((code) => {
    const id = siteIdOf(h, code);
    if (id === undefined) throw new UserError('invalid-input', `Unknown predecessor "${code}".`);
    return id;
  });
  if (isNew && ids.length === 0) return;
  const present = isNew ? [] : h.all<{ predecessor_id: number }>('SELECT predecessor_id FROM site_predecessors WHERE site_id = ? ORDER BY position', siteId).map((r) => r.predecessor_id);
  if (JSON.stringify(present) === JSON.stringify(ids)) return;
  if (!isNew) h.run('DELETE FROM site_predecessors WHERE site_id = ?', siteId);
  ids.forEach((id, position) => h.run('INSERT INTO site_predecessors (site_id, predecessor_id, position) VALUES (?, ?, ?)', siteId, id, position));
}

/**
 * Inserts a checked site with its blackouts and, unless told not to, its predecessors (no readiness).
 * Returns its id. `dimensions`: the plan's dimension keys, when the caller has them already.
 */
export function insertSite(h: WriteHandle, site: Site, options: { predecessors?: boolean; dimensions?: Set<string>; position?: number } = {}): number {
  if (siteIdOf(h, site.code) !== undefined) throw new UserError('conflict', `A site with code "${site.code}" already exists.`);
  const withPredecessors = options.predecessors ?? true;
  checkReferences(h, site.code, withPredecessors ? site : { ...site, predecessors: [] });
  const dimensions = options.dimensions ?? new Set(readDimensions(h).map((d) => d.key));
  for (const dimension of Object.keys(site.readiness)) {
    if (!dimensions.has(dimension)) throw new UserError('invalid-input', `Site ${site.code}: unknown readiness dimension "${dimension}".`);
  }
  const siteId = insertSiteRow(h, site, options.position);
  writeBlackouts(h, siteId, site.blackouts, true);
  if (withPredecessors) writePredecessors(h, siteId, site.predecessors, true);
  return siteId;
}

/** Adds a site (readiness, when given, recorded as its first assessments). */
export function createSite(h: WriteHandle, input: unknown): Site {
  const parsed = parseWithProblems(siteSchema, input);
  if (!parsed.ok) {
    const first = parsed.problems[0]!;
    throw new UserError('invalid-input', `New site: ${first.path} ${first.message}`, parsed.problems);
  }
  const site = parsed.value;
  const siteId = insertSite(h, site);
  h.audit.record('site', site.code, 'created', null, site.name);
  for (const [dimension, value] of Object.entries(site.readiness)) {
    appendReadiness(h, { siteId, dimension, score: value.score, targetDate: value.targetDate, comment: 'Site added' });
  }
  return getSite(h, site.code);
}

/** Validates and writes a site edit. */
export function updateSite(h: WriteHandle, code: string, patch: SitePatch): Site {
  const after = patchSite(h, getSite(h, code), patch);
  return getSite(h, after.code);
}

/**
 * Writes `patch` over `before`, the site as the plan holds it in this write, checked and audited.
 * An import that updates thousands of sites reads them all once and hands each one in here.
 */
export function patchSite(h: WriteHandle, before: Site, patch: SitePatch): Site {
  const code = before.code;
  const merged = parseWithProblems(siteSchema, { ...before, ...patch });
  if (!merged.ok) {
    const first = merged.problems[0]!;
    throw new UserError('invalid-input', `Site ${code}: ${first.path} ${first.message}`, merged.problems);
  }
  const after = merged.value;
  const siteId = siteIdOf(h, code)!;
  if (after.code.toLowerCase() !== code.toLowerCase() && siteIdOf(h, after.code) !== undefined) {
    throw new UserError('conflict', `A site with code "${after.code}" already exists.`);
  }
  checkReferences(h, code, after);
  updateSiteRow(h, siteId, after);
  writeBlackouts(h, siteId, after.blackouts);
  writePredecessors(h, siteId, after.predecessors);
  const { readiness: _before, ...beforeFields } = before;
  const { readiness: _after, ...afterFields } = after;
  h.audit.recordChanges('site', code, beforeFields, afterFields);
  return after;
}

/** The same fields set on many sites: all of them change, or none. */
export function updateSites(h: WriteHandle, codes: string[], patch: SitePatch): Site[] {
  if ('code' in patch) throw new UserError('invalid-input', 'Codes are unique: change them one site at a time.');
  // The plan's sites read once, not each site twice: an edit of thousands of sites at once.
  const current = sitesByCode(h);
  const once = new Map(codes.map((code) => [code.toLowerCase(), code]));
  for (const [key, code] of once) patchSite(h, current.get(key) ?? getSite(h, code), patch);
  const after = sitesByCode(h);
  return codes.map((code) => after.get(code.toLowerCase())!);
}

/** Every site of the plan by its code in lower case. */
export function sitesByCode(h: ReadHandle): Map<string, Site> {
  return new Map(readSites(h).map((s) => [s.code.toLowerCase(), s]));
}

/**
 * Removes sites, and with them their readiness history and checklist (the database cascades).
 * Refused while a site that stays names one of them as predecessor.
 */
export function deleteSites(h: WriteHandle, codes: string[]): string[] {
  // Found in one read of the plan: a removal of thousands of sites at once.
  const byCode = sitesByCode(h);
  const all = [...byCode.values()];
  const sites = codes.map((code) => byCode.get(code.toLowerCase()) ?? getSite(h, code));
  const leaving = new Set(sites.map((s) => s.code.toLowerCase()));
  const dependents = all.filter((s) => !leaving.has(s.code.toLowerCase()) && s.predecessors.some((p) => leaving.has(p.toLowerCase())));
  if (dependents.length > 0) {
    const list = dependents.slice(0, 5).map((d) => `${d.code} (waits for ${d.predecessors.filter((p) => leaving.has(p.toLowerCase())).join(', ')})`);
    throw new UserError('refused', `Cannot remove: ${list.join('; ')}${dependents.length > 5 ? ` and ${dependents.length - 5} more` : ''}. Remove the predecessor link first.`);
  }
  for (const site of sites) {
    h.run('DELETE FROM sites WHERE code = ?', site.code);
    h.audit.record('site', site.code, 'deleted', site.name, null);
  }
  return sites.map((s) => s.code);
}
