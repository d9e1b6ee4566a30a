import { describeDuration, HOLDOUT_ARM, parseDuration, type ExperimentReport } from '@waymark/shared';
import { useState } from 'react';
import { promoteVariant } from '../api/client.ts';
import { errorMessage } from '../app/errorMessage.ts';
import { formatCount, formatDateTime } from '../app/format.ts';
import { sameDocument } from '../journey/publishState.ts';
import { useJourneyStore } from '../store/useJourneyStore.ts';
import { ArmTable } from './ArmTable.tsx';
import { useExperiment } from './ExperimentContext.ts';
import { IntervalChart } from './IntervalChart.tsx';
import { PromoteDialog } from './PromoteDialog.tsx';
import { promotedMessage, type PromoteChoice } from './promoteChoices.ts';
import { VerdictCard } from './VerdictCard.tsx';

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
  const [choice, setChoice] = useState<PromoteChoice | null>(null);
  const [busy, setBusy] = useState(false);
  const [promoteError, setPromoteError] = useState<string | null>(null);
  const [justPromoted, setJustPromoted] = useState<string | null>(null);

  const users = report.arms.reduce((sum, arm) => sum + arm.entered, 0);
  const attribution = parseDuration(report.attributionWindow) !== undefined ? describeDuration(report.attributionWindow) : report.attributionWindow;
  const promoted = report.promoted?.variant ?? justPromoted;
  const draftDiffers = draft !== null && experiment.published !== null && !sameDocument(draft, experiment.published);

  const promote = async () => {
    if (!choice) return;
    setBusy(true);
    setPromoteError(null);
    try {
      await promoteVariant(journeyId, choice.variant);
      setJustPromoted(choice.variant);
      setChoice(null);
      experiment.refresh();
      onPromoted();
    } catch (failure) {
      setPromoteError(errorMessage(failure));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="exp" data-testid="experiment-panel" data-status={report.status}>
      <header className="exp-head">
        <div>
          <h2 className="exp-head__title">
            A/B test
            {report.status === 'promoted' ? <span className="badge badge--draft">Ended</span> : <span className="badge badge--active">Running</span>}
          </h2>
          <p className="exp-head__meta">
            {formatCount(users)} users · conversions within {attribution} of the split
          </p>
        </div>
        {stale ? (
          <span className="live live--stale" title="The last refresh failed; these are the latest results that arrived.">
            Reconnecting…
          </span>
        ) : (
          report.status === 'running' && (
            <span className="live">
              <span className="live__dot" aria-hidden="true" />
              Live
            </span>
          )
        )}
      </header>

      {promoted && (
        <div className="banner banner--success exp-promoted" role="status" data-testid="experiment-promoted">
          {promotedMessage(promoted)}
          {report.promoted && <span className="exp-promoted__when"> Promoted {formatDateTime(report.promoted.at)}; the results below are the experiment's, up to then.</span>}
        </div>
      )}

      {report.srm.alarm && (
        <div className="banner banner--error exp-srm" role="alert" data-testid="srm-banner">
          <p className="exp-srm__title">Sample ratio mismatch</p>
          <p>{report.srm.text ?? 'The arms do not hold the shares of users the split declares.'}</p>
          <p className="exp-srm__cause">
            Usually something adds or loses users in one arm only: a redirect, a bot filter, a weight changed mid-test.
          </p>
        </div>
      )}

      <VerdictCard verdict={report.verdict} />

      <section aria-labelledby="exp-chart-title">
        <h3 className="panel-heading" id="exp-chart-title">
          Conversion rate, 95% intervals
        </h3>
        <IntervalChart arms={report.arms} />
      </section>

      <section aria-labelledby="exp-arms-title">
        <h3 className="panel-heading" id="exp-arms-title">
          By arm
        </h3>
        <ArmTable
          report={report}
          onPromote={(next) => {
            setPromoteError(null);
            setChoice(next);
          }}
        />
      </section>

      <p className="exp-footnote">
        Intervals are 95%; with more than one variant each comparison is held to a stricter level, so that together they hold at 95%. Looking
        as often as you like does not change that. Revenue and return on offer spend are shown, not tested.
      </p>

      <PromoteDialog
        choice={choice}
        hasHoldout={report.arms.some((arm) => arm.id === HOLDOUT_ARM && arm.weight > 0)}
        draftDiffers={draftDiffers}
        busy={busy}
        error={promoteError}
        onConfirm={() => void promote()}
        onCancel={() => setChoice(null)}
      />
    </div>
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
