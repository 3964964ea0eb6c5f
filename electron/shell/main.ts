/**
 * The Electron shell: one hardened window, the native menu, the app:// protocol and IPC. Everything
 * else is in the backend services, which never import electron.
 */
import { app, BrowserWindow } from 'electron';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CHANGE_FEED_CHANNEL } from '../../shared/bridge';
import { createDispatch } from '../services/dispatch';
import { createHandlers } from '../services/handlers';
import { Workspace } from '../services/workspace';
import { APP_ORIGIN, registerAppScheme, serveRenderer } from './app-protocol';
import { registerIpc } from './ipc';
import { buildMenu } from './menu';
import { documentsIn, openDocument } from './open-documents';
import { applySecurityPolicies } from './security';
import { initialBounds, trackWindowState } from './window-state';

const here = fileURLToPath(new URL('.', import.meta.url));
const devServerUrl = !app.isPackaged ? process.env.ELECTRON_RENDERER_URL : undefined;

registerAppScheme();

/** Documents the operating system asked to open before the app was ready to open them. */
const waiting: string[] = documentsIn(process.argv);
let openNow: ((path: string) => void) | null = null;
// macOS hands a double-clicked file over in this event, which must be listened to before ready.
app.on('open-file', (event, path) => {
  event.preventDefault();
  if (openNow) openNow(path);
  else waiting.push(path);
});

function createWindow(workspace: Workspace): BrowserWindow {
  const bounds = initialBounds(workspace.appSettings);
  const window = new BrowserWindow({
    ...bounds,
    minWidth: 900,
    minHeight: 600,
    show: false,
    title: 'Wave Planner',
    webPreferences: {
      preload: join(here, '../preload/preload.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      // A middle-click would open a link in a new window without going through will-navigate.
      disableBlinkFeatures: 'Auxclick',
      spellcheck: true,
      // DevTools only while developing: a packaged app offers no way into its page.
      devTools: !app.isPackaged,
    },
  });
  if (bounds.maximized) window.maximize();
  window.once('ready-to-show', () => window.show());
  trackWindowState(window, workspace.appSettings);
  void window.loadURL(devServerUrl ?? `${APP_ORIGIN}/index.html`);
  return window;
}

async function start(): Promise<void> {
  await app.whenReady();
  const workspace = new Workspace(app.getPath('userData'), 'ui');
  workspace.startBackupTimer();
  applySecurityPolicies(devServerUrl);
  serveRenderer(join(here, '../renderer'));
  try {
    workspace.openLastOrSample();
  } catch (error) {
    console.error('Could not open a plan at start:', error);
  }
  const dispatch = createDispatch(createHandlers(workspace));
  registerIpc(dispatch, devServerUrl);
  buildMenu(workspace, dispatch);
  // The change feed goes to every window; a switch of plan also refreshes Open Recent.
  workspace.onChange((event) => {
    for (const window of BrowserWindow.getAllWindows()) window.webContents.send(CHANGE_FEED_CHANNEL, event);
    if (event.type === 'plan') buildMenu(workspace, dispatch);
  });
  createWindow(workspace);
  openNow = (path) => void openDocument(path, dispatch);
  for (const path of waiting.splice(0)) openNow(path);
  // A second start (a double-click on a file while the app runs) hands its arguments over and quits.
  app.on('second-instance', (_event, argv) => {
    const documents = documentsIn(argv);
    for (const path of documents) openNow?.(path);
    const window = BrowserWindow.getAllWindows()[0];
    if (documents.length === 0 && window) {
      if (window.isMinimized()) window.restore();
      window.focus();
    }
  });
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createWindow(workspace);
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('will-quit', () => workspace.close());
}

if (!app.requestSingleInstanceLock()) app.quit();
else void start();
