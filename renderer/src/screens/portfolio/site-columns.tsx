/** The columns of the sites table: what each shows, how it sorts and how an edit becomes a patch. */
import { Badge, Checkbox, Text, UnstyledButton } from '@mantine/core';
import type { ColumnDef } from '@tanstack/react-table';
import type { SitePatch } from '../../../../shared/contract';
import type { Erp, Site } from '../../../../shared/domain';
import { EditableCell } from '../../components/EditableCell';

function wholeNumber(text: string, label: string): number {
  const n = Number(text.trim());
  if (text.trim() === '' || !Number.isInteger(n)) throw new Error(`${label} must be a whole number`);
  return n;
}

interface EditableColumn {
  key: string;
  label: string;
  /** Full meaning, shown on hover, where the header is abbreviated. */
  title?: string;
  align?: 'left' | 'right';
  get(site: Site): string | number;
  /** Turns the edited text into a patch; throws with a message for text that cannot be a value. */
  toPatch(text: string): SitePatch;
}

const EDITABLE: EditableColumn[] = [
  { key: 'name', label: 'Site', get: (s) => s.name, toPatch: (t) => ({ name: t }) },
  { key: 'region', label: 'Region', get: (s) => s.region, toPatch: (t) => ({ region: t }) },
  { key: 'country', label: 'Country', get: (s) => s.country, toPatch: (t) => ({ country: t }) },
  { key: 'erp', label: 'ERP', get: (s) => s.erp, toPatch: (t) => ({ erp: t.trim() }) },
  { key: 'headcount', label: 'Headcount', align: 'right', get: (s) => s.headcount, toPatch: (t) => ({ headcount: wholeNumber(t, 'Headcount') }) },
  { key: 'willingness', label: 'Willing', title: 'Leadership willingness, 1–5', align: 'right', get: (s) => s.leadershipWillingness, toPatch: (t) => ({ leadershipWillingness: wholeNumber(t, 'Willingness') }) },
  { key: 'representativeness', label: 'Typical', title: 'Workflow representativeness, 1–5', align: 'right', get: (s) => s.workflowRepresentativeness, toPatch: (t) => ({ workflowRepresentativeness: wholeNumber(t, 'Representativeness') }) },
  { key: 'sophistication', label: 'Tech', title: 'Technical sophistication, 1–5 (earns nothing in the lighthouse choice)', align: 'right', get: (s) => s.technicalSophistication, toPatch: (t) => ({ technicalSophistication: wholeNumber(t, 'Sophistication') }) },
  { key: 'lead', label: 'Site lead', get: (s) => s.siteLead.name, toPatch: (t) => ({ siteLead: { name: t, email: '' } }) },
];

const NO_TRUNCATION = { root: { overflow: 'visible', maxWidth: 'none' }, label: { overflow: 'visible' } } as const;

function connectorColor(status: Erp['connectorStatus']): string {
  return status === 'validated' ? 'teal' : status === 'in-build' ? 'yellow' : 'gray';
}

export function siteColumns(options: {
  erpByCode: Map<string, Erp>;
  updateSite(code: string, patch: SitePatch): Promise<unknown>;
  openSite(code: string): void;
}): ColumnDef<Site, unknown>[] {
  const select: ColumnDef<Site, unknown> = {
    id: 'select',
    enableSorting: false,
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
  const connector: ColumnDef<Site, unknown> = {
    id: 'connector',
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
  return [select, code, ...editable, connector, scope];
}
