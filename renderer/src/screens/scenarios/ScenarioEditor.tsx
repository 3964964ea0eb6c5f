/**
 * A scenario's editor: its name and note, and what it changes against the plan — settings, ERP
 * connectors, sites (exclude, bring back, pin, a readiness target) and crew sizes. Saved as one step;
 * a refusal (a contradiction, a site the plan does not have) stays in the dialog with its reason.
 */
import { ActionIcon, Button, Group, Modal, NativeSelect, NumberInput, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useEffect, useState, type ReactNode } from 'react';
import { CONNECTOR_STATUSES, type Crew, type Erp, type ReadinessDimension, type Site } from '../../../../shared/domain';
import type { ScenarioChanges } from '../../../../shared/scenario';
import { SETTING_KEYS, SETTING_SPECS, type PlanSettings, type SettingKey } from '../../../../shared/settings';
import { api } from '../../api/client';
import { DayField } from '../../components/DayField';
import { DialogFooter } from '../../components/DialogFooter';
import { useAction } from '../../components/use-action';
import { usePlanStore } from '../../stores/plan-store';

type SiteChangeKind = 'exclude' | 'include' | 'pin' | 'target';
interface SiteRow {
  code: string;
  kind: SiteChangeKind;
  wave: number | '';
  dimension: string;
  day: string;
}
interface ErpRow {
  code: string;
  status: string;
  day: string;
}

export interface ScenarioDraft {
  name: string;
  note: string;
  changes: ScenarioChanges;
}

/** The editor's rows from a saved scenario's changes. */
function rowsOf(changes: ScenarioChanges): { settings: [SettingKey, number][]; erps: ErpRow[]; sites: SiteRow[]; crewSizes: Record<string, number> } {
  const sites: SiteRow[] = [];
  for (const s of changes.sites) {
    if (s.excluded !== undefined) sites.push({ code: s.code, kind: s.excluded ? 'exclude' : 'include', wave: '', dimension: '', day: '' });
    if (s.pinnedWave !== undefined && s.pinnedWave !== null) sites.push({ code: s.code, kind: 'pin', wave: s.pinnedWave, dimension: '', day: s.pinnedGoLive ?? '' });
    for (const [dimension, day] of Object.entries(s.readinessTargets ?? {})) sites.push({ code: s.code, kind: 'target', wave: '', dimension, day: day ?? '' });
  }
  return {
    settings: Object.entries(changes.settings) as [SettingKey, number][],
    erps: changes.erps.map((e) => ({ code: e.code, status: e.connectorStatus ?? '', day: e.connectorReadyDate ?? '' })),
    sites,
    crewSizes: Object.fromEntries((changes.crews ?? []).map((c) => [c.name, c.size])),
  };
}

/** Under a crew's size: what the plan has, or that the crew is the scenario's own. */
function crewNote(crew: Crew, planCrews: Crew[]): string {
  const inPlan = planCrews.find((c) => c.name === crew.name);
  return inPlan ? `plan: ${inPlan.size} at a time` : `not in the plan; saved with ${crew.size}`;
}

const sameCrews = (a: Crew[], b: Crew[]) => a.length === b.length && a.every((c, i) => c.name === b[i]!.name && c.size === b[i]!.size && c.phase === b[i]!.phase);

/**
 * The changes the rows describe; rows left incomplete, and settings at the plan's own value, are left
 * out. `crews` are those the scenario starts from (its own, else the plan's): kept whole, resized.
 */
