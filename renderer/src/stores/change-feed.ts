/**
 * The change feed applied to the screens: each change refreshes only the stores of the entities it
 * names. Screens that keep their own data (checklists, baselines, a site's history) follow
 * `useChangeCounter(entity)`, which moves when their entity changed. Announcements of this page's
 * own writes wait for those writes to return, whose results are already shown.
 */
import { create } from 'zustand';
import { CHANGE_ENTITIES, changedEntities, SCHEDULER_INPUTS, type Change, type ChangeEntity } from '../../../shared/changes';
import { onChange, whenWritesSettled, type FeedEvent } from '../api/client';
import { useHistoryStore } from './history-store';
import { usePlanStore } from './plan-store';
import { usePortfolioStore } from './portfolio-store';
import { useScheduleStore } from './schedule-store';
import { useTeamStore } from './team-store';

interface ChangeCounters {
  counters: Record<ChangeEntity, number>;
}

export const useChangeCounters = create<ChangeCounters>(() => ({
  counters: Object.fromEntries(CHANGE_ENTITIES.map((e) => [e, 0])) as Record<ChangeEntity, number>,
}));

/** A number that moves whenever `entity` changed: a dependency for screens that load their own data. */
export function useChangeCounter(entity: ChangeEntity): number {
  return useChangeCounters((s) => s.counters[entity]);
}

/** A commit that changed an entity, or null when anything may have changed (another plan, a reconnection). */
export type EntityChange = { revision: number; changes: Change[] } | null;
const entityListeners = new Map<ChangeEntity, Set<(change: EntityChange) => void>>();

/**
 * Calls `listener` with each commit that changed `entity`, in order: for screens that follow a
 * large list and read again only what a change names. Returns a stop function.
 */
export function onEntityChange(entity: ChangeEntity, listener: (change: EntityChange) => void): () => void {
  let listeners = entityListeners.get(entity);
  if (!listeners) entityListeners.set(entity, (listeners = new Set()));
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function announce(entities: Iterable<ChangeEntity>, change: EntityChange): void {
  for (const entity of entities) for (const listener of entityListeners.get(entity) ?? []) listener(change);
}

function bump(entities: Iterable<ChangeEntity>): void {
  const counters = { ...useChangeCounters.getState().counters };
  for (const entity of entities) counters[entity] += 1;
  useChangeCounters.setState({ counters });
}

async function apply(event: FeedEvent): Promise<void> {
  if (event.type === 'team') {
    useTeamStore.getState().setStatus(event.status);
    return;
  }
  if (event.type !== 'commit') {
    // Another plan, or a reconnection after which anything may have changed: read everything again.
    await usePlanStore.getState().refresh();
    await Promise.all([usePortfolioStore.getState().load(), useScheduleStore.getState().load(), useHistoryStore.getState().load(), useTeamStore.getState().load()]);
    bump(CHANGE_ENTITIES);
    announce(CHANGE_ENTITIES, null);
    return;
  }
  const entities = changedEntities(event.changes);
  const work: Promise<unknown>[] = [useHistoryStore.getState().load()];
  if (entities.has('plan') || entities.has('settings') || entities.has('crews')) work.push(usePlanStore.getState().refresh());
  if (['sites', 'readiness', 'erps', 'dimensions'].some((e) => entities.has(e as ChangeEntity))) work.push(usePortfolioStore.getState().refresh(event.changes));
  if (entities.has('schedule')) work.push(useScheduleStore.getState().refreshIfOlder(event.revision));
  // A change to what the schedule was computed from may make it out of date: its banner follows.
  else if (SCHEDULER_INPUTS.some((e) => entities.has(e))) work.push(useScheduleStore.getState().refreshStatus());
  // What came from the team may have settled or raised a field in Needs review.
  if (event.source === 'sync' && useTeamStore.getState().status) work.push(useTeamStore.getState().loadReviews());
  await Promise.all(work);
  bump(entities);
  announce(entities, { revision: event.revision, changes: event.changes });
}

/** Starts applying the change feed; returns a stop function. */
export function startChangeFeed(): () => void {
  let queue = Promise.resolve();
  return onChange((event) => {
    // In order, one at a time, and after this page's own writes have come back.
    queue = queue.then(() => whenWritesSettled()).then(() => apply(event)).catch((error: unknown) => console.error('Could not apply a change:', error));
  });
}
