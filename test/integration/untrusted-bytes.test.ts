// Bytes from outside — files and HTTP requests — that are not what they claim to be: refused with
// where the problem is, never silently repaired, never answered with an internal error.
import fc from 'fast-check';
import { isUtf8 } from 'node:buffer';
import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../electron/cli/main';
import { startWebServer, TOKEN_HEADER, type WebServer } from '../../electron/web/server';
import { serializeWavePlan } from '../../shared/interchange';
import { invalidUtf8Offset } from '../../shared/utf8';
import { samplePlan } from '../../electron/services/sample-plan';
import { useTempDir } from '../support/temp';

const tempDir = useTempDir();

describe('strict UTF-8', () => {
  it('finds the first invalid byte: overlong forms, surrogates, stray continuations, cut-off sequences', () => {
    const at = (...bytes: number[]) => invalidUtf8Offset(Uint8Array.from(bytes));
    expect(at(...Buffer.from('Plzeň, Querétaro, 名古屋, 🚀'))).toBe(-1);
    expect(at(0x41, 0xc0, 0x80)).toBe(1); // overlong "@"
    expect(at(0x41, 0x42, 0xed, 0xa0, 0x80)).toBe(2); // a UTF-16 surrogate
    expect(at(0x80)).toBe(0);
    expect(at(0x41, 0xe2, 0x82)).toBe(1); // cut off
    expect(at(0xf5, 0x80, 0x80, 0x80)).toBe(0); // past U+10FFFF
  });

  it('agrees with Node on any bytes', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => (invalidUtf8Offset(bytes) === -1) === isUtf8(bytes)), { numRuns: 2000 });
    fc.assert(fc.property(fc.string({ unit: 'binary' }), (text) => invalidUtf8Offset(Buffer.from(text)) === -1));
  });

  it('refuses a wave-plan file with a byte that is not UTF-8, naming its offset, and imports nothing', async () => {
    const dir = tempDir();
    const good = Buffer.from(serializeWavePlan(samplePlan()));
    const offset = good.indexOf('Greenville');
    const bad = Buffer.concat([good.subarray(0, offset), Buffer.from([0xe9]), good.subarray(offset + 1)]); // "Greenville" in Latin-1 bytes
    const file = join(dir, 'latin1.json');
    writeFileSync(file, bad);
    const errors: string[] = [];
    const plan = join(dir, 'plan.waveplan');
    expect(await main(['import', file, '--plan', plan], { stdout: () => {}, stderr: (t) => errors.push(t) })).toBe(1);
    expect(errors.join('')).toContain(`latin1.json is not valid UTF-8 text at byte ${offset.toLocaleString('en-US')}`);
    expect(existsSync(plan)).toBe(false);
  });
});

describe('web mode against odd requests', () => {
  let server: WebServer;
  let outside: string;
  let dir: string;
  beforeAll(async () => {
    // Its own folder: the per-test temporary folders go after each test.
    dir = mkdtempSync(join(tmpdir(), 'wave-planner-static-'));
    const root = join(dir, 'static');
    mkdirSync(root);
    writeFileSync(join(root, 'index.html'), '<!doctype html><title>app</title>');
    outside = join(dir, 'secret.txt');
    writeFileSync(outside, 'not for the browser');
    symlinkSync(outside, join(root, 'leak.txt'));
    server = await startWebServer({ staticDir: root, dispatch: async (name, input) => ({ ok: true, value: { name, input } }) });
  });
  afterAll(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const send = (path: string, options: { method?: string; body?: Buffer } = {}) =>
    new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = request(
        { host: '127.0.0.1', port: server.port, path, method: options.method ?? 'POST', headers: { Host: `127.0.0.1:${server.port}`, 'Content-Type': 'application/json', [TOKEN_HEADER]: server.token } },
        (res) => {
          let body = '';
          res.on('data', (chunk) => (body += chunk));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
        },
      );
      req.on('error', reject);
      req.end(options.body);
    });

  it('refuses a body that is not UTF-8 with its byte offset', async () => {
    const res = await send('/api/sites:list', { body: Buffer.concat([Buffer.from('{"name":"Plze'), Buffer.from([0xf1, 0x20]), Buffer.from('"}')]) });
    expect(res.status).toBe(400);
    expect(JSON.parse(res.body).error.message).toBe('The request body is not valid UTF-8 text at byte 13 (counting from 0): save it as UTF-8 and try again.');
    expect((await send('/api/sites:list', { body: Buffer.from('{"name":"Plzeň"}') })).status).toBe(200);
  });

  it('answers a malformed % escape with 400, not an internal error', async () => {
    expect((await send('/api/sites%E0%A4%A:list', { body: Buffer.from('{}') })).status).toBe(400);
    expect((await send('/%E0%A4%A', { method: 'GET' })).status).toBe(400);
  });

  it('does not follow a symbolic link out of its folder', async () => {
    const res = await send('/leak.txt', { method: 'GET' });
    expect(res.status).toBe(404);
    expect(res.body).not.toContain('not for the browser');
  });
});
