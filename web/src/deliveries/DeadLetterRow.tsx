import type { UserOffer } from '@waymark/shared';
import { formatAgo, formatDateTime } from '../app/format.ts';
import { attemptsText, type StepName } from './deliveryText.ts';

export interface DeadLetterRowProps {
  offer: UserOffer;
  step: StepName;
  retrying: boolean;
  /** Why the last retry was refused. */
  error: string | undefined;
  /** A retry-all is running. */
  disabled: boolean;
  onRetry(): void;
  onFocusStep(): void;
  /** Opens the user in the Users tab; the id is plain text without it. */
  onOpenUser?(): void;
}

/** One failed offer: what, to whom, from which step, how often it was tried and why it failed; and Retry. */
export function DeadLetterRow({ offer, step, retrying, error, disabled, onRetry, onFocusStep, onOpenUser }: DeadLetterRowProps) {
  return (
    <li className="dead__row" data-testid="dead-row" data-offer-id={offer.id}>
      <div className="dead__top">
        <span className="dead__offer">{offer.offer}</span>
        <span className="wm-chip">{offer.channel}</span>
        <button
          type="button"
          className="btn btn--secondary btn--small dead__retry"
          onClick={onRetry}
          disabled={retrying || disabled}
          aria-label={`Retry ${offer.offer} for ${offer.userId}`}
        >
          {retrying ? 'Retrying…' : 'Retry'}
        </button>
      </div>
      <dl className="dead__facts">
        <dt>User</dt>
        <dd>
          {onOpenUser ? (
            <button type="button" className="link-button dead__user" onClick={onOpenUser} title="Show this user's timeline and path">
              {offer.userId}
            </button>
          ) : (
            <span className="dead__user">{offer.userId}</span>
          )}
        </dd>
        <dt>Step</dt>
        <dd>
          {step.onCanvas ? (
            <button type="button" className="link-button dead__step" onClick={onFocusStep} title="Find this step on the canvas">
              {step.label}
            </button>
          ) : (
            <span className="dead__step">{step.label}</span>
          )}
        </dd>
        <dt>Tried</dt>
        <dd>{attemptsText(offer.attempts)}</dd>
        <dt>Created</dt>
        <dd>
          <time dateTime={new Date(offer.createdAt).toISOString()} title={formatAgo(offer.createdAt)}>
            {formatDateTime(offer.createdAt)}
          </time>
        </dd>
      </dl>
      <p className="dead__error" data-testid="dead-error">
        {offer.lastError ?? 'No error was recorded.'}
      </p>
      {error && (
        <p className="field__error" role="alert">
          Couldn’t retry: {error}
        </p>
      )}
    </li>
  );
}
