/**
 * The member's side of the connection to the team server: automerge-repo's WebSocket protocol (join,
 * peer, CBOR messages), with the member's key in the upgrade request, reconnection with a growing
 * pause, and what the title bar needs to know (connected, offline since when, refused). The stock
 * client adapter cannot send a key and throws on any failure other than a refused connection (a 401
 * would end the process), hence this one.
 */
import { cbor, NetworkAdapter, type Message, type PeerId, type PeerMetadata } from '@automerge/automerge-repo/slim';
import WebSocket from 'ws';

const PROTOCOL_V1 = '1';
const FIRST_RETRY_MS = 500;
const MAX_RETRY_MS = 15_000;

/** The close code the server uses when a member's key is no longer accepted. */
export const REVOKED_CLOSE_CODE = 4001;

export type SocketState = { kind: 'connecting' } | { kind: 'online' } | { kind: 'offline'; since: string; reason: string } | { kind: 'refused'; reason: string };

export interface TeamSocketOptions {
  /** The server's WebSocket address (ws:// or wss://). */
  url: string;
  memberId: string;
  key: string;
  onState: (state: SocketState) => void;
}

const toArrayBuffer = (bytes: Uint8Array): ArrayBuffer => bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;

export class TeamSocket extends NetworkAdapter {
  #socket: WebSocket | null = null;
  #ready = false;
  #readyResolve: (() => void) | null = null;
  readonly #readyPromise = new Promise<void>((resolve) => (this.#readyResolve = resolve));
  #retryMs = FIRST_RETRY_MS;
  #retryTimer: ReturnType<typeof setTimeout> | null = null;
  #remotePeer: PeerId | null = null;
  #stopped = false;
  #offlineSince: string | null = null;

  constructor(private readonly options: TeamSocketOptions) {
    super();
  }

  isReady(): boolean {
    return this.#ready;
  }

  whenReady(): Promise<void> {
    return this.#readyPromise;
  }

  #markReady(): void {
    if (this.#ready) return;
    this.#ready = true;
    this.#readyResolve?.();
  }

  connect(peerId: PeerId, peerMetadata?: PeerMetadata): void {
    this.peerId = peerId;
    this.peerMetadata = peerMetadata ?? {};
    this.#open();
    // The repo waits for the network before loading: an unreachable server must not hold it up.
    setTimeout(() => this.#markReady(), 1000).unref?.();
  }

  #open(): void {
    if (this.#stopped) return;
    this.options.onState({ kind: 'connecting' });
    const socket = new WebSocket(this.options.url, { headers: { authorization: `Bearer ${this.options.memberId}.${this.options.key}` }, perMessageDeflate: false });
    this.#socket = socket;
    socket.binaryType = 'arraybuffer';
    socket.on('open', () => {
      this.#retryMs = FIRST_RETRY_MS;
      this.#send({ type: 'join', senderId: this.peerId!, peerMetadata: this.peerMetadata ?? {}, supportedProtocolVersions: [PROTOCOL_V1] } as never);
    });
    socket.on('message', (data: ArrayBuffer) => this.#receive(new Uint8Array(data)));
    socket.on('unexpected-response', (_request, response) => {
      const status = response.statusCode ?? 0;
      response.resume();
      if (status === 401 || status === 403) this.#refuse(status === 401 ? 'The team server does not know this member (the key was revoked or replaced).' : 'The team server refused this member.');
      else this.#lost(`The team server answered ${status}.`);
      socket.terminate();
    });
    socket.on('error', (error: Error & { code?: string }) => {
      // Unreachable, reset, refused: offline until the next attempt. 'close' follows.
      this.#lastError = error.code === 'ECONNREFUSED' ? 'The team server is not reachable.' : error.message;
    });
    socket.on('close', (code: number, reason: Buffer) => {
      if (this.#socket !== socket) return;
      this.#socket = null;
      if (this.#remotePeer) this.emit('peer-disconnected', { peerId: this.#remotePeer });
      this.#remotePeer = null;
      if (code === REVOKED_CLOSE_CODE) this.#refuse(reason.toString() || 'The team server revoked this member.');
      else this.#lost(this.#lastError ?? 'The connection to the team server closed.');
    });
  }

  #lastError: string | null = null;

  #lost(reason: string): void {
    if (this.#stopped) return;
    this.#markReady();
    this.#offlineSince ??= new Date().toISOString();
    this.options.onState({ kind: 'offline', since: this.#offlineSince, reason });
    if (this.#retryTimer) return;
    this.#retryTimer = setTimeout(() => {
      this.#retryTimer = null;
      this.#open();
    }, this.#retryMs);
    this.#retryTimer.unref?.();
    this.#retryMs = Math.min(MAX_RETRY_MS, this.#retryMs * 2);
  }

  #refuse(reason: string): void {
    this.#stopped = true;
    this.#markReady();
    this.options.onState({ kind: 'refused', reason });
  }

  #receive(bytes: Uint8Array): void {
    let message: { type: string; senderId: PeerId; peerMetadata?: PeerMetadata; message?: string };
    try {
      message = cbor.decode(bytes) as typeof message;
    } catch {
      return;
    }
    if (message.type === 'peer') {
      this.#remotePeer = message.senderId;
      this.#offlineSince = null;
      this.#markReady();
      this.options.onState({ kind: 'online' });
      this.emit('peer-candidate', { peerId: message.senderId, peerMetadata: message.peerMetadata ?? {} });
    } else if (message.type === 'error') {
      this.#lastError = message.message ?? 'The team server reported an error.';
    } else {
      this.emit('message', message as unknown as Message);
    }
  }

  #send(message: Message): void {
    const socket = this.#socket;
    if (!socket || socket.readyState !== WebSocket.OPEN) return;
    socket.send(toArrayBuffer(cbor.encode(message)));
  }

  send(message: Message): void {
    if ('data' in message && message.data?.byteLength === 0) return;
    this.#send(message);
  }

  /** Reconnects at once (the user asked to sync now), keeping the pause short again. */
  retryNow(): void {
    if (this.#stopped || this.#socket) return;
    if (this.#retryTimer) clearTimeout(this.#retryTimer);
    this.#retryTimer = null;
    this.#retryMs = FIRST_RETRY_MS;
    this.#open();
  }

  disconnect(): void {
    this.#stopped = true;
    if (this.#retryTimer) clearTimeout(this.#retryTimer);
    this.#retryTimer = null;
    const socket = this.#socket;
    this.#socket = null;
    if (this.#remotePeer) this.emit('peer-disconnected', { peerId: this.#remotePeer });
    this.#remotePeer = null;
    socket?.close();
  }
}