function changesOf(rows: ReturnType<typeof rowsOf>, crews: Crew[], plan: { settings?: PlanSettings; crews: Crew[] }): ScenarioChanges {
  const bySite = new Map<string, ScenarioChanges['sites'][number]>();
  const siteChange = (code: string) => bySite.get(code) ?? bySite.set(code, { code }).get(code)!;
  for (const row of rows.sites) {
    if (!row.code) continue;
    if (row.kind === 'exclude' || row.kind === 'include') siteChange(row.code).excluded = row.kind === 'exclude';
    else if (row.kind === 'pin' && row.wave !== '') Object.assign(siteChange(row.code), { pinnedWave: row.wave, pinnedGoLive: row.day || null });
    else if (row.kind === 'target' && row.dimension) {
      const change = siteChange(row.code);
      change.readinessTargets = { ...change.readinessTargets, [row.dimension]: row.day || null };
    }
  }
  // A blank size is the plan's for a crew the plan has, else the size the scenario was saved with.
  const scenarioCrews = crews.map((c) => ({ ...c, size: rows.crewSizes[c.name] ?? plan.crews.find((p) => p.name === c.name)?.size ?? c.size }));
  return {
    settings: Object.fromEntries(rows.settings.filter(([key, value]) => value !== plan.settings?.[key])),
    erps: rows.erps.filter((e) => e.code && (e.status || e.day)).map((e) => ({ code: e.code, ...(e.status && { connectorStatus: e.status as Erp['connectorStatus'] }), ...(e.day && { connectorReadyDate: e.day }) })),
    sites: [...bySite.values()],
    ...(!sameCrews(scenarioCrews, plan.crews) && { crews: scenarioCrews }),
  };
}

function Section({ title, hint, onAdd, addLabel, children }: { title: string; hint: string; onAdd?(): void; addLabel?: string; children: ReactNode }) {
  return (
    <Stack gap={6}>
      <Group justify="space-between">
        <div>
          <Title order={4} size="h6">
            {title}
          </Title>
          <Text size="xs" c="dimmed">
            {hint}
          </Text>
        </div>
        {onAdd && (
          <Button size="compact-xs" variant="light" onClick={onAdd}>
            {addLabel}
          </Button>
        )}
      </Group>
      {children}
    </Stack>
  );
}

const RemoveRow = ({ label, onClick }: { label: string; onClick(): void }) => (
  <ActionIcon variant="subtle" color="gray" aria-label={label} onClick={onClick} mb={4}>
    ×
  </ActionIcon>
);

