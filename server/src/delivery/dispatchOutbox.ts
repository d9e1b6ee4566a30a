import { nextAttemptDelay } from './backoff.ts';
import { DeliveryError } from './outboxTypes.ts';
import type { DeliveryChannel, OutboxHandOff, OutboxMessage, OutboxStore } from './outboxTypes.ts';

/** The subset of pino the dispatcher uses; a pino logger fits as is. */
export interface DispatcherLogger {
  debug(fields: object, message?: string): void;
  warn(fields: object, message?: string): void;
  error(fields: object, message?: string): void;
}

/** What became of one attempt, for metrics and tests. `attempts` counts this one. */
export type DeliveryResult =
  | { status: 'sent'; attempts: number }
  | { status: 'retrying'; attempts: number; error: string; nextAttemptAt: number }
  | { status: 'dead'; attempts: number; error: string };

export interface OutboxDispatcherOptions {
  store: OutboxStore;
  channels: Record<OutboxMessage['channel'], DeliveryChannel>;
  now?: () => number;
  /** Attempts before an offer that keeps failing is dead-lettered. */
  maxAttempts?: number;
  /** Sends in flight at once; a slow target holds one slot, never the whole batch. */
  concurrency?: number;
  /** How long a claimed row stays ours. Every channel must give up well within it, or a row could be sent twice. */
  leaseMs?: number;
  /** How often to look for due rows when nobody kicks. */
  pollMs?: number;
  logger?: DispatcherLogger;
  onResult?: (id: number, result: DeliveryResult, message: OutboxMessage) => void;
}

// Stored and logged; a target's error page must not bloat the outbox row or the log line.
const MAX_ERROR_CHARS = 500;
// When the store itself fails (database locked, connection lost), look again less eagerly than the poll.
const STORE_FAILURE_PAUSE_MS = 1_000;
// Handed-off offers held while every slot is busy; past this the store leaves new rows to the poll.
const HANDED_MAX = 20_000;

const silent: DispatcherLogger = { debug() {}, warn() {}, error() {} };

/**
 * Drains the transactional outbox: claims due rows under a lease, sends each through its channel, and records the
 * outcome (sent, retry later with backoff, or dead letter). Delivery is at least once: if a send succeeds but
 * recording it fails, the lease expires and the row goes out again, carrying the same `msg_<id>` so the receiver
 * can drop the duplicate.
 */
export class OutboxDispatcher implements OutboxHandOff {
  readonly #store: OutboxStore;
  readonly #channels: Record<OutboxMessage['channel'], DeliveryChannel>;
  readonly #now: () => number;
  readonly #maxAttempts: number;
  readonly #concurrency: number;
  readonly #leaseMs: number;
  readonly #pollMs: number;
  readonly #logger: DispatcherLogger;
  readonly #onResult: ((id: number, result: DeliveryResult, message: OutboxMessage) => void) | undefined;

  /** Every delivery not yet recorded, for `stop` and `runOnce` to wait on. */
  readonly #inFlight = new Set<Promise<void>>();
  /**
   * Sends under way: what `concurrency` bounds. A slot frees once the target has answered, not once the outcome
   * is recorded (a commit and a disk flush later); the row stays leased until then, so it cannot go out twice.
   */
  #sending = 0;
  /** Offers handed over by the store (`take`) waiting for a slot, oldest first; they go before any claim. */
  #handed: OutboxMessage[] = [];
  #running = false;
  #loop: Promise<void> | undefined;
  #kicked = false;
  #wake: (() => void) | undefined;
  #wakeWhenSlotFrees = false;

  constructor(options: OutboxDispatcherOptions) {
    this.#store = options.store;
    this.#channels = options.channels;
    this.#now = options.now ?? Date.now;
    this.#maxAttempts = options.maxAttempts ?? 8;
    this.#concurrency = Math.max(1, options.concurrency ?? 16);
    this.#leaseMs = options.leaseMs ?? 60_000;
    this.#pollMs = options.pollMs ?? 200;
    this.#logger = options.logger ?? silent;
    this.#onResult = options.onResult;
  }

