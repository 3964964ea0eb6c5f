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

export const useTeamStore = create<TeamState>((set, get) => ({
  status: null,
  reviews: [],
  async load() {
    const status = await api['team:status']();
    set({ status, reviews: status ? await api['team:reviews']() : [] });
  },
  setStatus(status) {
    const before = get().status;
    set({ status });
    if (status.reviews !== before?.reviews || status.reviews > 0) void get().loadReviews();
  },
  async loadReviews() {
    set({ reviews: await api['team:reviews']() });
  },
}));
