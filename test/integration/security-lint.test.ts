// Electronegativity (Doyensec's Electron security linter) over the main process and the UI. The
// tool reports and exits 0 whatever it finds: this test is the gate. A finding of medium severity or
// above fails it unless it is accepted below, with the reason written next to it.
import run from '@doyensec/electronegativity';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Accepted findings: check id and file, and why the code is right as it is. Also in docs/reliability.md. */
export const ACCEPTED: { id: string; file: string; reason: string }[] = [
  {
    id: 'PRELOAD_JS_CHECK',
    file: 'shell/main.ts',
    reason: 'The preload is needed for the bridge. It runs sandboxed, exposes one frozen object of named contract functions (checked with `satisfies`), never ipcRenderer itself, and the main process checks the sender of every call.',
  },
  {
    id: 'OPEN_EXTERNAL_JS_CHECK',
    file: 'shell/security.ts',
    reason: 'Only for links the page tries to open or navigate to outside the app; only http(s) URLs reach the OS browser, never file: or custom schemes.',
  },
];

const SEVERE = new Set(['MEDIUM', 'HIGH', 'CRITICAL']);

type Finding = Awaited<ReturnType<typeof run>>['issues'][number];

/** The app as the linter should see it, in one folder: the main process, the page and its UI code. */
function appSources(): string {
  const dir = mkdtempSync(join(tmpdir(), 'wave-planner-eneg-'));
  cpSync(join(ROOT, 'electron'), join(dir, 'electron'), { recursive: true });
  cpSync(join(ROOT, 'renderer', 'src'), join(dir, 'renderer', 'src'), { recursive: true });
  cpSync(join(ROOT, 'renderer', 'index.html'), join(dir, 'renderer', 'index.html'));
  return dir;
}

async function scan(): Promise<Finding[]> {
  // The package is CommonJS with an ES default export.
  const runner = (run as unknown as { default?: typeof run }).default ?? run;
  const input = appSources();
  try {
    return (await runner({ input, isRelative: true, parserPlugins: [], electronVersionOverride: '45.0.0' })).issues;
  } finally {
    rmSync(input, { recursive: true, force: true });
  }
}

describe('the Electron security lint', () => {
  it('finds nothing of medium severity or above in the main process and the UI that is not accepted with a reason', async () => {
    const findings = await scan();
    const severe = findings.filter((f) => SEVERE.has(f.severity.name));
    const unaccepted = severe.filter((f) => !ACCEPTED.some((a) => a.id === f.id && f.file.replace(/\\/g, '/').endsWith(a.file)));
    expect(unaccepted.map((f) => `${f.id} ${f.file}:${f.location?.line ?? ''} ${f.description ?? ''}`)).toEqual([]);
    // An accepted finding that no longer occurs should leave the list.
    for (const a of ACCEPTED) expect(severe.some((f) => f.id === a.id), `${a.id} no longer found`).toBe(true);
  }, 120_000);
});
