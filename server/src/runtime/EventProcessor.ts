import type { Logger } from 'pino';
import type { Store, StoredEvent } from '../store/storeTypes.ts';
import type { Runtime } from './Runtime.ts';

/**
 * Drains the durable inbox in arrival order (so each user's events apply in order). Events are decided in
 * batches, one transaction per batch, which is where most of the throughput comes from; a batch that fails is
 * retried one event at a time so one poisoned event cannot hold the others back.
 */
export class EventProcessor {
  private timer: NodeJS.Timeout | undefined;
  private draining: Promise<void> | undefined;
  private again = false;
  private stopped = true;
  private processedSeq = 0;
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

  /** Resolves once every event up to `seq` has been applied. */
  whenProcessed(seq: number): Promise<void> {
    if (seq <= this.processedSeq) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ seq, resolve }));
  }

  private async drain() {
    const size = this.options.batchSize ?? 200;
    try {
      for (;;) {
        const batch = await this.store.pendingEvents(size);
        if (batch.length === 0) return;
        await this.applyBatch(batch);
        this.options.afterCommit?.();
        this.options.onProcessed?.(batch.length);
        this.advanceTo((batch.at(-1) as StoredEvent).seq);
        if (batch.length < size || this.stopped) return;
      }
    } catch (error) {
      this.log.error({ err: error }, 'event processing paused: store unavailable; retrying');
    }
  }

  private async applyBatch(batch: StoredEvent[]) {
    const now = this.options.now ?? Date.now;
    try {
      await this.store.transaction(async (tx) => {
        for (const event of batch) await this.runtime.processEvent(tx, event, now());
      });
    } catch (batchError) {
      this.log.warn({ err: batchError, events: batch.length }, 'batch failed; applying its events one by one');
      for (const event of batch) {
        try {
          await this.store.transaction((tx) => this.runtime.processEvent(tx, event, now()));
        } catch (error) {
          this.log.error({ err: error, userId: event.userId, messageId: event.messageId }, 'event could not be applied; recorded and skipped');
          await this.store.transaction(async (tx) => {
            await tx.appendTimeline([{ userId: event.userId, at: now(), kind: 'error', detail: { messageId: event.messageId, error: String(error) } }]);
            await tx.markProcessed(event.seq, now());
          });
        }
      }
    }
  }

  private advanceTo(seq: number) {
    this.processedSeq = Math.max(this.processedSeq, seq);
    const ready = this.waiters.filter((w) => w.seq <= this.processedSeq);
    this.waiters = this.waiters.filter((w) => w.seq > this.processedSeq);
    for (const w of ready) w.resolve();
  }
}
