/** Dialogs of the portfolio: a new (or duplicated) site, removing sites, and editing many at once. */
import { Button, Checkbox, Group, Modal, NumberInput, SegmentedControl, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import type { SitePatch } from '../../../../shared/contract';
import { siteSchema, type Erp, type Site } from '../../../../shared/domain';
import { DialogFooter } from '../../components/DialogFooter';
import { useAction } from '../../components/use-action';
import type { SiteInput } from '../../stores/portfolio-store';

/** A blank site, or a copy of `from` under a free code. */
export function draftSite(erps: Erp[], sites: Site[], from?: Site): SiteInput {
  if (from) {
    const taken = new Set(sites.map((s) => s.code.toLowerCase()));
    let n = 2;
    while (taken.has(`${from.code}-${n}`.toLowerCase())) n += 1;
    const { readiness: _readiness, ...rest } = from;
    return { ...rest, code: `${from.code}-${n}`.slice(0, 32), name: `${from.name} (copy)`, pinnedWave: null, pinnedGoLive: null, predecessors: [] };
  }
  return siteSchema.omit({ readiness: true }).parse({
    code: 'NEW-1',
    name: 'New site',
    erp: erps[0]?.code ?? 'ERP',
    leadershipWillingness: 3,
    workflowRepresentativeness: 3,
    technicalSophistication: 3,
  });
}

type Problems = Record<string, string>;

function problemsOf(site: SiteInput): Problems {
  const result = siteSchema.omit({ readiness: true }).safeParse(site);
  if (result.success) return {};
  return Object.fromEntries(result.error.issues.map((i) => [String(i.path[0] ?? ''), i.message]));
}

export function SiteFormDialog({ initial, erps, title, onClose, onSave }: { initial: SiteInput; erps: Erp[]; title: string; onClose(): void; onSave(site: SiteInput): Promise<void> }) {
  const [site, setSite] = useState(initial);
  const { busy, error, run } = useAction();
  const problems = problemsOf(site);
  const change = (patch: Partial<SiteInput>) => setSite({ ...site, ...patch });
  const likert = (key: 'leadershipWillingness' | 'workflowRepresentativeness' | 'technicalSophistication', label: string) => (
    <NumberInput label={label} min={1} max={5} allowDecimal={false} value={site[key]} error={problems[key]} onChange={(v) => change({ [key]: typeof v === 'number' ? v : Number.NaN })} />
  );
  const save = async () => {
    if (await run(() => onSave(site))) onClose();
  };
  return (
    <Modal opened onClose={onClose} title={title} size="lg">
      <Stack gap="sm">
        <SimpleGrid cols={2}>
          <TextInput label="Code" description="Unique, e.g. US-DET" value={site.code} error={problems.code} onChange={(e) => change({ code: e.currentTarget.value })} data-autofocus />
          <TextInput label="Name" value={site.name} error={problems.name} onChange={(e) => change({ name: e.currentTarget.value })} />
          <TextInput label="Region" value={site.region} error={problems.region} onChange={(e) => change({ region: e.currentTarget.value })} />
          <TextInput label="Country" value={site.country} error={problems.country} onChange={(e) => change({ country: e.currentTarget.value })} />
          <Select label="ERP" data={erps.map((e) => ({ value: e.code, label: `${e.code} · ${e.name}` }))} value={site.erp} error={problems.erp} onChange={(v) => v && change({ erp: v })} allowDeselect={false} />
          <NumberInput label="Headcount" min={0} allowDecimal={false} value={site.headcount} error={problems.headcount} onChange={(v) => change({ headcount: typeof v === 'number' ? v : Number.NaN })} />
          {likert('leadershipWillingness', 'Leadership willingness (1–5)')}
          {likert('workflowRepresentativeness', 'Workflow representativeness (1–5)')}
          {likert('technicalSophistication', 'Technical sophistication (1–5)')}
          <TextInput label="Site lead" value={site.siteLead.name} onChange={(e) => change({ siteLead: { ...site.siteLead, name: e.currentTarget.value } })} />
        </SimpleGrid>
        <Checkbox label="Excluded from the rollout" checked={site.excluded} onChange={(e) => change({ excluded: e.currentTarget.checked })} />
        <DialogFooter error={error} errorTitle="Not saved" onCancel={onClose}>
          <Button onClick={() => void save()} loading={busy} disabled={Object.keys(problems).length > 0}>
            Add site
          </Button>
        </DialogFooter>
      </Stack>
    </Modal>
  );
}

export function RemoveSitesDialog({ codes, onClose, onRemove }: { codes: string[]; onClose(): void; onRemove(): Promise<void> }) {
  const { busy, error, run } = useAction();
  const remove = async () => {
    if (await run(onRemove)) onClose();
  };
  return (
    <Modal opened onClose={onClose} title={codes.length === 1 ? `Remove ${codes[0]}?` : `Remove ${codes.length} sites?`}>
      <Stack gap="sm">
        <Text size="sm">
          {codes.length === 1 ? 'The site' : `${codes.slice(0, 8).join(', ')}${codes.length > 8 ? ` and ${codes.length - 8} more` : ''}`} leave{codes.length === 1 ? 's' : ''} the plan with
          {codes.length === 1 ? ' its' : ' their'} readiness history and checklist. Undo (Ctrl+Z) puts everything back.
        </Text>
        <DialogFooter error={error} errorTitle="Nothing was removed" onCancel={onClose}>
          <Button color="red" onClick={() => void remove()} loading={busy}>
            Remove
          </Button>
        </DialogFooter>
      </Stack>
    </Modal>
  );
}

export function BulkEditDialog({ codes, erps, onClose, onApply }: { codes: string[]; erps: Erp[]; onClose(): void; onApply(patch: SitePatch): Promise<void> }) {
  const [region, setRegion] = useState<string | null>(null);
  const [erp, setErp] = useState<string | null>(null);
  const [scope, setScope] = useState<'keep' | 'in' | 'out'>('keep');
  const { busy, error, run } = useAction();
  const patch: SitePatch = { ...(region !== null ? { region } : {}), ...(erp ? { erp } : {}), ...(scope !== 'keep' ? { excluded: scope === 'out' } : {}) };
  const apply = async () => {
    if (await run(() => onApply(patch))) onClose();
  };
  return (
    <Modal opened onClose={onClose} title={`Edit ${codes.length} sites`}>
      <Stack gap="sm">
        <Text size="sm" c="dimmed">
          Only the fields you set change; the rest stay as each site has them.
        </Text>
        <Group align="flex-end" gap="xs">
          <TextInput label="Region" placeholder="unchanged" value={region ?? ''} onChange={(e) => setRegion(e.currentTarget.value)} style={{ flex: 1 }} />
          {region !== null && (
            <Button variant="subtle" size="xs" onClick={() => setRegion(null)}>
              Keep as is
            </Button>
          )}
        </Group>
        <Select label="ERP" placeholder="unchanged" clearable data={erps.map((e) => ({ value: e.code, label: `${e.code} · ${e.name}` }))} value={erp} onChange={setErp} />
        <div>
          <Text size="sm" fw={500} mb={4}>
            Scope
          </Text>
          <SegmentedControl
            value={scope}
            onChange={(v) => setScope(v as typeof scope)}
            data={[
              { value: 'keep', label: 'Unchanged' },
              { value: 'in', label: 'In scope' },
              { value: 'out', label: 'Excluded' },
            ]}
          />
        </div>
        <DialogFooter error={error} errorTitle="Nothing was changed" onCancel={onClose}>
          <Button onClick={() => void apply()} loading={busy} disabled={Object.keys(patch).length === 0}>
            Apply to {codes.length} sites
          </Button>
        </DialogFooter>
      </Stack>
    </Modal>
  );
}
