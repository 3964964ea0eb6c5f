/** Replacing a small file whole or not at all, for settings and records a crash must not leave half-written. */
import { renameSync, writeFileSync } from 'node:fs';

/** Writes `text` to a temporary file beside `path` (this process's own), then renames it over `path`. */
export function replaceFile(path: string, text: string, mode?: number): void {
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, text, mode === undefined ? undefined : { mode });
  renameSync(temporary, path);
}
