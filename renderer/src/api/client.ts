/**
 * The renderer's one door to data: the contract's API object over whichever transport is there,
 * the Electron preload bridge in the desktop app, HTTP on 127.0.0.1 in web mode.
 */
import { BRIDGE_GLOBAL, type MenuCommand, type WavePlannerBridge } from '../../../shared/bridge';
import { createApi, type Invoke, type Result } from '../../../shared/contract';

const TOKEN_KEY = 'wave-planner-token';
const TOKEN_HEADER = 'x-wave-planner-token';

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

function httpInvoke(): Invoke {
  const token = webToken();
  return async (name, input) => {
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
    if (!response.ok) return { ok: false, error: { code: 'internal', message: `${response.status}: ${await response.text()}` } };
    return (await response.json()) as Result<unknown>;
  };
}

export const isDesktop = bridge() !== undefined;

export const api = createApi(isDesktop ? (name, input) => bridge()![name](input) : httpInvoke());

/** Subscribes to the desktop menu's commands for the page (none in web mode, where the page has its own menu). */
export function onMenuCommand(listener: (command: MenuCommand) => void): () => void {
  return bridge()?.onMenuCommand(listener) ?? (() => {});
}

/** Subscribes to plan changes made outside the page (the desktop File menu). */
export function onPlanChanged(listener: () => void): () => void {
  return bridge()?.onPlanChanged(listener) ?? (() => {});
}
