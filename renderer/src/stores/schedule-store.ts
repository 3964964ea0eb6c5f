/** The stored schedule of the open plan, and the changes a program manager makes to it. */
import { create } from 'zustand';
import type { ScheduleView } from '../../../shared/contract';
import { api } from '../api/client';
import { usePlanStore } from './plan-store';
import { usePortfolioStore } from './portfolio-store';
import { useUndoStore } from './undo-store';
import { moveAndPin, MoveError } from '../../../shared/scheduler/edit';
import type { ScheduleInput, WaveSchedule } from '../../../shared/scheduler/types';

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

/** What the scheduler reads, from what the app already holds: the plan's fields and its portfolio. */
function scheduleInputInApp(asOf: string): ScheduleInput {
  const info = usePlanStore.getState().info!;
  const { sites, erps, dimensions } = usePortfolioStore.getState();
  return { startDate: info.startDate, settings: info.settings, holidays: info.holidays, freezeWindows: info.freezeWindows, dimensions, erps, sites, asOf, lighthouseOverride: info.lighthouseOverride };
}

export const useScheduleStore = create<ScheduleState>((set, get) => {
  const apply = async (write: () => Promise<ScheduleView>) => {
    const view = await usePlanStore.getState().track(write);
    set({ view });
    return view;
  };
  /**
   * Runs a change, keeps the schedule it returns, shows a refusal instead of losing it, and records
   * how to undo it: restore the schedule kept before, and the site pins the change touched.
   */
  const change = async (
    label: string,
    write: () => Promise<ScheduleView>,
    options: { pins?: string[]; undoAlso?: () => Promise<void>; redoAlso?: () => Promise<void>; preview?: WaveSchedule } = {},
  ) => {
    const pinsOf = options.pins ?? [];
    set({ busy: true, error: null });
    const before = get().view;
    // Shown at once; the stored result replaces it, or the schedule before comes back on failure.
    if (before && options.preview) set({ view: { ...before, schedule: options.preview } });
    const sites = usePortfolioStore.getState().sites;
    const pinsBefore = pinsOf.map((code) => {
      const site = sites.find((s) => s.code === code);
      return { code, pinnedWave: site?.pinnedWave ?? null, pinnedGoLive: site?.pinnedGoLive ?? null };
    });
    try {
      const after = await apply(write);
      set({ busy: false });
      const afterPins = await Promise.all(pinsOf.map((code) => api['sites:get']({ code })));
      void usePortfolioStore.getState().load();
      if (!before) return;
      const restorePins = async (pins: { code: string; pinnedWave: number | null; pinnedGoLive: string | null }[]) => {
        for (const p of pins) await api['sites:update']({ code: p.code, patch: { pinnedWave: p.pinnedWave, pinnedGoLive: p.pinnedGoLive } });
        await usePortfolioStore.getState().load();
      };
      useUndoStore.getState().push({
        label,
        undo: async () => {
          await options.undoAlso?.();
          await restorePins(pinsBefore);
          await apply(() => api['schedule:restore']({ id: before.id }));
        },
        redo: async () => {
          await options.redoAlso?.();
          await restorePins(afterPins.map((s) => ({ code: s.code, pinnedWave: s.pinnedWave, pinnedGoLive: s.pinnedGoLive })));
          await apply(() => api['schedule:restore']({ id: after.id }));
        },
      });
    } catch (error) {
      set({ busy: false, error: (error as Error).message, ...(options.preview ? { view: before } : {}) });
    }
  };
  return {
    view: null,
    loaded: false,
    busy: false,
    error: null,
    async load() {
      try {
        const view = await api['schedule:current']();
        const same = view && get().view && JSON.stringify(view) === JSON.stringify(get().view);
        set({ ...(same ? {} : { view }), loaded: true, error: null });
      } catch (error) {
        set({ loaded: true, error: (error as Error).message });
      }
    },
    replan: (asOf) => change('Re-plan', () => api['schedule:generate'](asOf ? { asOf } : {})),
    async move(site, wave, goLive) {
      const view = get().view;
      let preview: WaveSchedule | undefined;
      if (view) {
        try {
          preview = moveAndPin(scheduleInputInApp(view.schedule.asOf), view.schedule, site, wave, goLive, view.lockedWaves);
        } catch (error) {
          // A move the rules refuse outright (a locked wave): say so without a round trip.
          if (error instanceof MoveError) return void set({ error: error.message });
          // Anything else: the backend decides.
        }
      }
      await change(`Move ${site} to wave ${wave}`, () => api['schedule:move']({ site, wave, goLive }), { pins: [site], preview });
    },
    pin: (site, pinned) => change(`${pinned ? 'Pin' : 'Unpin'} ${site}`, () => api['schedule:pin']({ site, pinned }), { pins: [site] }),
    async lock(wave, locked) {
      set({ busy: true, error: null });
      try {
        await apply(() => api['schedule:lock']({ wave, locked }));
        set({ busy: false });
        useUndoStore.getState().push({
          label: `${locked ? 'Lock' : 'Unlock'} wave ${wave}`,
          undo: async () => void (await apply(() => api['schedule:lock']({ wave, locked: !locked }))),
          redo: async () => void (await apply(() => api['schedule:lock']({ wave, locked }))),
        });
      } catch (error) {
        set({ busy: false, error: (error as Error).message });
      }
    },
    async overrideLighthouse(site) {
      const previous = usePlanStore.getState().info?.lighthouseOverride ?? null;
      // The override is a plan setting: undo and redo put it back along with the schedule.
      const setOverride = async (value: string | null) => usePlanStore.getState().setInfo(await api['plan:update']({ lighthouseOverride: value }));
      await change(site ? `Make ${site} the lighthouse` : 'Let the scheduler choose the lighthouse', () => api['schedule:lighthouse']({ site }), {
        undoAlso: () => setOverride(previous),
        redoAlso: () => setOverride(site),
      });
      const info = await api['plan:current']();
      if (info) usePlanStore.getState().setInfo(info);
    },
  };
});
