/**
 * A large imported file is read and checked on a worker thread, so the app (and web mode's server)
 * keeps answering meanwhile; only the write, one transaction, runs where the plan is open. A small
 * file is checked in place: handing it over would cost more than the work.
 *
 * One thread serves the jobs in turn and stays a while after the last, so that a preview and the
 * import that follows it start the thread (and load the sheet readers) once.
 */
import { existsSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import type { ErrorCode, SheetChoice } from '../../../shared/contract';
import type { InputProblem } from '../../../shared/interchange';
import type { PlanSnapshot } from '../../../shared/sheets/sheet-import';
import { UserError } from '../errors';
import { readAndCheckSheets, type CheckedOutline } from './sheet-check';

/** From this size up a file is read on a worker thread (a 10,000-row CSV is about 1.5 MB). */
export const OFF_THREAD_BYTES = 128 * 1024;
/** How long the thread waits for another file before it ends. */
const IDLE_MS = 60_000;

export interface SheetCheckJob {
  fileName: string;
  bytes: Uint8Array;
  choices: SheetChoice[] | undefined;
  plan: PlanSnapshot;
}

export type SheetCheckReply = { ok: true; value: CheckedOutline } | { ok: false; code?: ErrorCode; message: string; problems?: InputProblem[] };

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

interface Pending {
  job: SheetCheckJob;
  resolve: (value: CheckedOutline) => void;
  reject: (error: unknown) => void;
}

let thread: { worker: Worker; idle: ReturnType<typeof setTimeout> | null } | null = null;
/** Jobs in turn: each waits for the one before it. */
let queue: Promise<unknown> = Promise.resolve();

function inPlace({ job, resolve, reject }: Pending): void {
  readAndCheckSheets(job.fileName, job.bytes, job.choices, job.plan).then(resolve, reject);
}

/**
 * Every failure of the work itself comes back as a reply; a thread that fails without one could not
 * load its script (a packaged app whose archive a worker cannot read, say): the file is then read
 * in place, slower for the app meanwhile but with the same result.
 */
function runOnThread(script: { url: URL; execArgv: string[] }, pending: Pending): void {
  if (!thread) {
    const worker = new Worker(script.url, { execArgv: script.execArgv });
    thread = { worker, idle: null };
    const lost = () => {
      if (thread?.worker === worker) thread = null;
    };
    worker.once('exit', lost);
    worker.once('error', lost);
  }
  const current = thread;
  if (current.idle) clearTimeout(current.idle);
  current.idle = null;
  // A thread at work keeps the process alive (the command line waits for its file); an idle one does not.
  current.worker.ref();
  let answered = false;
  const settle = () => {
    answered = true;
    current.worker.off('message', onReply);
    current.worker.off('exit', onLost);
    current.worker.off('error', onLost);
    current.worker.unref();
    current.idle = setTimeout(() => void current.worker.terminate(), IDLE_MS);
    current.idle.unref();
  };
  const onReply = (reply: SheetCheckReply) => {
    settle();
    if (reply.ok) pending.resolve(reply.value);
    else pending.reject(reply.code ? new UserError(reply.code, reply.message, reply.problems) : new Error(reply.message));
  };
  const onLost = () => {
    if (answered) return;
    settle();
    inPlace(pending);
  };
  current.worker.on('message', onReply);
  current.worker.once('exit', onLost);
  current.worker.once('error', onLost);
  current.worker.postMessage(pending.job);
}

export function readAndCheckSheetsOffThread(fileName: string, bytes: Uint8Array, choices: SheetChoice[] | undefined, plan: PlanSnapshot): Promise<CheckedOutline> {
  const script = bytes.length >= OFF_THREAD_BYTES ? workerScript() : null;
  if (!script) return readAndCheckSheets(fileName, bytes, choices, plan);
  const result = queue.then(() => new Promise<CheckedOutline>((resolve, reject) => runOnThread(script, { job: { fileName, bytes, choices, plan }, resolve, reject })));
  queue = result.catch(() => undefined);
  return result;
}
