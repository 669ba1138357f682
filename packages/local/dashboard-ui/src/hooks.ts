import { useCallback, useEffect, useRef, useState } from 'preact/hooks';

/** How often live pages re-read the API (new mail, task progress, events). */
export const POLL_MS = 2000;

const refreshers = new Set<() => void>();
const resetListeners = new Set<() => void>();

/** Asks every mounted page to re-read its data now (after time travel or a reset). */
export function refreshAll(): void {
  for (const refresh of refreshers) refresh();
}

/** Tells mounted pages the backend was wiped, so lists go back to their first page. */
export function announceReset(): void {
  for (const listener of resetListeners) listener();
}

/** Runs `onReset` (latest version) whenever `announceReset()` is called while mounted. */
export function useOnReset(onReset: () => void): void {
  const ref = useRef(onReset);
  ref.current = onReset;
  useEffect(() => {
    const listener = () => ref.current();
    resetListeners.add(listener);
    return () => {
      resetListeners.delete(listener);
    };
  }, []);
}

export interface Loaded<T> {
  data: T | undefined;
  error: string | undefined;
  reload: () => void;
}

/**
 * Loads data with `load`, again whenever `key` changes, every `pollMs` when given, and on
 * `refreshAll()`. A slow answer for an old key never overwrites a newer one.
 */
export function useApi<T>(load: () => Promise<T>, key: string, pollMs?: number): Loaded<T> {
  const [data, setData] = useState<T>();
  const [error, setError] = useState<string>();
  const latest = useRef(0);
  const loadRef = useRef(load);
  loadRef.current = load;

  const reload = useCallback(() => {
    const ticket = ++latest.current;
    loadRef.current().then(
      (value) => {
        if (ticket !== latest.current) return;
        setData(value);
        setError(undefined);
      },
      (reason: unknown) => {
        if (ticket !== latest.current) return;
        setError(reason instanceof Error ? reason.message : String(reason));
      },
    );
  }, []);

  useEffect(() => {
    reload();
    refreshers.add(reload);
    const timer = pollMs ? setInterval(reload, pollMs) : undefined;
    return () => {
      refreshers.delete(reload);
      if (timer) clearInterval(timer);
    };
  }, [key, pollMs, reload]);

  return { data, error, reload };
}
