/**
 * Sites, ERPs and readiness dimensions of the open plan. Edits go to the backend (one step each)
 * and their results are shown at once; changes made elsewhere arrive through the change feed and
 * refresh only the sites they name.
 */
import { create } from 'zustand';
import { changedIds, type Change } from '../../../shared/changes';
import type { ErpPatch, SitePatch } from '../../../shared/contract';
import type { Erp, ReadinessDimension, Site } from '../../../shared/domain';
import { api } from '../api/client';
import { usePlanStore } from './plan-store';

/** A new site as the add dialog fills it: readiness and list fields may be left out. */
export type SiteInput = Omit<Site, 'readiness'> & { readiness?: Site['readiness'] };

/** Beyond this many sites named by a change, the whole list is read again. */
const SITES_READ_ONE_BY_ONE = 25;

interface PortfolioState {
  sites: Site[];
  erps: Erp[];
  dimensions: ReadinessDimension[];
  loaded: boolean;
  error: string | null;
  load(): Promise<void>;
  /** Reads again what `changes` touched: the sites they name, the ERPs, the dimensions. */
  refresh(changes: Change[]): Promise<void>;
  updateSite(code: string, patch: SitePatch): Promise<Site>;
  /** The same fields on many sites: one step. */
  updateSites(codes: string[], patch: SitePatch): Promise<void>;
  createSite(site: SiteInput): Promise<Site>;
  /** Removes sites with their readiness history and checklists; Undo brings them back. */
  deleteSites(codes: string[]): Promise<void>;
  createErp(erp: Erp): Promise<Erp>;
  updateErp(code: string, patch: ErpPatch): Promise<Erp>;
  /** A new readiness assessment (history is kept). */
  setReadiness(site: string, dimension: string, score: number | null, targetDate: string | null, comment: string): Promise<Site>;
}

/** Keeps the same object when nothing changed, so screens built on it do not redraw. */
const same = <T,>(next: T, current: T) => (JSON.stringify(next) === JSON.stringify(current) ? current : next);

export const usePortfolioStore = create<PortfolioState>((set, get) => {
  const track = <T,>(write: () => Promise<T>) => usePlanStore.getState().track(write);
  const replaceSites = (updated: Site[], removed: string[] = []) => {
    const byCode = new Map(updated.map((s) => [s.code.toLowerCase(), s]));
    const gone = new Set(removed.map((c) => c.toLowerCase()));
    const kept = get().sites.filter((s) => !gone.has(s.code.toLowerCase())).map((s) => byCode.get(s.code.toLowerCase()) ?? s);
    const known = new Set(kept.map((s) => s.code.toLowerCase()));
    set({ sites: [...kept, ...updated.filter((s) => !known.has(s.code.toLowerCase()))] });
  };
  return {
    sites: [],
    erps: [],
    dimensions: [],
    loaded: false,
    error: null,
    async load() {
      try {
        const [sites, erps, dimensions] = await Promise.all([api['sites:list'](), api['erps:list'](), api['readiness:dimensions']()]);
        const state = get();
        set({ sites: same(sites, state.sites), erps: same(erps, state.erps), dimensions: same(dimensions, state.dimensions), loaded: true, error: null });
      } catch (error) {
        set({ error: (error as Error).message, loaded: true });
      }
    },
    async refresh(changes) {
      const erps = changedIds(changes, 'erps');
      const dimensions = changedIds(changes, 'dimensions');
      // An ERP's code is part of every site on it; a dimension is part of every site's readiness.
      if (erps || dimensions) return get().load();
      const codes = [...new Set([...(asList(changedIds(changes, 'sites')) ?? []), ...(asList(changedIds(changes, 'readiness')) ?? [])])];
      const many = changedIds(changes, 'sites') === 'all' || changedIds(changes, 'readiness') === 'all' || codes.length > SITES_READ_ONE_BY_ONE;
      if (many) return get().load();
      const read = await Promise.all(codes.map((code) => api['sites:get']({ code }).then((site) => ({ code, site }), () => ({ code, site: null }))));
      replaceSites(read.flatMap((r) => (r.site ? [r.site] : [])), read.filter((r) => !r.site).map((r) => r.code));
    },
    async updateSite(code, patch) {
      const { value } = await track(() => api['sites:update']({ code, patch }));
      if (value.code !== code) replaceSites([value], [code]);
      else replaceSites([value]);
      return value;
    },
    async updateSites(codes, patch) {
      const { value } = await track(() => api['sites:updateMany']({ codes, patch }));
      replaceSites(value);
    },
    async createSite(input) {
      const { value } = await track(() => api['sites:create']({ site: { ...input, readiness: input.readiness ?? {} } }));
      replaceSites([value]);
      return value;
    },
    async deleteSites(codes) {
      const { value } = await track(() => api['sites:delete']({ codes }));
      replaceSites([], value);
    },
    async createErp(erp) {
      const { value } = await track(() => api['erps:create']({ erp }));
      set({ erps: [...get().erps, value] });
      return value;
    },
    async updateErp(code, patch) {
      const { value } = await track(() => api['erps:update']({ code, patch }));
      set({ erps: get().erps.map((e) => (e.code === code ? value : e)) });
      // A renamed ERP changes what its sites point at.
      if (value.code !== code) await get().load();
      return value;
    },
    async setReadiness(site, dimension, score, targetDate, comment) {
      const { value } = await track(() => api['readiness:set']({ site, dimension, score, targetDate, comment }));
      replaceSites([value]);
      return value;
    },
  };
});

function asList(ids: string[] | 'all' | null): string[] | null {
  return Array.isArray(ids) ? ids : null;
}
