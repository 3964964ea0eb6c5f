/** The window: title bar with the plan name and save state, left navigation, the current screen. */
import { Alert, AppShell, Button, Group, Kbd, NavLink, Text, Title } from '@mantine/core';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { api, isDesktop, onMenuCommand, onPacketFile } from '../api/client';
import { PacketImportDialog } from '../packets/PacketImportDialog';
import { usePacketStore } from '../packets/packet-store';
import { useHotkeys } from '@mantine/hooks';
import { useNavigationStore, type ScreenId } from '../stores/navigation-store';
import { usePlanStore, type SaveState } from '../stores/plan-store';
import { useHistoryStore } from '../stores/history-store';
import { CommandPalette } from './CommandPalette';
import { FileMenu } from './FileMenu';
import { ReportDialog } from './ReportDialog';
import { SheetImportDialog } from './SheetImportDialog';
import { HiddenFileInput } from '../components/HiddenFileInput';
import { readTextFile } from '../api/read-text-file';
import { notify } from './notify';
import { JoinDialog, ShareDialog } from '../screens/team/TeamDialogs';
import { TeamBadge } from './TeamBadge';

export interface Screen {
  id: ScreenId;
  label: string;
  render(): ReactNode;
}

function saveLabel(save: SaveState): { text: string; color: string } {
  switch (save.kind) {
    case 'saving':
      return { text: 'Saving…', color: 'dimmed' };
    case 'failed':
      return { text: 'Not saved', color: 'red' };
    case 'saved':
      return { text: 'All changes saved', color: 'teal' };
    default:
      return { text: 'Saved', color: 'dimmed' };
  }
}

