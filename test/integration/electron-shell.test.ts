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
  dataDir: '',
}));

vi.mock('electron', () => {
  class BrowserWindow {
    static all: BrowserWindow[] = [];
    static getAllWindows = () => BrowserWindow.all;
    static getFocusedWindow = () => BrowserWindow.all[0];
    webContents = { send: vi.fn() };
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
    on: (event: string, listener: (event: unknown, contents: unknown) => void) => {
      if (event === 'web-contents-created') recorded.webContentsCreated.push(listener);
    },
  };
  return {
    app,
    BrowserWindow,
    Menu: { buildFromTemplate: (t: unknown) => t, setApplicationMenu: vi.fn() },
    dialog: {},
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
});
