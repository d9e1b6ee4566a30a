import { useEffect, useState } from 'react';
import type { JourneySummary } from '@waymark/shared';
import {
  archiveJourney,
  createJourney,
  duplicateJourney,
  listJourneys,
  pauseJourney,
  renameJourney,
  resumeJourney,
  unarchiveJourney,
} from '../api/client.ts';
import { errorMessage } from '../app/errorMessage.ts';
import { useLoader } from '../app/useLoader.ts';
import { navigate } from '../app/useRoute.ts';
import { ConfirmDialog } from './ConfirmDialog.tsx';
import { copyName } from './journeyNames.ts';
import { JourneyRow, type RowAction } from './JourneyRow.tsx';
import { newJourneyDocument } from './newJourneyDocument.ts';

/** Counts move while users flow; a quiet refresh keeps the list honest without a spinner. */
const REFRESH_MS = 10_000;
const FLASH_MS = 6_000;

type Flash = { tone: 'success' | 'error'; text: string };

export function JourneysPage() {
  const [loaded, reload] = useLoader(listJourneys);
  const [creating, setCreating] = useState(false);
  const [busyId, setBusyId] = useState<string | null>(null);
  const [flash, setFlash] = useState<Flash | null>(null);
  const [freshId, setFreshId] = useState<string | null>(null);
  const [showArchived, setShowArchived] = useState(false);
  const [confirming, setConfirming] = useState<JourneySummary | null>(null);

  useEffect(() => {
    const timer = setInterval(() => reload({ quiet: true }), REFRESH_MS);
    return () => clearInterval(timer);
  }, [reload]);

  useEffect(() => {
    if (flash?.tone !== 'success') return;
    const timer = setTimeout(() => setFlash(null), FLASH_MS);
    return () => clearTimeout(timer);
  }, [flash]);

  useEffect(() => {
    if (!freshId) return;
    const timer = setTimeout(() => setFreshId(null), FLASH_MS);
    return () => clearTimeout(timer);
  }, [freshId]);

  const journeys = loaded.state === 'ready' ? loaded.data : [];
  const names = journeys.map((j) => j.name);
  const archivedCount = journeys.filter((j) => j.status === 'archived').length;
  const shown = showArchived ? journeys : journeys.filter((j) => j.status !== 'archived');

  async function create() {
    setCreating(true);
    setFlash(null);
    try {
      const { id } = await createJourney(newJourneyDocument(names));
      navigate({ name: 'journey', id });
    } catch (error) {
      setFlash({ tone: 'error', text: `Could not create the journey: ${errorMessage(error)}` });
      setCreating(false);
    }
  }

  /** Runs one row action with the row marked busy; says what happened, or why it did not. */
  async function run(journey: JourneySummary, what: string, action: () => Promise<string>) {
    setBusyId(journey.id);
    setFlash(null);
    try {
      setFlash({ tone: 'success', text: await action() });
      reload({ quiet: true });
    } catch (error) {
      setFlash({ tone: 'error', text: `Could not ${what} "${journey.name}": ${errorMessage(error)}` });
    } finally {
      setBusyId(null);
    }
  }

  function act(journey: JourneySummary, action: RowAction) {
    switch (action) {
      case 'toggle': {
        const paused = journey.status === 'paused';
        return run(journey, paused ? 'resume' : 'pause', async () => {
          await (paused ? resumeJourney(journey.id) : pauseJourney(journey.id));
          return paused ? `Resumed "${journey.name}".` : `Paused "${journey.name}". Nobody enters or moves on until you resume it.`;
        });
      }
      case 'duplicate':
        return run(journey, 'duplicate', async () => {
          const name = copyName(journey.name, names);
          const { id } = await duplicateJourney(journey.id, name);
          setFreshId(id);
          return `Created "${name}" as a draft.`;
        });
      case 'archive':
        return setConfirming(journey);
      case 'unarchive':
        return run(journey, 'unarchive', async () => {
          const { status } = await unarchiveJourney(journey.id);
          return status === 'paused' ? `Unarchived "${journey.name}". It is paused: resume it when you are ready.` : `Unarchived "${journey.name}" as a draft.`;
        });
      default: {
        const never: never = action;
        throw new Error(`unknown row action ${String(never)}`);
      }
    }
  }

  async function archive(journey: JourneySummary) {
    await run(journey, 'archive', async () => {
      await archiveJourney(journey.id);
      return `Archived "${journey.name}".${showArchived ? '' : ' Show archived journeys to find it again.'}`;
    });
    setConfirming(null);
  }

  async function rename(journey: JourneySummary, name: string) {
    try {
      await renameJourney(journey.id, name);
    } catch (error) {
      throw new Error(errorMessage(error), { cause: error });
    }
    setFlash({ tone: 'success', text: `Renamed to "${name}".` });
    reload({ quiet: true });
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

      {flash && (
        <div className={`banner banner--${flash.tone}`} role={flash.tone === 'error' ? 'alert' : 'status'}>
          {flash.text}
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

      {loaded.state === 'ready' && journeys.length === 0 && (
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

      {loaded.state === 'ready' && journeys.length > 0 && (
        <>
          <div className="list-toolbar">
            <span className="list-toolbar__count">
              {shown.length} {shown.length === 1 ? 'journey' : 'journeys'}
            </span>
            {(archivedCount > 0 || showArchived) && (
              <label className="toggle">
                <input type="checkbox" checked={showArchived} onChange={(e) => setShowArchived(e.target.checked)} />
                <span>
                  Show archived <span className="toggle__count">({archivedCount})</span>
                </span>
              </label>
            )}
          </div>
          {shown.length === 0 ? (
            <div className="state-card">
              <h2 className="state-card__title">Every journey is archived</h2>
              <p className="state-card__text">Archived journeys are held: nobody enters or moves on. Show them to unarchive one.</p>
              <div className="state-card__actions">
                <button type="button" className="btn btn--secondary" onClick={() => setShowArchived(true)}>
                  Show archived
                </button>
                {newButton}
              </div>
            </div>
          ) : (
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
                  {shown.map((journey) => (
                    <JourneyRow
                      key={journey.id}
                      journey={journey}
                      busy={busyId === journey.id}
                      fresh={freshId === journey.id}
                      onAction={(action) => void act(journey, action)}
                      onRename={(name) => rename(journey, name)}
                    />
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>
      )}

      <ConfirmDialog
        open={confirming !== null}
        title={`Archive "${confirming?.name ?? ''}"?`}
        confirmLabel={busyId !== null && busyId === confirming?.id ? 'Archiving…' : 'Archive journey'}
        busy={busyId !== null}
        onCancel={() => setConfirming(null)}
        onConfirm={() => confirming && void archive(confirming)}
      >
        {confirming?.publishedVersion === null ? (
          <p>It leaves the journeys list. It was never published, so nobody is in it; unarchive it any time to keep editing.</p>
        ) : (
          <>
            <p>
              <strong>Nobody enters or moves on while it is archived.</strong> Users in it now stay exactly where they are, and their waits are
              held, not dropped.
            </p>
            <p>Unarchiving brings it back paused, with everyone where they were; resume it to let them move on.</p>
          </>
        )}
      </ConfirmDialog>
    </div>
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
