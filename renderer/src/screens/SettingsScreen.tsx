/**
 * Settings: every scheduling number of PRODUCT.md section 3 with its meaning, the plan's name and
 * start, plan holidays (with a country's public holidays from date-holidays) and freeze windows.
 * Every change is saved at once and can be undone.
 */
import { ActionIcon, Alert, Button, Card, CloseButton, Group, NumberInput, Pill, ScrollArea, Select, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import { EARLIEST_DAY, isPlanDay, LATEST_DAY } from '../../../shared/dates';
import { SETTING_KEYS, SETTING_SPECS, type SettingKey } from '../../../shared/settings';
import { api } from '../api/client';
import { useAction } from '../components/use-action';
import { usePlanStore } from '../stores/plan-store';
import { CrewsCard } from './settings/CrewsCard';
import { DimensionsCard } from './settings/DimensionsCard';
import { DayField } from '../components/DayField';

function SettingField({ settingKey, value, onSave }: { settingKey: SettingKey; value: number; onSave(value: number): Promise<void> }) {
  const spec = SETTING_SPECS[settingKey];
  const [draft, setDraft] = useState<string | number>(value);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => setDraft(value), [value]);
  const commit = async () => {
    const number = Number(draft);
    if (draft === '' || Number.isNaN(number)) return setError('Enter a number');
    if (number === value) return setError(null);
    try {
      await onSave(number);
      setError(null);
    } catch (e) {
      setError((e as Error).message);
    }
  };
  return (
    <NumberInput
      label={spec.label}
      description={spec.meaning}
      value={draft}
      min={spec.min}
      max={spec.max}
      step={spec.integer ? 1 : 0.05}
      decimalScale={spec.integer ? 0 : 2}
      onChange={setDraft}
      onBlur={() => void commit()}
      onKeyDown={(e) => e.key === 'Enter' && void commit()}
      error={error}
      aria-label={spec.label}
    />
  );
}

function PublicHolidays({ onAdd }: { onAdd(dates: string[]): Promise<void> }) {
  const [countries, setCountries] = useState<{ value: string; label: string }[]>([]);
  const [country, setCountry] = useState<string | null>(null);
  const start = usePlanStore((s) => s.info?.startDate ?? '2027-01-01');
  const [years, setYears] = useState<[number, number]>([Number(start.slice(0, 4)), Number(start.slice(0, 4)) + 1]);
  const [message, setMessage] = useState<string | null>(null);
  useEffect(() => {
    api['holidays:countries']().then((list) => setCountries(list.map((c) => ({ value: c.code, label: `${c.name} (${c.code})` }))), () => setCountries([]));
  }, []);
  const add = async () => {
    if (!country) return;
    try {
      const holidays = await api['holidays:public']({ country, fromYear: years[0], toYear: years[1] });
      await onAdd(holidays.map((h) => h.date));
      setMessage(`Added ${holidays.length} public holidays of ${country}.`);
    } catch (e) {
      setMessage((e as Error).message);
    }
  };
  return (
    <Stack gap={6}>
      <Group align="flex-end" gap="xs">
        <Select label="Add a country's public holidays" placeholder="Country" data={countries} value={country} onChange={setCountry} searchable w={260} />
        <NumberInput label="From" value={years[0]} onChange={(v) => setYears([Number(v), years[1]])} w={90} min={1970} max={2200} />
        <NumberInput label="To" value={years[1]} onChange={(v) => setYears([years[0], Number(v)])} w={90} min={1970} max={2200} />
        <Button onClick={() => void add()} disabled={!country}>
          Add
        </Button>
      </Group>
      {message && (
        <Text size="xs" c="dimmed" role="status">
          {message}
        </Text>
      )}
    </Stack>
  );
}

