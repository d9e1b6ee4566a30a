import { useEffect, useState } from 'react';
import { listExperiments } from '../api/client.ts';
import { experimentOfJourney, type ExperimentMembership } from './experimentOfJourney.ts';

/**
 * The running experiment a journey is a variant of, asked once when the journey opens (experiments start and end
 * on the Experiments page, not while editing). Null until known, and when the question fails: a missing badge
 * is no reason to disturb the editor.
 */
export function useExperimentOfJourney(journeyId: string): ExperimentMembership | null {
  const [membership, setMembership] = useState<{ journeyId: string; experiment: ExperimentMembership | null } | null>(null);

  useEffect(() => {
    const controller = new AbortController();
    listExperiments(controller.signal).then(
      (experiments) => !controller.signal.aborted && setMembership({ journeyId, experiment: experimentOfJourney(experiments, journeyId) }),
      () => {},
    );
    return () => controller.abort();
  }, [journeyId]);

  return membership?.journeyId === journeyId ? membership.experiment : null;
}
