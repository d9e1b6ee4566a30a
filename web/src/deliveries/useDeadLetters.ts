import { useEffect, useMemo } from 'react';
import { useStore } from 'zustand';
import { pollWhileVisible } from '../api/pollWhileVisible.ts';
import { createDeadLetterStore, type DeadLetterState } from './deadLetterStore.ts';

export const DEAD_LETTER_POLL_MS = 5_000;

/**
 * The journey's dead letter, polled every 5 s while `active` (the Deliveries tab is shown): one call at a time,
 * paused while the browser tab is hidden and asked again at once when it comes back. The list is kept while
 * inactive, so coming back to the tab shows it straight away and refreshes it.
 */
export function useDeadLetters(journeyId: string, active: boolean): DeadLetterState {
  const store = useMemo(() => createDeadLetterStore(journeyId), [journeyId]);

  useEffect(() => (active ? pollWhileVisible((signal) => store.getState().refresh(signal), DEAD_LETTER_POLL_MS) : undefined), [store, active]);

  return useStore(store);
}
