import { createContext, useContext } from 'react';
import { useStore } from 'zustand';
import type { JourneyState, JourneyStore } from './journeyStore.ts';

/** The journey page provides its store here; canvas nodes and panels read slices of it. */
export const JourneyStoreContext = createContext<JourneyStore | null>(null);

export function useJourneyStoreApi(): JourneyStore {
  const store = useContext(JourneyStoreContext);
  if (!store) throw new Error('useJourneyStore: render inside <JourneyStoreContext value={store}>');
  return store;
}

/** Subscribes to one slice; return stable values (ids, numbers, stored objects) so renders stay rare. */
export function useJourneyStore<T>(selector: (state: JourneyState) => T): T {
  return useStore(useJourneyStoreApi(), selector);
}
