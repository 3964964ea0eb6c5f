/** A new ERP: code, name, vendor, version, its connector's status and ready date, notes; checked as typed. */
import { Button, Modal, Select, SimpleGrid, Stack, TextInput, Textarea } from '@mantine/core';
import { useState } from 'react';
import { CONNECTOR_STATUSES, erpSchema, type Erp } from '../../../../shared/domain';
import { DialogFooter } from '../../components/DialogFooter';
import { useAction } from '../../components/use-action';
import { DayField } from '../../components/DayField';

/** A blank ERP under a code no other ERP has. */
export function draftErp(erps: Erp[]): Erp {
  const taken = new Set(erps.map((e) => e.code.toLowerCase()));
  let n = 1;
  while (taken.has(`erp-${n}`)) n += 1;
  return { code: `ERP-${n}`, name: 'New ERP', vendor: '', version: '', connectorStatus: 'not-started', connectorReadyDate: null, notes: '' };
}

function problemsOf(erp: Erp, erps: Erp[]): Record<string, string> {
  const result = erpSchema.safeParse(erp);
  const problems: Record<string, string> = result.success ? {} : Object.fromEntries(result.error.issues.map((i) => [String(i.path[0] ?? ''), i.message]));
  if (!problems.code && erps.some((e) => e.code.toLowerCase() === erp.code.trim().toLowerCase())) problems.code = 'is already the code of another ERP';
  return problems;
}

export function ErpFormDialog({ erps, onClose, onSave }: { erps: Erp[]; onClose(): void; onSave(erp: Erp): Promise<unknown> }) {
  const [erp, setErp] = useState(() => draftErp(erps));
  const { busy, error, run } = useAction();
  const problems = problemsOf(erp, erps);
  const change = (patch: Partial<Erp>) => setErp({ ...erp, ...patch });
  const save = async () => {
    if (await run(async () => void (await onSave(erpSchema.parse(erp))))) onClose();
  };
  return (
    <Modal opened onClose={onClose} title="Add an ERP" size="lg">
      <Stack gap="sm">
        <SimpleGrid cols={2}>
          <TextInput label="Code" description="Unique, e.g. SAP-S4" value={erp.code} error={problems.code} onChange={(e) => change({ code: e.currentTarget.value })} data-autofocus />
          <TextInput label="Name" value={erp.name} error={problems.name} onChange={(e) => change({ name: e.currentTarget.value })} />
          <TextInput label="Vendor" value={erp.vendor} error={problems.vendor} onChange={(e) => change({ vendor: e.currentTarget.value })} />
          <TextInput label="Version" value={erp.version} error={problems.version} onChange={(e) => change({ version: e.currentTarget.value })} />
          <Select label="Connector status" data={[...CONNECTOR_STATUSES]} value={erp.connectorStatus} onChange={(v) => v && change({ connectorStatus: v as Erp['connectorStatus'] })} allowDeselect={false} />
          <DayField
            label="Connector ready"
            description="YYYY-MM-DD; no site on this ERP goes live before it"
            placeholder="not known yet"
            value={erp.connectorReadyDate ?? ''}
            error={problems.connectorReadyDate}
            onChange={(e) => change({ connectorReadyDate: e.currentTarget.value.trim() || null })}
            onPick={(day) => change({ connectorReadyDate: day })}
          />
        </SimpleGrid>
        <Textarea label="Notes" value={erp.notes} error={problems.notes} onChange={(e) => change({ notes: e.currentTarget.value })} autosize minRows={2} />
        <DialogFooter error={error} errorTitle="Not saved" onCancel={onClose}>
          <Button onClick={() => void save()} loading={busy} disabled={Object.keys(problems).length > 0}>
            Add ERP
          </Button>
        </DialogFooter>
      </Stack>
    </Modal>
  );
}
