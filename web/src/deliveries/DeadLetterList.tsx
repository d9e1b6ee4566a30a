import { errorMessage } from '../app/errorMessage.ts';
import type { DeadLetterState } from './deadLetterStore.ts';
import { DeadLetterRow } from './DeadLetterRow.tsx';
import { retryProgress, type StepName } from './deliveryText.ts';

export type DeadLetterView = Pick<DeadLetterState, 'offers' | 'error' | 'retrying' | 'rowErrors' | 'progress' | 'note'>;

export interface DeadLetterListProps {
  view: DeadLetterView;
  stepOf(nodeId: string): StepName;
  onReload(): void;
  onRetry(id: number): void;
  /** Asks first (the panel's dialog), then retries every row. */
  onRetryAll(): void;
  onFocusStep(nodeId: string): void;
  onOpenUser?(userId: string): void;
}

/** The Deliveries tab's content from a snapshot of the dead letter: loading, failed to load, empty, or the rows. */
export function DeadLetterList({ view, stepOf, onReload, onRetry, onRetryAll, onFocusStep, onOpenUser }: DeadLetterListProps) {
  const { offers, error, retrying, rowErrors, progress, note } = view;

  if (offers === null) {
    if (error) {
      return (
        <div className="panel-note panel-note--error dead__load-error" role="alert">
          <p>Failed deliveries could not be loaded. {errorMessage(error)}</p>
          <button type="button" className="btn btn--secondary btn--small" onClick={onReload}>
            Try again
          </button>
        </div>
      );
    }
    return (
      <div className="dead" aria-busy="true" aria-label="Loading failed deliveries">
        <span className="skeleton" style={{ width: 160, height: 18 }} />
        <span className="skeleton" style={{ height: 132 }} />
        <span className="skeleton" style={{ height: 132 }} />
      </div>
    );
  }

  const running = progress?.running === true;
  const busy = running || Object.keys(retrying).length > 0;
  return (
    <div className="dead" data-testid="dead-letter">
      {(progress || note) && (
        <p className={`panel-note${progress && progress.failed > 0 && !running ? ' panel-note--error' : ''}`} role="status" data-testid="dead-status">
          {progress ? retryProgress(progress) : note}
        </p>
      )}
      {offers.length === 0 ? (
        <div className="panel-empty" data-testid="dead-empty">
          <div className="panel-empty__icon panel-empty__icon--ok" aria-hidden="true">
            ✓
          </div>
          <p className="panel-empty__title">No failed deliveries</p>
          <p className="panel-empty__text">Offers that keep failing after 8 attempts land here so you can fix the target and send them again.</p>
        </div>
      ) : (
        <>
          <div className="dead__head">
            <span className="dead__count">
              {offers.length} failed {offers.length === 1 ? 'offer' : 'offers'}
              {error !== null && (
                <span className="live live--stale" title={`The last refresh failed (${errorMessage(error)}); this is the latest list that arrived.`}>
                  Reconnecting…
                </span>
              )}
            </span>
            <button type="button" className="btn btn--secondary btn--small" onClick={onRetryAll} disabled={busy} data-testid="dead-retry-all">
              Retry all
            </button>
          </div>
          <p className="panel-intro">These offers never reached their target. Fix the target, then send them again: each goes to the address it was written with.</p>
          <ul className="dead__list" aria-label="Failed deliveries">
            {offers.map((offer) => (
              <DeadLetterRow
                key={offer.id}
                offer={offer}
                step={stepOf(offer.node)}
                retrying={retrying[offer.id] === true}
                error={rowErrors[offer.id]}
                disabled={running}
                onRetry={() => onRetry(offer.id)}
                onFocusStep={() => onFocusStep(offer.node)}
                {...(onOpenUser ? { onOpenUser: () => onOpenUser(offer.userId) } : {})}
              />
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
