/** The stored schedule of the open plan, and the changes a program manager makes to it. */
import { create } from 'zustand';
import type { ScheduleView } from '../../../shared/contract';
import { api } from '../api/client';
import { usePlanStore } from './plan-store';

interface ScheduleState {
  view: ScheduleView | null;
  loaded: boolean;
  busy: boolean;
  error: string | null;
  load(): Promise<void>;
  replan(asOf?: string): Promise<void>;
  move(site: string, wave: number, goLive: string | null): Promise<void>;
  pin(site: string, pinned: boolean): Promise<void>;
  lock(wave: number, locked: boolean): Promise<void>;
  overrideLighthouse(site: string | null): Promise<void>;
}

export const useScheduleStore = create<ScheduleState>((set) => {
  /** Runs a change, keeps the schedule it returns, and shows a refusal instead of losing it. */
  const change = async (write: () => Promise<ScheduleView>) => {
    set({ busy: true, error: null });
    try {
      const view = await usePlanStore.getState().track(write);
      set({ view, busy: false });
    } catch (error) {
      set({ busy: false, error: (error as Error).message });
    }
  };
  return {
    view: null,
    loaded: false,
    busy: false,
    error: null,
    async load() {
      try {
        set({ view: await api['schedule:current'](), loaded: true, error: null });
      } catch (error) {
        set({ loaded: true, error: (error as Error).message });
      }
    },
    replan: (asOf) => change(() => api['schedule:generate'](asOf ? { asOf } : {})),
    move: (site, wave, goLive) => change(() => api['schedule:move']({ site, wave, goLive })),
    pin: (site, pinned) => change(() => api['schedule:pin']({ site, pinned })),
    lock: (wave, locked) => change(() => api['schedule:lock']({ wave, locked })),
    overrideLighthouse: (site) => change(() => api['schedule:lighthouse']({ site })),
  };
});
