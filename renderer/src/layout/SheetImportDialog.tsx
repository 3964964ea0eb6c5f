/**
 * Importing sites, ERPs and readiness from a CSV or Excel file: pick the file, check how each column
 * was understood (change any), see every problem by row and column and what will be added, changed
 * and left alone, then import all rows or none. A backup of the plan is taken first.
 */
import { Alert, Badge, Button, Group, Loader, Modal, NativeSelect, ScrollArea, SegmentedControl, Stack, Table, Text } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import type { SheetChoice, SheetImportPreview } from '../../../shared/contract';
import { api } from '../api/client';
import { usePlanStore } from '../stores/plan-store';
import { HiddenFileInput } from '../components/HiddenFileInput';

interface Picked {
  fileName: string;
  base64: string;
}

async function readAsBase64(file: File): Promise<string> {
  const url = await new Promise<string>((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error ?? new Error(`Could not read ${file.name}`));
    reader.readAsDataURL(file);
  });
  return url.slice(url.indexOf(',') + 1);
}

function changeLine(label: string, summary: SheetImportPreview['sites']): string {
  return `${label}: ${summary.addedCount} to add, ${summary.changedCount} to change, ${summary.unchangedCount} unchanged`;
}

export function SheetImportDialog({ opened, onClose, onDone }: { opened: boolean; onClose(): void; onDone(message: string): void }) {
  const input = useRef<HTMLInputElement>(null);
  const [picked, setPicked] = useState<Picked | null>(null);
  const [choices, setChoices] = useState<SheetChoice[] | undefined>(undefined);
  const [preview, setPreview] = useState<SheetImportPreview | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const { track } = usePlanStore();

  useEffect(() => {
    if (!opened) {
      setPicked(null);
      setChoices(undefined);
      setPreview(null);
      setError(null);
    }
  }, [opened]);

  useEffect(() => {
    if (!picked) return;
    let current = true;
    setBusy('Reading and checking every row…');
    api['sheets:preview']({ ...picked, choices }).then(
      (p) => {
        if (!current) return;
        setPreview(p);
        setError(null);
        setBusy(null);
      },
      (e: Error) => {
        if (!current) return;
        setPreview(null);
        setError(e.message);
        setBusy(null);
      },
    );
    return () => {
      current = false;
    };
  }, [picked, choices]);

  const choose = (source: string, change: (choice: SheetChoice) => SheetChoice) => {
    if (!preview) return;
    const base = choices ?? preview.sheets.map((s) => ({ source: s.source, kind: s.kind, mapping: s.mapping }));
    setChoices(base.map((c) => (c.source === source ? change(c) : c)));
  };

  const commit = async () => {
    if (!picked) return;
    setBusy('Importing…');
    try {
      const { value: s } = await track(() => api['sheets:import']({ ...picked, choices }));
      onDone(`Imported ${s.fileName}: ${s.sitesAdded} sites added, ${s.sitesChanged} changed; ${s.erpsAdded} ERPs added, ${s.erpsChanged} changed. Undo (Ctrl+Z) takes it back.`);
      onClose();
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(null);
    }
  };

  const changes = preview ? preview.sites.addedCount + preview.sites.changedCount + preview.erps.addedCount + preview.erps.changedCount : 0;
  return (
    <Modal opened={opened} onClose={onClose} title="Import sites, ERPs and readiness from CSV or Excel" size="xl">
      <Stack gap="sm">
        <Group>
          <Button variant="default" onClick={() => input.current?.click()}>
            {picked ? 'Choose another file…' : 'Choose a file…'}
          </Button>
          <Text size="sm" c="dimmed">
            {picked ? picked.fileName : 'CSV (comma or semicolon) or .xlsx; the first row names the columns. Rows update sites by code and add new ones.'}
          </Text>
        </Group>
        <HiddenFileInput
          ref={input}
          accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          label="Sheet file"
          onFile={(file) => {
            setChoices(undefined);
            setPreview(null);
            setError(null);
            setBusy('Reading the file…');
            readAsBase64(file).then((base64) => setPicked({ fileName: file.name, base64 }), (err: Error) => setError(err.message));
          }}
        />
        {busy && (
          <Group gap="xs" data-testid="import-progress">
            <Loader size="xs" />
            <Text size="sm">{busy}</Text>
          </Group>
        )}
        {error && (
          <Alert color="red" title="Nothing was imported" style={{ whiteSpace: 'pre-wrap' }}>
            {error}
          </Alert>
        )}
        {preview && (
          <>
            {preview.sheets.map((sheet) => {
              const choice = choices?.find((c) => c.source === sheet.source) ?? sheet;
              const fields = preview.fields[choice.kind];
              return (
                <Stack key={sheet.source} gap={4}>
                  <Group justify="space-between">
                    <Text fw={600} size="sm">
                      {sheet.source} · {sheet.rows.toLocaleString()} rows
                    </Text>
                    <SegmentedControl
                      size="xs"
                      value={choice.kind}
                      data={[
                        { value: 'sites', label: 'Sites' },
                        { value: 'erps', label: 'ERPs' },
                      ]}
                      onChange={(kind) => choose(sheet.source, (c) => ({ ...c, kind: kind as SheetChoice['kind'], mapping: sheet.headers.map(() => null) }))}
                    />
                  </Group>
                  <ScrollArea.Autosize mah={220} type="auto">
                    <Table fz="xs" verticalSpacing={2} aria-label={`Columns of ${sheet.source}`}>
                      <Table.Thead>
                        <Table.Tr>
                          <Table.Th>Column</Table.Th>
                          <Table.Th>First values</Table.Th>
                          <Table.Th>Read as</Table.Th>
                        </Table.Tr>
                      </Table.Thead>
                      <Table.Tbody>
                        {sheet.headers.map((header, i) => (
                          <Table.Tr key={i}>
                            <Table.Td>{header}</Table.Td>
                            <Table.Td c="dimmed">{sheet.sample.map((r) => r[i] ?? '').filter(Boolean).slice(0, 3).join(' · ')}</Table.Td>
                            <Table.Td>
                              <NativeSelect
                                size="xs"
                                aria-label={`Field of column ${header}`}
                                value={choice.mapping[i] ?? ''}
                                data={[{ value: '', label: '— leave out —' }, ...fields.map((f) => ({ value: f.key, label: f.label }))]}
                                onChange={(e) => {
                                  const value = e.currentTarget.value || null;
                                  choose(sheet.source, (c) => ({ ...c, mapping: c.mapping.map((m, j) => (j === i ? value : m === value && value !== null ? null : m)) }));
                                }}
                              />
                            </Table.Td>
                          </Table.Tr>
                        ))}
                      </Table.Tbody>
                    </Table>
                  </ScrollArea.Autosize>
                </Stack>
              );
            })}
            <Stack gap={2} data-testid="import-summary">
              <Text size="sm">{changeLine('Sites', preview.sites)}</Text>
              <Text size="sm">{changeLine('ERPs', preview.erps)}</Text>
              {preview.sites.changed.slice(0, 5).map((c) => (
                <Text key={c.code} size="xs" c="dimmed">
                  {c.code}: {c.fields.join(', ')}
                </Text>
              ))}
            </Stack>
            {preview.problemCount > 0 && (
              <Stack gap={4}>
                <Group gap="xs">
                  <Badge color="red">{preview.problemCount} problems</Badge>
                  <Text size="sm">Fix them in the file (or change how a column is read); nothing is imported until there are none.</Text>
                </Group>
                <ScrollArea.Autosize mah={220} type="auto">
                  <Table fz="xs" verticalSpacing={2} aria-label="Problems" data-testid="import-problems">
                    <Table.Thead>
                      <Table.Tr>
                        <Table.Th>Sheet</Table.Th>
                        <Table.Th>Row</Table.Th>
                        <Table.Th>Column</Table.Th>
                        <Table.Th>Problem</Table.Th>
                      </Table.Tr>
                    </Table.Thead>
                    <Table.Tbody>
                      {preview.problems.map((p, i) => (
                        <Table.Tr key={i}>
                          <Table.Td>{p.source}</Table.Td>
                          <Table.Td>{p.row || '—'}</Table.Td>
                          <Table.Td>{p.column || '—'}</Table.Td>
                          <Table.Td>{p.message}</Table.Td>
                        </Table.Tr>
                      ))}
                    </Table.Tbody>
                  </Table>
                </ScrollArea.Autosize>
              </Stack>
            )}
          </>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button onClick={() => void commit()} disabled={!preview || preview.problemCount > 0 || changes === 0 || busy !== null}>
            {preview && changes === 0 ? 'Nothing to import' : 'Import all rows'}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