export function SettingsScreen() {
  const { info, updatePlan, updateSettings } = usePlanStore();
  const [newHoliday, setNewHoliday] = useState('');
  const [freeze, setFreeze] = useState({ from: '', to: '', reason: '' });
  // Runs an edit; a refusal shows here and leaves the form as typed.
  const { error, setError, run: guard } = useAction();
  if (!info) return null;

  /** A typed or picked plan start: checked, then one step. */
  const setStart = (value: string) => {
    if (value === info.startDate) return;
    if (!isPlanDay(value)) return setError(`The plan start must be a real date written YYYY-MM-DD, from ${EARLIEST_DAY} to ${LATEST_DAY}.`);
    void guard(() => updatePlan({ startDate: value }));
  };
  const addHolidays = (dates: string[]) => updatePlan({ holidays: [...new Set([...info.holidays, ...dates])].sort() });

  return (
    <ScrollArea h="100%">
      <Stack gap="md" pb="xl" maw={1100}>
        <Title order={2}>Settings</Title>
        {error && (
          <Alert color="red" withCloseButton onClose={() => setError(null)}>
            {error}
          </Alert>
        )}
        <Card withBorder>
          <Title order={4} mb="sm">
            Plan
          </Title>
          <Group grow>
            <TextInput label="Plan name" defaultValue={info.name} key={`n${info.name}`} onBlur={(e) => e.currentTarget.value.trim() && e.currentTarget.value !== info.name && void guard(() => updatePlan({ name: e.currentTarget.value.trim() }))} />
            <DayField
              label="Plan start"
              description="No site's preparation starts before this day"
              defaultValue={info.startDate}
              key={`s${info.startDate}`}
              onBlur={(e) => setStart(e.currentTarget.value.trim())}
              onPick={setStart}
            />
          </Group>
        </Card>
        <Card withBorder>
          <Title order={4}>Scheduling rules</Title>
          <Text size="sm" c="dimmed" mb="sm">
            Changes apply at the next Re-plan.
          </Text>
          <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="md" data-testid="settings">
            {SETTING_KEYS.map((key) => (
              <SettingField key={key} settingKey={key} value={info.settings[key]} onSave={(value) => updateSettings({ [key]: value })} />
            ))}
          </SimpleGrid>
        </Card>
        <CrewsCard guard={guard} />
        <DimensionsCard guard={guard} />
        <Card withBorder>
          <Title order={4}>Plan holidays ({info.holidays.length})</Title>
          <Text size="sm" c="dimmed" mb="sm">
            No go-live falls on a holiday; due dates move to the working day before.
          </Text>
          <Group gap={6} mb="sm" data-testid="holidays">
            {info.holidays.map((day) => (
              <Pill key={day} withRemoveButton onRemove={() => void guard(() => updatePlan({ holidays: info.holidays.filter((d) => d !== day) }))}>
                {day}
              </Pill>
            ))}
          </Group>
          <Group align="flex-end" gap="xs" mb="md">
            <DayField label="Add a holiday" placeholder="YYYY-MM-DD" value={newHoliday} onChange={(e) => setNewHoliday(e.currentTarget.value.trim())} onPick={setNewHoliday} w={170} />
            <Button
              variant="default"
              onClick={() => {
                if (!isPlanDay(newHoliday)) return setError(`A holiday must be a real date written YYYY-MM-DD, from ${EARLIEST_DAY} to ${LATEST_DAY}.`);
                void guard(() => addHolidays([newHoliday])).then((ok) => ok && setNewHoliday(''));
              }}
            >
              Add
            </Button>
          </Group>
          <PublicHolidays onAdd={addHolidays} />
        </Card>
        <Card withBorder>
          <Title order={4}>Freeze windows ({info.freezeWindows.length})</Title>
          <Text size="sm" c="dimmed" mb="sm">
            No day of any site's hypercare falls in a freeze window.
          </Text>
          <Table mb="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>From</Table.Th>
                <Table.Th>To</Table.Th>
                <Table.Th>Reason</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {info.freezeWindows.map((w, i) => (
                <Table.Tr key={`${w.from}-${i}`}>
                  <Table.Td>{w.from}</Table.Td>
                  <Table.Td>{w.to}</Table.Td>
                  <Table.Td>{w.reason}</Table.Td>
                  <Table.Td>
                    <CloseButton aria-label={`Remove freeze ${w.from}`} onClick={() => void guard(() => updatePlan({ freezeWindows: info.freezeWindows.filter((_, j) => j !== i) }))} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          <Group align="flex-end" gap="xs">
            <DayField label="From" placeholder="YYYY-MM-DD" value={freeze.from} onChange={(e) => setFreeze({ ...freeze, from: e.currentTarget.value.trim() })} onPick={(from) => setFreeze({ ...freeze, from })} w={160} />
            <DayField label="To" placeholder="YYYY-MM-DD" value={freeze.to} onChange={(e) => setFreeze({ ...freeze, to: e.currentTarget.value.trim() })} onPick={(to) => setFreeze({ ...freeze, to })} w={160} />
            <TextInput label="Reason" value={freeze.reason} onChange={(e) => setFreeze({ ...freeze, reason: e.currentTarget.value })} w={260} />
            <ActionIcon
              size="lg"
              variant="default"
              aria-label="Add freeze window"
              onClick={() => {
                if (!isPlanDay(freeze.from) || !isPlanDay(freeze.to)) return setError(`A freeze window needs real dates written YYYY-MM-DD, from ${EARLIEST_DAY} to ${LATEST_DAY}.`);
                if (freeze.from > freeze.to) return setError('A freeze window must not end before it starts.');
                void guard(() => updatePlan({ freezeWindows: [...info.freezeWindows, freeze] })).then((ok) => ok && setFreeze({ from: '', to: '', reason: '' }));
              }}
            >
              +
            </ActionIcon>
          </Group>
        </Card>
      </Stack>
    </ScrollArea>
  );
}
