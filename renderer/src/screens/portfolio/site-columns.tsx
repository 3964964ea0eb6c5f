/** The columns of the sites table: what each shows, how it sorts and how an edit becomes a patch. */
import { Badge, Checkbox, Text, UnstyledButton } from '@mantine/core';
import type { ColumnDef } from '@tanstack/react-table';
import type { SitePatch } from '../../../../shared/contract';
import type { Erp, ReadinessDimension, Site } from '../../../../shared/domain';
import { readinessState, readinessSummary } from '../../../../shared/readiness';
import { waveLabel } from '../../../../shared/report/report-model';
import { EditableCell } from '../../components/EditableCell';

function wholeNumber(text: string, label: string): number {
  const n = Number(text.trim());
  if (text.trim() === '' || !Number.isInteger(n)) throw new Error(`${label} must be a whole number`);
  return n;
}

interface EditableColumn {
  key: string;
  label: string;
  /** Width in pixels (the user can drag it wider or narrower). */
  size: number;
  /** Full meaning, shown on hover, where the header is abbreviated. */
  title?: string;
  align?: 'left' | 'right';
  get(site: Site): string | number;
  /** Turns the edited text into a patch; throws with a message for text that cannot be a value. */
  toPatch(text: string): SitePatch;
}

const EDITABLE: EditableColumn[] = [
  { key: 'name', label: 'Site', size: 200, get: (s) => s.name, toPatch: (t) => ({ name: t }) },
  { key: 'region', label: 'Region', size: 100, get: (s) => s.region, toPatch: (t) => ({ region: t }) },
  { key: 'country', label: 'Country', size: 130, get: (s) => s.country, toPatch: (t) => ({ country: t }) },
  { key: 'erp', label: 'ERP', size: 100, get: (s) => s.erp, toPatch: (t) => ({ erp: t.trim() }) },
  { key: 'headcount', label: 'Headcount', size: 100, align: 'right', get: (s) => s.headcount, toPatch: (t) => ({ headcount: wholeNumber(t, 'Headcount') }) },
  { key: 'willingness', label: 'Willing', size: 80, title: 'Leadership willingness, 1–5', align: 'right', get: (s) => s.leadershipWillingness, toPatch: (t) => ({ leadershipWillingness: wholeNumber(t, 'Willingness') }) },
  { key: 'representativeness', label: 'Typical', size: 80, title: 'Workflow representativeness, 1–5', align: 'right', get: (s) => s.workflowRepresentativeness, toPatch: (t) => ({ workflowRepresentativeness: wholeNumber(t, 'Representativeness') }) },
  { key: 'sophistication', label: 'Tech', size: 70, title: 'Technical sophistication, 1–5 (earns nothing in the lighthouse choice)', align: 'right', get: (s) => s.technicalSophistication, toPatch: (t) => ({ technicalSophistication: wholeNumber(t, 'Sophistication') }) },
  { key: 'lead', label: 'Site lead', size: 170, get: (s) => s.siteLead.name, toPatch: (t) => ({ siteLead: { name: t, email: '' } }) },
];

const NO_TRUNCATION = { root: { overflow: 'visible', maxWidth: 'none' }, label: { overflow: 'visible' } } as const;

function connectorColor(status: Erp['connectorStatus']): string {
  return status === 'validated' ? 'teal' : status === 'in-build' ? 'yellow' : 'gray';
}

/** Where the stored schedule puts a site: its wave and go-live, or why it has none. */
export interface Placement {
  wave: number | null;
  goLive: string | null;
  reason: string | null;
}

/** Columns the user can hide (the selection box and the code always show). */
export const OPTIONAL_COLUMNS: { id: string; label: string }[] = [
  { id: 'name', label: 'Site' },
  { id: 'region', label: 'Region' },
  { id: 'country', label: 'Country' },
  { id: 'erp', label: 'ERP' },
  { id: 'wave', label: 'Wave' },
  { id: 'goLive', label: 'Go-live' },
  { id: 'readiness', label: 'Readiness' },
  { id: 'headcount', label: 'Headcount' },
  { id: 'willingness', label: 'Willing' },
  { id: 'representativeness', label: 'Typical' },
  { id: 'sophistication', label: 'Tech' },
  { id: 'lead', label: 'Site lead' },
  { id: 'connector', label: 'Connector' },
  { id: 'scope', label: 'Scope' },
];

/** The code and the name stay in view when the table scrolls sideways. */
export const FROZEN_COLUMNS = ['select', 'code', 'name'];

