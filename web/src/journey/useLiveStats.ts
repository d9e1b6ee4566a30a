import { useEffect, useState } from 'react';
import { getJourneyStats } from '../api/client.ts';
import { useJourneyStoreApi } from '../store/useJourneyStore.ts';

export const STATS_POLL_MS = 2_000;

export interface LiveStatus {
  /** When counts last arrived; null before the first answer. */
  updatedAt: number | null;
  /** The last poll's failure, cleared by the next success; the previous counts stay on screen meanwhile. */
  error: unknown;
}

/**
 * Polls the published journey's counts every 2 s into the store. Polls start after the previous one settles
 * (never piling up on a slow server) and pause while the tab is hidden.
 */
export function useLiveStats(journeyId: string, enabled: boolean): LiveStatus {
  const store = useJourneyStoreApi();
  const [status, setStatus] = useState<LiveStatus>({ updatedAt: null, error: null });

  useEffect(() => {
    if (!enabled) {
      store.getState().setStats(null);
      return;
    }
    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;

    const poll = async () => {
      if (document.visibilityState !== 'hidden') {
        try {
          const stats = await getJourneyStats(journeyId, controller.signal);
          store.getState().setStats(stats);
          setStatus({ updatedAt: Date.now(), error: null });
        } catch (error) {
          if (controller.signal.aborted) return;
          setStatus((previous) => ({ ...previous, error }));
        }
      }
      if (!controller.signal.aborted) timer = setTimeout(poll, STATS_POLL_MS);
    };
    void poll();

    return () => {
      controller.abort();
      clearTimeout(timer);
    };
  }, [journeyId, enabled, store]);

  return status;
}
