/**
 * Sites and ERPs as sheet rows under their interchange names, the headers import always accepts:
 * a workbook exported this way imports back into the same plan.
 */
import type { Erp, ReadinessDimension, Site } from '../domain';
import { sheetFields, type SheetField } from './fields';

function cellOf(value: unknown, field: SheetField): string | number | boolean {
  if (value === null || value === undefined) return '';
  switch (field.type) {
    case 'list':
      return (value as string[]).join(';');
    case 'blackouts':
      return (value as { from: string; to: string; reason: string }[]).map((w) => `${w.from}..${w.to}${w.reason ? ` ${w.reason}` : ''}`).join('; ');
    case 'boolean':
      return value ? 'yes' : 'no';
    default:
      return value as string | number;
  }
}

function valueAt(record: object, path: string): unknown {
  return path.split('.').reduce<unknown>((node, part) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined), record);
}

export function siteSheetRows(sites: Site[], dimensions: ReadinessDimension[]): { headers: string[]; rows: (string | number | boolean)[][] } {
  const fields = sheetFields('sites', dimensions);
  return { headers: fields.map((f) => f.key), rows: sites.map((site) => fields.map((f) => cellOf(valueAt(site, f.key), f))) };
}

export function erpSheetRows(erps: Erp[]): { headers: string[]; rows: (string | number | boolean)[][] } {
  const fields = sheetFields('erps', []);
  return { headers: fields.map((f) => f.key), rows: erps.map((erp) => fields.map((f) => cellOf(valueAt(erp, f.key), f))) };
}
