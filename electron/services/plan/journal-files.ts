/** A database file together with the journal files SQLite keeps beside it. */
import { rmSync } from 'node:fs';

/** Removes a database file and any `-wal`, `-shm` or `-journal` file left beside it. */
export function removeWithJournals(path: string): void {
  for (const file of [path, `${path}-wal`, `${path}-shm`, `${path}-journal`]) rmSync(file, { force: true });
}
