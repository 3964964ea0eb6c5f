/**
 * Undo and redo (Ctrl+Z, Ctrl+Shift+Z): both are the backend's. This store only shows what they
 * would do (the labels of the next steps) and asks for them; the change feed brings what they changed.
 */
import { create } from 'zustand';
import type { HistoryStep } from '../../../shared/contract';
import { api } from '../api/client';
import { usePlanStore } from './plan-store';

interface HistoryState {
  /** What Undo takes back, the next one first. */
  undoSteps: HistoryStep[];
  /** What Redo does again, the next one first. */
  redoSteps: HistoryStep[];
  running: boolean;
  message: { text: string; ok: boolean } | null;
  load(): Promise<void>;
  undo(): Promise<void>;
  redo(): Promise<void>;
  dismiss(): void;
}

export const useHistoryStore = create<HistoryState>((set, get) => {
  const step = async (action: 'undo' | 'redo') => {
    if (get().running || (action === 'undo' ? get().undoSteps : get().redoSteps).length === 0) return;
    set({ running: true, message: null });
    try {
      const done = await usePlanStore.getState().track(() => api[action === 'undo' ? 'history:undo' : 'history:redo']());
      set({ message: { text: `${action === 'undo' ? 'Undone' : 'Redone'}: ${done.value.label}`, ok: true } });
    } catch (error) {
      set({ message: { text: (error as Error).message, ok: false } });
    } finally {
      set({ running: false });
      await get().load();
    }
  };
  return {
    undoSteps: [],
    redoSteps: [],
    running: false,
    message: null,
    async load() {
      try {
        const history = await api['history:list']();
        set({ undoSteps: history.undo, redoSteps: history.redo });
      } catch {
        set({ undoSteps: [], redoSteps: [] });
      }
    },
    undo: () => step('undo'),
    redo: () => step('redo'),
    dismiss: () => set({ message: null }),
  };
});
