/**
 * The team server: an automerge-repo on the file system (DATA/docs), its WebSocket adapter at /sync,
 * and a few HTTP calls beside it: POST /join (a join code for a member and their key), POST /share
 * (a planner names the team's plan), GET /me (what a member's connection may see). It holds the
 * team's documents and never any member's plan file.
 *
 * Every WebSocket upgrade needs a member's key; every message a member sends passes the guard
 * (guard.ts) before the repo sees it. A revoked member is disconnected at once.
 */
import { cbor, Repo, type PeerId } from '@automerge/automerge-repo/slim';
import { WebSocketServerAdapter } from '@automerge/automerge-repo-network-websocket';
import { NodeFSStorageAdapter } from '@automerge/automerge-repo-storage-nodefs';
import { appendFileSync, mkdirSync, unwatchFile, watchFile } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import { REVOKED_CLOSE_CODE } from '../team-socket';
import { DeskKeeper } from './desks';
import { Guard } from './guard';
import { Registry, type Member } from './registry';
import { UserError } from '../../errors';

export const SERVER_PEER_ID = 'team-server' as PeerId;
const MAX_BODY = 64 * 1024;
const WATCH_MS = 250;

export interface TeamServer {
  url: string;
  port: number;
  /** What the server holds: members connected, documents, memory. */
  stats(): { connected: number; documents: number; rssBytes: number };
  close(): Promise<void>;
}

export interface TeamServerOptions {
  dataDir: string;
  port?: number;
  host?: string;
  /** Where refusals and connections are logged (default DATA/server.log). */
  log?: (line: string) => void;
}

/** The server's adapter, with the guard in front of the repo. */
class GuardedAdapter extends WebSocketServerAdapter {
  constructor(
    server: WebSocketServer,
    private readonly guard: Guard,
    private readonly memberOf: (socket: WebSocket) => Member | undefined,
    private readonly refused: (member: Member, peerId: string, documentId: string, reason: string) => void,
  ) {
    // automerge's adapter names the server by isomorphic-ws's types, which are ws's own.
    super(server as never);
  }

  override receiveMessage(bytes: Uint8Array, socket: WebSocket): void {
    const member = this.memberOf(socket);
    if (!member) return void socket.close(REVOKED_CLOSE_CODE, 'Not a member of this team.');
    let message: { type?: string; senderId?: string; documentId?: string; data?: Uint8Array };
    try {
      message = cbor.decode(new Uint8Array(bytes)) as typeof message;
    } catch {
      return void socket.close();
    }
    const peer = String(message.senderId ?? '');
    if (message.type === 'join') {
      if (!peer || peer.startsWith('team-server') || !this.guard.bind(peer, member)) return void socket.close(1008, 'That peer belongs to another member.');
      socket.once('close', () => this.guard.unbind(peer));
      return super.receiveMessage(bytes, socket as never);
    }
    // Only the peer this connection announced, and only what the guard lets through.
    if (this.guard.memberOf(peer)?.id !== member.id) return;
    if (message.type === 'sync' || message.type === 'request') {
      if (!message.documentId || !message.data) return;
      const verdict = this.guard.checkSync(member, message.documentId, message.data);
      if (!verdict.ok) return this.refused(member, peer, message.documentId, verdict.reason);
      return super.receiveMessage(bytes, socket as never);
    }
    if (message.type === 'doc-unavailable') return super.receiveMessage(bytes, socket as never);
    // Ephemeral and gossip messages have no use here; members do not relay through the server.
  }
}

