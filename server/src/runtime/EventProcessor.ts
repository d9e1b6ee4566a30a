import type { Logger } from 'pino';
import type { AppendResult, ApplyOne, FailOne, InboxEvent, Store, StoredEvent } from '../store/storeTypes.ts';
import type { Runtime } from './Runtime.ts';
import { journeyOfError } from './journeyOfError.ts';

/**
 * Drains the durable inbox. The store hands out batches it owns (each user's events in order, never the same
 * user in two processes at once); a batch is one transaction, which is where most of the throughput comes
 * from, and each event in it a savepoint, so one poisoned event is recorded and skipped without holding the
 * others back.
 *
 * Ingestion appends through it (`appendEvents`): where the store can (SQLite), events that arrive with nothing
 * older waiting are applied in the transaction that appends them, so an event costs one commit, not two.
 */
export class EventProcessor {
  private timer: NodeJS.Timeout | undefined;
  private draining: Promise<void> | undefined;
  private again = false;
  private stopped = true;
  private applied = new Set<number>();
  private waiters: Array<{ seq: number; resolve: () => void }> = [];

  constructor(
    private readonly store: Store,
    private readonly runtime: Runtime,
    private readonly log: Logger,
    private readonly options: { batchSize?: number; pollMs?: number; now?: () => number; /** Called after each committed batch (wakes the outbox dispatcher). */ afterCommit?: () => void; onProcessed?: (events: number) => void } = {},
  ) {}

  start() {
    this.stopped = false;
    this.kick();
  }

  async stop() {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.draining;
  }

  /**
   * Durably appends events and gets them applied: in the same transaction where the store can
   * (`Store.appendAndApply`), else by the apply loop, kicked once they are stored. Resolves once the append is
   * on disk.
   */
  async appendEvents(events: InboxEvent[]): Promise<AppendResult> {
    if (this.stopped || !this.store.appendAndApply) {
      const result = await this.store.appendEvents(events);
      this.kick();
      return result;
    }
    const { applied, ...result } = await this.store.appendAndApply(events, this.now(), this.applyOne, this.failOne);
    if (applied.length > 0) this.settleApplied(applied);
    if (applied.length < result.stored) this.kick();
    return result;
  }

  /** Drains now (called after every ingest), instead of at the next poll. */
  kick() {
    if (this.stopped) return;
    if (this.draining) {
      this.again = true;
      return;
    }
    clearTimeout(this.timer);
    this.draining = this.drain().finally(() => {
      this.draining = undefined;
      if (this.stopped) return;
      if (this.again) {
        this.again = false;
        this.kick();
      } else this.timer = setTimeout(() => this.kick(), this.options.pollMs ?? 500);
    });
  }

  /**
   * Resolves once the event `seq` has been applied, here or by another runtime process sharing the database
   * (asked of the store every `pollMs` / 10 while waiting).
   */
  async whenProcessed(seq: number): Promise<void> {
    if (this.applied.has(seq)) return;
    const local = new Promise<void>((resolve) => this.waiters.push({ seq, resolve }));
    let settled = false;
    void local.then(() => (settled = true));
    while (!settled) {
      if (await this.store.isProcessed(seq)) return;
      await Promise.race([local, new Promise((r) => setTimeout(r, Math.max(10, (this.options.pollMs ?? 500) / 10)))]);
    }
  }

  /** One loop per store worker: on PostgreSQL several transactions apply different lanes at once. */
  private async drain() {
    await Promise.all(Array.from({ length: Math.max(1, this.store.workers) }, () => this.drainLoop()));
  }

  private readonly now = () => (this.options.now ?? Date.now)();

  private readonly applyOne: ApplyOne<StoredEvent> = (tx, event) => this.runtime.processEvent(tx, event, this.now());

  private readonly failOne: FailOne<StoredEvent> = async (tx, event, error) => {
    this.log.error({ err: error, userId: event.userId, journeyId: journeyOfError(error), messageId: event.messageId }, 'event could not be applied; recorded and skipped');
    await tx.appendTimeline({ userId: event.userId, at: this.now(), entries: [{ kind: 'error', detail: { messageId: event.messageId, error: String(error) } }] });
    await tx.markProcessed(event.seq, this.now());
  };

  private async drainLoop() {
    const size = this.options.batchSize ?? 200;
    try {
      for (;;) {
        const applied = await this.store.applyPendingEvents(size, this.applyOne, this.failOne);
        if (applied.length === 0) return;
        this.settleApplied(applied);
        if (applied.length < size || this.stopped) return;
      }
    } catch (error) {
      this.log.error({ err: error }, 'event processing paused: store unavailable; retrying');
    }
  }

  /** After a commit that applied events: wakes the dispatcher, counts them, and answers whoever waits on them. */
  private settleApplied(events: StoredEvent[]) {
    this.options.afterCommit?.();
    this.options.onProcessed?.(events.length);
    this.advanceTo(events.map((e) => e.seq));
  }

  private advanceTo(seqs: number[]) {
    for (const seq of seqs) this.applied.add(seq);
    // Only recent seqs are kept: a waiter asks right after its own append, and falls back to the store anyway.
    if (this.applied.size > 10_000) this.applied = new Set([...this.applied].slice(-5_000));
    const ready = this.waiters.filter((w) => this.applied.has(w.seq));
    this.waiters = this.waiters.filter((w) => !this.applied.has(w.seq));
    for (const w of ready) w.resolve();
  }
}
