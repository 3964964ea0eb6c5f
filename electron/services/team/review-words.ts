/** What a cell is, in the words Needs review shows: "Site US-DET" · "Site lead's email". */
import { fieldName } from '../../../shared/field-names';
import { SETTING_SPECS } from '../../../shared/settings';
import type { ReadHandle } from '../plan/handles';
import type { CellAddress } from './addresses';

const PLAN_FIELDS: Record<string, string> = {
  name: 'Plan name',
  startDate: 'Plan start',
  createdAt: 'Created',
  lighthouseOverride: 'Lighthouse choice',
  erpOrder: 'ERP order',
  holidays: 'Holidays',
  freezeWindows: 'Freeze windows',
  crews: 'Crews',
  dimensions: 'Readiness dimensions',
};

const SITE_FIELDS: Record<string, string> = {
  leadName: "Site lead's name",
  leadEmail: "Site lead's email",
  removed: 'Removed',
  blackouts: 'Blackout windows',
  predecessors: 'Predecessors',
};

/** A site's or ERP's code as the plan writes it (the cell key holds it in lower case). */
function codeOf(h: ReadHandle, table: 'sites' | 'erps', lower: string): string {
  return h.get<{ code: string }>(`SELECT code FROM ${table} WHERE code = ?`, lower)?.code ?? lower.toUpperCase();
}

export function describeCell(address: CellAddress, h: ReadHandle): { subject: string; field: string } {
  const parts = address.key.split('/');
  switch (address.map) {
    case 'plan':
      return { subject: 'The plan', field: PLAN_FIELDS[address.key] ?? fieldName(address.key) };
    case 'settings':
      return { subject: 'Settings', field: SETTING_SPECS[address.key as keyof typeof SETTING_SPECS]?.label ?? fieldName(address.key) };
    case 'erps':
      return { subject: `ERP ${codeOf(h, 'erps', parts[0]!)}`, field: fieldName(parts[1] ?? '') };
    case 'facts':
      return { subject: `Site ${codeOf(h, 'sites', parts[0]!)}`, field: SITE_FIELDS[parts[1] ?? ''] ?? fieldName(parts[1] ?? '') };
    case 'checklist': {
      const title = h.get<{ title: string }>('SELECT c.title FROM checklist_items c JOIN sites s ON s.id = c.site_id WHERE s.code = ? AND c.task_key = ?', parts[0], parts[1])?.title ?? parts[1];
      return { subject: `Site ${codeOf(h, 'sites', parts[0]!)} · checklist "${title}"`, field: parts[2] ? fieldName(parts[2]) : 'Item' };
    }
    case 'playbook':
      return { subject: 'Playbook', field: `Version ${address.key}` };
    case 'baselines':
      return { subject: 'Baseline', field: address.key };
    case 'scenarios':
      return { subject: 'Scenario', field: address.key };
    case 'locks':
      return { subject: 'Schedule', field: `Lock of wave ${address.key}` };
    default:
      return { subject: address.map, field: address.key };
  }
}
