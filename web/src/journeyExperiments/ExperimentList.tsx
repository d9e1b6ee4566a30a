import type { JourneyExperimentSummary } from '@waymark/shared';
import type { ReactNode } from 'react';
import { errorMessage } from '../app/errorMessage.ts';
import type { Loaded } from '../app/useLoader.ts';
import { ExperimentListItem } from './ExperimentListItem.tsx';

export interface ExperimentListProps {
  loaded: Loaded<{ experiments: JourneyExperimentSummary[] }>;
  /** The "New experiment" button, offered again in the empty state. */
  newButton: ReactNode;
  onRetry(): void;
}

/** The experiments list in each of its states: loading, failed (with a retry), none yet (what to do), the list. */
export function ExperimentList({ loaded, newButton, onRetry }: ExperimentListProps) {
  switch (loaded.state) {
    case 'loading':
      return (
        <div className="xlist" aria-busy="true" aria-label="Loading experiments">
          {[0, 1, 2].map((i) => (
            <div key={i} className="xlist__item">
              <span className="skeleton" style={{ width: 220 }} />
              <span className="skeleton skeleton--small" style={{ width: 360 }} />
            </div>
          ))}
        </div>
      );
    case 'error':
      return (
        <div className="state-card" role="alert">
          <h2 className="state-card__title">Experiments could not be loaded</h2>
          <p className="state-card__text">{errorMessage(loaded.error)}</p>
          <button type="button" className="btn btn--secondary" onClick={onRetry}>
            Try again
          </button>
        </div>
      );
    case 'ready':
      if (loaded.data.experiments.length === 0)
        return (
          <div className="state-card" data-testid="experiments-empty">
            <div className="state-card__icon" aria-hidden="true">
              <ForkIcon />
            </div>
            <h2 className="state-card__title">No experiments yet</h2>
            <p className="state-card__text">
              Test two versions of a journey side by side: duplicate a journey, change the copy, publish both, then start an experiment here.
            </p>
            {newButton}
          </div>
        );
      return (
        <ul className="xlist" aria-label="Experiments">
          {loaded.data.experiments.map((experiment) => (
            <ExperimentListItem key={experiment.id} experiment={experiment} />
          ))}
        </ul>
      );
    default: {
      const unreachable: never = loaded;
      return unreachable;
    }
  }
}

function ForkIcon() {
  return (
    <svg width="28" height="28" viewBox="0 0 28 28" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" aria-hidden="true">
      <circle cx="6" cy="14" r="3" />
      <path d="M9 14h3c2 0 3-1 4-3l1-2h4M12 14c2 0 3 1 4 3l1 2h4" />
      <path d="M19 6l3 3-3 3M19 16l3 3-3 3" />
    </svg>
  );
}
