import { useEffect, useState } from 'react';
import { listExperiments, listJourneys } from '../api/client.ts';
import { useLoader } from '../app/useLoader.ts';
import { navigate } from '../app/useRoute.ts';
import { ExperimentList } from './ExperimentList.tsx';
import { NewExperimentDialog } from './NewExperimentDialog.tsx';

/** Experiments move (one ends, a colleague starts one); a quiet refresh keeps the list honest without a spinner. */
const REFRESH_MS = 10_000;

/** Journeys tested side by side: every experiment with its variants, and starting a new one. */
export function ExperimentsPage() {
  const [loaded, reload] = useLoader(async (signal) => {
    // The journeys are what a new experiment can be made of (published, running, in no experiment yet).
    const [experiments, journeys] = await Promise.all([listExperiments(signal), listJourneys(signal)]);
    return { experiments, journeys };
  });
  const [creating, setCreating] = useState(false);

  useEffect(() => {
    const timer = setInterval(() => reload({ quiet: true }), REFRESH_MS);
    return () => clearInterval(timer);
  }, [reload]);

  const newButton = (
    <button type="button" className="btn btn--primary" onClick={() => setCreating(true)} disabled={loaded.state !== 'ready'}>
      New experiment
    </button>
  );

  return (
    <div className="page">
      <div className="page__header">
        <div>
          <h1 className="page__title">Experiments</h1>
          <p className="page__lead">Whole journeys tested against each other on the same trigger and goal.</p>
        </div>
        {newButton}
      </div>

      <ExperimentList loaded={loaded} newButton={newButton} onRetry={() => reload()} />

      {creating && loaded.state === 'ready' && (
        <NewExperimentDialog journeys={loaded.data.journeys} onClose={() => setCreating(false)} onCreated={(id) => navigate({ name: 'experiment', id })} />
      )}
    </div>
  );
}
