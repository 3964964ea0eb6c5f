/**
 * The File commands for web mode, where there is no native menu: New plan, Open plan, Open recent,
 * Save a copy, Import, Export. (The desktop app has the same commands in its native File menu.)
 */
import { Button, Checkbox, Group, Menu, Modal, Stack, Text, TextInput } from '@mantine/core';
import { useRef, useState, type ReactNode } from 'react';
import { ApiError, type ExportFormat, type RecentPlan } from '../../../shared/contract';
import { api } from '../api/client';
import { readTextFile } from '../api/read-text-file';
import { usePlanStore } from '../stores/plan-store';
import { download } from './download';

type Dialog = 'new' | 'open' | 'copy' | 'restore' | 'clean' | null;


function PathDialog(props: { title: string; opened: boolean; onClose(): void; label: string; action: string; initial?: string; extra?: ReactNode; onSubmit(path: string): Promise<void> }) {
  const [path, setPath] = useState(props.initial ?? '');
  const [error, setError] = useState<string | null>(null);
  return (
    <Modal opened={props.opened} onClose={props.onClose} title={props.title} size="lg">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          props.onSubmit(path).then(props.onClose, (err: Error) => setError(err.message));
        }}
      >
        <Stack>
          <TextInput label={props.label} value={path} onChange={(e) => setPath(e.currentTarget.value)} error={error} data-autofocus />
          {props.extra}
          <Group justify="flex-end">
            <Button variant="default" onClick={props.onClose}>
              Cancel
            </Button>
            <Button type="submit">{props.action}</Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

