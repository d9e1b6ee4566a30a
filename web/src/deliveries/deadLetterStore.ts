import type { UserOffer } from '@waymark/shared';
import { createStore, type StoreApi } from 'zustand/vanilla';
import { listDeadLetters, retryDelivery } from '../api/client.ts';
import { errorMessage } from '../app/errorMessage.ts';
import { retriedNote, type RetryAllProgress } from './deliveryText.ts';

export interface DeadLetterState {
  /** The journey's dead-lettered offers, newest first as the server lists them; null until the first answer. */
  offers: UserOffer[] | null;
  /** The last refresh's failure, cleared by the next success; the previous list stays on screen meanwhile. */
  error: unknown;
  /** Rows whose retry is on its way. */
  retrying: Readonly<Record<number, true>>;
  /** Why a row's last retry was refused, in words, shown on the row. */
  rowErrors: Readonly<Record<number, string>>;
  /** The running or last "Retry all"; null when none ran since the last single retry. */
  progress: RetryAllProgress | null;
  /** What the last single retry did ("WINBACK20 for ann is queued…"). */
  note: string | null;

  /** Asks the server for the list. Rejects never: a failure lands in `error`. */
  refresh(signal?: AbortSignal): Promise<void>;
  /** Shows the loading state again and asks at once ("Try again"). */
  reload(): Promise<void>;
  /** Sends one offer again; on success its row goes. Resolves false when the server refused (see `rowErrors`). */
  retry(id: number): Promise<boolean>;
  /** Retries every listed offer, one at a time, keeping `progress` current. */
  retryAll(): Promise<RetryAllProgress>;
  dismissNote(): void;
}

export type DeadLetterStore = StoreApi<DeadLetterState>;

function without<T>(record: Readonly<Record<number, T>>, id: number): Record<number, T> {
  const { [id]: _gone, ...rest } = record;
  return rest;
}

/**
 * One journey's dead letter, as a vanilla store the Deliveries tab reads through a thin hook (polling lives in
 * `useDeadLetters`). Retrying removes the row at once; a list that was already on its way when the retry went
 * through would bring it back, so answers to requests older than a retry leave that row out.
 */
export function createDeadLetterStore(journeyId: string): DeadLetterStore {
  // A logical clock: each request and each successful retry takes the next tick.
  let clock = 0;
  const retriedAt = new Map<number, number>();

  return createStore<DeadLetterState>()((set, get) => {
    async function send(id: number, quiet: boolean): Promise<boolean> {
      if (get().retrying[id]) return false;
      set((s) => ({ retrying: { ...s.retrying, [id]: true }, rowErrors: without(s.rowErrors, id) }));
      try {
        await retryDelivery(id);
        retriedAt.set(id, ++clock);
        const offer = get().offers?.find((o) => o.id === id);
        set((s) => ({
          offers: s.offers?.filter((o) => o.id !== id) ?? null,
          retrying: without(s.retrying, id),
          ...(quiet ? {} : { note: offer ? retriedNote(offer) : null }),
        }));
        return true;
      } catch (error) {
        set((s) => ({ retrying: without(s.retrying, id), rowErrors: { ...s.rowErrors, [id]: errorMessage(error) } }));
        return false;
      }
    }

    return {
      offers: null,
      error: null,
      retrying: {},
      rowErrors: {},
      progress: null,
      note: null,

      async refresh(signal) {
        const askedAt = ++clock;
        try {
          const offers = await listDeadLetters(journeyId, signal);
          if (signal?.aborted) return;
          set({ offers: offers.filter((o) => (retriedAt.get(o.id) ?? 0) < askedAt), error: null });
        } catch (error) {
          if (!signal?.aborted) set({ error });
        }
      },

      async reload() {
        set({ offers: null, error: null });
        await get().refresh();
      },

      retry(id) {
        if (get().progress?.running) return Promise.resolve(false);
        set({ progress: null, note: null });
        return send(id, false);
      },

      async retryAll() {
        const list = get().offers ?? [];
        const total = list.length;
        let failed = 0;
        set({ note: null });
        for (const [done, offer] of list.entries()) {
          set({ progress: { done, total, failed, running: true } });
          if (!(await send(offer.id, true))) failed++;
        }
        const progress = { done: total, total, failed, running: false };
        set({ progress });
        return progress;
      },

      dismissNote: () => set({ note: null }),
    };
  });
}
