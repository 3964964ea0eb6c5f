/**
 * Undo and redo (Ctrl+Z, Ctrl+Shift+Z): both are the backend's. This store only shows what they
 * would do (the labels of the next steps) and asks for them; the change feed brings what they changed.
 */
import { create } from 'zustand';
import type { HistoryStep } from '../../../shared/contract';
import { api } from '../api/client';
import { notify } from '../layout/notify';
import { usePlanStore } from './plan-store';

interface HistoryState {
  /** What Undo takes back, the next one first. */
  undoSteps: HistoryStep[];
  /** What Redo does again, the next one first. */
  redoSteps: HistoryStep[];
  running: boolean;
  load(): Promise<void>;
  undo(): Promise<void>;
  redo(): Promise<void>;
}

export const useHistoryStore = create<HistoryState>((set, get) => {
  const step = async (action: 'undo' | 'redo') => {
    if (get().running || (action === 'undo' ? get().undoSteps : get().redoSteps).length === 0) return;
    set({ running: true });
    try {
      const done = await usePlanStore.getState().track(() => api[action === 'undo' ? 'history:undo' : 'history:redo']());
      notify(`${action === 'undo' ? 'Undone' : 'Redone'}: ${done.value.label}`, 'ok');
    } catch (error) {
      notify((error as Error).message, 'error');
    } finally {
      set({ running: false });
      await get().load();
    }
  };
  return {
    undoSteps: [],
    redoSteps: [],
    running: false,
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
  };
});