export function ScenarioEditor(props: {
  opened: boolean;
  /** The scenario edited, or null for a new one. */
  scenario: ScenarioDraft | null;
  sites: Site[];
  erps: Erp[];
  dimensions: ReadinessDimension[];
  onClose(): void;
  onSaved(name: string): void;
}) {
  const info = usePlanStore((s) => s.info);
  const planCrews = info?.crews ?? [];
  // A scenario saved with crews of its own (on the command line, say) keeps them: those are the ones to resize.
  const crews = props.scenario?.changes.crews ?? planCrews;
  const settings: PlanSettings | undefined = info?.settings;
  const [name, setName] = useState('');
  const [note, setNote] = useState('');
  const [rows, setRows] = useState<ReturnType<typeof rowsOf>>({ settings: [], erps: [], sites: [], crewSizes: {} });
  const { busy, error, setError, run } = useAction();
  const track = usePlanStore((s) => s.track);

  useEffect(() => {
    if (!props.opened) return;
    setName(props.scenario?.name ?? '');
    setNote(props.scenario?.note ?? '');
    setRows(rowsOf(props.scenario?.changes ?? { settings: {}, erps: [], sites: [] }));
    setError(null);
  }, [props.opened, props.scenario]);

  const update = <K extends keyof typeof rows>(key: K, value: (typeof rows)[K]) => setRows((r) => ({ ...r, [key]: value }));
  const siteOptions = [{ value: '', label: 'Site…' }, ...props.sites.map((s) => ({ value: s.code, label: `${s.code} ${s.name}` }))];
  const erpOptions = [{ value: '', label: 'ERP…' }, ...props.erps.map((e) => ({ value: e.code, label: `${e.code} ${e.name}` }))];
  const unusedSettings = SETTING_KEYS.filter((k) => !rows.settings.some(([key]) => key === k));

  const save = () =>
    void run(async () => {
      const changes = changesOf(rows, crews, { settings, crews: planCrews });
      const { value } = await track(() => api['scenarios:save']({ name: name.trim(), note, changes, ...(props.scenario && { renames: props.scenario.name }) }));
      props.onSaved(value.name);
    });

  return (
    <Modal opened={props.opened} onClose={props.onClose} title={props.scenario ? `Edit scenario ${props.scenario.name}` : 'New scenario'} size="xl" closeButtonProps={{ 'aria-label': 'Close' }}>
      <Stack gap="md">
        <Group grow align="flex-start">
          <TextInput label="Name" required value={name} onChange={(e) => setName(e.currentTarget.value)} placeholder="e.g. Oracle connector slips to November" data-autofocus />
          <Textarea label="Note" value={note} onChange={(e) => setNote(e.currentTarget.value)} autosize minRows={1} maxRows={3} />
        </Group>

        <Section title="Settings" hint="Scheduling numbers that differ from the plan's (a row left at the plan's value is not saved)." onAdd={unusedSettings.length ? () => update('settings', [...rows.settings, [unusedSettings[0]!, settings?.[unusedSettings[0]!] ?? SETTING_SPECS[unusedSettings[0]!].default]]) : undefined} addLabel="Add a setting">
          {rows.settings.map(([key, value], i) => (
            <Group key={key} gap="xs" align="flex-end" wrap="nowrap">
              <NativeSelect
                label={i === 0 ? 'Setting' : undefined}
                aria-label="Setting"
                value={key}
                onChange={(e) => update('settings', rows.settings.map((r, j) => (j === i ? [e.currentTarget.value as SettingKey, settings?.[e.currentTarget.value as SettingKey] ?? r[1]] : r)))}
                data={[key, ...unusedSettings].map((k) => ({ value: k, label: SETTING_SPECS[k].label }))}
                style={{ flex: 2 }}
              />
              <NumberInput label={i === 0 ? 'Value in the scenario' : undefined} aria-label={`${SETTING_SPECS[key].label} in the scenario`} value={value} min={SETTING_SPECS[key].min} max={SETTING_SPECS[key].max} decimalScale={SETTING_SPECS[key].integer ? 0 : 2} onChange={(v) => update('settings', rows.settings.map((r, j) => (j === i ? [r[0], Number(v)] : r)))} style={{ flex: 1 }} />
              <Text size="xs" c="dimmed" w={110} mb={8}>
                plan: {settings?.[key]}
              </Text>
              <RemoveRow label={`Remove ${SETTING_SPECS[key].label}`} onClick={() => update('settings', rows.settings.filter((_, j) => j !== i))} />
            </Group>
          ))}
        </Section>

        <Section title="ERP connectors" hint="A connector that slips, or one validated sooner." onAdd={() => update('erps', [...rows.erps, { code: '', status: '', day: '' }])} addLabel="Add a connector">
          {rows.erps.map((row, i) => {
            const set = (patch: Partial<ErpRow>) => update('erps', rows.erps.map((r, j) => (j === i ? { ...r, ...patch } : r)));
            const plan = props.erps.find((e) => e.code === row.code);
            return (
              <Group key={i} gap="xs" align="flex-end" wrap="nowrap">
                <NativeSelect label={i === 0 ? 'ERP' : undefined} aria-label="ERP" value={row.code} onChange={(e) => set({ code: e.currentTarget.value })} data={erpOptions} style={{ flex: 2 }} />
                <NativeSelect label={i === 0 ? 'Status' : undefined} aria-label="Connector status" value={row.status} onChange={(e) => set({ status: e.currentTarget.value })} data={[{ value: '', label: plan ? `as in plan (${plan.connectorStatus})` : 'as in plan' }, ...CONNECTOR_STATUSES]} style={{ flex: 1.4 }} />
                <DayField label={i === 0 ? 'Ready date' : undefined} aria-label="Connector ready date" placeholder={plan?.connectorReadyDate ?? 'YYYY-MM-DD'} value={row.day} onChange={(e) => set({ day: e.currentTarget.value })} onPick={(day) => set({ day })} style={{ flex: 1 }} />
                <RemoveRow label="Remove this connector change" onClick={() => update('erps', rows.erps.filter((_, j) => j !== i))} />
              </Group>
            );
          })}
        </Section>

        <Section title="Sites" hint="Take a site out, bring one back, pin one in a wave, or give a readiness target date." onAdd={() => update('sites', [...rows.sites, { code: '', kind: 'exclude', wave: '', dimension: props.dimensions[0]?.key ?? '', day: '' }])} addLabel="Add a site change">
          {rows.sites.map((row, i) => {
            const set = (patch: Partial<SiteRow>) => update('sites', rows.sites.map((r, j) => (j === i ? { ...r, ...patch } : r)));
            return (
              <Group key={i} gap="xs" align="flex-end" wrap="nowrap">
                <NativeSelect label={i === 0 ? 'Site' : undefined} aria-label="Site" value={row.code} onChange={(e) => set({ code: e.currentTarget.value })} data={siteOptions} style={{ flex: 2 }} />
                <NativeSelect
                  label={i === 0 ? 'Change' : undefined}
                  aria-label="Change"
                  value={row.kind}
                  onChange={(e) => set({ kind: e.currentTarget.value as SiteChangeKind })}
                  data={[
                    { value: 'exclude', label: 'Exclude from the rollout' },
                    { value: 'include', label: 'Bring back in scope' },
                    { value: 'pin', label: 'Pin in a wave' },
                    { value: 'target', label: 'Readiness target date' },
                  ]}
                  style={{ flex: 1.5 }}
                />
                {row.kind === 'pin' && <NumberInput label={i === 0 ? 'Wave' : undefined} aria-label="Wave" min={0} max={999} value={row.wave} onChange={(v) => set({ wave: v === '' ? '' : Number(v) })} w={80} />}
                {row.kind === 'target' && <NativeSelect label={i === 0 ? 'Dimension' : undefined} aria-label="Readiness dimension" value={row.dimension} onChange={(e) => set({ dimension: e.currentTarget.value })} data={props.dimensions.map((d) => ({ value: d.key, label: d.label }))} style={{ flex: 1.5 }} />}
                {(row.kind === 'pin' || row.kind === 'target') && (
                  <DayField label={i === 0 ? (row.kind === 'pin' ? 'Go-live (optional)' : 'Target date') : undefined} aria-label={row.kind === 'pin' ? 'Pinned go-live' : 'Target date'} value={row.day} onChange={(e) => set({ day: e.currentTarget.value })} onPick={(day) => set({ day })} style={{ flex: 1 }} />
                )}
                <RemoveRow label="Remove this site change" onClick={() => update('sites', rows.sites.filter((_, j) => j !== i))} />
              </Group>
            );
          })}
        </Section>

        {crews.length > 0 && (
          <Section title="Crew sizes" hint="How many sites each crew serves at once in the scenario (blank: the plan's size, or the saved one for a crew the plan does not have).">
            <Group gap="xs">
              {crews.map((crew) => (
                <NumberInput key={crew.name} label={crew.name} description={crewNote(crew, planCrews)} min={1} max={100} w={200} value={rows.crewSizes[crew.name] ?? ''} onChange={(v) => update('crewSizes', { ...rows.crewSizes, [crew.name]: v === '' ? (undefined as never) : Number(v) })} />
              ))}
            </Group>
          </Section>
        )}

        <DialogFooter error={error} errorTitle="Not saved" onCancel={props.onClose}>
          <Button onClick={save} loading={busy} disabled={!name.trim()}>
            Save scenario
          </Button>
        </DialogFooter>
      </Stack>
    </Modal>
  );
}
