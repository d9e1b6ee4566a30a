import { useEffect, useMemo } from 'react';
import { useStore } from 'zustand';
import { createDeadLetterStore, type DeadLetterState } from './deadLetterStore.ts';

export const DEAD_LETTER_POLL_MS = 5_000;

/**
 * The journey's dead letter, polled every 5 s while `active` (the Deliveries tab is shown): one call at a time,
 * paused while the browser tab is hidden and asked again at once when it comes back. The list is kept while
 * inactive, so coming back to the tab shows it straight away and refreshes it.
 */
export function useDeadLetters(journeyId: string, active: boolean): DeadLetterState {
  const store = useMemo(() => createDeadLetterStore(journeyId), [journeyId]);

  useEffect(() => {
    if (!active) return;
    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    let inFlight = false;

    const poll = async () => {
      if (inFlight) return;
      clearTimeout(timer);
      if (document.visibilityState !== 'hidden') {
        inFlight = true;
        await store.getState().refresh(controller.signal);
        inFlight = false;
      }
      if (!controller.signal.aborted) timer = setTimeout(poll, DEAD_LETTER_POLL_MS);
    };
    const onVisible = () => document.visibilityState === 'visible' && void poll();

    void poll();
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      controller.abort();
      clearTimeout(timer);
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, [store, active]);

  return useStore(store);
}
