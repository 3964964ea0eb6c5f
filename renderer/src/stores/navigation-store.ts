/**
 * Which screen is shown, and requests one part of the app makes of a screen (the command palette's
 * "Add a site" or "Open site US-DET"): the screen takes its request once it is shown.
 */
import { create } from 'zustand';

export type ScreenId = 'portfolio' | 'readiness' | 'plan' | 'scenarios' | 'checklists' | 'settings' | 'backups' | 'team';

export type Intent = { kind: 'add-site' } | { kind: 'open-site'; code: string } | { kind: 'show-erps' } | { kind: 'find-faster-sequence' };

interface NavigationState {
  screen: ScreenId;
  intent: Intent | null;
  show(screen: ScreenId, intent?: Intent): void;
  /** The pending request of this kind, taken so it runs once. */
  take<K extends Intent['kind']>(kind: K): Extract<Intent, { kind: K }> | null;
}

export const useNavigationStore = create<NavigationState>((set, get) => ({
  screen: 'portfolio',
  intent: null,
  show: (screen, intent) => set({ screen, intent: intent ?? null }),
  take(kind) {
    const intent = get().intent;
    if (intent?.kind !== kind) return null;
    set({ intent: null });
    return intent as Extract<Intent, { kind: typeof kind }>;
  },
}));
