import { ReactFlowProvider } from '@xyflow/react';
import { useEffect, useState } from 'react';
import { ApiError, getJourney } from '../api/client.ts';
import { errorMessage } from '../app/errorMessage.ts';
import { routeHref } from '../app/route.ts';
import { useLoader } from '../app/useLoader.ts';
import { JourneyCanvas } from '../canvas/JourneyCanvas.tsx';
import { useAddStep } from '../canvas/useAddStep.ts';
import { NodePalette } from '../palette/NodePalette.tsx';
import { ExperimentContext } from '../experiments/ExperimentContext.ts';
import { useExperimentReport } from '../experiments/useExperimentReport.ts';
import { createJourneyStore, isDirty } from '../store/journeyStore.ts';
import { JourneyStoreContext, useJourneyStore, useJourneyStoreApi } from '../store/useJourneyStore.ts';
import type { JourneyDetail } from '@waymark/shared';
import { JourneyHeader } from './JourneyHeader.tsx';
import { LeaveDialog } from './LeaveDialog.tsx';
import { sameDocument } from './publishState.ts';
import { SidePanel } from './SidePanel.tsx';
import { TotalsBar } from './TotalsBar.tsx';
import { useAutosave } from './useAutosave.ts';
import { useEditorShortcuts } from './useEditorShortcuts.ts';
import { useLeaveGuard } from './useLeaveGuard.ts';
import { useLiveStats } from './useLiveStats.ts';

/**
 * One journey: its draft on the canvas to edit (palette, toolbar, autosave), live counts when published, problems
 * and a user's path.
 */
export function JourneyPage({ journeyId }: { journeyId: string }) {
  const [store] = useState(createJourneyStore);
  return (
    <JourneyStoreContext value={store}>
      <ReactFlowProvider>
        <JourneyLoader journeyId={journeyId} />
      </ReactFlowProvider>
    </JourneyStoreContext>
  );
}

function JourneyLoader({ journeyId }: { journeyId: string }) {
  const store = useJourneyStoreApi();
  const [loaded, reload] = useLoader((signal) => getJourney(journeyId, signal));
  const ready = useJourneyStore((s) => s.journeyId === journeyId && s.document !== null);

  useEffect(() => {
    if (loaded.state !== 'ready') return;
    const current = store.getState();
    // A refresh after publish or pause brings back the same draft; reloading it would only re-measure the canvas,
    // and while there are edits the server has not seen, the draft here is the newer one.
    const same = current.journeyId === journeyId && current.document !== null;
    if (same && (isDirty(current) || sameDocument(current.document!, loaded.data.draft))) return;
    current.load(journeyId, loaded.data.draft);
  }, [loaded, journeyId, store]);

  if (loaded.state === 'error') {
    const missing = loaded.error instanceof ApiError && loaded.error.status === 404;
    return (
      <div className="page">
        <div className="state-card" role="alert">
          <h2 className="state-card__title">{missing ? 'This journey does not exist' : 'The journey could not be loaded'}</h2>
          <p className="state-card__text">{missing ? 'It may have been deleted, or the link is mistyped.' : errorMessage(loaded.error)}</p>
          <div className="state-card__actions">
            <a className="btn btn--secondary" href={routeHref({ name: 'journeys' })}>
              All journeys
            </a>
            {!missing && (
              <button type="button" className="btn btn--primary" onClick={() => reload()}>
                Try again
              </button>
            )}
          </div>
        </div>
      </div>
    );
  }
  if (loaded.state === 'loading' || !ready) return <JourneySkeleton />;
  return <JourneyWorkspace journey={loaded.data} onChanged={() => reload({ quiet: true })} />;
}

function JourneyWorkspace({ journey, onChanged }: { journey: JourneyDetail; onChanged: () => void }) {
  const store = useJourneyStoreApi();
  const live = useLiveStats(journey.id, journey.publishedVersion !== null);
  const experiment = useExperimentReport(journey);
  const autosave = useAutosave();
  const leave = useLeaveGuard(journey.id, autosave);
  const addStep = useAddStep();
  useEditorShortcuts({
    undo: () => store.getState().undo(),
    redo: () => store.getState().redo(),
    save: () => void autosave.saver.saveNow(),
  });

  return (
    <div className="journey">
      <JourneyHeader journey={journey} onChanged={onChanged} autosave={autosave} />
      <TotalsBar journey={journey} live={live} />
      {/* The split's view, its form and the Experiment tab read one report from one poll. */}
      <ExperimentContext value={experiment}>
        <div className="journey__body">
          <NodePalette onAdd={(type) => addStep(type)} />
          <div className="journey__canvas">
            <JourneyCanvas editable />
          </div>
          <SidePanel journeyId={journey.id} onChanged={onChanged} />
        </div>
      </ExperimentContext>
      <LeaveDialog guard={leave} />
    </div>
  );
}

function JourneySkeleton() {
  return (
    <div className="journey" aria-busy="true" aria-label="Loading journey">
      <div className="journey-header">
        <span className="skeleton" style={{ width: 260, height: 22 }} />
      </div>
      <div className="totals">
        {[0, 1, 2, 3, 4].map((i) => (
          <div key={i} className="totals__item">
            <span className="skeleton skeleton--small" style={{ width: 70 }} />
            <span className="skeleton" style={{ width: 48, height: 20 }} />
          </div>
        ))}
      </div>
      <div className="journey__body">
        <div className="journey__canvas journey__canvas--loading" />
      </div>
    </div>
  );
}
