import { useEffect, useState } from 'react';
import type { JourneySummary } from '@waymark/shared';
import { createJourney, listJourneys, pauseJourney, resumeJourney } from '../api/client.ts';
import { errorMessage } from '../app/errorMessage.ts';
import { formatAgo, formatCount, formatRate } from '../app/format.ts';
import { routeHref } from '../app/route.ts';
import { useLoader } from '../app/useLoader.ts';
import { navigate } from '../app/useRoute.ts';
import { newJourneyDocument } from './newJourneyDocument.ts';
import { StatusBadge } from './StatusBadge.tsx';

/** Counts move while users flow; a quiet refresh keeps the list honest without a spinner. */
const REFRESH_MS = 10_000;

export function JourneysPage() {
  const [loaded, reload] = useLoader(listJourneys);
  const [creating, setCreating] = useState(false);
  const [busyId, setBusyId] = useState<string | null>(null);
  const [actionError, setActionError] = useState<string | null>(null);

  useEffect(() => {
    const timer = setInterval(() => reload({ quiet: true }), REFRESH_MS);
    return () => clearInterval(timer);
  }, [reload]);

  async function create() {
    setCreating(true);
    setActionError(null);
    try {
      const names = loaded.state === 'ready' ? loaded.data.map((j) => j.name) : [];
      const { id } = await createJourney(newJourneyDocument(names));
      navigate({ name: 'journey', id });
    } catch (error) {
      setActionError(`Could not create the journey: ${errorMessage(error)}`);
      setCreating(false);
    }
  }

  async function toggle(journey: JourneySummary) {
    setBusyId(journey.id);
    setActionError(null);
    try {
      await (journey.status === 'paused' ? resumeJourney(journey.id) : pauseJourney(journey.id));
      reload({ quiet: true });
    } catch (error) {
      setActionError(`Could not ${journey.status === 'paused' ? 'resume' : 'pause'} "${journey.name}": ${errorMessage(error)}`);
    } finally {
      setBusyId(null);
    }
  }

  const newButton = (
    <button type="button" className="btn btn--primary" onClick={create} disabled={creating}>
      <PlusIcon />
      {creating ? 'Creating…' : 'New journey'}
    </button>
  );

  return (
    <div className="page">
      <div className="page__header">
        <div>
          <h1 className="page__title">Journeys</h1>
          <p className="page__lead">Who is in each journey right now, and how many convert.</p>
        </div>
        {newButton}
      </div>

      {actionError && (
        <div className="banner banner--error" role="alert">
          {actionError}
        </div>
      )}

      {loaded.state === 'loading' && <JourneysSkeleton />}

      {loaded.state === 'error' && (
        <div className="state-card" role="alert">
          <h2 className="state-card__title">Journeys could not be loaded</h2>
          <p className="state-card__text">{errorMessage(loaded.error)}</p>
          <button type="button" className="btn btn--secondary" onClick={() => reload()}>
            Try again
          </button>
        </div>
      )}

      {loaded.state === 'ready' && loaded.data.length === 0 && (
        <div className="state-card">
          <div className="state-card__icon" aria-hidden="true">
            <PathIcon />
          </div>
          <h2 className="state-card__title">No journeys yet</h2>
          <p className="state-card__text">
            A journey starts with a trigger, such as a sign-up, and guides each user through waits, branches and offers to a goal.
          </p>
          {newButton}
        </div>
      )}

      {loaded.state === 'ready' && loaded.data.length > 0 && (
        <div className="card">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Journey</th>
                <th scope="col">Status</th>
                <th scope="col">Version</th>
                <th scope="col" className="num">In journey now</th>
                <th scope="col" className="num">Entered</th>
                <th scope="col" className="num">Conversion</th>
                <th scope="col" className="table__actions">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {loaded.data.map((journey) => (
                <JourneyRow key={journey.id} journey={journey} busy={busyId === journey.id} onToggle={() => toggle(journey)} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}

function JourneyRow({ journey, busy, onToggle }: { journey: JourneySummary; busy: boolean; onToggle: () => void }) {
  const href = routeHref({ name: 'journey', id: journey.id });
  const canToggle = journey.publishedVersion !== null && (journey.status === 'active' || journey.status === 'paused');
  return (
    <tr className="table__row--link" onClick={() => navigate({ name: 'journey', id: journey.id })}>
      <td>
        <a className="table__name" href={href} onClick={(e) => e.stopPropagation()}>
          {journey.name}
        </a>
        <div className="table__sub">Edited {formatAgo(journey.updatedAt)}</div>
      </td>
      <td>
        <StatusBadge status={journey.status} />
      </td>
      <td className="muted">{journey.publishedVersion === null ? 'Not published' : `v${journey.publishedVersion}`}</td>
      {journey.publishedVersion === null ? (
        // Nobody can be in a journey that never went live: a dash reads truer than a row of zeros.
        <>
          <td className="num muted">—</td>
          <td className="num muted">—</td>
          <td className="num muted">—</td>
        </>
      ) : (
        <>
          <td className="num strong">{formatCount(journey.active)}</td>
          <td className="num">{formatCount(journey.entered)}</td>
          <td className="num">
            <span className="rate">
              <span className="rate__bar" aria-hidden="true">
                <span style={{ width: `${Math.min(100, journey.conversionRate * 100)}%` }} />
              </span>
              {formatRate(journey.conversionRate, journey.entered)}
            </span>
          </td>
        </>
      )}
      <td className="table__actions">
        {canToggle && (
          <button
            type="button"
            className="btn btn--secondary btn--small"
            disabled={busy}
            onClick={(e) => {
              e.stopPropagation();
              onToggle();
            }}
          >
            {journey.status === 'paused' ? 'Resume' : 'Pause'}
          </button>
        )}
      </td>
    </tr>
  );
}

function JourneysSkeleton() {
  return (
    <div className="card" aria-busy="true" aria-label="Loading journeys">
      <table className="table">
        <thead>
          <tr>
            {['Journey', 'Status', 'Version', 'In journey now', 'Entered', 'Conversion', ''].map((h, i) => (
              <th key={i} scope="col" className={i >= 3 && i <= 5 ? 'num' : undefined}>
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {[0, 1, 2].map((row) => (
            <tr key={row}>
              <td>
                <span className="skeleton" style={{ width: 200 }} />
                <span className="skeleton skeleton--small" style={{ width: 110 }} />
              </td>
              {[56, 40, 32, 32, 64, 0].map((w, i) => (
                <td key={i} className={i >= 2 && i <= 4 ? 'num' : undefined}>
                  {w > 0 && <span className="skeleton" style={{ width: w }} />}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function PlusIcon() {
  return (
    <svg width="16" height="16" viewBox="0 0 16 16" aria-hidden="true">
      <path d="M8 3v10M3 8h10" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" />
    </svg>
  );
}

function PathIcon() {
  return (
    <svg width="28" height="28" viewBox="0 0 28 28" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" aria-hidden="true">
      <circle cx="6" cy="14" r="3" />
      <circle cx="22" cy="7" r="3" />
      <circle cx="22" cy="21" r="3" />
      <path d="M9 14h4c2 0 3-1 4-3l2-3M13 14c2 0 3 1 4 3l2 3" />
    </svg>
  );
}
