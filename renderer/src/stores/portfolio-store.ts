/** Sites and ERPs of the open plan, with edits that go straight to the plan file. */
import { create } from 'zustand';
import type { DeletedSite, ErpPatch, SitePatch } from '../../../shared/contract';
import type { Erp, ReadinessDimension, Site } from '../../../shared/domain';
import { api } from '../api/client';
import { usePlanStore } from './plan-store';
import { useUndoStore } from './undo-store';

/** A new site as the add dialog fills it: readiness and list fields may be left out. */
export type SiteInput = Omit<Site, 'readiness'> & { readiness?: Site['readiness'] };

interface PortfolioState {
  sites: Site[];
  erps: Erp[];
  dimensions: ReadinessDimension[];
  loaded: boolean;
  error: string | null;
  load(): Promise<void>;
  updateSite(code: string, patch: SitePatch): Promise<Site>;
  /** The same fields on many sites: one transaction, one undo step. */
  updateSites(codes: string[], patch: SitePatch): Promise<void>;
  createSite(site: SiteInput): Promise<Site>;
  /** Removes sites; undo puts them back with their readiness history and checklists. */
  deleteSites(codes: string[]): Promise<void>;
  updateErp(code: string, patch: ErpPatch): Promise<Erp>;
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
      // Reloading what is shown keeps the same objects, so screens built on them do not redraw.
      const state = get();
      const same = <T,>(next: T, current: T) => (JSON.stringify(next) === JSON.stringify(current) ? current : next);
      set({ sites: same(sites, state.sites), erps: same(erps, state.erps), dimensions: same(dimensions, state.dimensions), loaded: true, error: null });
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
  async updateSites(codes, patch) {
    const before = new Map(get().sites.map((s) => [s.code, s]));
    const write = async (values: Map<string, SitePatch>) => {
      // Bulk writes share one value per call: group the sites by the values they get back.
      const groups = new Map<string, string[]>();
      for (const [code, value] of values) groups.set(JSON.stringify(value), [...(groups.get(JSON.stringify(value)) ?? []), code]);
      for (const [value, group] of groups) {
        const updated = await usePlanStore.getState().track(() => api['sites:updateMany']({ codes: group, patch: JSON.parse(value) as SitePatch }));
        const byCode = new Map(updated.map((u) => [u.code, u]));
        set({ sites: get().sites.map((s) => byCode.get(s.code) ?? s) });
      }
    };
    await write(new Map(codes.map((code) => [code, patch])));
    const previous = new Map(codes.map((code) => [code, Object.fromEntries(Object.keys(patch).map((key) => [key, before.get(code)?.[key as keyof Site]])) as SitePatch]));
    useUndoStore.getState().push({
      label: `Edit ${Object.keys(patch).join(', ')} of ${codes.length} sites`,
      undo: () => write(previous),
      redo: () => write(new Map(codes.map((code) => [code, patch]))),
    });
  },
  async createSite(input) {
    let code = input.code;
    const create = async () => {
      const site = await usePlanStore.getState().track(() => api['sites:create']({ site: { ...input, readiness: input.readiness ?? {} } }));
      code = site.code;
      set({ sites: [...get().sites, site] });
      return site;
    };
    const remove = async () => {
      await usePlanStore.getState().track(() => api['sites:delete']({ codes: [code] }));
      set({ sites: get().sites.filter((s) => s.code !== code) });
    };
    const site = await create();
    useUndoStore.getState().push({ label: `Add site ${code}`, undo: remove, redo: async () => void (await create()) });
    return site;
  },
  async deleteSites(codes) {
    let taken: DeletedSite[] = [];
    const remove = async () => {
      taken = await usePlanStore.getState().track(() => api['sites:delete']({ codes }));
      const gone = new Set(codes);
      set({ sites: get().sites.filter((s) => !gone.has(s.code)) });
    };
    const restore = async () => {
      const restored = await usePlanStore.getState().track(() => api['sites:restore']({ deleted: taken }));
      set({ sites: [...get().sites, ...restored] });
    };
    await remove();
    useUndoStore.getState().push({ label: codes.length === 1 ? `Remove site ${codes[0]}` : `Remove ${codes.length} sites`, undo: restore, redo: remove });
  },
  async updateErp(code, patch) {
    const before = get().erps.find((e) => e.code === code);
    const write = async (target: string, values: ErpPatch) => {
      const erp = await usePlanStore.getState().track(() => api['erps:update']({ code: target, patch: values }));
      set({ erps: get().erps.map((e) => (e.code === target ? erp : e)) });
      // A renamed ERP changes what its sites point at.
      if (erp.code !== target) await get().load();
      return erp;
    };
    const updated = await write(code, patch);
    if (before) {
      const previous = Object.fromEntries(Object.keys(patch).map((key) => [key, before[key as keyof Erp]])) as ErpPatch;
      useUndoStore.getState().push({ label: `Edit ${Object.keys(patch).join(', ')} of ERP ${code}`, undo: async () => void (await write(updated.code, previous)), redo: async () => void (await write(before.code, patch)) });
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
