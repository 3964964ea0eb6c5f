/**
 * State for something shown only while open (a dialog or panel rendered conditionally, so unmounted
 * at once on close, before Mantine could give focus back): remembers what had focus when it opened
 * and gives focus back to it when it closes.
 */
import { useCallback, useRef, useState } from 'react';

export function useFocusReturn<T>(): [T | null, (next: T | null) => void] {
  const [state, setState] = useState<T | null>(null);
  const current = useRef<T | null>(null);
  const opener = useRef<HTMLElement | null>(null);
  const set = useCallback((next: T | null) => {
    if (next !== null && current.current === null) opener.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    current.current = next;
    setState(next);
    if (next === null && opener.current) {
      const element = opener.current;
      opener.current = null;
      // Once the dialog has gone: its own focus trap would take focus back.
      requestAnimationFrame(() => element.isConnected && element.focus());
    }
  }, []);
  return [state, set];
}
