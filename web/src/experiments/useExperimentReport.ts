import { useCallback, useEffect, useMemo, useState } from 'react';
import type { ExperimentReport, JourneyDetail } from '@waymark/shared';
import { getExperiment } from '../api/client.ts';
import type { ExperimentState } from './ExperimentContext.ts';
import { publishedSplit } from './publishedSplit.ts';

export const EXPERIMENT_POLL_MS = 3_000;

interface Fetched {
  /** Which journey and split the answer is about, so a stale one is never shown for another. */
  key: string;
  report: ExperimentReport | null;
  error: unknown;
  updatedAt: number | null;
}

const NOTHING: Fetched = { key: '', report: null, error: null, updatedAt: null };

/**
 * Polls the experiment report every 3 s while the published version has a split, like `useLiveStats`: one
 * call at a time, paused while the tab is hidden, asked afresh when a new version is published. Returns what
 * `ExperimentContext` provides.
 */
export function useExperimentReport(journey: Pick<JourneyDetail, 'id' | 'publishedVersion' | 'published'>): ExperimentState {
  const published = journey.published?.document ?? null;
  const split = useMemo(() => publishedSplit(published), [published]);
  const node = split?.node ?? null;
  const key = `${journey.id}\n${node}\n${journey.publishedVersion}`;
  const [fetched, setFetched] = useState<Fetched>(NOTHING);
  const [tick, setTick] = useState(0);

  useEffect(() => {
    if (node === null) return;
    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;

    const poll = async () => {
      if (document.visibilityState !== 'hidden') {
        try {
          const report = await getExperiment(journey.id, controller.signal);
          if (controller.signal.aborted) return;
          setFetched({ key, report, error: null, updatedAt: Date.now() });
        } catch (error) {
          if (controller.signal.aborted) return;
          setFetched((previous) => (sameExperiment(previous.key, key) ? { ...previous, key, error } : { ...NOTHING, key, error }));
        }
      }
      if (!controller.signal.aborted) timer = setTimeout(poll, EXPERIMENT_POLL_MS);
    };
    void poll();

    return () => {
      controller.abort();
      clearTimeout(timer);
    };
  }, [journey.id, node, key, tick]);

  const refresh = useCallback(() => setTick((n) => n + 1), []);
  // A new version keeps showing the last report until the next answer; another journey or split never does.
  const current = node !== null && sameExperiment(fetched.key, key) ? fetched : NOTHING;
  return useMemo(
    () => ({ node, config: split?.config ?? null, published, report: current.report, error: current.error, updatedAt: current.updatedAt, refresh }),
    [node, split, published, current, refresh],
  );
}

/** Same journey and split, whatever the version. */
function sameExperiment(a: string, b: string): boolean {
  return a.slice(0, a.lastIndexOf('\n')) === b.slice(0, b.lastIndexOf('\n'));
}
