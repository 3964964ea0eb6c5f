/**
 * The name a person knows a field by, from the path of a refused value ("patch.leadershipWillingness"
 * → "Willingness", "site.siteLead.email" → "Site lead's email"): messages never show the program's
 * own names for things.
 */
import { SETTING_SPECS } from './settings';

const FIELD_NAMES: Record<string, string> = {
  leadershipWillingness: 'Willingness',
  workflowRepresentativeness: 'Typical workflow',
  technicalSophistication: 'Technical sophistication',
  erp: 'ERP',
  erps: 'ERPs',
  timezone: 'Time zone',
  connectorStatus: 'Connector status',
  connectorReadyDate: 'Connector ready date',
  earliestGoLive: 'Earliest go-live',
  pinnedWave: 'Pinned wave',
  pinnedGoLive: 'Pinned go-live',
  goLive: 'Go-live',
  siteLead: 'Site lead',
  startDate: 'Plan start',
  asOf: 'As-of day',
  targetDate: 'Target date',
  dueDate: 'Due date',
  ownerRole: 'Owner role',
  offsetDays: 'Offset (days)',
  durationDays: 'Duration (days)',
  appliesTo: 'Applies to',
  ids: 'Items',
  from: 'From',
  to: 'To',
};

/** The wrappers an operation's input puts around the fields themselves. */
const WRAPPERS = new Set(['patch', 'site', 'erp', 'settings', 'input', 'fields']);

const words = (name: string) => name.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

function nameOf(part: string): string {
  if (part in SETTING_SPECS) return SETTING_SPECS[part as keyof typeof SETTING_SPECS].label;
  return FIELD_NAMES[part] ?? capitalised(words(part));
}

export function fieldName(path: string): string {
  const parts = path
    .replace(/\[\d+\]/g, '')
    .split('.')
    .filter((part) => part !== '' && !WRAPPERS.has(part));
  if (parts.length === 0) return '';
  const last = nameOf(parts.at(-1)!);
  const owner = parts.length > 1 ? nameOf(parts.at(-2)!) : null;
  // "Site lead's email", not "Email" alone: the field belongs to something with a name of its own.
  return owner && (last === 'Email' || last === 'Name') ? `${owner}'s ${last.toLowerCase()}` : last;
}

/** "Willingness must be a whole number from 1 to 5 (got 9)". */
export function refusalMessage(path: string, message: string): string {
  const name = fieldName(path);
  return name ? `${name} ${message}` : capitalised(message);
}
