import type { JourneyExperimentDetail } from '@waymark/shared';
import { useEffect, useState } from 'react';
import { getJourneyExperiment, promoteJourneyExperiment } from '../api/client.ts';
import { errorMessage } from '../app/errorMessage.ts';
import { routeHref } from '../app/route.ts';
import { ExperimentResultsView } from '../experiments/ExperimentResultsView.tsx';

const POLL_MS = 3_000;

/** One journey experiment: its variants, and its results live, polled every 3 s while the tab is visible. */
export function ExperimentPage({ experimentId }: { experimentId: string }) {
  const [detail, setDetail] = useState<JourneyExperimentDetail | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [tick, setTick] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async () => {
      if (document.visibilityState !== 'hidden') {
        try {
          const next = await getJourneyExperiment(experimentId, controller.signal);
          if (controller.signal.aborted) return;
          setDetail(next);
          setError(null);
        } catch (failure) {
          if (controller.signal.aborted) return;
          setError(failure);
        }
      }
      if (!controller.signal.aborted) timer = setTimeout(poll, POLL_MS);
    };
    void poll();
    return () => {
      controller.abort();
      clearTimeout(timer);
    };
  }, [experimentId, tick]);

  if (!detail) {
    return (
      <div className="page">
        <a className="back-link" href={routeHref({ name: 'experiments' })}>
          ← Experiments
        </a>
        {error ? (
          <div className="state-card" role="alert">
            <h2 className="state-card__title">This experiment could not be loaded</h2>
            <p className="state-card__text">{errorMessage(error)}</p>
            <button type="button" className="btn btn--secondary" onClick={() => setTick((n) => n + 1)}>
              Try again
            </button>
          </div>
        ) : (
          <div aria-busy="true" aria-label="Loading the experiment">
            <span className="skeleton" style={{ height: 32, width: 280 }} />
            <span className="skeleton" style={{ height: 200 }} />
          </div>
        )}
      </div>
    );
  }

  return (
    <div className="page">
      <a className="back-link" href={routeHref({ name: 'experiments' })}>
        ← Experiments
      </a>
      <div className="page__header">
        <div>
          <h1 className="page__title">{detail.name}</h1>
          <p className="page__lead">
            {detail.variants.map((v, i) => (
              <span key={v.id}>
                {i > 0 && ' vs '}
                <strong>{v.id}</strong>{' '}
                <a href={routeHref({ name: 'journey', id: v.journeyId })}>{v.journeyName}</a>
              </span>
            ))}
            {detail.holdout > 0 && `, ${detail.holdout}% held out`}
          </p>
        </div>
      </div>
      <div className="xpage__results">
        <ExperimentResultsView
          report={detail.report}
          stale={error !== null}
          title="Journey A/B test"
          measuredFrom="entering the journey"
          onPromote={async (variant) => {
            setDetail(await promoteJourneyExperiment(experimentId, variant));
          }}
        />
      </div>
    </div>
  );
}