export function siteColumns(options: {
  erpByCode: Map<string, Erp>;
  placements: Map<string, Placement>;
  dimensions: ReadinessDimension[];
  updateSite(code: string, patch: SitePatch): Promise<unknown>;
  openSite(code: string): void;
}): ColumnDef<Site, unknown>[] {
  const select: ColumnDef<Site, unknown> = {
    id: 'select',
    size: 44,
    enableSorting: false,
    enableResizing: false,
    header: ({ table }) => (
      <Checkbox
        aria-label="Select every site shown"
        checked={table.getIsAllRowsSelected()}
        indeterminate={table.getIsSomeRowsSelected()}
        onChange={table.getToggleAllRowsSelectedHandler()}
      />
    ),
    cell: ({ row }) => <Checkbox aria-label={`Select ${row.original.code}`} checked={row.getIsSelected()} onChange={row.getToggleSelectedHandler()} />,
  };
  const code: ColumnDef<Site, unknown> = {
    id: 'code',
    size: 96,
    header: 'Code',
    accessorFn: (s) => s.code,
    cell: ({ row }) => (
      <UnstyledButton onClick={() => options.openSite(row.original.code)} aria-label={`Open ${row.original.code}`} title="Everything about this site">
        <Text size="sm" fw={600} ff="monospace" c="blue">
          {row.original.code}
        </Text>
      </UnstyledButton>
    ),
  };
  // A site's lead keeps their e-mail when only the name is edited here.
  const editable = EDITABLE.map(
    (column): ColumnDef<Site, unknown> => ({
      id: column.key,
      size: column.size,
      header: column.label,
      accessorFn: column.get,
      meta: { align: column.align, title: column.title },
      cell: ({ row }) => (
        <EditableCell
          value={String(column.get(row.original))}
          label={`${column.label} of ${row.original.code}`}
          align={column.align}
          onCommit={async (text) => {
            const patch = column.toPatch(text);
            if (patch.siteLead) patch.siteLead = { ...row.original.siteLead, name: patch.siteLead.name };
            await options.updateSite(row.original.code, patch);
          }}
        />
      ),
    }),
  );
  const placementOf = (s: Site) => options.placements.get(s.code);
  const wave: ColumnDef<Site, unknown> = {
    id: 'wave',
    size: 100,
    header: 'Wave',
    meta: { title: 'The wave of the stored schedule (Re-plan on the Plan screen computes it)' },
    // Unscheduled sites sort after every wave.
    accessorFn: (s) => placementOf(s)?.wave ?? Number.MAX_SAFE_INTEGER,
    cell: ({ row }) => {
      const placed = placementOf(row.original);
      if (!placed) return <Text size="sm" c="dimmed">—</Text>;
      if (placed.wave === null) return <Text size="sm" c="dimmed" title={placed.reason ?? undefined}>unscheduled</Text>;
      return <Text size="sm">{waveLabel(placed.wave)}</Text>;
    },
  };
  const goLive: ColumnDef<Site, unknown> = {
    id: 'goLive',
    size: 110,
    header: 'Go-live',
    accessorFn: (s) => placementOf(s)?.goLive ?? '9999',
    cell: ({ row }) => <Text size="sm">{placementOf(row.original)?.goLive ?? '—'}</Text>,
  };
  const readiness: ColumnDef<Site, unknown> = {
    id: 'readiness',
    size: 220,
    header: 'Readiness',
    meta: { title: 'Overall score (weighted), and when the site is ready or what blocks it' },
    accessorFn: (s) => readinessSummary(s, options.dimensions).overall,
    cell: ({ row }) => {
      const summary = readinessSummary(row.original, options.dimensions);
      const state = readinessState(summary);
      return (
        <Text size="sm" truncate="end" title={state} c={summary.blocking ? 'var(--mantine-color-red-text)' : undefined}>
          {Math.round(summary.overall)} · {state}
        </Text>
      );
    },
  };
  const connector: ColumnDef<Site, unknown> = {
    id: 'connector',
    size: 120,
    header: 'Connector',
    accessorFn: (s) => options.erpByCode.get(s.erp)?.connectorStatus ?? '',
    cell: ({ row }) => {
      const erp = options.erpByCode.get(row.original.erp);
      return erp ? (
        <Badge color={connectorColor(erp.connectorStatus)} variant="light" size="sm" tt="none" styles={NO_TRUNCATION}>
          {erp.connectorStatus}
        </Badge>
      ) : null;
    },
  };
  const scope: ColumnDef<Site, unknown> = {
    id: 'scope',
    size: 100,
    header: 'Scope',
    accessorFn: (s) => (s.excluded ? 'excluded' : 'in scope'),
    cell: ({ row }) =>
      row.original.excluded ? (
        <Badge size="sm" color="gray" variant="outline" tt="none" styles={NO_TRUNCATION}>
          excluded
        </Badge>
      ) : (
        <Text size="sm" c="dimmed">
          in scope
        </Text>
      ),
  };
  // In the order of OPTIONAL_COLUMNS: the schedule's columns next to the ERP.
  const byId = new Map([...editable, wave, goLive, readiness, connector, scope].map((c) => [c.id!, c]));
  return [select, code, ...OPTIONAL_COLUMNS.map((c) => byId.get(c.id)!)];
}
