/** One offer waiting in the transactional outbox, as the dispatcher hands it to a channel. */
export interface OutboxMessage {
  id: number;            // outbox row id; the webhook-id is `msg_${id}` so it is stable across retries
  runId: string; journeyId: string; journeyName: string; userId: string; node: string;
  channel: 'webhook' | 'email';
  offer: string;         // offer code, e.g. WINBACK20
  url?: string;          // webhook target
  to?: string;           // email recipient (the user's `email` trait, resolved when the row was written)
  subject?: string;
  message: string;       // already rendered Liquid (HTML-escaped for email)
  cost: number;
  attempts: number;      // attempts made before this one
  createdAt: number;     // ms epoch
}

export interface OutboxStore {
  /** Leases up to `limit` due rows (pending, next_attempt_at <= now, lease expired) until now+leaseMs. */
  claimDue(now: number, limit: number, leaseMs: number): Promise<OutboxMessage[]>;
  markSent(id: number, now: number): Promise<void>;
  /**
   * nextAttemptAt null means dead letter. The store counts the failed attempt (attempts + 1) and releases the
   * lease, so the next claim sees how many attempts came before it.
   */
  markFailed(id: number, error: string, nextAttemptAt: number | null, now: number): Promise<void>;
}

/**
 * Where a store hands the offers a transaction has just made durable, already leased to this process, so they
 * go out at once instead of waiting to be claimed by the next poll (one statement, one commit and one disk
 * flush later). Rows it has no room for are written unleased and left to the poll.
 */
export interface OutboxHandOff {
  /** How long a handed-off row stays leased: the same lease a claim takes. */
  readonly leaseMs: number;
  /** How many more rows it will take now. */
  room(): number;
  /** The committed rows, each leased until its creation time + `leaseMs`; `leftForPoll` when some were not leased. */
  take(messages: OutboxMessage[], leftForPoll: boolean): void;
}

export interface DeliveryChannel { send(message: OutboxMessage): Promise<void>; } // throws DeliveryError on failure

/**
 * Why a send failed, and whether trying again later could help. A target that rejected the offer for good (HTTP 404,
 * SMTP 550, no email address) is not retryable and goes straight to the dead letters instead of burning attempts.
 */
export class DeliveryError extends Error {
  readonly retryable: boolean;

  constructor(message: string, retryable: boolean, options?: ErrorOptions) {
    super(message, options);
    this.name = 'DeliveryError';
    this.retryable = retryable;
  }
}

/** The `webhook-id` and `X-Waymark-Message-Id` of an offer: derived from the row, so every retry carries the same one. */
export function messageIdOf(message: Pick<OutboxMessage, 'id'>): string {
  return `msg_${message.id}`;
}
