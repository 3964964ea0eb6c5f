/** The readiness packet a site lead has open (the site-lead view), and their edits to it. */
import { create } from 'zustand';
import type { PacketBody, SealedPacket } from '../../../shared/packets';

interface PacketState {
  packet: PacketBody | null;
  fileName: string;
  dirty: boolean;
  open(fileName: string, packet: SealedPacket): void;
  close(): void;
  edit(change: (packet: PacketBody) => PacketBody): void;
  saved(): void;
}

export const usePacketStore = create<PacketState>((set, get) => ({
  packet: null,
  fileName: '',
  dirty: false,
  open: (fileName, { mac: _mac, ...packet }) => set({ packet, fileName, dirty: false }),
  close: () => set({ packet: null, fileName: '', dirty: false }),
  edit: (change) => {
    const packet = get().packet;
    if (packet) set({ packet: change(packet), dirty: true });
  },
  saved: () => set({ dirty: false }),
}));

