/**
 * Undo and redo of every edit (Ctrl+Z, Ctrl+Shift+Z). Each edit pushes the two operations that take
 * it back and do it again; a schedule change is undone by restoring the schedule kept before it.
 * Opening another plan clears the history: opening is not an edit.
 */
import { create } from 'zustand';

export interface UndoEntry {
  label: string;
  undo(): Promise<void>;
  redo(): Promise<void>;
}

interface UndoState {
  done: UndoEntry[];
  undone: UndoEntry[];
  running: boolean;
  message: string | null;
  push(entry: UndoEntry): void;
  undo(): Promise<void>;
  redo(): Promise<void>;
  clear(): void;
}

const LIMIT = 200;

export const useUndoStore = create<UndoState>((set, get) => {
  const step = async (from: 'done' | 'undone') => {
    const state = get();
    const entry = state[from].at(-1);
    if (!entry || state.running) return;
    set({ running: true, message: null });
    try {
      await (from === 'done' ? entry.undo() : entry.redo());
      const rest = state[from].slice(0, -1);
      set(from === 'done' ? { done: rest, undone: [...get().undone, entry] } : { undone: rest, done: [...get().done, entry] });
      set({ message: `${from === 'done' ? 'Undone' : 'Redone'}: ${entry.label}` });
    } catch (error) {
      set({ message: `Could not ${from === 'done' ? 'undo' : 'redo'} "${entry.label}": ${(error as Error).message}` });
    } finally {
      set({ running: false });
    }
  };
  return {
    done: [],
    undone: [],
    running: false,
    message: null,
    push: (entry) => set({ done: [...get().done, entry].slice(-LIMIT), undone: [] }),
    undo: () => step('done'),
    redo: () => step('undone'),
    clear: () => set({ done: [], undone: [], message: null }),
  };
});
