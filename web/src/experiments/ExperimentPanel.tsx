import type { ExperimentReport } from '@waymark/shared';
import { promoteVariant } from '../api/client.ts';
import { errorMessage } from '../app/errorMessage.ts';
import { sameDocument } from '../journey/publishState.ts';
import { useJourneyStore } from '../store/useJourneyStore.ts';
import { useExperiment } from './ExperimentContext.ts';
import { ExperimentResultsView } from './ExperimentResultsView.tsx';

/**
 * The Experiment tab: how the published split's A/B test is going (verdict first, a sample-ratio warning when
 * assignment looks broken, each arm's figures and intervals) and promoting a variant to everyone. The report
 * is polled by the journey page (`useExperimentReport`), so this panel only reads it.
 */
export function ExperimentPanel({ journeyId, onPromoted }: { journeyId: string; onPromoted(): void }) {
  const experiment = useExperiment();
  const { report, error } = experiment;

  if (experiment.node === null || report?.node === null) {
    return (
      <div className="panel-empty">
        <p className="panel-empty__title">No experiment running</p>
        <p className="panel-empty__text">Add a Split step, publish, and its results show here.</p>
      </div>
    );
  }
  if (!report) {
    if (error) {
      return (
        <div className="panel-note panel-note--error exp-error" role="alert">
          <p>The experiment's results could not be loaded. {errorMessage(error)}</p>
          <button type="button" className="btn btn--secondary btn--small" onClick={experiment.refresh}>
            Try again
          </button>
        </div>
      );
    }
    return <ExperimentSkeleton />;
  }
  return <ExperimentResults journeyId={journeyId} report={report} stale={error !== null} onPromoted={onPromoted} />;
}

function ExperimentResults({ journeyId, report, stale, onPromoted }: { journeyId: string; report: ExperimentReport; stale: boolean; onPromoted(): void }) {
  const experiment = useExperiment();
  const draft = useJourneyStore((s) => s.document);
  const draftDiffers = draft !== null && experiment.published !== null && !sameDocument(draft, experiment.published);
  return (
    <ExperimentResultsView
      report={report}
      stale={stale}
      title="A/B test"
      measuredFrom="the split"
      draftDiffers={draftDiffers}
      onPromote={async (variant) => {
        await promoteVariant(journeyId, variant);
        experiment.refresh();
        onPromoted();
      }}
    />
  );
}

function ExperimentSkeleton() {
  return (
    <div className="exp" aria-busy="true" aria-label="Loading the experiment">
      <span className="skeleton" style={{ width: 140, height: 18 }} />
      <span className="skeleton" style={{ height: 72 }} />
      <span className="skeleton" style={{ height: 110 }} />
      <span className="skeleton" style={{ height: 180 }} />
    </div>
  );
}
