import { rmSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { diskFullError, isDiskFull } from '../services/disk-full';
import { UserError } from '../services/errors';

export const EXIT = { ok: 0, refused: 1, usage: 2 } as const;

export interface CommandOutput {
  stdout(text: string): void;
  stderr(text: string): void;
}

export interface CommandArgs {
  positionals: string[];
  values: Record<string, string | undefined>;
}

export class UsageError extends Error {}

/** Rows as columns padded to their widest cell, for the terminal. */
export function textTable(rows: string[][]): string {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  return rows.map((r) => r.map((cell, c) => cell.padEnd(widths[c]!)).join('  ').trimEnd()).join('\n');
}

/**
 * Writes a file the command produced. A write that fails (a full disk, a folder that cannot be
 * written) leaves no empty or half-written file behind, and says why in a sentence.
 */
export function writeOutput(path: string, content: string | Uint8Array): void {
  try {
    writeFileSync(path, content);
  } catch (error) {
    rmSync(path, { force: true });
    if (isDiskFull(error)) throw diskFullError(path, `${basename(path)} was not written`);
    throw new UserError('refused', `Could not write ${path}: ${(error as Error).message}.`);
  }
}
