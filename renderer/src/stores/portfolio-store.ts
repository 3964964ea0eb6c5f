/** Sites and ERPs of the open plan, with edits that go straight to the plan file. */
import { create } from 'zustand';
import type { SitePatch } from '../../../shared/contract';
import type { Erp, ReadinessDimension, Site } from '../../../shared/domain';
import { api } from '../api/client';
import { usePlanStore } from './plan-store';
import { useUndoStore } from './undo-store';

interface PortfolioState {
  sites: Site[];
  erps: Erp[];
  dimensions: ReadinessDimension[];
  loaded: boolean;
  error: string | null;
  load(): Promise<void>;
  updateSite(code: string, patch: SitePatch): Promise<Site>;
  /** A new readiness assessment (history is kept); undo records the previous value as a new entry. */
  setReadiness(site: string, dimension: string, score: number | null, targetDate: string | null, comment: string): Promise<Site>;
}

export const usePortfolioStore = create<PortfolioState>((set, get) => ({
  sites: [],
  erps: [],
  dimensions: [],
  loaded: false,
  error: null,
  async load() {
    try {
      const [sites, erps, dimensions] = await Promise.all([api['sites:list'](), api['erps:list'](), api['readiness:dimensions']()]);
      set({ sites, erps, dimensions, loaded: true, error: null });
    } catch (error) {
      set({ error: (error as Error).message, loaded: true });
    }
  },
  async updateSite(code, patch) {
    const before = get().sites.find((s) => s.code === code);
    const updated = await usePlanStore.getState().track(() => api['sites:update']({ code, patch }));
    set({ sites: get().sites.map((s) => (s.code === code ? updated : s)) });
    if (before) {
      // Undo writes back the fields this edit changed, as they were.
      const previous = Object.fromEntries(Object.keys(patch).map((key) => [key, before[key as keyof typeof before]])) as SitePatch;
      const write = async (target: string, values: SitePatch) => {
        const site = await usePlanStore.getState().track(() => api['sites:update']({ code: target, patch: values }));
        set({ sites: get().sites.map((s) => (s.code === target ? site : s)) });
      };
      useUndoStore.getState().push({
        label: `Edit ${Object.keys(patch).join(', ')} of ${code}`,
        undo: () => write(updated.code, previous),
        redo: () => write(before.code, patch),
      });
    }
    return updated;
  },
  async setReadiness(site, dimension, score, targetDate, comment) {
    const before = get().sites.find((s) => s.code === site)?.readiness[dimension] ?? { score: null, targetDate: null };
    const write = async (value: { score: number | null; targetDate: string | null }, note: string) => {
      const updated = await usePlanStore.getState().track(() => api['readiness:set']({ site, dimension, ...value, comment: note }));
      set({ sites: get().sites.map((s) => (s.code === site ? updated : s)) });
      return updated;
    };
    const updated = await write({ score, targetDate }, comment);
    useUndoStore.getState().push({
      label: `Readiness of ${site} (${dimension})`,
      undo: async () => void (await write(before, 'Undo')),
      redo: async () => void (await write({ score, targetDate }, comment)),
    });
    return updated;
  },
}));
