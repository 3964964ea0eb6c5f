/**
 * Checklist items of the plan (or of one site), kept current through the change feed, and the one
 * way to change them: the change shows at once, is stored as one step, and is taken back with a
 * message if the plan refuses it.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ChecklistItem, ChecklistStatus } from '../../../../shared/domain';
import { api } from '../../api/client';
import { useChangeCounter } from '../../stores/change-feed';
import { usePlanStore } from '../../stores/plan-store';

export type ChecklistPatch = { status?: ChecklistStatus; owner?: string; note?: string };

export interface ChecklistItems {
  items: ChecklistItem[];
  loaded: boolean;
  error: string | null;
  clearError(): void;
  update(ids: readonly number[], patch: ChecklistPatch): Promise<void>;
}

/** Every item of the plan, or of one site (`site`); none while `enabled` is false. */
export function useChecklistItems({ site, enabled = true }: { site?: string; enabled?: boolean } = {}): ChecklistItems {
  const generation = usePlanStore((s) => s.generation);
  const checklistChanged = useChangeCounter('checklist');
  const [items, setItems] = useState<ChecklistItem[]>([]);
  const [loaded, setLoaded] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const latest = useRef(items);
  latest.current = items;

  useEffect(() => {
    if (!enabled) return;
    let current = true;
    api['checklist:list'](site ? { site } : {}).then(
      (list) => {
        if (!current) return;
        setItems(list);
        setLoaded(true);
      },
      (e: Error) => current && setError(e.message),
    );
    return () => {
      current = false;
    };
  }, [site, enabled, generation, checklistChanged]);

  const update = useCallback(async (ids: readonly number[], patch: ChecklistPatch) => {
    setError(null);
    const changing = new Set(ids);
    const before = latest.current.filter((i) => changing.has(i.id));
    const replace = (next: Map<number, ChecklistItem>) => setItems((list) => list.map((i) => next.get(i.id) ?? i));
    replace(new Map(before.map((i) => [i.id, { ...i, ...patch }])));
    try {
      const { value } = await usePlanStore.getState().track(() => api['checklist:updateMany']({ ids: [...ids], ...patch }));
      replace(new Map(value.map((i) => [i.id, i])));
    } catch (e) {
      replace(new Map(before.map((i) => [i.id, i])));
      setError((e as Error).message);
    }
  }, []);

  return { items, loaded, error, clearError: useCallback(() => setError(null), []), update };
}