export async function startTeamServer(options: TeamServerOptions): Promise<TeamServer> {
  const dataDir = options.dataDir;
  mkdirSync(join(dataDir, 'docs'), { recursive: true });
  const logFile = join(dataDir, 'server.log');
  const log = options.log ?? ((line: string) => appendFileSync(logFile, `${new Date().toISOString()} ${line}\n`));
  const registry = new Registry(dataDir);
  const members = new WeakMap<WebSocket, Member>();
  const sockets = new Set<WebSocket>();
  const wss = new WebSocketServer({ noServer: true, maxPayload: 256 * 1024 * 1024 });
  // The guard and the adapter reach the repo only once messages flow, after it is made below.
  const guard = new Guard(registry, (docId) => repo.handles[docId as never] as never);
  const blocked = new Set<string>();
  const adapter = new GuardedAdapter(wss, guard, (socket) => members.get(socket), (member, peer, documentId, reason) => {
    const key = `${peer}|${documentId}`;
    if (blocked.has(key)) return;
    blocked.add(key);
    log(`refused a change by ${member.name} (${member.id}) to ${documentId}: ${reason}`);
    repo.networkSubsystem.send({ type: 'ephemeral', targetId: peer as PeerId, documentId: documentId as never, data: cbor.encode({ type: 'wave-planner/refused', message: `The team server refused your change: ${reason}. It stays only in your plan.` }) } as never);
  });
  const repo: Repo = new Repo({
    network: [adapter],
    storage: new NodeFSStorageAdapter(join(dataDir, 'docs')),
    peerId: SERVER_PEER_ID,
    shareConfig: { announce: async () => false, access: async (peer, doc) => guard.mayRead(String(peer), String(doc)) },
  });
  // The adapter takes connections only once the repo has opened its storage: accept no one before.
  await repo.storageId();
  for (let i = 0; i < 200 && wss.listenerCount('connection') === 0; i += 1) await new Promise((r) => setTimeout(r, 10));
  const keeper = new DeskKeeper(repo, registry);
  const team = guard.team();
  if (team.program) await keeper.follow(team.program);

  // Revocations from the command line take effect at once.
  const enforce = () => {
    guard.team();
    for (const socket of sockets) {
      const member = members.get(socket);
      if (member && isRevoked(registry, member.id)) {
        log(`disconnected ${member.name} (${member.id}): access revoked`);
        socket.close(REVOKED_CLOSE_CODE, 'Your access to this team was revoked.');
      }
    }
  };
  watchFile(registry.path, { interval: WATCH_MS }, enforce);

  const authenticated = (req: IncomingMessage): Member | null => {
    const header = req.headers.authorization ?? '';
    const match = /^Bearer ([0-9a-f-]{36})\.([A-Za-z0-9_-]{20,})$/.exec(header);
    return match ? registry.authenticate(match[1]!, match[2]!) : null;
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (error instanceof UserError) return reply(res, error.code === 'not-found' ? 404 : 400, { error: error.message });
      log(`internal error: ${(error as Error).stack ?? String(error)}`);
      reply(res, 500, { error: 'The team server failed; see its log.' });
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://team');
    if (req.method === 'GET' && url.pathname === '/health') return reply(res, 200, { ok: true });
    if (req.method === 'POST' && url.pathname === '/join') {
      const body = (await readJson(req)) as { code?: unknown; name?: unknown; email?: unknown };
      if (typeof body.code !== 'string') return reply(res, 400, { error: 'Give the join code.' });
      const { member, key } = registry.redeem(body.code, { name: typeof body.name === 'string' ? body.name : undefined, email: typeof body.email === 'string' ? body.email : undefined });
      log(`joined: ${member.name} (${member.id}) as ${member.role}${member.sites.length ? ` of ${member.sites.join(', ')}` : ''}`);
      return reply(res, 200, { memberId: member.id, key, ...(await view(member)) });
    }
    const member = authenticated(req);
    if (!member) return reply(res, 401, { error: 'The team server does not know this member (the key was revoked or replaced).' });
    if (req.method === 'GET' && url.pathname === '/me') return reply(res, 200, await view(member));
    if (req.method === 'POST' && url.pathname === '/share') {
      if (member.role !== 'planner') return reply(res, 403, { error: 'Only a planner shares the plan.' });
      const body = (await readJson(req)) as { program?: unknown; planId?: unknown; name?: unknown };
      if (typeof body.program !== 'string' || typeof body.planId !== 'string') return reply(res, 400, { error: 'Name the program document and the plan.' });
      const program = body.program;
      registry.update((t) => {
        if (t.program && t.program !== program) throw new UserError('refused', `This team already shares the plan "${t.planName ?? t.planId}"; join it instead, or start another team server for another plan.`);
        t.program = program;
        t.planId = String(body.planId);
        t.planName = typeof body.name === 'string' ? body.name.slice(0, 200) : null;
      });
      await keeper.follow(program);
      log(`plan shared by ${member.name}: ${String(body.name)} (${program})`);
      return reply(res, 200, await view(member));
    }
    reply(res, 404, { error: 'Not found.' });
  }

  /** What a member's connection may see: the plan, and for a site lead the desks of their sites (made if missing). */
  async function view(member: Member) {
    const team = guard.team();
    const desks = member.role === 'site-lead' && team.program ? await keeper.ensure(member.sites) : Object.fromEntries(team.desks.map((d) => [d.site, d.doc]));
    return {
      member: { id: member.id, name: member.name, email: member.email, role: member.role, sites: member.sites },
      plan: team.program ? { program: member.role === 'planner' ? team.program : null, id: team.planId, name: team.planName } : null,
      desks,
    };
  }

  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://team');
    const member = url.pathname === '/sync' ? authenticated(req) : null;
    if (!member) {
      socket.write('HTTP/1.1 401 Unauthorized\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      socket.destroy();
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      members.set(ws, member);
      sockets.add(ws);
      log(`connected: ${member.name} (${member.id})`);
      ws.once('close', () => {
        sockets.delete(ws);
        log(`disconnected: ${member.name} (${member.id})`);
      });
      wss.emit('connection', ws, req);
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.address() as AddressInfo;
  const host = options.host && options.host !== '0.0.0.0' && options.host !== '::' ? options.host : '127.0.0.1';
  log(`listening on ${host}:${address.port}`);
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${address.port}`,
    port: address.port,
    stats: () => ({ connected: sockets.size, documents: Object.keys(repo.handles).length, rssBytes: process.memoryUsage().rss }),
    close: async () => {
      unwatchFile(registry.path, enforce);
      for (const socket of sockets) socket.terminate();
      // Closing the WebSocket server also stops the adapter's keep-alive timer.
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      await repo.flush().catch(() => undefined);
      await repo.shutdown().catch(() => undefined);
      await new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      });
    },
  };
}

function isRevoked(registry: Registry, memberId: string): boolean {
  const member = registry.read().members.find((m) => m.id === memberId);
  return !member || member.revokedAt !== null;
}

function reply(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(JSON.stringify(body));
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) throw new UserError('invalid-input', 'The request is too large.');
    chunks.push(chunk as Buffer);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
  } catch {
    throw new UserError('invalid-input', 'The request is not JSON.');
  }
}
