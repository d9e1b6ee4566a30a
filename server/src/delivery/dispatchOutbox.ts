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
  /**
   * Sends in flight at once to one target (a webhook's origin, or the SMTP server): a target that hangs or
   * crawls holds at most these slots, and every other target keeps the rest. Default: half of `concurrency`.
   */
  perTargetConcurrency?: number;
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
// Offers held while every slot is busy (or their target's are); past this the store leaves new rows to the poll.
const HANDED_MAX = 20_000;
// Of those, the most one target may hold: a target that hangs with a backlog cannot take every place.
const TARGET_WAITING_MAX = HANDED_MAX / 2;

/** An offer leased to this dispatcher, and when the lease ends (after which another claim may take it). */
interface Leased {
  message: OutboxMessage;
  leaseEnd: number;
  /** Arrival order, so waiting offers go out oldest first across targets. */
  seq: number;
}

/** One target's sends under way, and the offers waiting for one of its slots, oldest first. */
interface Target {
  key: string;
  sending: number;
  waiting: Leased[];
}

/** A webhook's origin (`https://host:port`), or the channel itself for email (one SMTP server). */
function targetKey(message: OutboxMessage): string {
  const url = message.url;
  if (message.channel !== 'webhook' || !url) return message.channel;
  const slash = url.indexOf('/', url.indexOf('//') + 2);
  return slash < 0 ? url : url.slice(0, slash);
}

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
  readonly #perTarget: number;
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
  /**
   * Targets with sends under way or offers waiting: offers handed over by the store (`take`) or claimed, which
   * found no free slot (or none of their target's), go before any new claim, oldest first.
   */
  readonly #targets = new Map<string, Target>();
  /** Offers waiting across all targets. */
  #waiting = 0;
  #seq = 0;
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
    this.#perTarget = Math.max(1, Math.min(this.#concurrency, options.perTargetConcurrency ?? Math.ceil(this.#concurrency / 2)));
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
    return this.#running ? HANDED_MAX - this.#waiting + Math.max(0, this.#concurrency - this.#sending) : 0;
  }

  /**
   * Offers the store has just committed, already leased to us until their creation time + `leaseMs`: sent in
   * the slots free now, the rest as slots free (before anything claimed). Once stopped they stay leased until the
   * next start gives the leases back.
   */
  take(messages: OutboxMessage[], leftForPoll: boolean): void {
    for (const message of messages) this.#dispatch({ message, leaseEnd: message.createdAt + this.#leaseMs, seq: this.#seq++ });
    if (leftForPoll) this.kick();
  }

  /**
   * Sends a leased offer now if a slot and one of its target's are free; else it waits for one. Past the
   * target's share of the waiting places it is let go: its row stays leased, and goes out from the poll once
   * the lease has passed (a target that hangs with a backlog is thereby also tried less often).
   */
  #dispatch(item: Leased): void {
    const target = this.#target(targetKey(item.message));
    if (this.#running && this.#sending < this.#concurrency && target.sending < this.#perTarget && target.waiting.length === 0) {
      void this.#track(item.message, target);
    } else if (target.waiting.length < TARGET_WAITING_MAX && this.#waiting < HANDED_MAX) {
      target.waiting.push(item);
      this.#waiting++;
    } else {
      this.#forget(target);
      this.#logger.debug({ outboxId: item.message.id, leaseEnd: item.leaseEnd }, 'offer left to the poll: its target has a backlog');
    }
  }

  #target(key: string): Target {
    let target = this.#targets.get(key);
    if (!target) this.#targets.set(key, (target = { key, sending: 0, waiting: [] }));
    return target;
  }

  /** Drops a target with nothing under way or waiting, so the map holds only the targets in use. */
  #forget(target: Target): void {
    if (target.sending === 0 && target.waiting.length === 0) this.#targets.delete(target.key);
  }

  /**
   * Starts waiting offers while slots are free, oldest first among the targets with a slot of their own. An
   * offer whose lease is more than half gone is never sent from here: the lease could pass while it is on its
   * way, and a claim (this process's poll, or another process's) would send it too. It is let go to the poll.
   */
  #startWaiting(): boolean {
    let started = false;
    while (this.#running && this.#waiting > 0 && this.#sending < this.#concurrency) {
      let next: Target | undefined;
      for (const target of this.#targets.values())
        if (target.waiting.length > 0 && target.sending < this.#perTarget && (!next || target.waiting[0]!.seq < next.waiting[0]!.seq)) next = target;
      if (!next) break;
      const item = next.waiting.shift()!;
      this.#waiting--;
      if (this.#leaseTooShort(item)) {
        this.#forget(next);
        continue;
      }
      void this.#track(item.message, next);
      started = true;
    }
    return started;
  }

  #leaseTooShort(item: Leased): boolean {
    return item.leaseEnd - this.#now() < this.#leaseMs / 2;
  }

  /** Lets go of waiting offers whose lease is more than half gone (see `#startWaiting`), so they free their places. */
  #dropStale(): void {
    for (const target of this.#targets.values()) {
      let stale = 0;
      while (stale < target.waiting.length && this.#leaseTooShort(target.waiting[stale]!)) stale++;
      if (stale === 0) continue;
      target.waiting.splice(0, stale);
      this.#waiting -= stale;
      this.#logger.debug({ offers: stale }, 'waiting offers left to the poll: half their lease has passed');
      this.#forget(target);
    }
  }

  /** Looks for due rows now instead of at the next poll, e.g. right after a transaction wrote to the outbox. */
  kick(): void {
    this.#kicked = true;
    this.#wake?.();
  }

  /** Claims one batch of due rows, delivers them concurrently, and resolves with how many it claimed once all settle. */
  async runOnce(): Promise<number> {
    const batch = (await this.#claim(this.#concurrency - this.#sending)) ?? [];
    await Promise.all(batch.map((message) => this.#track(message, this.#target(targetKey(message)))));
    return batch.length;
  }

  async #run(): Promise<void> {
    while (this.#running) {
      this.#kicked = false;
      let pause = this.#pollMs;
      let saturated = false;
      try {
        this.#dropStale();
        const free = Math.min(this.#concurrency - this.#sending, HANDED_MAX - this.#waiting);
        if (free > 0) {
          const claimedAt = this.#now();
          const batch = await this.#claim(free, claimedAt);
          if (batch === undefined) pause = Math.max(this.#pollMs, STORE_FAILURE_PAUSE_MS);
          for (const message of batch ?? []) this.#dispatch({ message, leaseEnd: claimedAt + this.#leaseMs, seq: this.#seq++ });
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
  async #claim(limit: number, now = this.#now()): Promise<OutboxMessage[] | undefined> {
    if (limit <= 0) return [];
    try {
      return await this.#store.claimDue(now, limit, this.#leaseMs);
    } catch (error) {
      this.#logger.error({ err: describeError(error) }, 'could not claim outbox rows');
      return undefined;
    }
  }

  #track(message: OutboxMessage, target: Target): Promise<void> {
    this.#sending++;
    target.sending++;
    let sent = false;
    const freeSlot = () => {
      if (sent) return;
      sent = true;
      this.#sending--;
      target.sending--;
      this.#forget(target);
      if (!this.#startWaiting() && this.#wakeWhenSlotFrees) this.#wake?.();
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
