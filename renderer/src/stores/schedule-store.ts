/**
 * The stored schedule of the open plan, and the changes a program manager makes to it: each one
 * round trip, one step of the backend's undo history.
 */
import { create } from 'zustand';
import type { ReplanResult, ScheduleView } from '../../../shared/contract';
import { describeScheduleDiff } from '../../../shared/scheduler/diff';
import { checkMovable, MoveError } from '../../../shared/scheduler/edit';
import { api } from '../api/client';
import { usePlanStore } from './plan-store';

interface ScheduleState {
  view: ScheduleView | null;
  loaded: boolean;
  busy: boolean;
  error: string | null;
  /** What the last re-plan changed, in words (null: nothing moved). */
  replanned: { summary: string | null; at: number } | null;
  load(): Promise<void>;
  /** Reads the schedule again unless what is shown already includes `revision`. */
  refreshIfOlder(revision: number): Promise<void>;
  /** Reads whether the schedule is out of date (after a change to what it was computed from). */
  refreshStatus(): Promise<void>;
  replan(asOf?: string): Promise<void>;
  move(site: string, wave: number, goLive: string | null): Promise<void>;
  pin(site: string, pinned: boolean): Promise<void>;
  /** Unpins a site and re-plans: one step. */
  release(site: string): Promise<void>;
  lock(wave: number, locked: boolean): Promise<void>;
  overrideLighthouse(site: string | null): Promise<void>;
}

export const useScheduleStore = create<ScheduleState>((set, get) => {
  /**
   * Runs a change and shows the schedule it stored; on failure, says why and keeps the schedule as
   * it was. `busy` (the Re-plan button's spinner) is for the changes that compute a whole schedule.
   */
  const change = async (write: () => Promise<ScheduleView>, options: { busy?: boolean } = {}) => {
    if (options.busy || get().error) set({ busy: options.busy ?? false, error: null });
    try {
      const view = await usePlanStore.getState().track(write);
      set({ view, busy: false });
    } catch (error) {
      set({ busy: false, error: (error as Error).message });
    }
  };
  const replanning = (write: () => Promise<{ value: ReplanResult }>) =>
    change(async () => {
      const { value } = await write();
      set({ replanned: { summary: describeScheduleDiff(value.diff), at: Date.now() } });
      return value.view;
    }, { busy: true });
  return {
    view: null,
    loaded: false,
    busy: false,
    error: null,
    replanned: null,
    async load() {
      try {
        const view = await api['schedule:current']();
        const current = get().view;
        const same = view && current && view.revision === current.revision && view.stale === current.stale;
        // A schedule changed elsewhere (an undo, another window) is not what the last re-plan made.
        set({ ...(same ? {} : { view, replanned: null }), loaded: true, error: null });
      } catch (error) {
        set({ loaded: true, error: (error as Error).message });
      }
    },
    async refreshIfOlder(revision) {
      const view = get().view;
      if (view && view.revision >= revision) return;
      await get().load();
    },
    async refreshStatus() {
      const view = get().view;
      if (!view) return;
      const status = await api['schedule:status']().catch(() => null);
      if (!status || status.id !== view.id) return get().load();
      const current = get().view!;
      if (status.stale !== current.stale || status.staleBecause !== current.staleBecause) set({ view: { ...current, stale: status.stale, staleBecause: status.staleBecause } });
    },
    replan: (asOf) => replanning(() => api['schedule:generate'](asOf ? { asOf } : {})),
    async move(site, wave, goLive) {
      const view = get().view;
      if (view) {
        try {
          checkMovable(view.schedule, site, wave, view.lockedWaves);
        } catch (error) {
          // A move the rules refuse outright (a locked wave): say so without a round trip.
          if (error instanceof MoveError) return void set({ error: error.message });
          throw error;
        }
      }
      // One round trip: the backend moves, pins, re-checks and stores; its answer is what is shown.
      await change(async () => (await api['schedule:move']({ site, wave, goLive })).value);
    },
    pin: (site, pinned) => change(async () => (await api['schedule:pin']({ site, pinned })).value),
    release: (site) => replanning(() => api['schedule:release']({ site })),
    lock: (wave, locked) => change(async () => (await api['schedule:lock']({ wave, locked })).value),
    overrideLighthouse: (site) => replanning(() => api['schedule:lighthouse']({ site })),
  };
});
