/** The open plan and its save state. */
import { create } from 'zustand';
import type { PlanInfo } from '../../../shared/contract';
import type { Crew } from '../../../shared/domain';
import type { PlanSettings } from '../../../shared/settings';
import { api } from '../api/client';

export type SaveState = { kind: 'idle' } | { kind: 'saving' } | { kind: 'saved'; at: number } | { kind: 'failed'; message: string };

interface PlanState {
  info: PlanInfo | null;
  loading: boolean;
  loadError: string | null;
  save: SaveState;
  /** Bumped whenever another plan is opened, so screens load their data afresh. */
  generation: number;
  /** Reads the open plan again (another plan may be open now). */
  refresh(): Promise<void>;
  setInfo(info: PlanInfo | null): void;
  /** Runs a write and reflects it in the save state; the error is kept and rethrown. */
  track<T>(write: () => Promise<T>): Promise<T>;
  /** Changes the plan's name, start, holidays, freeze windows or lighthouse choice: one step. */
  updatePlan(fields: Parameters<(typeof api)['plan:update']>[0]): Promise<void>;
  /** Changes scheduling settings: one step. */
  updateSettings(settings: Partial<PlanSettings>): Promise<void>;
  /** Replaces the crews with this list: one step. */
  saveCrews(crews: Crew[]): Promise<void>;
}

const SAVING_SHOWN_AFTER_MS = 300;

export const usePlanStore = create<PlanState>((set, get) => ({
  info: null,
  loading: true,
  loadError: null,
  save: { kind: 'idle' },
  generation: 0,
  async refresh() {
    try {
      get().setInfo(await api['plan:current']());
      set({ loading: false, loadError: null });
    } catch (error) {
      set({ loading: false, loadError: (error as Error).message });
    }
  },
  setInfo(info) {
    const previous = get().info;
    const samePlan = previous !== null && info !== null && previous.path === info.path;
    set({ info, generation: samePlan ? get().generation : get().generation + 1 });
  },
  async updatePlan(fields) {
    get().setInfo((await get().track(() => api['plan:update'](fields))).value);
  },
  async updateSettings(settings) {
    get().setInfo((await get().track(() => api['settings:update'](settings))).value);
  },
  async saveCrews(crews) {
    get().setInfo((await get().track(() => api['crews:save']({ crews }))).value);
  },
  async track(write) {
    const pending = write();
    // "Saving…" only for a save that takes a while: a quick one would only flicker (and redraw).
    const slow = setTimeout(() => set({ save: { kind: 'saving' } }), SAVING_SHOWN_AFTER_MS);
    try {
      const result = await pending;
      set({ save: { kind: 'saved', at: Date.now() } });
      return result;
    } catch (error) {
      set({ save: { kind: 'failed', message: (error as Error).message } });
      throw error;
    } finally {
      clearTimeout(slow);
    }
  },
}));
