/**
 * Plan files this computer last closed cleanly, each with its size and times at that moment. SQLite's
 * integrity check reads every page (0.2 s for a 25 MB plan, at every opening); a plan unchanged since
 * Wave Planner closed it, with no journal left beside it, skips it. Any other change to the file (a
 * copy over it, a restore, another program, a crash that left its `-wal`) moves its size, change time or
 * inode, and it is checked again. Like git's index, it trusts the file system's times; a file whose
 * check fails is forgotten, and the backups still check every copy they make.
 */
import { existsSync, mkdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { replaceFile } from '../atomic-file';

const FILE_NAME = 'checked-plans.json';
/** Enough for anyone's recent plans; the oldest are dropped first. */
const KEEP = 200;

type Stamp = string;
type Entries = Record<string, { stamp: Stamp; at: number }>;

export class CheckedPlans {
  readonly #file: string;

  constructor(dataDir: string) {
    this.#file = join(dataDir, FILE_NAME);
  }

  /** Whether `path` is as Wave Planner left it at its last clean close (and has no journal beside it). */
  unchangedSinceClose(path: string): boolean {
    const key = keyOf(path);
    if (!key || hasJournal(path)) return false;
    const entry = this.#read()[key];
    return entry !== undefined && entry.stamp === stampOf(path);
  }

  /** Records `path` as closed cleanly now (its journal gone). */
  rememberClosed(path: string): void {
    const key = keyOf(path);
    if (!key || hasJournal(path)) return this.forget(path);
    const stamp = stampOf(path);
    if (stamp) this.#update((entries) => void (entries[key] = { stamp, at: Date.now() }));
  }

  forget(path: string): void {
    const key = keyOf(path);
    if (key) this.#update((entries) => void delete entries[key]);
  }

  #read(): Entries {
    try {
      const parsed = JSON.parse(readFileSync(this.#file, 'utf8')) as unknown;
      return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Entries) : {};
    } catch {
      return {};
    }
  }

  /** A cache: a failure to write it only costs the next opening its check. */
  #update(change: (entries: Entries) => void): void {
    try {
      const entries = this.#read();
      change(entries);
      const kept = Object.entries(entries)
        .sort(([, a], [, b]) => b.at - a.at)
        .slice(0, KEEP);
      mkdirSync(dirname(this.#file), { recursive: true });
      replaceFile(this.#file, JSON.stringify(Object.fromEntries(kept)));
    } catch {
      // Nothing to do: the plan is checked in full next time.
    }
  }
}

/** SQLite left a journal beside the plan: another connection has it open, or one ended without closing. */
const hasJournal = (path: string) => existsSync(`${path}-wal`) || existsSync(`${path}-journal`);

function keyOf(path: string): string | null {
  try {
    return realpathSync(path);
  } catch {
    return null;
  }
}

/** Device, inode, size, modification and change times, to the nanosecond. */
function stampOf(path: string): Stamp {
  try {
    const s = statSync(path, { bigint: true });
    return `${s.dev}:${s.ino}:${s.size}:${s.mtimeNs}:${s.ctimeNs}`;
  } catch {
    return '';
  }
}
