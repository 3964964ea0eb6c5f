/**
 * The team server's members and join codes, in DATA/team.json. Written by the server (a code
 * redeemed, the plan shared, a desk made) and by the command line beside it (`team invite`,
 * `team revoke`), so every write takes a lock, re-reads the file and replaces it whole. Codes and
 * keys are kept only as hashes: the file does not let anyone join or speak for a member.
 */
import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { TeamRole } from '../../../../shared/team';
import { replaceFile } from '../../atomic-file';
import { UserError } from '../../errors';

export interface Member {
  id: string;
  name: string;
  email: string;
  role: TeamRole;
  /** A site lead's sites (codes as invited). */
  sites: string[];
  keyHash: string;
  joinedAt: string;
  revokedAt: string | null;
}

export interface Invite {
  codeHash: string;
  role: TeamRole;
  sites: string[];
  name: string;
  email: string;
  createdAt: string;
  usedAt: string | null;
  usedBy: string | null;
}

export interface Desk {
  /** Lower-case site code. */
  site: string;
  doc: string;
  /** The desk's heads when it was made: late edits of the site's work in the program are made concurrent to them. */
  madeHeads: string[];
}

export interface TeamFile {
  version: 1;
  /** The program document, once a planner has shared a plan. */
  program: string | null;
  planId: string | null;
  planName: string | null;
  members: Member[];
  invites: Invite[];
  desks: Desk[];
}

const EMPTY: TeamFile = { version: 1, program: null, planId: null, planName: null, members: [], invites: [], desks: [] };
const LOCK_STALE_MS = 10_000;
const LOCK_WAIT_MS = 5_000;

export const hashSecret = (secret: string): string => createHash('sha256').update(secret).digest('hex');

export function sameSecret(secret: string, hash: string): boolean {
  const a = Buffer.from(hashSecret(secret), 'hex');
  const b = Buffer.from(hash, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}

/** A join code people can read out: WP-XXXX-XXXX-XXXX-XXXX (Crockford's base 32, 80 bits). */
export function newJoinCode(): string {
  const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
  const bytes = randomBytes(16);
  const chars = [...bytes].map((b) => alphabet[b % 32]).join('');
  return `WP-${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8, 12)}-${chars.slice(12, 16)}`;
}

/** Codes as typed: case, spaces and dashes do not matter. */
export const normalCode = (code: string): string => code.toUpperCase().replace(/[^0-9A-Z]/g, '').replace(/^WP/, '');

export class Registry {
  constructor(readonly dataDir: string) {}

  get path(): string {
    return join(this.dataDir, 'team.json');
  }

  /** When the file last changed (the server reloads members when it does). */
  stamp(): number {
    return existsSync(this.path) ? statSync(this.path).mtimeMs : 0;
  }

  read(): TeamFile {
    if (!existsSync(this.path)) return structuredClone(EMPTY);
    try {
      return { ...structuredClone(EMPTY), ...(JSON.parse(readFileSync(this.path, 'utf8')) as TeamFile) };
    } catch {
      throw new UserError('refused', `${this.path} is not a team file Wave Planner can read.`);
    }
  }

  /** Changes the file under its lock: read, change, write whole. */
  update<T>(change: (team: TeamFile) => T): T {
    mkdirSync(this.dataDir, { recursive: true });
    const lock = `${this.path}.lock`;
    const deadline = Date.now() + LOCK_WAIT_MS;
    for (;;) {
      try {
        mkdirSync(lock);
        break;
      } catch {
        if (existsSync(lock) && Date.now() - statSync(lock).mtimeMs > LOCK_STALE_MS) rmSync(lock, { recursive: true, force: true });
        else if (Date.now() > deadline) throw new UserError('busy', `${this.path} is locked by another program; try again.`);
        else Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 20);
      }
    }
    try {
      const team = this.read();
      const result = change(team);
      replaceFile(this.path, JSON.stringify(team, null, 2), 0o600);
      return result;
    } finally {
      rmSync(lock, { recursive: true, force: true });
    }
  }

  /** Makes a single-use join code; returns it (only its hash is kept). */
  invite(input: { role: TeamRole; sites: string[]; name?: string; email?: string }): string {
    if (input.role === 'site-lead' && input.sites.length === 0) throw new UserError('invalid-input', 'A site lead is invited for one or more sites: add --site CODE.');
    if (input.role === 'planner' && input.sites.length > 0) throw new UserError('invalid-input', 'A planner sees the whole plan: --site is for site leads.');
    const code = newJoinCode();
    this.update((team) => {
      team.invites.push({ codeHash: hashSecret(normalCode(code)), role: input.role, sites: input.sites, name: input.name ?? '', email: input.email ?? '', createdAt: new Date().toISOString(), usedAt: null, usedBy: null });
    });
    return code;
  }

  /** Redeems a join code once: a new member with a new key (returned in clear only here). */
  redeem(code: string, who: { name?: string; email?: string }): { member: Member; key: string } {
    return this.update((team) => {
      const invite = team.invites.find((i) => sameSecret(normalCode(code), i.codeHash));
      if (!invite) throw new UserError('refused', 'This join code is not known to the team server. Ask for a new one.');
      if (invite.usedAt) throw new UserError('refused', `This join code was used on ${invite.usedAt.slice(0, 16).replace('T', ' ')} UTC; a code joins one member once. Ask for a new one.`);
      const key = randomBytes(32).toString('base64url');
      const name = (who.name || invite.name || (invite.role === 'planner' ? 'Planner' : `Site lead of ${invite.sites.join(', ')}`)).slice(0, 200);
      const member: Member = { id: randomUUID(), name, email: (who.email || invite.email).slice(0, 200), role: invite.role, sites: invite.sites, keyHash: hashSecret(key), joinedAt: new Date().toISOString(), revokedAt: null };
      invite.usedAt = member.joinedAt;
      invite.usedBy = member.id;
      team.members.push(member);
      return { member, key };
    });
  }

  /** The member a key belongs to, if it is known and not revoked. */
  authenticate(memberId: string, key: string): Member | null {
    const member = this.read().members.find((m) => m.id === memberId);
    if (!member || member.revokedAt || !sameSecret(key, member.keyHash)) return null;
    return member;
  }

  /** Ends a member's access (by id, e-mail or name); returns who it was. */
  revoke(who: string): Member {
    return this.update((team) => {
      const matches = team.members.filter((m) => !m.revokedAt && (m.id === who || m.email.toLowerCase() === who.toLowerCase() || m.name.toLowerCase() === who.toLowerCase()));
      if (matches.length === 0) throw new UserError('not-found', `No member "${who}" has access (see \`wave-planner team members\`).`);
      if (matches.length > 1) throw new UserError('refused', `"${who}" names ${matches.length} members; give the member's id.`);
      matches[0]!.revokedAt = new Date().toISOString();
      return matches[0]!;
    });
  }
}
