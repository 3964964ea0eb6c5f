/** The open plan and its save state. */
import { create } from 'zustand';
import type { PlanInfo } from '../../../shared/contract';
import { api } from '../api/client';

export type SaveState = { kind: 'idle' } | { kind: 'saving' } | { kind: 'saved'; at: number } | { kind: 'failed'; message: string };

interface PlanState {
  info: PlanInfo | null;
  loading: boolean;
  loadError: string | null;
  save: SaveState;
  /** Bumped whenever another plan is opened, so screens reload their data. */
  generation: number;
  refresh(): Promise<void>;
  setInfo(info: PlanInfo): void;
  /** Runs a write and reflects it in the save state; the error is kept and rethrown. */
  track<T>(write: () => Promise<T>): Promise<T>;
}

export const usePlanStore = create<PlanState>((set, get) => ({
  info: null,
  loading: true,
  loadError: null,
  save: { kind: 'idle' },
  generation: 0,
  async refresh() {
    set({ loading: true });
    try {
      const info = await api['plan:current']();
      set({ info, loading: false, loadError: null, generation: get().generation + 1 });
    } catch (error) {
      set({ loading: false, loadError: (error as Error).message });
    }
  },
  setInfo(info) {
    const previous = get().info;
    set({ info, generation: previous?.path === info.path ? get().generation : get().generation + 1 });
  },
  async track(write) {
    set({ save: { kind: 'saving' } });
    try {
      const result = await write();
      set({ save: { kind: 'saved', at: Date.now() } });
      return result;
    } catch (error) {
      set({ save: { kind: 'failed', message: (error as Error).message } });
      throw error;
    }
  },
}));
