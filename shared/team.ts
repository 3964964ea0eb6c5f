/**
 * Team mode (PRODUCT.md section 6): what a member's app says about its team, and what waits for a
 * decision. The plan's content travels as cells of Automerge documents (see the README's
 * architecture section); a cell holds one field's value with the value it replaced, who set it and when.
 */
export const TEAM_ROLES = ['planner', 'site-lead'] as const;
export type TeamRole = (typeof TEAM_ROLES)[number];

/** Where a team plan stands, as the title bar says it. */
export type TeamState = 'connecting' | 'synced' | 'waiting' | 'offline' | 'revoked';

export interface TeamStatus {
  server: string;
  member: string;
  role: TeamRole;
  /** A site lead's sites. */
  sites: string[];
  state: TeamState;
  /** This member's changes the server has not confirmed yet. */
  waiting: number;
  /** Since when the server could not be reached (when offline). */
  offlineSince: string | null;
  /** When the plan was last in step with the server. */
  syncedAt: string | null;
  /** Fields waiting in Needs review. */
  reviews: number;
  /** What the server refused of this member's changes, newest first. */
  refusals: { at: string; message: string }[];
}

/** One value a field was given by a member while apart from another. */
export interface ReviewChoice {
  value: unknown;
  /** The value as a person reads it. */
  text: string;
  by: string;
  at: string;
}

/** A field two members changed while apart, or a change this plan could not take, waiting for a decision. */
export interface ReviewItem {
  id: string;
  /** The site, ERP, setting… it belongs to, in words: "Site US-DET", "Setting Stagger (days)". */
  subject: string;
  /** The field, in words. */
  field: string;
  choices: ReviewChoice[];
  /** The value the plan shows until someone decides. */
  shown: { value: unknown; text: string };
  /** Why it could not be taken, when the plan refused a value rather than two members disagreeing. */
  refusal: string | null;
  noticedAt: string;
}

/** A cell: one field's value, the value it replaced (for review), who set it and when. */
export interface Cell {
  value: unknown;
  was: unknown;
  by: string;
  at: string;
}

export function encodeCell(cell: Cell): string {
  return JSON.stringify([cell.value, cell.was, cell.by, cell.at]);
}

export function decodeCell(text: string): Cell {
  const [value, was, by, at] = JSON.parse(text) as [unknown, unknown, string, string];
  return { value: value ?? null, was: was ?? null, by: String(by ?? ''), at: String(at ?? '') };
}

/** JSON with object keys sorted: two equal values give the same text whatever order their keys were made in. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v,
  );
}

export const sameValue = (a: unknown, b: unknown): boolean => canonicalJson(a ?? null) === canonicalJson(b ?? null);

/** A value as a person reads it in Needs review. */
export function valueInWords(value: unknown): string {
  if (value === null || value === undefined || value === '') return '(empty)';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (typeof value === 'string' || typeof value === 'number') return String(value);
  if (Array.isArray(value)) {
    if (value.length === 0) return '(none)';
    return value.map((v) => (v && typeof v === 'object' ? Object.values(v as Record<string, unknown>).filter((x) => x !== '' && x !== null).join(' – ') : String(v))).join('; ');
  }
  return JSON.stringify(value);
}

/** What the title bar says. */
export function teamStateInWords(status: TeamStatus): string {
  switch (status.state) {
    case 'synced':
      return 'Synced with the team';
    case 'waiting':
      return status.waiting === 0 ? 'Syncing…' : `${status.waiting} ${status.waiting === 1 ? 'change' : 'changes'} waiting`;
    case 'offline':
      return status.offlineSince ? `Offline since ${status.offlineSince.slice(0, 16).replace('T', ' ')} UTC${status.waiting ? ` · ${status.waiting} waiting` : ''}` : 'Offline';
    case 'revoked':
      return 'Team access revoked';
    default:
      return 'Connecting to the team…';
  }
}
