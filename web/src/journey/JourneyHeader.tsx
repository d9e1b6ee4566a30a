import { useEffect, useState } from 'react';
import type { JourneyDetail } from '@waymark/shared';
import { ApiError, pauseJourney, publishJourney, resumeJourney } from '../api/client.ts';
import { errorMessage } from '../app/errorMessage.ts';
import { formatAgo } from '../app/format.ts';
import { routeHref } from '../app/route.ts';
import { ExperimentBadge } from '../journeyExperiments/ExperimentBadge.tsx';
import { useExperimentOfJourney } from '../journeyExperiments/useExperimentOfJourney.ts';
import { StatusBadge } from '../journeys/StatusBadge.tsx';
import { useJourneyStore } from '../store/useJourneyStore.ts';
import { FileMenu } from './FileMenu.tsx';
import { publishState } from './publishState.ts';
import { SaveStatus } from './SaveStatus.tsx';
import type { Autosave } from './useAutosave.ts';

type Flash = { tone: 'success' | 'error'; text: string };

/** Name, status, how saving is going, and the actions: export/import, publish (saving first), pause, resume. */
export function JourneyHeader({ journey, onChanged, autosave }: { journey: JourneyDetail; onChanged: () => void; autosave: Autosave }) {
  const document = useJourneyStore((s) => s.document);
  const violations = useJourneyStore((s) => s.violations);
  const [busy, setBusy] = useState<'publish' | 'toggle' | null>(null);
  const [flash, setFlash] = useState<Flash | null>(null);
  const experiment = useExperimentOfJourney(journey.id);

  useEffect(() => {
    if (flash?.tone !== 'success') return;
    const timer = setTimeout(() => setFlash(null), 6_000);
    return () => clearTimeout(timer);
  }, [flash]);

  if (!document) return null;
  const publish = publishState(journey, document, violations);
  const canToggle = journey.publishedVersion !== null && (journey.status === 'active' || journey.status === 'paused');
  const paused = journey.status === 'paused';

  async function run(kind: 'publish' | 'toggle') {
    setBusy(kind);
    setFlash(null);
    try {
      if (kind === 'publish') {
        // The server publishes the draft it has: send ours first, or the marketer publishes an older one.
        if (!(await autosave.saver.saveNow())) {
          setFlash({ tone: 'error', text: `Not published: the draft could not be saved (${autosave.saver.getState().error ?? 'unknown error'}).` });
          return;
        }
        const { version } = await publishJourney(journey.id);
        setFlash({ tone: 'success', text: `Published v${version}. New users now follow it.` });
      } else {
        await (paused ? resumeJourney(journey.id) : pauseJourney(journey.id));
        setFlash({ tone: 'success', text: paused ? 'Resumed. Users move on again.' : 'Paused. Nobody enters or moves on until you resume.' });
      }
      onChanged();
    } catch (error) {
      const count = error instanceof ApiError ? error.violations.length : 0;
      setFlash({ tone: 'error', text: count > 0 ? `Not published: ${count} problem${count === 1 ? '' : 's'} to fix first.` : errorMessage(error) });
    } finally {
      setBusy(null);
    }
  }

  return (
    <div className="journey-header">
      <div className="journey-header__title">
        <a className="journey-header__back" href={routeHref({ name: 'journeys' })}>
          Journeys
        </a>
        <span className="journey-header__sep" aria-hidden="true">
          /
        </span>
        <h1 className="journey-header__name" title={document.description}>
          {document.name}
        </h1>
        <StatusBadge status={journey.status} />
        {experiment && <ExperimentBadge experiment={experiment} />}
        {journey.published && (
          <span className="journey-header__version">
            v{journey.published.version} published {formatAgo(journey.published.publishedAt)}
          </span>
        )}
        <SaveStatus status={autosave.status} error={autosave.error} onRetry={() => void autosave.saver.saveNow()} />
      </div>
      <div className="journey-header__actions">
        {flash ? (
          <span className={`flash flash--${flash.tone}`} role={flash.tone === 'error' ? 'alert' : 'status'}>
            {flash.text}
          </span>
        ) : (
          <span className={`journey-header__note${violations.length > 0 ? ' is-blocked' : ''}`} id="publish-note">
            {publish.note}
          </span>
        )}
        <FileMenu onImported={(name) => setFlash({ tone: 'success', text: `Imported “${name}”. Undo brings back the previous draft.` })} />
        {canToggle && (
          <button type="button" className="btn btn--secondary" disabled={busy !== null} onClick={() => run('toggle')}>
            {busy === 'toggle' ? (paused ? 'Resuming…' : 'Pausing…') : paused ? 'Resume' : 'Pause'}
          </button>
        )}
        <button
          type="button"
          className="btn btn--primary"
          disabled={!publish.canPublish || busy !== null}
          title={publish.canPublish ? undefined : publish.note}
          aria-describedby="publish-note"
          onClick={() => run('publish')}
        >
          {busy === 'publish' ? 'Publishing…' : publish.label}
        </button>
      </div>
    </div>
  );
}
