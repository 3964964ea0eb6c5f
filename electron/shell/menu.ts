/** The native menu. File commands use the OS dialogs, then the same backend services as every transport. */
import { BrowserWindow, Menu, dialog, type MenuItemConstructorOptions } from 'electron';
import { readFileSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { MENU_COMMAND_CHANNEL, type MenuCommand } from '../../shared/bridge';
import { parseJsonText } from '../../shared/interchange';
import { UserError } from '../services/errors';
import type { Workspace } from '../services/workspace';
import { exportFile as exportScheduleFile } from '../services/exports/export-file';
import type { ExportFormat } from '../../shared/contract';

const PLAN_FILTERS = [{ name: 'Wave Planner plans', extensions: ['waveplan'] }];

export interface MenuActions {
  /** Tell the page the open plan changed. */
  planChanged(): void;
}

async function guarded(window: BrowserWindow | undefined, action: () => Promise<void> | void): Promise<void> {
  try {
    await action();
  } catch (error) {
    const message = error instanceof UserError ? error.message : `Something went wrong: ${(error as Error).message}`;
    const options = { type: 'error' as const, title: 'Wave Planner', message };
    if (window) await dialog.showMessageBox(window, options);
    else await dialog.showMessageBox(options);
  }
}

export function buildMenu(workspace: Workspace, actions: MenuActions): void {
  const focused = () => BrowserWindow.getFocusedWindow() ?? BrowserWindow.getAllWindows()[0];
  const rebuild = () => buildMenu(workspace, actions);
  const afterOpen = () => {
    actions.planChanged();
    rebuild();
  };

  const newPlan = () =>
    guarded(focused(), async () => {
      const result = await dialog.showSaveDialog(focused()!, { title: 'New plan', filters: PLAN_FILTERS, defaultPath: 'New rollout plan.waveplan' });
      if (result.canceled || !result.filePath) return;
      workspace.newPlan({ path: result.filePath, name: basename(result.filePath, '.waveplan'), sample: false });
      afterOpen();
    });

  const openPlan = () =>
    guarded(focused(), async () => {
      const result = await dialog.showOpenDialog(focused()!, { title: 'Open plan', filters: PLAN_FILTERS, properties: ['openFile'] });
      if (result.canceled || !result.filePaths[0]) return;
      workspace.openPlan(result.filePaths[0]);
      afterOpen();
    });

  const openRecent = (path: string) =>
    guarded(focused(), () => {
      workspace.openPlan(path);
      afterOpen();
    });

  const saveCopy = () =>
    guarded(focused(), async () => {
      const plan = workspace.requirePlan();
      const result = await dialog.showSaveDialog(focused()!, { title: 'Save a copy', filters: PLAN_FILTERS, defaultPath: `${plan.info().name} copy.waveplan` });
      if (result.canceled || !result.filePath) return;
      plan.saveCopy(result.filePath);
    });

  const importFile = () =>
    guarded(focused(), async () => {
      const plan = workspace.requirePlan();
      const result = await dialog.showOpenDialog(focused()!, { title: 'Import', filters: [{ name: 'wave-plan JSON', extensions: ['json'] }], properties: ['openFile'] });
      if (result.canceled || !result.filePaths[0]) return;
      const path = result.filePaths[0];
      const parsed = parseJsonText(readFileSync(path, 'utf8'));
      if (!parsed.ok) throw new UserError('invalid-input', `${basename(path)}: ${parsed.problems[0]!.message}`);
      const summary = plan.importWavePlan(parsed.value, basename(path), 'import');
      actions.planChanged();
      await dialog.showMessageBox(focused()!, { type: 'info', title: 'Import', message: `Imported ${summary.fileName}: ${summary.sites} sites, ${summary.erps} ERPs.` });
    });

  const exportFile = () =>
    guarded(focused(), async () => {
      const plan = workspace.requirePlan();
      const result = await dialog.showSaveDialog(focused()!, { title: 'Export', filters: [{ name: 'wave-plan JSON', extensions: ['json'] }], defaultPath: `${plan.info().name}.wave-plan.json` });
      if (result.canceled || !result.filePath) return;
      writeFileSync(result.filePath, plan.exportWavePlanText());
    });

  const exportSchedule = (format: ExportFormat, name: string, extension: string) =>
    guarded(focused(), async () => {
      const file = await exportScheduleFile(workspace.requirePlan(), format);
      const result = await dialog.showSaveDialog(focused()!, { title: `Export ${name}`, filters: [{ name, extensions: [extension] }], defaultPath: file.fileName });
      if (result.canceled || !result.filePath) return;
      writeFileSync(result.filePath, file.bytes);
    });

  const restoreDamaged = () =>
    guarded(focused(), async () => {
      const result = await dialog.showOpenDialog(focused()!, { title: 'Restore a damaged plan from its newest backup', filters: PLAN_FILTERS, properties: ['openFile'] });
      if (result.canceled || !result.filePaths[0]) return;
      workspace.restoreNewestBackup(result.filePaths[0]);
      afterOpen();
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
        { label: 'Import…', accelerator: 'CmdOrCtrl+I', click: () => void importFile() },
        { label: 'Import Sites from CSV or Excel…', accelerator: 'CmdOrCtrl+Shift+I', click: () => focused()?.webContents.send(MENU_COMMAND_CHANNEL, 'import-sheet' satisfies MenuCommand) },
        { label: 'Open a Readiness Packet (Site Lead)…', click: () => focused()?.webContents.send(MENU_COMMAND_CHANNEL, 'open-packet' satisfies MenuCommand) },
        { label: 'Import Returned Readiness Packet…', click: () => focused()?.webContents.send(MENU_COMMAND_CHANNEL, 'import-packet' satisfies MenuCommand) },
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
    { role: 'viewMenu' },
    { role: 'windowMenu' },
  ];
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}
