/**
 * The columns a sheet of sites or ERPs may have: the interchange field names always work as headers,
 * and common human headers ("Site code", "ERP system") are guessed. Each field says how a cell's text
 * becomes a value.
 */
import type { ReadinessDimension } from '../domain';

export type SheetKind = 'sites' | 'erps';

export type CellType = 'text' | 'integer' | 'date' | 'boolean' | 'list' | 'score' | 'blackouts';

export interface SheetField {
  /** The interchange path: `name`, `siteLead.email`, `readiness.data.score`. */
  key: string;
  label: string;
  type: CellType;
  /** Other headers that mean this field (compared without case, spaces or punctuation). */
  aliases: string[];
}

const SITE_FIELDS: SheetField[] = [
  { key: 'code', label: 'Site code', type: 'text', aliases: ['site code', 'site id', 'site', 'plant code', 'id'] },
  { key: 'name', label: 'Site name', type: 'text', aliases: ['site name', 'plant', 'plant name'] },
  { key: 'region', label: 'Region', type: 'text', aliases: [] },
  { key: 'country', label: 'Country', type: 'text', aliases: [] },
  { key: 'timezone', label: 'Time zone', type: 'text', aliases: ['time zone', 'tz'] },
  { key: 'erp', label: 'ERP', type: 'text', aliases: ['erp system', 'erp code'] },
  { key: 'headcount', label: 'Headcount', type: 'integer', aliases: ['employees', 'staff', 'head count'] },
  { key: 'siteLead.name', label: 'Site lead', type: 'text', aliases: ['site lead', 'lead', 'site lead name', 'lead name'] },
  { key: 'siteLead.email', label: 'Site lead e-mail', type: 'text', aliases: ['site lead email', 'lead email', 'email', 'e-mail'] },
  { key: 'leadershipWillingness', label: 'Leadership willingness', type: 'integer', aliases: ['leadership willingness', 'willingness', 'willing'] },
  { key: 'workflowRepresentativeness', label: 'Workflow representativeness', type: 'integer', aliases: ['workflow representativeness', 'representativeness', 'typical'] },
  { key: 'technicalSophistication', label: 'Technical sophistication', type: 'integer', aliases: ['technical sophistication', 'sophistication', 'tech'] },
  { key: 'earliestGoLive', label: 'Earliest go-live', type: 'date', aliases: ['earliest go-live', 'earliest go live', 'not before'] },
  { key: 'blackouts', label: 'Blackouts', type: 'blackouts', aliases: ['blackout windows'] },
  { key: 'predecessors', label: 'Predecessors', type: 'list', aliases: ['depends on', 'after'] },
  { key: 'pinnedWave', label: 'Pinned wave', type: 'integer', aliases: ['pinned wave'] },
  { key: 'pinnedGoLive', label: 'Pinned go-live', type: 'date', aliases: ['pinned go-live', 'pinned go live'] },
  { key: 'excluded', label: 'Excluded', type: 'boolean', aliases: ['out of scope'] },
  { key: 'notes', label: 'Notes', type: 'text', aliases: ['comments', 'remarks'] },
];

const ERP_FIELDS: SheetField[] = [
  { key: 'code', label: 'ERP code', type: 'text', aliases: ['erp code', 'erp', 'id'] },
  { key: 'name', label: 'ERP name', type: 'text', aliases: ['erp name', 'system'] },
  { key: 'vendor', label: 'Vendor', type: 'text', aliases: [] },
  { key: 'version', label: 'Version', type: 'text', aliases: ['release'] },
  { key: 'connectorStatus', label: 'Connector status', type: 'text', aliases: ['connector status', 'connector'] },
  { key: 'connectorReadyDate', label: 'Connector ready date', type: 'date', aliases: ['connector ready date', 'connector ready', 'ready date'] },
  { key: 'notes', label: 'Notes', type: 'text', aliases: ['comments', 'remarks'] },
];

/** The fields of a sheet of this kind; a sites sheet has two readiness columns per dimension. */
export function sheetFields(kind: SheetKind, dimensions: ReadinessDimension[]): SheetField[] {
  if (kind === 'erps') return ERP_FIELDS;
  const readiness = dimensions.flatMap((d): SheetField[] => [
    { key: `readiness.${d.key}.score`, label: `${d.label} score`, type: 'score', aliases: [`${d.label} score`, d.label, `${d.key} score`] },
    { key: `readiness.${d.key}.targetDate`, label: `${d.label} target date`, type: 'date', aliases: [`${d.label} target date`, `${d.label} target`, `${d.key} target`] },
  ]);
  return [...SITE_FIELDS, ...readiness];
}

/** Headers compare on letters and digits only, without case. */
export function normalizeHeader(header: string): string {
  return header.toLowerCase().replace(/[^a-z0-9]+/g, '');
}

/**
 * Which field each column holds, guessed from its header: the interchange name first, then a label
 * or alias. A field is taken by one column at most; columns nobody claims are left out (null).
 */
export function guessMapping(headers: string[], fields: SheetField[]): (string | null)[] {
  const exact = new Map(fields.map((f) => [normalizeHeader(f.key), f.key]));
  const loose = new Map<string, string>();
  for (const f of fields) for (const name of [f.label, ...f.aliases]) if (!loose.has(normalizeHeader(name))) loose.set(normalizeHeader(name), f.key);
  const taken = new Set<string>();
  const pick = (key: string | undefined) => {
    if (!key || taken.has(key)) return null;
    taken.add(key);
    return key;
  };
  const first = headers.map((h) => pick(exact.get(normalizeHeader(h))));
  return first.map((key, i) => key ?? pick(loose.get(normalizeHeader(headers[i]!))));
}

/** Sites or ERPs, from the headers: a sheet with a connector column and no site columns is ERPs. */
export function guessKind(headers: string[]): SheetKind {
  const names = new Set(headers.map(normalizeHeader));
  const erpOnly = ['connectorstatus', 'connector', 'vendor', 'connectorreadydate'].some((h) => names.has(h));
  const siteOnly = ['sitecode', 'erp', 'headcount', 'region', 'leadershipwillingness', 'sitename'].some((h) => names.has(h));
  return erpOnly && !siteOnly ? 'erps' : 'sites';
}
