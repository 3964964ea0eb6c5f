/**
 * A large imported file is read and checked on a worker thread, so the app (and web mode's server)
 * keeps answering meanwhile; only the write, one transaction, runs where the plan is open. A small
 * file is checked in place: starting a thread would cost more than the work.
 */
import { existsSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import type { ErrorCode, SheetChoice } from '../../../shared/contract';
import type { InputProblem } from '../../../shared/interchange';
import type { PlanSnapshot } from '../../../shared/sheets/sheet-import';
import { UserError } from '../errors';
import { readAndCheckSheets, type CheckedSheets } from './sheet-check';

/** From this size up a file is read on a worker thread (a 10,000-row CSV is about 1.5 MB). */
export const OFF_THREAD_BYTES = 128 * 1024;

export interface SheetCheckJob {
  fileName: string;
  bytes: Uint8Array;
  choices: SheetChoice[] | undefined;
  plan: PlanSnapshot;
}

export type SheetCheckReply = { ok: true; value: CheckedSheets } | { ok: false; code?: ErrorCode; message: string; problems?: InputProblem[] };

/**
 * The worker's script: built JavaScript beside this module's bundle (the command line's and the
 * desktop app's builds emit it), or in development the TypeScript source run through tsx.
 */
function workerScript(): { url: URL; execArgv: string[] } | null {
  for (const name of ['./sheet-check-worker.mjs', './sheet-check-worker.js', '../sheet-check-worker.js']) {
    const url = new URL(name, import.meta.url);
    if (existsSync(url)) return { url, execArgv: [] };
  }
  const source = new URL('./sheet-check-worker.ts', import.meta.url);
  const tsx = new URL('../../cli/register-tsx.mjs', import.meta.url);
  if (existsSync(source) && existsSync(tsx)) return { url: source, execArgv: ['--import', tsx.href] };
  return null;
}

/**
 * Every failure of the work itself comes back as a reply; a thread that fails without one could not
 * load its script (a packaged app whose archive a worker cannot read, say): the file is then read
 * in place, slower for the app meanwhile but with the same result.
 */
function runOnWorker(script: { url: URL; execArgv: string[] }, job: SheetCheckJob): Promise<CheckedSheets> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(script.url, { workerData: job, execArgv: script.execArgv });
    let replied = false;
    const inPlace = () => {
      if (!replied) readAndCheckSheets(job.fileName, job.bytes, job.choices, job.plan).then(resolve, reject);
      replied = true;
    };
    worker.once('message', (reply: SheetCheckReply) => {
      replied = true;
      if (reply.ok) resolve(reply.value);
      else reject(reply.code ? new UserError(reply.code, reply.message, reply.problems) : new Error(reply.message));
    });
    worker.once('error', inPlace);
    worker.once('exit', inPlace);
  });
}

export async function readAndCheckSheetsOffThread(fileName: string, bytes: Uint8Array, choices: SheetChoice[] | undefined, plan: PlanSnapshot): Promise<CheckedSheets> {
  const script = bytes.length >= OFF_THREAD_BYTES ? workerScript() : null;
  if (!script) return readAndCheckSheets(fileName, bytes, choices, plan);
  return runOnWorker(script, { fileName, bytes, choices, plan });
}
