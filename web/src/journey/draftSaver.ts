import type { JourneyDocument } from '@waymark/shared';
import { isDirty, type JourneyStore } from '../store/journeyStore.ts';

export type SaveStatus = 'saved' | 'dirty' | 'saving' | 'error';

export interface SaverState {
  status: SaveStatus;
  /** Why the last save failed, while the draft is still unsaved. */
  error: string | null;
}

export interface DraftSaverOptions {
  store: JourneyStore;
  save(journeyId: string, document: JourneyDocument): Promise<unknown>;
  /** Words for a failed save. */
  describe(error: unknown): string;
  /** Quiet time after the last edit before saving on its own. */
  delayMs?: number;
  /** First wait before trying a failed save again on its own; doubles up to a minute. */
  retryMs?: number;
}

export interface DraftSaver {
  /** Starts watching the store; returns the stop function (which saves what is left, unless discarded). */
  start(): () => void;
  /** Saves now (Ctrl+S, Publish, leaving); true when the document sent is on the server. */
  saveNow(): Promise<boolean>;
  /** Leaving without saving: nothing more is sent. */
  discard(): void;
  getState(): SaverState;
  subscribe(listener: () => void): () => void;
}

export const AUTOSAVE_MS = 1_500;
const MAX_RETRY_MS = 60_000;

/**
 * Autosave for the draft, without React so it can be tested with fake timers: saves `AUTOSAVE_MS` after the last
 * edit, one request at a time, and marks saved exactly the document object it sent, so edits made while a save
 * is on its way stay unsaved and are sent next.
 */
export function createDraftSaver({ store, save, describe, delayMs = AUTOSAVE_MS, retryMs = 5_000 }: DraftSaverOptions): DraftSaver {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let inFlight: Promise<boolean> | null = null;
  let error: string | null = null;
  let failures = 0;
  let discarded = false;
  let state: SaverState = { status: 'saved', error: null };
  const listeners = new Set<() => void>();

  const update = () => {
    const dirty = isDirty(store.getState());
    const status: SaveStatus = inFlight ? 'saving' : !dirty ? 'saved' : error ? 'error' : 'dirty';
    const next = { status, error: dirty ? error : null };
    if (next.status === state.status && next.error === state.error) return;
    state = next;
    for (const listener of listeners) listener();
  };

  const schedule = (ms: number) => {
    clearTimeout(timer);
    timer = setTimeout(() => void saveNow(), ms);
  };

  async function send(): Promise<boolean> {
    const { journeyId, document } = store.getState();
    if (!journeyId || !document) return false;
    try {
      await save(journeyId, document);
      if (store.getState().journeyId === journeyId) store.getState().markSaved(document);
      error = null;
      failures = 0;
      return true;
    } catch (e) {
      error = describe(e);
      failures++;
      return false;
    }
  }

  async function saveNow(): Promise<boolean> {
    clearTimeout(timer);
    // One request at a time: wait for the one on its way, then send whatever it did not carry.
    while (inFlight) await inFlight;
    if (discarded || !isDirty(store.getState())) return !discarded;
    inFlight = send();
    update();
    const ok = await inFlight;
    inFlight = null;
    update();
    if (discarded) return ok;
    if (!ok) schedule(Math.min(retryMs * 2 ** (failures - 1), MAX_RETRY_MS));
    else if (isDirty(store.getState())) schedule(delayMs);
    return ok;
  }

  return {
    start() {
      discarded = false;
      const unsubscribe = store.subscribe((next, previous) => {
        if (next.document === previous.document && next.savedDocument === previous.savedDocument) return;
        if (next.document !== previous.document && isDirty(next) && !discarded) schedule(delayMs);
        update();
      });
      update();
      return () => {
        unsubscribe();
        clearTimeout(timer);
        // Leaving the page (back button) with edits not yet sent: send them rather than lose them.
        if (!discarded && isDirty(store.getState())) void saveNow();
      };
    },
    saveNow,
    discard() {
      discarded = true;
      clearTimeout(timer);
    },
    getState: () => state,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
