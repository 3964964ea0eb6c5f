/**
 * The command palette (Ctrl+K): every main action and every site, found by typing. Built on cmdk,
 * which does the fuzzy matching and keyboard handling, inside a Mantine modal.
 */
import { Kbd, Modal, Text } from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { Command } from 'cmdk';
import { useState } from 'react';
import { useNavigationStore, type ScreenId } from '../stores/navigation-store';
import { usePortfolioStore } from '../stores/portfolio-store';
import { useScheduleStore } from '../stores/schedule-store';
import { useHistoryStore } from '../stores/history-store';

export interface PaletteAction {
  id: string;
  label: string;
  shortcut?: string;
  run(): void;
}

export function CommandPalette({ screens, extra }: { screens: { id: ScreenId; label: string; shortcut: string }[]; extra: PaletteAction[] }) {
  const [opened, setOpened] = useState(false);
  const [search, setSearch] = useState('');
  const toggle = () => {
    setSearch('');
    setOpened((o) => !o);
  };
  useHotkeys([['mod+K', toggle]], []);
  const show = useNavigationStore((s) => s.show);
  const sites = usePortfolioStore((s) => s.sites);
  const typed = search.trim().toLowerCase();
  // A site whose code starts with what was typed ("US-", "de-str") comes before every command; cmdk
  // keeps its groups in the order given.
  const sitesFirst = typed !== '' && sites.some((s) => s.code.toLowerCase().startsWith(typed));
  const actions: PaletteAction[] = [
    ...screens.map((s) => ({ id: `go-${s.id}`, label: `Go to ${s.label}`, shortcut: s.shortcut, run: () => show(s.id) })),
    { id: 'add-site', label: 'Add a site', run: () => show('portfolio', { kind: 'add-site' }) },
    { id: 'replan', label: 'Re-plan the waves', run: () => void useScheduleStore.getState().replan().then(() => show('plan')) },
    { id: 'faster-sequence', label: 'Find a faster sequence', run: () => show('plan', { kind: 'find-faster-sequence' }) },
    { id: 'undo', label: 'Undo', shortcut: 'Ctrl+Z', run: () => void useHistoryStore.getState().undo() },
    { id: 'redo', label: 'Redo', shortcut: 'Ctrl+Shift+Z', run: () => void useHistoryStore.getState().redo() },
    ...extra,
  ];
  const run = (action: () => void) => {
    setOpened(false);
    action();
  };
  const actionsGroup = (
    <Command.Group key="actions" heading="Actions">
      {actions.map((a) => (
        <Command.Item key={a.id} value={a.label} onSelect={() => run(a.run)}>
          <span>{a.label}</span>
          {a.shortcut && <Kbd size="xs">{a.shortcut}</Kbd>}
        </Command.Item>
      ))}
    </Command.Group>
  );
  const sitesGroup = (
    <Command.Group key="sites" heading="Sites">
      {sites.map((s) => (
        <Command.Item key={s.code} value={`${s.code} ${s.name}`} keywords={[s.region, s.country, s.erp]} onSelect={() => run(() => show('portfolio', { kind: 'open-site', code: s.code }))}>
          <span>
            <Text span ff="monospace" fw={600} size="sm">
              {s.code}
            </Text>{' '}
            {s.name}
          </span>
          <Text span size="xs" c="dimmed">
            {s.region} · {s.erp}
          </Text>
        </Command.Item>
      ))}
    </Command.Group>
  );
  return (
    <Modal.Root opened={opened} onClose={() => setOpened(false)} size="lg" padding={0} yOffset="12vh">
      <Modal.Overlay />
      <Modal.Content aria-label="Command palette">
        <Command label="Command palette" className="wp-command" loop>
          <Command.Input autoFocus placeholder="Type a command or a site…" aria-label="Command" value={search} onValueChange={setSearch} />
          <Command.List>
            <Command.Empty>Nothing matches.</Command.Empty>
            {sitesFirst ? [sitesGroup, actionsGroup] : [actionsGroup, sitesGroup]}
          </Command.List>
        </Command>
      </Modal.Content>
    </Modal.Root>
  );
}
