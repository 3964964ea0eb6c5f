/**
 * Web mode: the built renderer and the contract's handlers over HTTP, on 127.0.0.1 only, and the
 * change feed as Server-Sent Events at GET /api/events. Every API call needs the per-run token;
 * requests naming another Host or Origin are refused, which also defeats DNS rebinding.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream, existsSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve, sep } from 'node:path';
import type { ChangeEvent } from '../../shared/changes';
import { invalidUtf8Message, invalidUtf8Offset } from '../../shared/utf8';
import { CONTENT_SECURITY_POLICY, TOKEN_HEADER } from '../../shared/web-security';
import type { Dispatch } from '../services/dispatch';

export { TOKEN_HEADER };
const MAX_BODY_BYTES = 256 * 1024 * 1024;
/** A comment line on the change feed this often keeps proxies and the browser from closing it. */
const FEED_HEARTBEAT_MS = 15_000;

const MIME_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  // The optimiser's HiGHS solver: compiled while it downloads only when served as WebAssembly.
  '.wasm': 'application/wasm',
};

export interface WebServer {
  url: string;
  port: number;
  token: string;
  server: Server;
  close(): Promise<void>;
}

export interface WebServerOptions {
  dispatch: Dispatch;
  /** The change feed to stream at /api/events. */
  subscribe?: (listener: (event: ChangeEvent) => void) => () => void;
  /** The built renderer (index.html and assets). */
  staticDir: string;
  port?: number;
  token?: string;
}

function send(res: ServerResponse, status: number, body: string, type = 'text/plain; charset=utf-8'): void {
  res.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-store' });
  res.end(body);
}

function sameToken(given: string | undefined, expected: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The request body, or why it is refused: too large (413) or not UTF-8 (400, with the byte offset). */
async function readBody(req: IncomingMessage): Promise<{ text: string } | { status: number; message: string }> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) return { status: 413, message: 'The request is too large.' };
    chunks.push(chunk as Buffer);
  }
  const bytes = Buffer.concat(chunks);
  const bad = invalidUtf8Offset(bytes);
  if (bad >= 0) return { status: 400, message: `The request body ${invalidUtf8Message(bad)}.` };
  return { text: bytes.toString('utf8') };
}

const jsonError = (message: string) => JSON.stringify({ ok: false, error: { code: 'invalid-input', message } });

export async function startWebServer(options: WebServerOptions): Promise<WebServer> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  const staticRoot = realpathSync(resolve(options.staticDir));
  const indexPath = join(staticRoot, 'index.html');
  if (!existsSync(indexPath)) {
    throw new Error(`The UI is not built (${indexPath} is missing). Run \`npm run build:renderer\` or use \`npm run web\`.`);
  }
  let port = 0;
  const allowedHosts = () => new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  const allowedOrigins = () => new Set([`http://127.0.0.1:${port}`, `http://localhost:${port}`]);

  const serveStatic = (pathname: string, res: ServerResponse) => {
    let relative: string;
    try {
      relative = normalize(decodeURIComponent(pathname)).replace(/^([/\\])+/, '');
    } catch {
      return send(res, 400, 'Bad path');
    }
    let file = resolve(staticRoot, relative);
    const inside = (path: string) => path === staticRoot || path.startsWith(staticRoot + sep);
    if (!inside(file)) return send(res, 404, 'Not found');
    if (!existsSync(file) || !statSync(file).isFile()) file = indexPath; // the app routes inside index.html
    // A symbolic link inside the folder must not lead out of it.
    else if (!inside(realpathSync(file))) return send(res, 404, 'Not found');
    const headers: Record<string, string> = {
      'Content-Type': MIME_TYPES[extname(file)] ?? 'application/octet-stream',
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
      'Cross-Origin-Opener-Policy': 'same-origin',
      'Cross-Origin-Resource-Policy': 'same-origin',
      // On every file, as the desktop app's app:// handler does: a worker's script brings its own policy.
      'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    };
    if (file === indexPath) {
      headers['Cache-Control'] = 'no-store';
      res.writeHead(200, headers);
      res.end(readFileSync(indexPath));
      return;
    }
    headers['Cache-Control'] = 'public, max-age=31536000, immutable';
    res.writeHead(200, headers);
    createReadStream(file).pipe(res);
  };

  /** The change feed as Server-Sent Events: one `change` event per commit or switch of plan. */
  const streamChanges = (req: IncomingMessage, res: ServerResponse) => {
    res.writeHead(200, { 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-store', Connection: 'keep-alive', 'X-Content-Type-Options': 'nosniff' });
    res.write('retry: 1000\n\n');
    const unsubscribe = options.subscribe?.((event) => {
      const id = event.type === 'commit' ? `id: ${event.revision}\n` : '';
      res.write(`${id}event: change\ndata: ${JSON.stringify(event)}\n\n`);
    });
    const heartbeat = setInterval(() => res.write(': still here\n\n'), FEED_HEARTBEAT_MS);
    req.on('close', () => {
      clearInterval(heartbeat);
      unsubscribe?.();
    });
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    if (!allowedHosts().has(req.headers.host ?? '')) return send(res, 403, 'Forbidden host');
    const origin = req.headers.origin;
    if (origin !== undefined && !allowedOrigins().has(origin)) return send(res, 403, 'Forbidden origin');
    const url = new URL(req.url ?? '/', `http://${req.headers.host}`);
    if (!url.pathname.startsWith('/api/')) {
      if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'Method not allowed');
      return serveStatic(url.pathname, res);
    }
    const given = (req.headers[TOKEN_HEADER] as string | undefined) ?? url.searchParams.get('token') ?? undefined;
    if (url.pathname === '/api/events') {
      if (req.method !== 'GET') return send(res, 405, 'Method not allowed');
      if (!sameToken(given, token)) return send(res, 401, 'Missing or wrong token');
      return streamChanges(req, res);
    }
    if (req.method !== 'POST') return send(res, 405, 'Method not allowed');
    // Operations take the token in the header only: a query string can end up in logs and history.
    if (!sameToken(req.headers[TOKEN_HEADER] as string | undefined, token)) return send(res, 401, 'Missing or wrong token');
    if (!(req.headers['content-type'] ?? '').startsWith('application/json')) return send(res, 415, 'Send JSON');
    const body = await readBody(req);
    if (!('text' in body)) return send(res, body.status, jsonError(body.message), 'application/json');
    let input: unknown;
    try {
      input = body.text === '' ? {} : JSON.parse(body.text);
    } catch {
      return send(res, 400, jsonError('The request body is not valid JSON.'), 'application/json');
    }
    let operation: string;
    try {
      operation = decodeURIComponent(url.pathname.slice('/api/'.length));
    } catch {
      return send(res, 400, jsonError('The address has a malformed % escape.'), 'application/json');
    }
    const result = await options.dispatch(operation, input);
    send(res, 200, JSON.stringify(result), 'application/json; charset=utf-8');
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) send(res, 500, `Internal error: ${(error as Error).message}`);
      else res.destroy();
    });
  });
  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolveListen());
  });
  port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    port,
    token,
    server,
    close: () =>
      new Promise<void>((resolveClose) => {
        server.closeAllConnections();
        server.close(() => resolveClose());
      }),
  };
}
