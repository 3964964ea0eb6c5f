import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RENDERER_BUILD_DIR } from '../../electron/cli/commands/web';
import { Workspace } from '../../electron/services/workspace';
import { serveWorkspace } from '../../electron/web/serve-workspace';
import { TOKEN_HEADER, type WebServer } from '../../electron/web/server';
import type { ChangeEvent } from '../../shared/changes';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Papa from 'papaparse';
import { siteSheetRows } from '../../shared/sheets/site-rows';
import { generatePlan, wavePlanOf } from '../support/generate-plan';

let server: WebServer;
let workspace: Workspace;
let dataDir: string;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'wave-planner-web-'));
  workspace = new Workspace(dataDir, 'ui', { watchOtherProcesses: false });
  workspace.openLastOrSample();
  server = await serveWorkspace(workspace, { staticDir: RENDERER_BUILD_DIR });
});

afterAll(async () => {
  await server.close();
  workspace.close();
  rmSync(dataDir, { recursive: true, force: true });
});

/** A raw request, so that Host and Origin can be forged. */
function send(options: { path: string; method?: string; headers?: Record<string, string>; body?: string }) {
  return new Promise<{ status: number; body: string; headers: Record<string, unknown> }>((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: server.port, path: options.path, method: options.method ?? 'POST', headers: options.headers }, (res) => {
      let body = '';
      res.on('data', (chunk) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

const good = () => ({ Host: `127.0.0.1:${server.port}`, 'Content-Type': 'application/json', [TOKEN_HEADER]: server.token });

describe('web mode over HTTP', () => {
  it('listens on 127.0.0.1 only', () => {
    expect(server.server.address()).toMatchObject({ address: '127.0.0.1' });
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=/);
  });

  it('answers a call that has the token', async () => {
    const res = await send({ path: '/api/sites:get', headers: good(), body: JSON.stringify({ code: 'US-GRV' }) });
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toMatchObject({ ok: true, value: { code: 'US-GRV' } });
  });

  it('refuses a missing or wrong token, another Host (DNS rebinding), and another Origin', async () => {
    const body = JSON.stringify({});
    expect((await send({ path: '/api/sites:list', headers: { ...good(), [TOKEN_HEADER]: '' }, body })).status).toBe(401);
    expect((await send({ path: '/api/sites:list', headers: { ...good(), [TOKEN_HEADER]: `${server.token}x` }, body })).status).toBe(401);
    expect((await send({ path: '/api/sites:list', headers: { ...good(), Host: `evil.example:${server.port}` }, body })).status).toBe(403);
    expect((await send({ path: '/api/sites:list', headers: { ...good(), Host: 'evil.example' }, body })).status).toBe(403);
    expect((await send({ path: '/api/sites:list', headers: { ...good(), Origin: 'http://evil.example' }, body })).status).toBe(403);
    expect((await send({ path: '/', method: 'GET', headers: { Host: `attacker.test:${server.port}` } })).status).toBe(403);
  });

  it('serves the UI with a strict content security policy and refuses paths outside it', async () => {
    const page = await send({ path: '/', method: 'GET', headers: { Host: `localhost:${server.port}` } });
    expect(page.status).toBe(200);
    expect(page.body).toContain('<div id="root">');
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    const escape = await send({ path: '/../../package.json', method: 'GET', headers: { Host: `127.0.0.1:${server.port}` } });
    expect(escape.body).not.toContain('"wave-planner"');
  });

  it("gives a worker's script the same policy as the page, and the optimiser's WebAssembly its own type", async () => {
    const assets = readdirSync(join(RENDERER_BUILD_DIR, 'assets'));
    const worker = assets.find((f) => f.startsWith('optimiser.worker-') && f.endsWith('.js'));
    const wasm = assets.find((f) => f.endsWith('.wasm'));
    const get = (file: string) => send({ path: `/assets/${file}`, method: 'GET', headers: { Host: `127.0.0.1:${server.port}` } });
    const script = await get(worker!);
    expect(script.headers['content-security-policy']).toContain("script-src 'self' 'wasm-unsafe-eval'");
    expect(script.headers['content-security-policy']).not.toContain("'unsafe-eval'");
    expect((await get(wasm!)).headers['content-type']).toBe('application/wasm');
  });

  it('streams the change feed as Server-Sent Events, to a caller with the token only', async () => {
    const events: ChangeEvent[] = [];
    let status = 0;
    const stream = request({ host: '127.0.0.1', port: server.port, path: `/api/events?token=${server.token}`, method: 'GET', headers: { Host: `127.0.0.1:${server.port}` } }, (res) => {
      status = res.statusCode ?? 0;
      let buffer = '';
      res.on('data', (chunk: Buffer) => {
        buffer += chunk.toString();
        for (const block of buffer.split('\n\n').slice(0, -1)) {
          const data = block.split('\n').find((line) => line.startsWith('data: '));
          if (data) events.push(JSON.parse(data.slice(6)) as ChangeEvent);
        }
        buffer = buffer.slice(buffer.lastIndexOf('\n\n') + 2);
      });
    });
    stream.end();
    await expect.poll(() => status).toBe(200);
    await send({ path: '/api/sites:update', headers: good(), body: JSON.stringify({ code: 'US-DET', patch: { region: 'Midwest' } }) });
    await expect.poll(() => events.length).toBe(1);
    expect(events[0]).toMatchObject({ type: 'commit', label: 'Edit region of US-DET', source: 'ui', kind: 'edit', changes: [{ entity: 'sites', ids: ['US-DET'], count: 1 }] });
    stream.destroy();
    // The same checks as every call: token, Host, Origin.
    const feed = (headers: Record<string, string>, query = '') => send({ path: `/api/events${query}`, method: 'GET', headers });
    expect((await feed({ Host: `127.0.0.1:${server.port}` })).status).toBe(401);
    expect((await feed({ Host: `127.0.0.1:${server.port}` }, '?token=wrong')).status).toBe(401);
    expect((await feed({ Host: `evil.example:${server.port}` }, `?token=${server.token}`)).status).toBe(403);
    expect((await feed({ Host: `127.0.0.1:${server.port}`, Origin: 'http://evil.example' }, `?token=${server.token}`)).status).toBe(403);
    // A token in the query string opens the feed only, never an operation.
    expect((await send({ path: `/api/sites:list?token=${server.token}`, headers: { Host: `127.0.0.1:${server.port}`, 'Content-Type': 'application/json' }, body: '{}' })).status).toBe(401);
  });

  it('answers malformed bodies with a refusal, not a crash', async () => {
    const res = await send({ path: '/api/sites:get', headers: good(), body: '{"code":' });
    expect(res.status).toBe(400);
    expect(JSON.parse(res.body)).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    const after = await send({ path: '/api/plan:current', headers: good(), body: '{}' });
    expect(JSON.parse(after.body).ok).toBe(true);
  });

  it('keeps answering other calls while it reads and checks a 10,000-row sheet', async () => {
    const content = wavePlanOf(generatePlan({ seed: 17, sites: 10_000, erps: 8, regions: 5 }), 'Large sheet');
    const { headers, rows } = siteSheetRows(content.sites, content.readinessDimensions);
    const base64 = Buffer.from(Papa.unparse({ fields: headers, data: rows })).toString('base64');
    let previewed = false;
    const preview = send({ path: '/api/sheets:preview', headers: good(), body: JSON.stringify({ fileName: 'sites.csv', base64 }) }).then((res) => {
      previewed = true;
      return res;
    });
    // Another window reading the plan meanwhile: each answer counts while the preview is still out.
    let answeredMeanwhile = 0;
    for (let tries = 0; !previewed && tries < 500; tries += 1) {
      const res = await send({ path: '/api/sites:get', headers: good(), body: JSON.stringify({ code: 'US-GRV' }) });
      if (!previewed && JSON.parse(res.body).ok) answeredMeanwhile += 1;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    const result = JSON.parse((await preview).body);
    expect(result).toMatchObject({ ok: true, value: { fileName: 'sites.csv', sheets: [{ rows: 10_000 }] } });
    // Read in place, on the server's own thread, it answered 4 calls in the whole preview (the upload's moments).
    expect(answeredMeanwhile).toBeGreaterThanOrEqual(10);
  });
});
