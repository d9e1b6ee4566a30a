import type { UserOffer } from '@waymark/shared';
import { useCallback, useEffect, useState } from 'react';
import { listDeadLetters, retryDelivery } from '../api/client.ts';
import { errorMessage } from '../app/errorMessage.ts';
import { formatDateTime } from '../app/format.ts';
import { useFocusNode } from '../canvas/useFocusNode.ts';
import { useJourneyStore } from '../store/useJourneyStore.ts';
import { retryProgress, stepLabel } from './deliveryText.ts';

const POLL_MS = 5_000;

/**
 * The journey's dead letter: offers that failed too often (or were refused for good), with the last error, and
 * a way to send them again once the target is fixed, one by one or all at once.
 */
export function DeadLetterPanel({ journeyId }: { journeyId: string }) {
  const [offers, setOffers] = useState<UserOffer[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [rowErrors, setRowErrors] = useState<Record<number, string>>({});
  const [progress, setProgress] = useState<{ done: number; total: number; failed: number; running: boolean } | null>(null);
  const [tick, setTick] = useState(0);
  const nodes = useJourneyStore((s) => s.document?.nodes);
  const labels = new Map((nodes ?? []).map((n) => [n.id, typeof n.data.offer === 'string' ? `${n.id} · ${n.data.offer}` : n.id]));
  const focusNode = useFocusNode();

  useEffect(() => {
    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async () => {
      try {
        const next = await listDeadLetters(journeyId, controller.signal);
        if (controller.signal.aborted) return;
        setOffers(next);
        setError(null);
      } catch (failure) {
        if (!controller.signal.aborted) setError(failure);
      }
      if (!controller.signal.aborted) timer = setTimeout(poll, POLL_MS);
    };
    void poll();
    return () => {
      controller.abort();
      clearTimeout(timer);
    };
  }, [journeyId, tick]);

  const retry = useCallback(async (offer: UserOffer): Promise<boolean> => {
    try {
      await retryDelivery(offer.id);
      setOffers((list) => list?.filter((o) => o.id !== offer.id) ?? null);
      return true;
    } catch (failure) {
      setRowErrors((errors) => ({ ...errors, [offer.id]: errorMessage(failure) }));
      return false;
    }
  }, []);

  const retryAll = async () => {
    const list = offers ?? [];
    if (!window.confirm(`Send all ${list.length} failed offers again?`)) return;
    let failed = 0;
    for (const [i, offer] of list.entries()) {
      setProgress({ done: i, total: list.length, failed, running: true });
      if (!(await retry(offer))) failed++;
    }
    setProgress({ done: list.length, total: list.length, failed, running: false });
  };

  if (offers === null) {
    return error ? (
      <div className="panel-note panel-note--error" role="alert">
        <p>Failed deliveries could not be loaded. {errorMessage(error)}</p>
        <button type="button" className="btn btn--secondary btn--small" onClick={() => setTick((n) => n + 1)}>
          Try again
        </button>
      </div>
    ) : (
      <div aria-busy="true" aria-label="Loading failed deliveries">
        <span className="skeleton" style={{ height: 48 }} />
        <span className="skeleton" style={{ height: 48 }} />
      </div>
    );
  }

  return (
    <div className="dead" data-testid="dead-letter">
      {progress && (
        <p className="panel-note" role="status">
          {retryProgress(progress.done, progress.total, progress.failed, progress.running)}
        </p>
      )}
      {offers.length === 0 ? (
        <div className="panel-empty">
          <p className="panel-empty__title">No failed deliveries</p>
          <p className="panel-empty__text">Offers that keep failing after 8 attempts, or that a target refuses for good, land here so you can fix the target and send them again.</p>
        </div>
      ) : (
        <>
          <div className="dead__head">
            <span>
              {offers.length} failed {offers.length === 1 ? 'offer' : 'offers'}
            </span>
            <button type="button" className="btn btn--secondary btn--small" onClick={() => void retryAll()} disabled={progress?.running}>
              Retry all
            </button>
          </div>
          <ul className="dead__list">
            {offers.map((offer) => (
              <li key={offer.id} className="dead__row" data-testid="dead-row">
                <div className="dead__main">
                  <strong>{offer.offer}</strong> to <span className="mono">{offer.userId}</span> by {offer.channel}
                  <button type="button" className="linklike" onClick={() => focusNode(offer.node)}>
                    {stepLabel(labels, offer.node)}
                  </button>
                </div>
                <div className="dead__error">{offer.lastError ?? 'No error recorded'}</div>
                <div className="dead__meta">
                  {offer.attempts} {offer.attempts === 1 ? 'attempt' : 'attempts'} · created {formatDateTime(offer.createdAt)}
                </div>
                {rowErrors[offer.id] && (
                  <div className="field__error" role="alert">
                    {rowErrors[offer.id]}
                  </div>
                )}
                <button type="button" className="btn btn--primary btn--small dead__retry" onClick={() => void retry(offer)} disabled={progress?.running}>
                  Retry
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
