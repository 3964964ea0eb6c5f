/**
 * Where a cell lives, in words the whole team agrees on: the maps of the team's documents and the
 * address of a cell in program terms. Plain strings, no Automerge: the command line reads Needs
 * review without loading the sync engine.
 */
/** Maps of the program document; keys inside them are written `site/field` and so on (codes in lower case). */
export const PROGRAM_MAPS = ['plan', 'settings', 'erps', 'facts', 'readiness', 'checklist', 'playbook', 'baselines', 'scenarios', 'locks', 'desks'] as const;
export type ProgramMap = (typeof PROGRAM_MAPS)[number];

/** Maps of a desk: the same keys as the program's, without the site in front. */
export const DESK_MAPS = ['reference', 'facts', 'readiness', 'checklist'] as const;
export type DeskMap = (typeof DESK_MAPS)[number];

/** A cell's address in program terms: its map and key (`us-det/name`, `us-det/t-kickoff/status`, `maxSitesPerWave`). */
export interface CellAddress {
  map: ProgramMap;
  key: string;
}

export const addressText = (a: CellAddress): string => `${a.map}:${a.key}`;
export function parseAddress(text: string): CellAddress {
  const at = text.indexOf(':');
  return { map: text.slice(0, at) as ProgramMap, key: text.slice(at + 1) };
}

/** The site a key of a per-site map belongs to (lower case). */
export const siteOfKey = (key: string): string => key.slice(0, key.indexOf('/'));
export const SITE_MAPS: readonly ProgramMap[] = ['facts', 'readiness', 'checklist'];
/** Maps whose cells live in a site's desk once it has one. */
export const DESK_WORK: readonly ProgramMap[] = ['readiness', 'checklist'];
/** Maps whose keys start with the site or ERP they belong to (`us-det/...`). */
export const GROUPED: readonly ProgramMap[] = ['erps', 'facts', 'readiness', 'checklist'];

/**
 * How a conflict in a cell is settled. Most fields are a person's decision: both values wait in
 * Needs review and the value before stays. A few are worked out by each member's own schedule (a
 * checklist item's due date and title, an order position): any member's value will do, so every
 * member takes Automerge's own winner, which is the same for all.
 */
export function isWorkedOut(address: CellAddress): boolean {
  if (address.map === 'checklist') return address.key.split('/').length === 2;
  return (address.map === 'facts' || address.map === 'erps') && address.key.endsWith('/position');
}

/**
 * A document key in program terms, for a member of `role` who holds the desks of `deskSites`; null
 * for what the plan does not take from there: a desk's copy of the facts and reference (a planner
 * reads the program), the program's old copy of a site's work once the site's desk is held.
 */
export function programAddress(doc: { kind: 'program' | 'desk'; site: string | null }, map: string, key: string, role: 'planner' | 'site-lead', deskSites: { has(site: string): boolean }): CellAddress | null {
  if (doc.kind === 'program') {
    if (map === 'desks' || !(PROGRAM_MAPS as readonly string[]).includes(map)) return null;
    if ((DESK_WORK as string[]).includes(map) && deskSites.has(siteOfKey(key))) return null;
    return { map: map as ProgramMap, key };
  }
  const site = doc.site!;
  if (map === 'readiness' || map === 'checklist') return { map, key: `${site}/${key}` };
  if (role === 'site-lead') {
    if (map === 'facts') return { map: 'facts', key: `${site}/${key}` };
    if (map === 'reference') return parseAddress(key);
  }
  return null;
}

