/** The thread that reads and checks imported files, one job after another (see sheet-check-thread.ts). */
import { parentPort } from 'node:worker_threads';
import { UserError } from '../errors';
import { readAndCheckSheets } from './sheet-check';
import type { SheetCheckJob, SheetCheckReply } from './sheet-check-thread';

parentPort!.on('message', async (job: SheetCheckJob) => {
  let reply: SheetCheckReply;
  try {
    reply = { ok: true, value: await readAndCheckSheets(job.fileName, job.bytes, job.choices, job.plan) };
  } catch (error) {
    reply = error instanceof UserError ? { ok: false, code: error.code, message: error.message, problems: error.problems } : { ok: false, message: (error as Error).message };
  }
  parentPort!.postMessage(reply);
});
