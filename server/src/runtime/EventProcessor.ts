import type { Logger } from 'pino';
import type { Store } from '../store/storeTypes.ts';
import type { Runtime } from './Runtime.ts';

/**
 * Drains the durable inbox. The store hands out batches it owns (each user's events in order, never the same
 * user in two processes at once); a batch is one transaction, which is where most of the throughput comes
 * from, and each event in it a savepoint, so one poisoned event is recorded and skipped without holding the
 * others back.
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

  private async drainLoop() {
    const size = this.options.batchSize ?? 200;
    const now = this.options.now ?? Date.now;
    try {
      for (;;) {
        const applied = await this.store.applyPendingEvents(
          size,
          (tx, event) => this.runtime.processEvent(tx, event, now()),
          async (tx, event, error) => {
            this.log.error({ err: error, userId: event.userId, messageId: event.messageId }, 'event could not be applied; recorded and skipped');
            await tx.appendTimeline([{ userId: event.userId, at: now(), kind: 'error', detail: { messageId: event.messageId, error: String(error) } }]);
            await tx.markProcessed(event.seq, now());
          },
        );
        if (applied.length === 0) return;
        this.options.afterCommit?.();
        this.options.onProcessed?.(applied.length);
        this.advanceTo(applied.map((e) => e.seq));
        if (applied.length < size || this.stopped) return;
      }
    } catch (error) {
      this.log.error({ err: error }, 'event processing paused: store unavailable; retrying');
    }
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
