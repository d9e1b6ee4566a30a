import { describeDuration, HOLDOUT_ARM, parseDuration, type ExperimentReport } from '@waymark/shared';
import { useState } from 'react';
import { errorMessage } from '../app/errorMessage.ts';
import { formatCount, formatDateTime } from '../app/format.ts';
import { ArmTable } from './ArmTable.tsx';
import { IntervalChart } from './IntervalChart.tsx';
import { PromoteDialog } from './PromoteDialog.tsx';
import { promotedMessage, type PromoteChoice } from './promoteChoices.ts';
import { pendingNote, phaseNote } from './reportNotes.ts';
import { SrmBanner } from './SrmBanner.tsx';
import { VerdictCard } from './VerdictCard.tsx';

export interface ExperimentResultsViewProps {
  report: ExperimentReport;
  /** The last refresh failed: what is shown is the latest report that arrived. */
  stale: boolean;
  title: string;
  /** Running or Ended beside the title; off where the page's own heading already says it. */
  statusBadge?: boolean;
  /** What a conversion is measured from ("the split", "entering the journey"). */
  measuredFrom: string;
  /** Promoting publishes from the published version while the draft differs (split experiments only). */
  draftDiffers?: boolean;
  onPromote(variant: string): Promise<void>;
}

/**
 * An experiment's results, the same for a split inside a journey and for journeys tested side by side: the
 * verdict first, a sample-ratio warning when assignment looks broken, each arm's figures and intervals, the
 * users still inside their attribution window, and promoting a variant to everyone. It knows nothing of the
 * journey being edited: what promoting does is `onPromote`'s business, and the split panel says whether the
 * draft differs.
 */
export function ExperimentResultsView({ report, stale, title, statusBadge = true, measuredFrom, draftDiffers = false, onPromote }: ExperimentResultsViewProps) {
  const [choice, setChoice] = useState<PromoteChoice | null>(null);
  const [busy, setBusy] = useState(false);
  const [promoteError, setPromoteError] = useState<string | null>(null);
  const [justPromoted, setJustPromoted] = useState<string | null>(null);

  const users = report.arms.reduce((sum, arm) => sum + arm.entered + arm.pending, 0);
  const attribution = parseDuration(report.attributionWindow) !== undefined ? describeDuration(report.attributionWindow) : report.attributionWindow;
  const promoted = report.promoted?.variant ?? justPromoted;
  const promotedJourney = report.arms.find((arm) => arm.id === promoted)?.journeyName;
  const pending = pendingNote(report);
  const phase = phaseNote(report);

  const promote = async () => {
    if (!choice) return;
    setBusy(true);
    setPromoteError(null);
    try {
      await onPromote(choice.variant);
      setJustPromoted(choice.variant);
      setChoice(null);
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
            {title}
            {statusBadge && (report.status === 'promoted' ? <span className="badge badge--draft">Ended</span> : <span className="badge badge--active">Running</span>)}
          </h2>
          <p className="exp-head__meta">
            {formatCount(users)} users · conversions within {attribution} of {measuredFrom}
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
          {promotedMessage(promoted, promotedJourney)}
          {report.promoted && <span className="exp-promoted__when"> Promoted {formatDateTime(report.promoted.at)}; the results below are the experiment's, up to then.</span>}
        </div>
      )}

      <SrmBanner report={report} />

      <VerdictCard verdict={report.verdict} />

      {phase && (
        <p className="panel-note" data-testid="experiment-phase">
          {phase}
        </p>
      )}

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
        {pending && (
          <p className="exp-footnote" data-testid="experiment-pending">
            {pending}
          </p>
        )}
      </section>

      <p className="exp-footnote">
        Intervals are 95%; with more than one variant each comparison is held to a stricter level, so that together they hold at 95%. Looking
        as often as you like does not change that. Revenue and return on offer spend are shown, not tested.
      </p>

      <PromoteDialog
        choice={choice}
        kind={report.kind}
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
