import type { JourneyExperimentSummary } from '@waymark/shared';

/** "Running", or "Ended · B promoted" once a winner takes every new entrant. */
export function ExperimentStatusBadge({ experiment }: { experiment: Pick<JourneyExperimentSummary, 'status' | 'promoted'> }) {
  if (experiment.status === 'promoted')
    return (
      <span className="badge badge--draft" data-testid="experiment-status" data-status="promoted">
        <span className="badge__dot" aria-hidden="true" />
        Ended{experiment.promoted ? ` · ${experiment.promoted.variant} promoted` : ''}
      </span>
    );
  return (
    <span className="badge badge--active" data-testid="experiment-status" data-status="running">
      <span className="badge__dot" aria-hidden="true" />
      Running
    </span>
  );
}
