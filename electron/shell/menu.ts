/**
 * The native menu. File commands use the OS dialogs, then the same dispatch as the page: the page
 * learns of what they did from the change feed.
 */
import { app, BrowserWindow, Menu, dialog, type MenuItemConstructorOptions } from 'electron';
import { readFileSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { MENU_COMMAND_CHANNEL, type MenuCommand } from '../../shared/bridge';
import type { DownloadFile, ExportFormat, OperationInput, OperationName, OperationOutput } from '../../shared/contract';
import { invalidUtf8Message, invalidUtf8Offset } from '../../shared/utf8';
import type { Dispatch } from '../services/dispatch';
import { UserError } from '../services/errors';
import type { Workspace } from '../services/workspace';

const PLAN_FILTERS = [{ name: 'Wave Planner plans', extensions: ['waveplan'] }];

/** A file's text, refused with the offset of the first byte that is not UTF-8. */
function strictUtf8(path: string): string {
  const bytes = readFileSync(path);
  const bad = invalidUtf8Offset(bytes);
  if (bad >= 0) throw new UserError('invalid-input', `${basename(path)} ${invalidUtf8Message(bad)}.`);
  return bytes.toString('utf8');
}

async function guarded(window: BrowserWindow | undefined, action: () => Promise<void> | void): Promise<void> {
  try {
    await action();
  } catch (error) {
    const message = error instanceof UserError ? error.message : 'Something went wrong inside Wave Planner and nothing was changed.';
    if (!(error instanceof UserError)) console.error(error);
    const options = { type: 'error' as const, title: 'Wave Planner', message };
    if (window) await dialog.showMessageBox(window, options);
    else await dialog.showMessageBox(options);
  }
}

/** (Re)builds the menu; call again when the open plan changes, so Open Recent is current. */
export function buildMenu(workspace: Workspace, dispatch: Dispatch): void {
  const focused = () => BrowserWindow.getFocusedWindow() ?? BrowserWindow.getAllWindows()[0];
  const call = async <N extends OperationName>(name: N, input: OperationInput<N>): Promise<OperationOutput<N>> => {
    const result = await dispatch(name, input);
    if (!result.ok) throw new UserError(result.error.code, result.error.message, result.error.problems);
    return result.value as OperationOutput<N>;
  };
  const save = (path: string, file: DownloadFile) => writeFileSync(path, Buffer.from(file.base64, 'base64'));

  const newPlan = () =>
    guarded(focused(), async () => {
      const result = await dialog.showSaveDialog(focused()!, { title: 'New plan', filters: PLAN_FILTERS, defaultPath: 'New rollout plan.waveplan' });
      if (result.canceled || !result.filePath) return;
      await call('plan:new', { path: result.filePath, name: basename(result.filePath, '.waveplan'), sample: false });
    });

  const openPlan = () =>
    guarded(focused(), async () => {
      const result = await dialog.showOpenDialog(focused()!, { title: 'Open plan', filters: PLAN_FILTERS, properties: ['openFile'] });
      if (result.canceled || !result.filePaths[0]) return;
      await call('plan:open', { path: result.filePaths[0] });
    });

  const openRecent = (path: string) => guarded(focused(), async () => void (await call('plan:open', { path })));

  const saveCopy = () =>
    guarded(focused(), async () => {
      const plan = await call('plan:current', {});
      if (!plan) throw new UserError('no-plan', 'No plan is open.');
      const result = await dialog.showSaveDialog(focused()!, { title: 'Save a copy', filters: PLAN_FILTERS, defaultPath: `${plan.name} copy.waveplan` });
      if (result.canceled || !result.filePath) return;
      // The save dialog has asked whether to replace an existing file.
      await call('plan:saveCopy', { path: result.filePath, replace: true });
    });

  const importFile = () =>
    guarded(focused(), async () => {
      const result = await dialog.showOpenDialog(focused()!, { title: 'Import', filters: [{ name: 'wave-plan JSON', extensions: ['json'] }], properties: ['openFile'] });
      if (result.canceled || !result.filePaths[0]) return;
      const path = result.filePaths[0];
      const summary = (await call('interchange:import', { fileName: basename(path), content: strictUtf8(path) })).value;
      await dialog.showMessageBox(focused()!, { type: 'info', title: 'Import', message: `Imported ${summary.fileName}: ${summary.sites} sites, ${summary.erps} ERPs. Undo (Ctrl+Z) takes it back.` });
    });

  const exportFile = () =>
    guarded(focused(), async () => {
      const file = await call('interchange:export', {});
      const result = await dialog.showSaveDialog(focused()!, { title: 'Export', filters: [{ name: 'wave-plan JSON', extensions: ['json'] }], defaultPath: file.fileName });
      if (result.canceled || !result.filePath) return;
      save(result.filePath, file);
    });

  const exportSchedule = (format: ExportFormat, name: string, extension: string) =>
    guarded(focused(), async () => {
      const file = await call('exports:file', { format });
      const result = await dialog.showSaveDialog(focused()!, { title: `Export ${name}`, filters: [{ name, extensions: [extension] }], defaultPath: file.fileName });
      if (result.canceled || !result.filePath) return;
      save(result.filePath, file);
    });

  const restoreDamaged = () =>
    guarded(focused(), async () => {
      const result = await dialog.showOpenDialog(focused()!, { title: 'Restore a damaged plan from its newest backup', filters: PLAN_FILTERS, properties: ['openFile'] });
      if (result.canceled || !result.filePaths[0]) return;
      await call('plan:restoreNewestBackup', { path: result.filePaths[0] });
    });

  const openCleanCopy = () =>
    guarded(focused(), async () => {
      const result = await dialog.showOpenDialog(focused()!, { title: 'Open a clean copy of a plan changed outside Wave Planner', filters: PLAN_FILTERS, properties: ['openFile'] });
      if (result.canceled || !result.filePaths[0]) return;
      await call('plan:openCleanCopy', { path: result.filePaths[0] });
    });

  const recent = workspace.appSettings.recentPlans;
  const template: MenuItemConstructorOptions[] = [
    ...(process.platform === 'darwin' ? [{ role: 'appMenu' as const }] : []),
    {
      label: '&File',
      submenu: [
        { label: 'New Plan…', accelerator: 'CmdOrCtrl+N', click: () => void newPlan() },
        { label: 'Open Plan…', accelerator: 'CmdOrCtrl+O', click: () => void openPlan() },
        {
          label: 'Open Recent',
          submenu: recent.length ? recent.map((r) => ({ label: `${r.name} — ${r.path}`, click: () => void openRecent(r.path) })) : [{ label: 'No recent plans', enabled: false }],
        },
        { type: 'separator' },
        { label: 'Save a Copy…', accelerator: 'CmdOrCtrl+Shift+S', click: () => void saveCopy() },
        { label: 'Restore a Damaged Plan from Its Newest Backup…', click: () => void restoreDamaged() },
        { label: 'Open a Clean Copy of a Changed Plan…', click: () => void openCleanCopy() },
        { label: 'Import…', accelerator: 'CmdOrCtrl+I', click: () => void importFile() },
        { label: 'Import Sites from CSV or Excel…', accelerator: 'CmdOrCtrl+Shift+I', click: () => focused()?.webContents.send(MENU_COMMAND_CHANNEL, 'import-sheet' satisfies MenuCommand) },
        { label: 'Open a Readiness Packet (Site Lead)…', click: () => focused()?.webContents.send(MENU_COMMAND_CHANNEL, 'open-packet' satisfies MenuCommand) },
        { label: 'Import Returned Readiness Packet…', click: () => focused()?.webContents.send(MENU_COMMAND_CHANNEL, 'import-packet' satisfies MenuCommand) },
        { type: 'separator' },
        { label: 'Share with a Team…', click: () => focused()?.webContents.send(MENU_COMMAND_CHANNEL, 'team-share' satisfies MenuCommand) },
        { label: 'Join a Team Plan…', click: () => focused()?.webContents.send(MENU_COMMAND_CHANNEL, 'team-join' satisfies MenuCommand) },
        { type: 'separator' },
        { label: 'Export…', accelerator: 'CmdOrCtrl+E', click: () => void exportFile() },
        {
          label: 'Export Schedule',
          submenu: [
            { label: 'CSV…', click: () => void exportSchedule('csv', 'CSV', 'csv') },
            { label: 'Excel Workbook…', click: () => void exportSchedule('xlsx', 'Excel workbook', 'xlsx') },
            { label: 'Calendar (.ics)…', click: () => void exportSchedule('ics', 'iCalendar', 'ics') },
            { label: 'MS Project XML…', click: () => void exportSchedule('mspdi', 'MS Project XML', 'xml') },
          ],
        },
        { label: 'Export PDF Report…', accelerator: 'CmdOrCtrl+P', click: () => focused()?.webContents.send(MENU_COMMAND_CHANNEL, 'report-pdf' satisfies MenuCommand) },
        { type: 'separator' },
        process.platform === 'darwin' ? { role: 'close' } : { role: 'quit' },
      ],
    },
    { role: 'editMenu' },
    // A packaged app offers no reload or DevTools: zoom and full screen only.
    app.isPackaged
      ? { label: '&View', submenu: [{ role: 'resetZoom' }, { role: 'zoomIn' }, { role: 'zoomOut' }, { type: 'separator' }, { role: 'togglefullscreen' }] }
      : { role: 'viewMenu' },
    { role: 'windowMenu' },
  ];
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}
