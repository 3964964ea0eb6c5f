// The Electron shell cannot start here (no Electron binary can be downloaded), so these tests load
// the real shell modules against a recording stand-in for the `electron` module and check what the
// shell asks Electron to do: window security options, IPC sender checks, protocol confinement.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';

const recorded = vi.hoisted(() => ({
  windows: [] as { options: any; loaded: string[] }[],
  ipcHandlers: new Map<string, (event: unknown, input: unknown) => Promise<unknown>>(),
  webContentsCreated: [] as ((event: unknown, contents: unknown) => void)[],
  permissionHandler: null as null | ((c: unknown, p: string, cb: (ok: boolean) => void) => void),
  privileged: [] as unknown[],
  protocolHandlers: new Map<string, (request: Request) => Promise<Response>>(),
  appListeners: new Map<string, ((...args: any[]) => void)[]>(),
  menus: [] as any[],
  dataDir: '',
}));

vi.mock('electron', () => {
  class BrowserWindow {
    static all: BrowserWindow[] = [];
    static getAllWindows = () => BrowserWindow.all;
    static getFocusedWindow = () => BrowserWindow.all[0];
    webContents = { send: vi.fn() };
    isMinimized = () => false;
    restore = vi.fn();
    focus = vi.fn();
    record: { options: any; loaded: string[] };
    constructor(options: unknown) {
      this.record = { options, loaded: [] };
      recorded.windows.push(this.record);
      BrowserWindow.all.push(this);
    }
    loadURL(url: string) {
      this.record.loaded.push(url);
      return Promise.resolve();
    }
    once() {}
    on() {}
    maximize() {}
    isDestroyed() {
      return false;
    }
  }
  const app = {
    isPackaged: true,
    whenReady: () => Promise.resolve(),
    getPath: () => recorded.dataDir,
    requestSingleInstanceLock: () => true,
    quit: vi.fn(),
    on: (event: string, listener: (...args: any[]) => void) => {
      if (event === 'web-contents-created') recorded.webContentsCreated.push(listener);
      recorded.appListeners.set(event, [...(recorded.appListeners.get(event) ?? []), listener]);
    },
  };
  return {
    app,
    BrowserWindow,
    Menu: { buildFromTemplate: (t: unknown) => t, setApplicationMenu: (menu: unknown) => recorded.menus.push(menu) },
    dialog: { showMessageBox: vi.fn() },
    shell: { openExternal: vi.fn() },
    screen: { getAllDisplays: () => [] },
    net: { fetch: vi.fn() },
    ipcMain: { handle: (channel: string, handler: (event: unknown, input: unknown) => Promise<unknown>) => recorded.ipcHandlers.set(channel, handler) },
    protocol: {
      registerSchemesAsPrivileged: (schemes: unknown[]) => recorded.privileged.push(...schemes),
      handle: (scheme: string, handler: (request: Request) => Promise<Response>) => recorded.protocolHandlers.set(scheme, handler),
    },
    session: {
      defaultSession: {
        setPermissionRequestHandler: (h: typeof recorded.permissionHandler) => (recorded.permissionHandler = h),
        setPermissionCheckHandler: vi.fn(),
      },
    },
  };
});

let started: Promise<void> | null = null;

/** Starts the shell once (the module runs at import); every test then inspects what it recorded. */
function startShell(): Promise<void> {
  started ??= (async () => {
    recorded.dataDir = mkdtempSync(join(tmpdir(), 'wave-planner-shell-'));
    await import('../../electron/shell/main');
    await vi.waitFor(() => expect(recorded.windows).toHaveLength(1));
  })();
  return started;
}