  /** Starts polling the outbox. Calling it while running does nothing. */
  start(): void {
    if (this.#loop) return;
    this.#running = true;
    this.#loop = this.#run();
  }

  /** Stops claiming new rows and resolves once every send already under way has been recorded. */
  async stop(): Promise<void> {
    this.#running = false;
    this.#wake?.();
    await this.#loop;
    this.#loop = undefined;
    while (this.#inFlight.size > 0) await Promise.all(this.#inFlight);
  }

  get leaseMs(): number {
    return this.#leaseMs;
  }

  room(): number {
    return this.#running ? HANDED_MAX - this.#handed.length + Math.max(0, this.#concurrency - this.#sending) : 0;
  }

  /**
   * Offers the store has just committed, already leased to us: sent in the slots free now, the rest as slots free
   * (before anything claimed). Once stopped they stay leased until the next start gives the leases back.
   */
  take(messages: OutboxMessage[], leftForPoll: boolean): void {
    for (const message of messages) {
      if (this.#running && this.#sending < this.#concurrency) void this.#track(message);
      else this.#handed.push(message);
    }
    if (leftForPoll) this.kick();
  }

  /** Looks for due rows now instead of at the next poll, e.g. right after a transaction wrote to the outbox. */
  kick(): void {
    this.#kicked = true;
    this.#wake?.();
  }

  /** Claims one batch of due rows, delivers them concurrently, and resolves with how many it claimed once all settle. */
  async runOnce(): Promise<number> {
    const batch = (await this.#claim(this.#concurrency - this.#sending)) ?? [];
    await Promise.all(batch.map((message) => this.#track(message)));
    return batch.length;
  }

  async #run(): Promise<void> {
    while (this.#running) {
      this.#kicked = false;
      let pause = this.#pollMs;
      let saturated = false;
      try {
        const free = this.#concurrency - this.#sending;
        if (free > 0) {
          const batch = await this.#claim(free);
          if (batch === undefined) pause = Math.max(this.#pollMs, STORE_FAILURE_PAUSE_MS);
          for (const message of batch ?? []) void this.#track(message);
          // A full batch suggests more rows are due: claim again as soon as a slot frees rather than at the poll.
          saturated = batch?.length === free;
        } else {
          saturated = true;
        }
      } catch (error) {
        this.#logger.error({ err: describeError(error) }, 'outbox dispatcher loop failed; continuing');
      }
      if (saturated && this.#sending < this.#concurrency) continue;
      await this.#sleep(pause, saturated);
    }
  }

  /** Resolves with the claimed rows, or undefined (after logging) when the store failed: the loop must survive it. */
  async #claim(limit: number): Promise<OutboxMessage[] | undefined> {
    if (limit <= 0) return [];
    try {
      return await this.#store.claimDue(this.#now(), limit, this.#leaseMs);
    } catch (error) {
      this.#logger.error({ err: describeError(error) }, 'could not claim outbox rows');
      return undefined;
    }
  }

  #track(message: OutboxMessage): Promise<void> {
    this.#sending++;
    let sent = false;
    const freeSlot = () => {
      if (sent) return;
      sent = true;
      this.#sending--;
      const next = this.#running ? this.#handed.shift() : undefined;
      if (next) void this.#track(next);
      else if (this.#wakeWhenSlotFrees) this.#wake?.();
    };
    const delivery = this.#deliver(message, freeSlot)
      // #deliver handles every expected failure; this catches a throwing clock or logger, which must not crash the loop.
      .catch((error: unknown) => this.#logger.error({ outboxId: message.id, err: describeError(error) }, 'delivery crashed'))
      .finally(() => {
        freeSlot();
        this.#inFlight.delete(delivery);
      });
    this.#inFlight.add(delivery);
    return delivery;
  }

  /** Never rejects: every outcome, even a broken store or a channel throwing something odd, is recorded or logged. */
  async #deliver(message: OutboxMessage, freeSlot: () => void): Promise<void> {
    const attempts = message.attempts + 1;
    const fields = logFields(message, attempts);
    let failure: DeliveryError | undefined;
    try {
      const channel = this.#channels[message.channel] as DeliveryChannel | undefined;
      if (!channel) throw new DeliveryError(`no delivery channel "${String(message.channel)}"`, false);
      await channel.send(message);
    } catch (error) {
      failure = asDeliveryError(error);
    }
    freeSlot();
    const now = this.#now();

    if (!failure) {
      try {
        await this.#store.markSent(message.id, now);
        // Debug, not info: a delivery is already recorded (the outbox row, the timeline, the deliveries counter),
        // and a log line per offer cost the main thread ~23 µs an offer at the default level (~8% of figure 1).
        this.#logger.debug(fields, 'offer delivered');
      } catch (error) {
        const err = describeError(error);
        this.#logger.error({ ...fields, err }, 'offer delivered but not recorded; it will be sent again');
      }
      this.#report(message, { status: 'sent', attempts });
      return;
    }

    const error = failure.message.slice(0, MAX_ERROR_CHARS);
    const retry = failure.retryable && attempts < this.#maxAttempts;
    const nextAttemptAt = retry ? now + nextAttemptDelay(attempts) : null;
    try {
      await this.#store.markFailed(message.id, error, nextAttemptAt, now);
    } catch (storeError) {
      this.#logger.error({ ...fields, error, err: describeError(storeError) }, 'offer failed and could not be recorded');
    }
    if (nextAttemptAt !== null) {
      this.#logger.warn({ ...fields, error, nextAttemptAt }, 'offer delivery failed; will retry');
      this.#report(message, { status: 'retrying', attempts, error, nextAttemptAt });
    } else {
      this.#logger.error({ ...fields, error, retryable: failure.retryable }, 'offer delivery failed; dead-lettered');
      this.#report(message, { status: 'dead', attempts, error });
    }
  }

  #report(message: OutboxMessage, result: DeliveryResult): void {
    try {
      this.#onResult?.(message.id, result, message);
    } catch (error) {
      this.#logger.error({ outboxId: message.id, err: describeError(error) }, 'onResult callback threw');
    }
  }

  #sleep(ms: number, untilSlotFrees: boolean): Promise<void> {
    if (this.#kicked || !this.#running) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.#wake = undefined;
        this.#wakeWhenSlotFrees = false;
        resolve();
      };
      // unref: a sleeping dispatcher alone should not keep the process (or a test run) alive.
      const timer = setTimeout(done, ms);
      timer.unref();
      this.#wake = done;
      this.#wakeWhenSlotFrees = untilSlotFrees;
    });
  }
}

// Who and what, never where or what was said: URLs can carry tokens, and bodies and addresses are the user's.
function logFields(message: OutboxMessage, attempts: number) {
  return {
    outboxId: message.id,
    channel: message.channel,
    offer: message.offer,
    journeyId: message.journeyId,
    runId: message.runId,
    node: message.node,
    userId: message.userId,
    attempts,
  };
}

// Anything that is not a DeliveryError is a bug or a surprise, not a verdict from the target: give it another chance.
function asDeliveryError(error: unknown): DeliveryError {
  if (error instanceof DeliveryError) return error;
  return new DeliveryError(describeError(error), true, { cause: error });
}

function describeError(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
