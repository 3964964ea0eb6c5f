/** Where the open plan stands with its team, and what waits in Needs review (null status: a plan of one's own). */
import { create } from 'zustand';
import type { ReviewItem, TeamStatus } from '../../../shared/team';
import { api } from '../api/client';

interface TeamState {
  status: TeamStatus | null;
  reviews: ReviewItem[];
  /** Reads both again (another plan is open, or a reconnection). */
  load(): Promise<void>;
  /** A status the change feed brought; Needs review is read again when it may have changed. */
  setStatus(status: TeamStatus): void;
  loadReviews(): Promise<void>;
}

/**
 * How many statuses the change feed has brought. The backend announces every change of status, so
 * a status the feed brought while a read was under way is at least as new as what that read returns
 * (which may have been read before it): the read's status is then dropped, or the badge could stay on
 * "Connecting…" for good.
 */
let feedStatuses = 0;

export const useTeamStore = create<TeamState>((set, get) => ({
  status: null,
  reviews: [],
  async load() {
    const feedBefore = feedStatuses;
    const status = await api['team:status']();
    const reviews = status ? await api['team:reviews']() : [];
    // A plan of one's own has no link left to announce anything: its null always holds.
    set(status === null || feedStatuses === feedBefore ? { status, reviews } : { reviews });
  },
  setStatus(status) {
    feedStatuses += 1;
    const before = get().status;
    set({ status });
    if (status.reviews !== before?.reviews || status.reviews > 0) void get().loadReviews();
  },
  async loadReviews() {
    set({ reviews: await api['team:reviews']() });
  },
}));