export function AppFrame({ screens }: { screens: Screen[] }) {
  const active = useNavigationStore((s) => s.screen);
  const show = useNavigationStore((s) => s.show);
  const [reportOpen, setReportOpen] = useState(false);
  const [sheetImportOpen, setSheetImportOpen] = useState(false);
  const [packetImportOpen, setPacketImportOpen] = useState(false);
  const [teamDialog, setTeamDialog] = useState<'share' | 'join' | null>(null);
  const packetInput = useRef<HTMLInputElement>(null);
  useEffect(
    () =>
      onMenuCommand((command) => {
        if (command === 'report-pdf') setReportOpen(true);
        if (command === 'import-sheet') setSheetImportOpen(true);
        if (command === 'open-packet') packetInput.current?.click();
        if (command === 'import-packet') setPacketImportOpen(true);
        if (command === 'team-share') setTeamDialog('share');
        if (command === 'team-join') setTeamDialog('join');
      }),
    [],
  );
  // A packet double-clicked in the operating system opens in the site lead's view.
  useEffect(
    () =>
      onPacketFile((file) =>
        void api['packets:open'](file).then(
          (packet) => usePacketStore.getState().open(file.fileName, packet),
          (error: Error) => notify(error.message, 'error'),
        ),
      ),
    [],
  );
  const history = useHistoryStore();
  // Text fields keep their own undo: the shortcuts act on the plan only outside them.
  useHotkeys([
    ['mod+Z', () => void history.undo()],
    ['mod+shift+Z', () => void history.redo()],
    ['mod+Y', () => void history.redo()],
  ]);
  // Alt+1…7 switch screens, also while typing in a field (Ctrl+digit belongs to the browser's tabs in web mode).
  useHotkeys(
    screens.map((s, i) => [`alt+${i + 1}`, () => show(s.id)] as [string, () => void]),
    [],
  );
  const { info, save, loadError } = usePlanStore();
  const status = saveLabel(save);
  const screen = screens.find((s) => s.id === active) ?? screens[0]!;

  return (
    <AppShell header={{ height: 48 }} navbar={{ width: 200, breakpoint: 0 }} padding="md">
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Text fw={700} c="var(--mantine-color-blue-text)">
              Wave Planner
            </Text>
            {!isDesktop && <FileMenu onNotice={notify} onReport={() => setReportOpen(true)} onImportSheet={() => setSheetImportOpen(true)} onOpenPacket={() => packetInput.current?.click()} onImportPacket={() => setPacketImportOpen(true)} onShare={() => setTeamDialog('share')} onJoin={() => setTeamDialog('join')} />}
            <Title order={1} size="h5" fw={500} data-testid="plan-name" lineClamp={1}>
              {info?.name ?? 'No plan open'}
            </Title>
            {info && (
              <Text size="xs" c="dimmed" title={info.path} truncate>
                {info.fileName}
              </Text>
            )}
          </Group>
          <Group gap="sm" wrap="nowrap">
            <TeamBadge />
            <Text size="xs" c={status.color} data-testid="save-state" title={save.kind === 'failed' ? save.message : undefined}>
              {status.text}
            </Text>
            <Button size="compact-sm" variant="subtle" onClick={() => void history.undo()} disabled={!history.undoSteps.length || history.running} title={history.undoSteps.length ? `Undo ${history.undoSteps[0]!.label} (Ctrl+Z)` : 'Nothing to undo'}>
              Undo
            </Button>
            <Button size="compact-sm" variant="subtle" onClick={() => void history.redo()} disabled={!history.redoSteps.length || history.running} title={history.redoSteps.length ? `Redo ${history.redoSteps[0]!.label} (Ctrl+Shift+Z)` : 'Nothing to redo'}>
              Redo
            </Button>
            <Text size="xs" c="dimmed" visibleFrom="sm">
              <Kbd size="xs">Ctrl</Kbd>+<Kbd size="xs">K</Kbd> commands
            </Text>
            <Button size="compact-sm" variant="light" onClick={() => setReportOpen(true)} disabled={!info}>
              Report PDF
            </Button>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs">
        {screens.map((s) => (
          // A button, not an anchor without a link, so Tab reaches it.
          <NavLink key={s.id} component="button" type="button" label={s.label} active={s.id === screen.id} variant="filled" onClick={() => show(s.id)} data-testid={`nav-${s.id}`} title={`Alt+${screens.indexOf(s) + 1}`} aria-current={s.id === screen.id ? 'page' : undefined} />
        ))}
      </AppShell.Navbar>
      <AppShell.Main style={{ height: '100dvh', display: 'flex', flexDirection: 'column' }}>
        {loadError && <Alert color="red" title="Could not reach the plan" mb="md">{loadError}</Alert>}
        {info?.warnings.map((warning) => (
          <Alert key={warning} color="yellow" title="About this plan file" mb="md" data-testid="plan-warning">
            {warning}
          </Alert>
        ))}
        {info ? screen.render() : !loadError && <Text c="dimmed">Open or create a plan from the File menu.</Text>}
      </AppShell.Main>
      <ReportDialog opened={reportOpen} onClose={() => setReportOpen(false)} />
      <ShareDialog opened={teamDialog === 'share'} onClose={() => setTeamDialog(null)} />
      <JoinDialog opened={teamDialog === 'join'} onClose={() => setTeamDialog(null)} />
      <PacketImportDialog opened={packetImportOpen} onClose={() => setPacketImportOpen(false)} onDone={(message) => notify(message, 'ok')} />
      <HiddenFileInput
        ref={packetInput}
        accept=".wavepacket,application/json"
        label="Readiness packet to open"
        onFile={(file) =>
          void readTextFile(file)
            .then((content) => api['packets:open']({ fileName: file.name, content }))
            .then((packet) => usePacketStore.getState().open(file.name, packet), (error: Error) => notify(error.message, 'error'))
        }
      />
      <SheetImportDialog opened={sheetImportOpen} onClose={() => setSheetImportOpen(false)} onDone={(message) => notify(message, 'ok')} />
      <CommandPalette
        screens={screens.map((s, i) => ({ id: s.id, label: s.label, shortcut: `Alt+${i + 1}` }))}
        extra={[
          { id: 'report', label: 'Export the steering-committee PDF', shortcut: isDesktop ? 'Ctrl+P' : undefined, run: () => setReportOpen(true) },
          { id: 'import-sheet', label: 'Import sites from CSV or Excel', run: () => setSheetImportOpen(true) },
          { id: 'open-packet', label: 'Open a readiness packet (site lead)', run: () => packetInput.current?.click() },
          { id: 'import-packet', label: 'Import a returned readiness packet', run: () => setPacketImportOpen(true) },
          { id: 'team-share', label: 'Share this plan with a team', run: () => setTeamDialog('share') },
          { id: 'team-join', label: 'Join a team plan', run: () => setTeamDialog('join') },
        ]}
      />
    </AppShell>
  );
}
