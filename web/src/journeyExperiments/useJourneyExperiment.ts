import type { JourneyExperimentDetail } from '@waymark/shared';
import { useCallback, useEffect, useState } from 'react';
import { ApiError, getJourneyExperiment } from '../api/client.ts';
import { pollWhileVisible } from '../api/pollWhileVisible.ts';
import { EXPERIMENT_POLL_MS } from '../experiments/useExperimentReport.ts';

export interface JourneyExperimentState {
  /** The latest answer; null before the first. */
  detail: JourneyExperimentDetail | null;
  /** The last poll's failure, cleared by the next success; the previous detail stays on screen meanwhile. */
  error: unknown;
  /** Asks again now instead of at the next poll. */
  refresh(): void;
  /** Shows an answer the page already has (promoting returns the new detail). */
  replace(detail: JourneyExperimentDetail): void;
}

/**
 * Polls one journey experiment every 3 s like `useExperimentReport`: one call at a time, paused while the tab
 * is hidden, and asked again at once when it comes back into view.
 */
export function useJourneyExperiment(experimentId: string): JourneyExperimentState {
  const [fetched, setFetched] = useState<{ id: string; detail: JourneyExperimentDetail | null; error: unknown }>({ id: experimentId, detail: null, error: null });
  const [tick, setTick] = useState(0);

  useEffect(
    () =>
      pollWhileVisible(async (signal) => {
        try {
          const detail = await getJourneyExperiment(experimentId, signal);
          if (!signal.aborted) setFetched({ id: experimentId, detail, error: null });
        } catch (error) {
          if (signal.aborted) return;
          setFetched((previous) => (previous.id === experimentId ? { ...previous, error } : { id: experimentId, detail: null, error }));
          // No such experiment: asking again will not make one (Try again is not offered either).
          if (error instanceof ApiError && error.status === 404) return false;
        }
      }, EXPERIMENT_POLL_MS),
    [experimentId, tick],
  );

  const refresh = useCallback(() => setTick((n) => n + 1), []);
  const replace = useCallback((detail: JourneyExperimentDetail) => setFetched({ id: detail.id, detail, error: null }), []);
  const current = fetched.id === experimentId ? fetched : { detail: null, error: null };
  return { detail: current.detail, error: current.error, refresh, replace };
}
