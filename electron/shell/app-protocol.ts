/** The `app://` protocol that serves the built renderer (instead of file://), with a strict CSP. */
import { net, protocol } from 'electron';
import { existsSync, realpathSync } from 'node:fs';
import { resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CONTENT_SECURITY_POLICY } from '../../shared/web-security';

export const APP_SCHEME = 'app';
export const APP_ORIGIN = `${APP_SCHEME}://wave-planner`;


/** Must run before the app is ready. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
}

/**
 * Resolves a request path inside `root`, or null when it would leave it: by `..`, by a malformed
 * `%` escape, or through a symbolic link that points outside.
 */
export function resolveInside(root: string, pathname: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return null;
  }
  const inside = (path: string) => path === root || path.startsWith(root + sep);
  const file = resolve(root, `.${decoded}`);
  if (!inside(file)) return null;
  if (!existsSync(file)) return file;
  return inside(realpathSync(file)) ? file : null;
}

export function serveRenderer(rendererDir: string): void {
  const root = existsSync(rendererDir) ? realpathSync(rendererDir) : resolve(rendererDir);
  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    if (url.host !== 'wave-planner') return new Response('Not found', { status: 404 });
    const file = resolveInside(root, url.pathname === '/' ? '/index.html' : url.pathname);
    if (!file) return new Response('Not found', { status: 404 });
    const response = await net.fetch(pathToFileURL(file).toString());
    const headers = new Headers(response.headers);
    headers.set('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    headers.set('X-Content-Type-Options', 'nosniff');
    return new Response(response.body, { status: response.status, headers });
  });
}
