/** Sites and ERPs of the open plan, with edits that go straight to the plan file. */
import { create } from 'zustand';
import type { SitePatch } from '../../../shared/contract';
import type { Erp, Site } from '../../../shared/domain';
import { api } from '../api/client';
import { usePlanStore } from './plan-store';

interface PortfolioState {
  sites: Site[];
  erps: Erp[];
  loaded: boolean;
  error: string | null;
  load(): Promise<void>;
  updateSite(code: string, patch: SitePatch): Promise<Site>;
}

export const usePortfolioStore = create<PortfolioState>((set, get) => ({
  sites: [],
  erps: [],
  loaded: false,
  error: null,
  async load() {
    try {
      const [sites, erps] = await Promise.all([api['sites:list'](), api['erps:list']()]);
      set({ sites, erps, loaded: true, error: null });
    } catch (error) {
      set({ error: (error as Error).message, loaded: true });
    }
  },
  async updateSite(code, patch) {
    const updated = await usePlanStore.getState().track(() => api['sites:update']({ code, patch }));
    set({ sites: get().sites.map((s) => (s.code === code ? updated : s)) });
    return updated;
  },
}));
