import type { Logger } from 'pino';
import type { Store } from '../store/storeTypes.ts';
import type { JourneyCatalog } from './JourneyCatalog.ts';
import type { Runtime } from './Runtime.ts';

/**
 * Fires durable wakeups. Waits live as rows with a due time, not as xstate delayed events (xstate 5 keeps
 * those in memory only, and a restored actor never fires them), so a wait survives crashes and deploys. The
 * scheduler polls the due index every `pollMs` (a wakeup fires within about that long of being due) and
 * handles wakeups in batches the store owns (one transaction per batch, a savepoint per wakeup).
 */
export class WakeupScheduler {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = true;

  constructor(
    private readonly store: Store,
    private readonly runtime: Runtime,
    private readonly catalog: JourneyCatalog,
    private readonly log: Logger,
    private readonly options: { pollMs?: number; batchSize?: number; now?: () => number; /** Called after each committed batch (wakes the outbox dispatcher). */ afterCommit?: () => void; /** Called once a batch is queued, before it commits (see `Store.groupCommit`). */ afterQueue?: () => void; onLateness?: (ms: number) => void } = {},
  ) {}

  start() {
    this.stopped = false;
    this.schedule(0);
  }

  async stop() {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  private schedule(ms: number) {
    if (this.stopped) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.running = this.tick().then(() => undefined).finally(() => {
        this.running = undefined;
        this.schedule(this.options.pollMs ?? 250);
      });
    }, ms);
  }

  /** Fires every wakeup due by now, with one loop per store worker; resolves when none is left. */
  async tick(): Promise<number> {
    const fired = await Promise.all(Array.from({ length: Math.max(1, this.store.workers) }, () => this.tickLoop()));
    return fired.reduce((sum, n) => sum + n, 0);
  }

  private async tickLoop(): Promise<number> {
    const now = this.options.now ?? Date.now;
    const size = this.options.batchSize ?? 100;
    // Paused and archived journeys keep their wakeups: they fire once the journey runs again.
    const held = this.catalog.heldIds();
    let fired = 0;
    try {
      for (;;) {
        const applying = this.store.applyDueWakeups(
          now(),
          size,
          held,
          (tx, wakeup) => this.runtime.processWakeup(tx, wakeup, now()),
          async (tx, wakeup, error) => {
            this.log.error({ err: error, userId: wakeup.userId, journeyId: wakeup.journeyId }, 'wakeup could not be applied; dropped');
            await tx.deleteWakeup(wakeup.id);
          },
        );
        this.options.afterQueue?.();
        const due = await applying;
        if (due.length === 0) return fired;
        this.options.afterCommit?.();
        for (const wakeup of due) this.options.onLateness?.(now() - wakeup.dueAt);
        fired += due.length;
        if (due.length < size) return fired;
      }
    } catch (error) {
      this.log.error({ err: error }, 'wakeups paused: store unavailable; retrying');
      return fired;
    }
  }
}
