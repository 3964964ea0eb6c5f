/**
 * Team members' keys, kept in the app's data folder (readable by the user only), never in a plan
 * file: a plan file copied or sent elsewhere does not carry the right to speak for its member.
 */
import { chmodSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { replaceFile } from '../atomic-file';

export interface MemberKey {
  server: string;
  key: string;
}

export class Keyring {
  constructor(private readonly dataDir: string) {}

  get path(): string {
    return join(this.dataDir, 'team-keys.json');
  }

  #read(): Record<string, MemberKey> {
    if (!existsSync(this.path)) return {};
    try {
      return JSON.parse(readFileSync(this.path, 'utf8')) as Record<string, MemberKey>;
    } catch {
      return {};
    }
  }

  get(memberId: string): MemberKey | null {
    return this.#read()[memberId] ?? null;
  }

  set(memberId: string, value: MemberKey): void {
    mkdirSync(this.dataDir, { recursive: true });
    const keys = { ...this.#read(), [memberId]: value };
    replaceFile(this.path, JSON.stringify(keys, null, 2), 0o600);
    chmodSync(this.path, 0o600);
  }
}
