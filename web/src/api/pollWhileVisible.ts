/**
 * Calls `load` now and then every `everyMs`: one call at a time, paused while the browser tab is hidden, and
 * again at once when it comes back into view. `load` returns false to stop (asking again would not help).
 * Returns the cleanup, for a React effect; it aborts the call under way through `load`'s signal.
 */
export function pollWhileVisible(load: (signal: AbortSignal) => Promise<boolean | void>, everyMs: number): () => void {
  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let inFlight = false;
  let stopped = false;

  const poll = async () => {
    if (inFlight || stopped) return;
    clearTimeout(timer);
    if (document.visibilityState !== 'hidden') {
      inFlight = true;
      try {
        if ((await load(controller.signal)) === false) stopped = true;
      } finally {
        inFlight = false;
      }
    }
    if (!controller.signal.aborted && !stopped) timer = setTimeout(poll, everyMs);
  };
  const onVisible = () => document.visibilityState === 'visible' && void poll();

  void poll();
  document.addEventListener('visibilitychange', onVisible);
  return () => {
    controller.abort();
    clearTimeout(timer);
    document.removeEventListener('visibilitychange', onVisible);
  };
}