export function FileMenu({ onNotice, onReport, onImportSheet, onOpenPacket, onImportPacket, onShare, onJoin }: { onNotice(message: string, kind: 'ok' | 'error'): void; onReport(): void; onImportSheet(): void; onOpenPacket(): void; onImportPacket(): void; onShare(): void; onJoin(): void }) {
  const [dialog, setDialog] = useState<Dialog>(null);
  const [replacing, setReplacing] = useState<{ path: string; message: string } | null>(null);
  const [recent, setRecent] = useState<RecentPlan[]>([]);
  const [newName, setNewName] = useState('New rollout plan');
  const [withSample, setWithSample] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);
  const { setInfo, track } = usePlanStore();

  const openPlan = async (path: string) => {
    setInfo(await api['plan:open']({ path }));
  };

  const importFile = async (file: File) => {
    try {
      const { value: summary } = await track(async () => api['interchange:import']({ fileName: file.name, content: await readTextFile(file) }));
      onNotice(`Imported ${summary.fileName}: ${summary.sites} sites, ${summary.erps} ERPs. Undo (Ctrl+Z) takes it back; a backup was taken first.`, 'ok');
    } catch (error) {
      onNotice((error as Error).message, 'error');
    }
  };

  const exportPlan = async () => {
    try {
      const file = await api['interchange:export']();
      download(file);
    } catch (error) {
      onNotice((error as Error).message, 'error');
    }
  };

  const exportSchedule = async (format: ExportFormat) => {
    try {
      const file = await api['exports:file']({ format });
      download(file);
    } catch (error) {
      onNotice((error as Error).message, 'error');
    }
  };

  return (
    <>
      <Menu shadow="md" width={260} position="bottom-start" onOpen={() => void api['plan:recent']().then(setRecent, () => setRecent([]))}>
        <Menu.Target>
          <Button variant="subtle" size="compact-sm">
            File
          </Button>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Item onClick={() => setDialog('new')}>New plan…</Menu.Item>
          <Menu.Item onClick={() => setDialog('open')}>Open plan…</Menu.Item>
          <Menu.Label>Open recent</Menu.Label>
          {recent.length === 0 && <Menu.Item disabled>No recent plans</Menu.Item>}
          {recent.map((r) => (
            <Menu.Item key={r.path} onClick={() => openPlan(r.path).catch((e: Error) => onNotice(e.message, 'error'))} title={r.path}>
              <Text size="sm" truncate>
                {r.name}
              </Text>
            </Menu.Item>
          ))}
          <Menu.Divider />
          <Menu.Item onClick={() => setDialog('copy')}>Save a copy…</Menu.Item>
          <Menu.Item onClick={() => setDialog('restore')}>Restore a damaged plan from its newest backup…</Menu.Item>
          <Menu.Item onClick={() => setDialog('clean')}>Open a clean copy of a plan changed outside Wave Planner…</Menu.Item>
          <Menu.Item onClick={() => fileInput.current?.click()}>Import wave-plan JSON…</Menu.Item>
          <Menu.Item onClick={onImportSheet}>Import sites from CSV or Excel…</Menu.Item>
          <Menu.Item onClick={onImportPacket}>Import a returned readiness packet…</Menu.Item>
          <Menu.Item onClick={onOpenPacket}>Open a readiness packet (site lead)…</Menu.Item>
          <Menu.Divider />
          <Menu.Item onClick={onShare}>Share with a team…</Menu.Item>
          <Menu.Item onClick={onJoin}>Join a team plan…</Menu.Item>
          <Menu.Divider />
          <Menu.Item onClick={() => void exportPlan()}>Export wave-plan JSON…</Menu.Item>
          <Menu.Item onClick={onReport}>Export PDF report…</Menu.Item>
          <Menu.Label>Export the schedule</Menu.Label>
          <Menu.Item onClick={() => void exportSchedule('csv')}>CSV</Menu.Item>
          <Menu.Item onClick={() => void exportSchedule('xlsx')}>Excel workbook</Menu.Item>
          <Menu.Item onClick={() => void exportSchedule('ics')}>Calendar (.ics)</Menu.Item>
          <Menu.Item onClick={() => void exportSchedule('mspdi')}>MS Project XML</Menu.Item>
        </Menu.Dropdown>
      </Menu>
      <input
        ref={fileInput}
        type="file"
        accept=".json,application/json"
        hidden
        aria-label="Import file"
        onChange={(e) => {
          const file = e.currentTarget.files?.[0];
          e.currentTarget.value = '';
          if (file) void importFile(file);
        }}
      />
      <Modal opened={dialog === 'new'} onClose={() => setDialog(null)} title="New plan">
        <form
          onSubmit={(e) => {
            e.preventDefault();
            api['plan:new']({ name: newName, sample: withSample }).then(
              (info) => {
                setInfo(info);
                setDialog(null);
              },
              (err: Error) => onNotice(err.message, 'error'),
            );
          }}
        >
          <Stack>
            <TextInput label="Plan name" value={newName} onChange={(e) => setNewName(e.currentTarget.value)} data-autofocus />
            <Checkbox label="Start from the sample plan" checked={withSample} onChange={(e) => setWithSample(e.currentTarget.checked)} />
            <Group justify="flex-end">
              <Button type="submit">Create</Button>
            </Group>
          </Stack>
        </form>
      </Modal>
      <PathDialog title="Open plan" label="Plan file (.waveplan)" action="Open" opened={dialog === 'open'} onClose={() => setDialog(null)} onSubmit={openPlan} />
      <PathDialog
        title="Restore a damaged plan from its newest backup"
        label="The plan file that will not open (.waveplan)"
        action="Restore"
        opened={dialog === 'restore'}
        onClose={() => setDialog(null)}
        onSubmit={async (path) => {
          setInfo(await api['plan:restoreNewestBackup']({ path }));
          onNotice('Restored the newest good backup; the damaged file is kept beside it.', 'ok');
        }}
      />
      <PathDialog
        title="Open a clean copy"
        label="The plan file that was changed outside Wave Planner (.waveplan)"
        action="Open a clean copy"
        opened={dialog === 'clean'}
        onClose={() => setDialog(null)}
        onSubmit={async (path) => {
          const info = await api['plan:openCleanCopy']({ path });
          setInfo(info);
          onNotice(`Opened ${info.fileName}: the plan's data without what was added to the file. The original is left as it is.`, 'ok');
        }}
      />
      <PathDialog
        title="Save a copy"
        label="Save a copy as (.waveplan)"
        action="Save copy"
        opened={dialog === 'copy'}
        onClose={() => setDialog(null)}
        onSubmit={async (path) => {
          try {
            const saved = await api['plan:saveCopy']({ path });
            onNotice(`Saved a copy to ${saved.path}.`, 'ok');
          } catch (error) {
            // A file is there already: ask before replacing it.
            if (error instanceof ApiError && error.code === 'conflict') setReplacing({ path, message: error.message });
            else throw error;
          }
        }}
      />
      <Modal opened={replacing !== null} onClose={() => setReplacing(null)} title="Replace the file?">
        <Stack>
          <Text size="sm">{replacing?.message}</Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setReplacing(null)} data-autofocus>
              Cancel
            </Button>
            <Button
              color="red"
              onClick={() => {
                const path = replacing!.path;
                setReplacing(null);
                api['plan:saveCopy']({ path, replace: true }).then(
                  (saved) => onNotice(`Saved a copy to ${saved.path}; the file it replaced is kept beside it.`, 'ok'),
                  (err: Error) => onNotice(err.message, 'error'),
                );
              }}
            >
              Replace
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
