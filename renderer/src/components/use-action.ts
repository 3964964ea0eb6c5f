/** A dialog's save action: runs it once at a time, remembers whether it is running and why it failed. */
import { useState } from 'react';

export function useAction(): { busy: boolean; error: string | null; setError(error: string | null): void; run(action: () => Promise<void>): Promise<boolean> } {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = async (action: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await action();
      return true;
    } catch (e) {
      setError((e as Error).message);
      return false;
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, setError, run };
}
