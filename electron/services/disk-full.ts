/**
 * A disk that will not take more data, in words a person understands. SQLite reports a full disk as
 * SQLITE_FULL, and a write the system refused (a file-size or quota limit) as an I/O error on write;
 * Node's file functions as ENOSPC, EDQUOT or EFBIG. Either way the write was not made: SQLite rolled
 * the transaction back, so "nothing was changed" is true.
 */
import { dirname } from 'node:path';
import { UserError } from './errors';

const FULL_CODES = new Set(['SQLITE_FULL', 'SQLITE_IOERR_WRITE', 'SQLITE_IOERR_SHMSIZE', 'SQLITE_IOERR_TRUNCATE', 'ENOSPC', 'EDQUOT', 'EFBIG']);

export function isDiskFull(error: unknown): boolean {
  return FULL_CODES.has(String((error as { code?: unknown } | null)?.code ?? ''));
}

/** The refusal for a write to `path` that the disk did not take. */
export function diskFullError(path: string, outcome = 'nothing was changed'): UserError {
  return new UserError('refused', `The disk holding ${dirname(path)} is full (or will not take more data); ${outcome}. Free some space and try again.`);
}
