import { useEffect, useState, useSyncExternalStore } from 'react';
import { saveDraft } from '../api/client.ts';
import { errorMessage } from '../app/errorMessage.ts';
import { useJourneyStoreApi } from '../store/useJourneyStore.ts';
import { createDraftSaver, type DraftSaver, type SaverState } from './draftSaver.ts';

export interface Autosave extends SaverState {
  saver: DraftSaver;
}

/** Saves the draft on its own while the page is open (see `draftSaver.ts`), and reports how saving is going. */
export function useAutosave(): Autosave {
  const store = useJourneyStoreApi();
  const [saver] = useState(() => createDraftSaver({ store, save: saveDraft, describe: errorMessage }));
  useEffect(() => saver.start(), [saver]);
  const state = useSyncExternalStore(saver.subscribe, saver.getState);
  return { ...state, saver };
}
