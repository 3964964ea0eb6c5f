/**
 * Checklist items of the plan (or of one site), kept current through the change feed, and the one
 * way to change them: the change shows at once, is stored as one step, and is taken back with a
 * message if the plan refuses it. A change made elsewhere reads again only the sites it names, so
 * a plan of 40,000 items does not travel again for one tick.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { changedIds } from '../../../../shared/changes';
import type { ChecklistItem, ChecklistStatus } from '../../../../shared/domain';
import { api } from '../../api/client';
import { onEntityChange } from '../../stores/change-feed';
import { usePlanStore } from '../../stores/plan-store';

export type ChecklistPatch = { status?: ChecklistStatus; owner?: string; note?: string };

export interface ChecklistItems {
  items: ChecklistItem[];
  loaded: boolean;
  error: string | null;
  clearError(): void;
  update(ids: readonly number[], patch: ChecklistPatch): Promise<void>;
}

/** Beyond this many sites named by a change, the whole list is read again. */
const MOST_SITES_READ_ONE_BY_ONE = 20;

/** Every item of the plan, or of one site (`site`); none while `enabled` is false. */
export function useChecklistItems({ site, enabled = true }: { site?: string; enabled?: boolean } = {}): ChecklistItems {
  const generation = usePlanStore((s) => s.generation);
  const [items, setItems] = useState<ChecklistItem[]>([]);
  const [loaded, setLoaded] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const latest = useRef(items);
  latest.current = items;
  /** The revision of this list's own last write: its announcement brings nothing new. */
  const ownRevision = useRef(0);

  useEffect(() => {
    if (!enabled) return;
    let current = true;
    const readAll = () =>
      api['checklist:list'](site ? { site } : {}).then(
        (list) => {
          if (!current) return;
          setItems(list);
          setLoaded(true);
        },
        (e: Error) => current && setError(e.message),
      );
    const readSites = async (codes: string[]) => {
      const lists = await Promise.all(codes.map((code) => api['checklist:list']({ site: code })));
      if (!current) return;
      const changed = new Set(codes);
      setItems((list) => [...list.filter((i) => !changed.has(i.site)), ...lists.flat()]);
    };
    void readAll();
    const stop = onEntityChange('checklist', (change) => {
      if (change && change.revision <= ownRevision.current) return;
      const named = change ? changedIds(change.changes, 'checklist') : 'all';
      if (named === null) return;
      const sites = named === 'all' ? null : site ? named.filter((code) => code === site) : named;
      if (sites === null || sites.length > MOST_SITES_READ_ONE_BY_ONE) void readAll();
      else if (sites.length > 0) readSites(sites).catch((e: Error) => current && setError(e.message));
    });
    return () => {
      current = false;
      stop();
    };
  }, [site, enabled, generation]);

  const update = useCallback(async (ids: readonly number[], patch: ChecklistPatch) => {
    setError(null);
    const changing = new Set(ids);
    const before = latest.current.filter((i) => changing.has(i.id));
    const replace = (next: Map<number, ChecklistItem>) => setItems((list) => list.map((i) => next.get(i.id) ?? i));
    replace(new Map(before.map((i) => [i.id, { ...i, ...patch }])));
    try {
      const { value, revision } = await usePlanStore.getState().track(() => api['checklist:updateMany']({ ids: [...ids], ...patch }));
      ownRevision.current = Math.max(ownRevision.current, revision);
      replace(new Map(value.map((i) => [i.id, i])));
    } catch (e) {
      replace(new Map(before.map((i) => [i.id, i])));
      setError((e as Error).message);
    }
  }, []);

  return { items, loaded, error, clearError: useCallback(() => setError(null), []), update };
}
