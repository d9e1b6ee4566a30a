import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';

export type Loaded<T> =
  | { state: 'loading' }
  | { state: 'error'; error: unknown }
  | { state: 'ready'; data: T; error?: unknown };

/**
 * Runs `load` on mount and whenever `reload` is called; aborts the call in flight when a new one starts or the
 * component goes away. A quiet reload keeps showing the last data (and keeps it if the reload fails), for
 * background refreshes.
 */
export function useLoader<T>(load: (signal: AbortSignal) => Promise<T>): [Loaded<T>, (options?: { quiet?: boolean }) => void] {
  const [loaded, setLoaded] = useState<Loaded<T>>({ state: 'loading' });
  const loadRef = useRef(load);
  // Always call the latest `load` (it closes over props) without making `reload` change identity.
  useLayoutEffect(() => {
    loadRef.current = load;
  });
  const controller = useRef<AbortController | null>(null);

  /** Starts a call; state changes only when it settles. */
  const start = useCallback((quiet: boolean) => {
    controller.current?.abort();
    const current = new AbortController();
    controller.current = current;
    loadRef.current(current.signal).then(
      (data) => !current.signal.aborted && setLoaded({ state: 'ready', data }),
      (error: unknown) => {
        if (current.signal.aborted) return;
        setLoaded((previous) => (quiet && previous.state === 'ready' ? { ...previous, error } : { state: 'error', error }));
      },
    );
  }, []);

  const reload = useCallback(
    (options: { quiet?: boolean } = {}) => {
      if (!options.quiet) setLoaded({ state: 'loading' });
      start(options.quiet ?? false);
    },
    [start],
  );

  useEffect(() => {
    start(false);
    return () => controller.current?.abort();
  }, [start]);

  return [loaded, reload];
}
