import type { JourneyDetail } from '@waymark/shared';
import type { ReactNode } from 'react';
import { errorMessage } from '../app/errorMessage.ts';
import { formatCount, formatMoney, formatRate } from '../app/format.ts';
import { useJourneyStore } from '../store/useJourneyStore.ts';
import type { LiveStatus } from './useLiveStats.ts';

/** The journey's headline numbers, refreshed with every poll. */
export function TotalsBar({ journey, live }: { journey: JourneyDetail; live: LiveStatus }) {
  const totals = useJourneyStore((s) => s.stats?.totals);

  if (journey.publishedVersion === null)
    return (
      <div className="totals totals--empty">
        <span className="totals__hint">Not published yet. Publish the journey to start counting the users who enter it.</span>
      </div>
    );

  const item = (label: string, value: string, hint?: string, extra?: ReactNode) => (
    <div className="totals__item" title={hint}>
      <span className="totals__label">{label}</span>
      <span className="totals__value">
        {totals ? value : '–'}
        {extra}
      </span>
    </div>
  );
  // Offers that will not go out unless someone retries them (the Deliveries tab lists them).
  const failed = totals && totals.offersDead > 0 && (
    <span className="totals__failed" data-testid="totals-failed">
      {formatCount(totals.offersDead)} failed
    </span>
  );

  return (
    <div className="totals">
      {item('Entered', formatCount(totals?.entered ?? 0))}
      {item('In journey now', formatCount(totals?.active ?? 0))}
      {item('Converted', formatCount(totals?.converted ?? 0))}
      {item('Conversion rate', formatRate(totals?.conversionRate ?? 0, totals?.entered))}
      {item('Offers sent', formatCount(totals?.offersSent ?? 0), totals ? `${totals.offersPending} pending, ${totals.offersDead} failed` : undefined, failed)}
      {item('Offer spend', formatMoney(totals?.offerCost ?? 0))}
      <div className="totals__live">
        {live.error ? (
          <span className="live live--stale" title={errorMessage(live.error)}>
            Reconnecting…
          </span>
        ) : journey.status === 'paused' ? (
          <span className="live live--paused">Paused</span>
        ) : (
          <span className="live">
            <span className="live__dot" aria-hidden="true" />
            Live
          </span>
        )}
      </div>
    </div>
  );
}
