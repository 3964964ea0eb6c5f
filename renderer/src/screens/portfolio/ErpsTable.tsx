/** The ERPs of the plan, editable in place: a connector's status and ready date drive the schedule. */
import { Text } from '@mantine/core';
import type { ColumnDef } from '@tanstack/react-table';
import { useMemo } from 'react';
import type { ErpPatch } from '../../../../shared/contract';
import { CONNECTOR_STATUSES, type Erp, type Site } from '../../../../shared/domain';
import { EditableCell } from '../../components/EditableCell';
import { VirtualTable } from '../../components/VirtualTable';

interface ErpColumn {
  key: string;
  label: string;
  size: number;
  title?: string;
  get(erp: Erp): string;
  toPatch(text: string): ErpPatch;
}

const COLUMNS: ErpColumn[] = [
  { key: 'name', label: 'Name', size: 240, get: (e) => e.name, toPatch: (t) => ({ name: t }) },
  { key: 'vendor', label: 'Vendor', size: 140, get: (e) => e.vendor, toPatch: (t) => ({ vendor: t }) },
  { key: 'version', label: 'Version', size: 110, get: (e) => e.version, toPatch: (t) => ({ version: t }) },
  {
    key: 'connectorStatus',
    label: 'Connector',
    size: 130,
    title: `Status of the system's connector to this ERP: ${CONNECTOR_STATUSES.join(', ')}`,
    get: (e) => e.connectorStatus,
    toPatch: (t) => ({ connectorStatus: t.trim() as Erp['connectorStatus'] }),
  },
  {
    key: 'connectorReadyDate',
    label: 'Connector ready',
    size: 150,
    title: 'The day the connector is expected to be validated (YYYY-MM-DD); no site on this ERP goes live before it',
    get: (e) => e.connectorReadyDate ?? '',
    toPatch: (t) => ({ connectorReadyDate: t.trim() === '' ? null : t.trim() }),
  },
  { key: 'notes', label: 'Notes', size: 320, get: (e) => e.notes, toPatch: (t) => ({ notes: t }) },
];

export function ErpsTable({ erps, sites, updateErp }: { erps: Erp[]; sites: Site[]; updateErp(code: string, patch: ErpPatch): Promise<unknown> }) {
  const siteCounts = useMemo(() => {
    const counts = new Map<string, number>();
    for (const s of sites) counts.set(s.erp, (counts.get(s.erp) ?? 0) + 1);
    return counts;
  }, [sites]);
  const columns = useMemo<ColumnDef<Erp, unknown>[]>(
    () => [
      { id: 'code', size: 120, header: 'Code', accessorFn: (e) => e.code, cell: ({ row }) => <Text size="sm" fw={600} ff="monospace">{row.original.code}</Text> },
      ...COLUMNS.map(
        (column): ColumnDef<Erp, unknown> => ({
          id: column.key,
          size: column.size,
          header: column.label,
          meta: { title: column.title },
          accessorFn: column.get,
          cell: ({ row }) => (
            <EditableCell value={column.get(row.original)} label={`${column.label} of ERP ${row.original.code}`} onCommit={async (text) => void (await updateErp(row.original.code, column.toPatch(text)))} />
          ),
        }),
      ),
      { id: 'sites', size: 80, header: 'Sites', meta: { align: 'right' }, accessorFn: (e) => siteCounts.get(e.code) ?? 0 },
    ],
    [siteCounts, updateErp],
  );
  return <VirtualTable label="ERPs" rows={erps} columns={columns} rowId={(e) => e.code} rowProps={(e) => ({ 'data-erp': e.code })} frozen={['code']} />;
}
