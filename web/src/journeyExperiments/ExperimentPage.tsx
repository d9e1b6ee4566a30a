import type { JourneyExperimentDetail } from '@waymark/shared';
import { ApiError, promoteJourneyExperiment } from '../api/client.ts';
import { errorMessage } from '../app/errorMessage.ts';
import { formatDateTime } from '../app/format.ts';
import { routeHref } from '../app/route.ts';
import { ExperimentResultsView } from '../experiments/ExperimentResultsView.tsx';
import { StatusBadge } from '../journeys/StatusBadge.tsx';
import { describeVariants } from './describeVariants.ts';
import { ExperimentStatusBadge } from './ExperimentStatusBadge.tsx';
import { useJourneyExperiment } from './useJourneyExperiment.ts';

/** One journey experiment: its variants and their journeys, and its results live (polled every 3 s while visible). */
export function ExperimentPage({ experimentId }: { experimentId: string }) {
  const { detail, error, refresh, replace } = useJourneyExperiment(experimentId);

  return (
    <div className="page xpage" data-testid="journey-experiment-page" data-status={detail?.status}>
      <a className="back-link" href={routeHref({ name: 'experiments' })}>
        ← Experiments
      </a>
      {detail ? (
        <>
          <ExperimentHeading detail={detail} />
          <div className="xpage__results">
            <ExperimentResultsView
              report={detail.report}
              stale={error !== null}
              title="Results"
              statusBadge={false}
              measuredFrom="entering the journey"
              onPromote={async (variant) => replace(await promoteJourneyExperiment(experimentId, variant))}
            />
          </div>
        </>
      ) : error ? (
        <ExperimentFailure error={error} onRetry={refresh} />
      ) : (
        <div className="xpage__loading" aria-busy="true" aria-label="Loading the experiment">
          <span className="skeleton" style={{ height: 30, width: 280 }} />
          <span className="skeleton" style={{ height: 16, width: 420 }} />
          <span className="skeleton" style={{ height: 96 }} />
          <span className="skeleton" style={{ height: 220 }} />
        </div>
      )}
    </div>
  );
}

function ExperimentHeading({ detail }: { detail: JourneyExperimentDetail }) {
  const shares = new Map(describeVariants(detail).map((label) => [label.id, label.share]));
  return (
    <div className="page__header xpage__header">
      <div>
        <h1 className="page__title xpage__title">
          {detail.name}
          <ExperimentStatusBadge experiment={detail} />
        </h1>
        <p className="page__lead">
          Started {formatDateTime(detail.createdAt)}. Each user who triggers it is assigned once and enters only their variant&apos;s journey.
        </p>
        <ul className="xpage__variants" aria-label="Variants">
          {detail.variants.map((v) => (
            <li key={v.id} className="xchip" data-testid={`experiment-variant-${v.id}`}>
              <strong>{v.id}</strong>
              <a href={routeHref({ name: 'journey', id: v.journeyId })}>{v.journeyName}</a>
              <span className="xchip__share">{shares.get(v.id)}</span>
              {v.journeyStatus !== 'active' && <StatusBadge status={v.journeyStatus} />}
            </li>
          ))}
          {detail.holdout > 0 && (
            <li className="xchip xchip--holdout">
              Holdout <span className="xchip__share">{detail.holdout}%</span>
            </li>
          )}
        </ul>
      </div>
    </div>
  );
}

function ExperimentFailure({ error, onRetry }: { error: unknown; onRetry(): void }) {
  const missing = error instanceof ApiError && error.status === 404;
  return (
    <div className="state-card" role="alert">
      <h2 className="state-card__title">{missing ? 'This experiment does not exist' : 'This experiment could not be loaded'}</h2>
      <p className="state-card__text">{missing ? 'The link may be mistyped. Every experiment is on the Experiments page.' : errorMessage(error)}</p>
      <div className="state-card__actions">
        <a className="btn btn--secondary" href={routeHref({ name: 'experiments' })}>
          All experiments
        </a>
        {!missing && (
          <button type="button" className="btn btn--primary" onClick={onRetry}>
            Try again
          </button>
        )}
      </div>
    </div>
  );
}