describe('the Electron shell', () => {
  it('opens one window with every security option written out, served from app://', async () => {
    await startShell();
    const [window] = recorded.windows;
    expect(window!.options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false,
      allowRunningInsecureContent: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      disableBlinkFeatures: 'Auxclick',
    });
    expect(window!.options.webPreferences.preload).toMatch(/preload[\\/]preload\.cjs$/);
    expect(window!.loaded).toEqual(['app://wave-planner/index.html']);
    expect(recorded.privileged).toContainEqual({ scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) });
  });

  it('handles every contract operation over IPC, and only for its own page', async () => {
    await startShell();
    const { OPERATION_NAMES, channelOf } = await import('../../shared/operation-names');
    expect([...recorded.ipcHandlers.keys()].sort()).toEqual(OPERATION_NAMES.map(channelOf).sort());
    const getSite = recorded.ipcHandlers.get(channelOf('sites:get'))!;
    const own = await getSite({ senderFrame: { url: 'app://wave-planner/index.html' } }, { code: 'US-GRV' });
    expect(own).toMatchObject({ ok: true, value: { code: 'US-GRV' } });
    const foreign = await getSite({ senderFrame: { url: 'https://evil.example/' } }, { code: 'US-GRV' });
    expect(foreign).toMatchObject({ ok: false, error: { code: 'refused' } });
    const invalid = await getSite({ senderFrame: { url: 'app://wave-planner/index.html' } }, { code: 42 });
    expect(invalid).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
  });

  it('passes every commit on the change feed to its windows', async () => {
    await startShell();
    const { channelOf } = await import('../../shared/operation-names');
    const { CHANGE_FEED_CHANNEL } = await import('../../shared/bridge');
    const electron = await import('electron');
    const window = (electron.BrowserWindow as unknown as { all: { webContents: { send: ReturnType<typeof vi.fn> } }[] }).all[0]!;
    const update = recorded.ipcHandlers.get(channelOf('sites:update'))!;
    const result = await update({ senderFrame: { url: 'app://wave-planner/index.html' } }, { code: 'US-GRV', patch: { notes: 'from the shell test' } });
    expect(result).toMatchObject({ ok: true, value: { revision: expect.any(Number) } });
    expect(window.webContents.send).toHaveBeenCalledWith(CHANGE_FEED_CHANNEL, expect.objectContaining({ type: 'commit', label: 'Edit notes of US-GRV', changes: [{ entity: 'sites', ids: ['US-GRV'], count: 1 }] }));
  });

  it('denies permissions, new windows and navigation away from the app', async () => {
    await startShell();
    const answers: boolean[] = [];
    recorded.permissionHandler!(null, 'geolocation', (ok) => answers.push(ok));
    expect(answers).toEqual([false]);
    const listeners = new Map<string, (...args: any[]) => void>();
    let openHandler: ((details: { url: string }) => { action: string }) | undefined;
    const contents = { on: (name: string, fn: (...args: any[]) => void) => listeners.set(name, fn), setWindowOpenHandler: (fn: typeof openHandler) => (openHandler = fn) };
    for (const created of recorded.webContentsCreated) created({}, contents);
    expect(openHandler!({ url: 'https://example.com' })).toEqual({ action: 'deny' });
    const electron = await import('electron');
    expect(electron.shell.openExternal).toHaveBeenCalledWith('https://example.com');
    const prevent = vi.fn();
    listeners.get('will-navigate')!({ preventDefault: prevent }, 'https://evil.example/');
    expect(prevent).toHaveBeenCalled();
    const allow = vi.fn();
    listeners.get('will-navigate')!({ preventDefault: allow }, 'app://wave-planner/index.html');
    expect(allow).not.toHaveBeenCalled();
  });

  it('serves only files inside the renderer folder on app://', async () => {
    await startShell();
    const { resolveInside } = await import('../../electron/shell/app-protocol');
    expect(resolveInside('/app/renderer', '/index.html')).toBe('/app/renderer/index.html');
    expect(resolveInside('/app/renderer', '/../main/main.js')).toBeNull();
    expect(resolveInside('/app/renderer', '/%2e%2e/secret')).toBeNull();
    const handler = recorded.protocolHandlers.get('app')!;
    expect((await handler(new Request('app://other-host/index.html'))).status).toBe(404);
  });

  it('keeps redirects and frame navigations inside the app, and app:// inside its folder even through a bad escape or a symbolic link', async () => {
    await startShell();
    const listeners = new Map<string, (...args: any[]) => void>();
    const contents = { on: (name: string, fn: (...args: any[]) => void) => listeners.set(name, fn), setWindowOpenHandler: () => {} };
    for (const created of recorded.webContentsCreated) created({}, contents);
    const redirect = vi.fn();
    listeners.get('will-redirect')!({ preventDefault: redirect }, 'https://evil.example/');
    expect(redirect).toHaveBeenCalled();
    const frame = vi.fn();
    listeners.get('will-frame-navigate')!({ url: 'https://evil.example/frame', preventDefault: frame });
    expect(frame).toHaveBeenCalled();
    const own = vi.fn();
    listeners.get('will-frame-navigate')!({ url: 'app://wave-planner/index.html', preventDefault: own });
    expect(own).not.toHaveBeenCalled();

    const { resolveInside } = await import('../../electron/shell/app-protocol');
    const { mkdirSync, symlinkSync, writeFileSync } = await import('node:fs');
    const root = join(recorded.dataDir, 'renderer');
    mkdirSync(root, { recursive: true });
    writeFileSync(join(recorded.dataDir, 'secret.txt'), 'secret');
    symlinkSync(join(recorded.dataDir, 'secret.txt'), join(root, 'leak.txt'));
    expect(resolveInside(root, '/%E0%A4%A')).toBeNull();
    expect(resolveInside(root, '/leak.txt')).toBeNull();
  });

  it('offers no DevTools or reload in a packaged build', async () => {
    await startShell();
    expect(recorded.windows[0]!.options.webPreferences.devTools).toBe(false);
    const roles = JSON.stringify(recorded.menus.at(-1));
    expect(roles).not.toMatch(/toggleDevTools|"reload"|forceReload|"viewMenu"/);
    expect(roles).toContain('togglefullscreen');
  });

  it('opens a plan or a packet the operating system hands over, in the running app', async () => {
    await startShell();
    expect(recorded.appListeners.has('open-file')).toBe(true);
    const { writeFileSync } = await import('node:fs');
    const { makePlanFile } = await import('../support/plans');
    makePlanFile(recorded.dataDir, undefined, 'double-clicked.waveplan').close();
    const planPath = join(recorded.dataDir, 'double-clicked.waveplan');
    for (const listener of recorded.appListeners.get('second-instance')!) listener({}, ['wave-planner', '--flag', planPath]);
    const { channelOf } = await import('../../shared/operation-names');
    const current = recorded.ipcHandlers.get(channelOf('plan:current'))!;
    await vi.waitFor(async () => expect(await current({ senderFrame: { url: 'app://wave-planner/index.html' } }, {})).toMatchObject({ ok: true, value: { path: planPath } }));

    const packetPath = join(recorded.dataDir, 'US-DET readiness.wavepacket');
    writeFileSync(packetPath, '{"format":"wave-packet"}');
    const electron = await import('electron');
    const window = (electron.BrowserWindow as unknown as { all: { webContents: { send: ReturnType<typeof vi.fn> } }[] }).all[0]!;
    const { PACKET_FILE_CHANNEL } = await import('../../shared/bridge');
    const openFile = recorded.appListeners.get('open-file')![0]!;
    openFile({ preventDefault: vi.fn() }, packetPath);
    await vi.waitFor(() => expect(window.webContents.send).toHaveBeenCalledWith(PACKET_FILE_CHANNEL, { fileName: 'US-DET readiness.wavepacket', content: '{"format":"wave-packet"}' }));
  });
});
