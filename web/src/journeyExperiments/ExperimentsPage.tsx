import { useEffect, useState } from 'react';
import { listExperiments, listJourneys } from '../api/client.ts';
import { errorMessage } from '../app/errorMessage.ts';
import { formatDateTime } from '../app/format.ts';
import { routeHref } from '../app/route.ts';
import { useLoader } from '../app/useLoader.ts';
import { navigate } from '../app/useRoute.ts';
import { NewExperimentDialog } from './NewExperimentDialog.tsx';

const REFRESH_MS = 10_000;

/** Journeys tested side by side: every experiment with its variants, and starting a new one. */
export function ExperimentsPage() {
  const [loaded, reload] = useLoader(async (signal) => {
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

      {loaded.state === 'loading' && (
        <div className="journey-list" aria-busy="true" aria-label="Loading experiments">
          {[0, 1, 2].map((i) => (
            <span key={i} className="skeleton" style={{ height: 56 }} />
          ))}
        </div>
      )}

      {loaded.state === 'error' && (
        <div className="state-card" role="alert">
          <h2 className="state-card__title">Experiments could not be loaded</h2>
          <p className="state-card__text">{errorMessage(loaded.error)}</p>
          <button type="button" className="btn btn--secondary" onClick={() => reload()}>
            Try again
          </button>
        </div>
      )}

      {loaded.state === 'ready' && loaded.data.experiments.length === 0 && (
        <div className="state-card" data-testid="experiments-empty">
          <h2 className="state-card__title">No experiments yet</h2>
          <p className="state-card__text">
            Test two versions of a journey side by side: duplicate a journey, change the copy (another offer, another wait), publish both, then
            start an experiment here. For a test inside one journey, add a Split step on its canvas.
          </p>
          {newButton}
        </div>
      )}

      {loaded.state === 'ready' && loaded.data.experiments.length > 0 && (
        <ul className="xlist" aria-label="Experiments">
          {loaded.data.experiments.map((x) => (
            <li key={x.id} className="xlist__item">
              <a className="xlist__name" href={routeHref({ name: 'experiment', id: x.id })}>
                {x.name}
              </a>
              {x.status === 'promoted' ? <span className="badge badge--draft">Ended · {x.promoted?.variant} promoted</span> : <span className="badge badge--active">Running</span>}
              <span className="xlist__variants">
                {x.variants.map((v) => (
                  <span key={v.id} className="chip">
                    <strong>{v.id}</strong> · {v.journeyName} · {v.weight}
                  </span>
                ))}
                {x.holdout > 0 && <span className="chip">holdout {x.holdout}%</span>}
              </span>
              <span className="muted">started {formatDateTime(x.createdAt)}</span>
            </li>
          ))}
        </ul>
      )}

      {creating && loaded.state === 'ready' && (
        <NewExperimentDialog open journeys={loaded.data.journeys} onClose={() => setCreating(false)} onCreated={(id) => navigate({ name: 'experiment', id })} />
      )}
    </div>
  );
}
