/**
 * The renderer's one door to data: the contract's API object over whichever transport is there,
 * the Electron preload bridge in the desktop app, HTTP on 127.0.0.1 in web mode, and the change feed
 * beside it (the bridge's events, or Server-Sent Events in web mode).
 */
import { BRIDGE_GLOBAL, type MenuCommand, type PacketFile, type WavePlannerBridge } from '../../../shared/bridge';
import type { ChangeEvent } from '../../../shared/changes';
import { accessOf, createApi, type Invoke } from '../../../shared/contract';
import type { OperationName } from '../../../shared/operation-names';
import { TOKEN_HEADER } from '../../../shared/web-security';

const TOKEN_KEY = 'wave-planner-token';

function bridge(): WavePlannerBridge | undefined {
  return (window as unknown as Record<string, WavePlannerBridge | undefined>)[BRIDGE_GLOBAL];
}

/** The web-mode token: taken from the address `npm run web` printed, then kept for this tab only. */
function webToken(): string {
  const url = new URL(window.location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    sessionStorage.setItem(TOKEN_KEY, fromUrl);
    url.searchParams.delete('token');
    window.history.replaceState(null, '', url.toString());
    return fromUrl;
  }
  return sessionStorage.getItem(TOKEN_KEY) ?? '';
}

export const isDesktop = bridge() !== undefined;
const token = isDesktop ? '' : webToken();

const httpInvoke: Invoke = async (name, input) => {
  let response: Response;
  try {
    response = await fetch(`/api/${name}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', [TOKEN_HEADER]: token },
      body: JSON.stringify(input ?? {}),
    });
  } catch {
    return { ok: false, error: { code: 'internal', message: 'Wave Planner is not answering. Is `npm run web` still running?' } };
  }
  if (response.status === 401) {
    return { ok: false, error: { code: 'refused', message: 'This page has no valid access token. Open the address that `npm run web` printed.' } };
  }
  if (!response.ok) return { ok: false, error: { code: 'internal', message: `Wave Planner could not answer (${response.status}).` } };
  return response.json();
};

const transport: Invoke = isDesktop ? (name, input) => bridge()![name](input) : httpInvoke;

/** Writes on their way: the change feed waits for them, so a write's own announcement meets the data it already brought. */
let pendingWrites = 0;
const settled: (() => void)[] = [];

const tracked: Invoke = async (name: OperationName, input) => {
  const write = accessOf(name) === 'write';
  if (write) pendingWrites += 1;
  try {
    return await transport(name, input);
  } finally {
    if (write) {
      pendingWrites -= 1;
      // After the caller has applied the result (its continuations run first), not before.
      setTimeout(() => {
        if (pendingWrites === 0) for (const resolve of settled.splice(0)) resolve();
      }, 0);
    }
  }
};

export function whenWritesSettled(): Promise<void> {
  return pendingWrites === 0 ? Promise.resolve() : new Promise((resolve) => settled.push(resolve));
}

export const api = createApi(tracked);

/** What the feed passes on: a change, or "you may have missed some" after a dropped connection. */
export type FeedEvent = ChangeEvent | { type: 'resync' };

/** Subscribes to the change feed. */
export function onChange(listener: (event: FeedEvent) => void): () => void {
  const desktop = bridge();
  if (desktop) return desktop.onChange(listener);
  const source = new EventSource(`/api/events?token=${encodeURIComponent(token)}`);
  let dropped = false;
  source.addEventListener('change', (message) => listener(JSON.parse((message as MessageEvent<string>).data) as ChangeEvent));
  source.addEventListener('error', () => (dropped = true));
  source.addEventListener('open', () => {
    // Back after a dropped connection: what happened meanwhile was not announced here.
    if (dropped) listener({ type: 'resync' });
    dropped = false;
  });
  return () => source.close();
}

/** Subscribes to the desktop menu's commands for the page (none in web mode, where the page has its own menu). */
export function onPacketFile(listener: (file: PacketFile) => void): () => void {
  return bridge()?.onPacketFile(listener) ?? (() => {});
}

export function onMenuCommand(listener: (command: MenuCommand) => void): () => void {
  return bridge()?.onMenuCommand(listener) ?? (() => {});
}
