import type { Logger } from 'pino';
import type { Store } from '../store/storeTypes.ts';
import type { JourneyCatalog } from './JourneyCatalog.ts';
import type { Runtime } from './Runtime.ts';

/**
 * Fires durable wakeups. Waits live as rows with a due time, not as xstate delayed events (xstate 5 keeps
 * those in memory only, and a restored actor never fires them), so a wait survives crashes and deploys. The
 * scheduler sleeps until the earliest wakeup falls due (as the due index says after each round, or as the
 * runtime says when a step plans an earlier one: `wakeAt`), and at most `pollMs` (so a wakeup written by
 * another process is found within that), then handles the due ones in batches the store owns (one
 * transaction per batch, a savepoint per wakeup).
 */
/** How soon to look again when a wakeup is due but the last round fired nothing. */
const RETRY_MS = 50;

export class WakeupScheduler {
  private timer: NodeJS.Timeout | undefined;
  /** When the timer is set to go off. */
  private timerAt = Number.POSITIVE_INFINITY;
  /** The earliest wakeup planned while a round was running: the next sleep ends by then. */
  private plannedAt = Number.POSITIVE_INFINITY;
  private running: Promise<void> | undefined;
  private stopped = true;

  constructor(
    private readonly store: Store,
    private readonly runtime: Runtime,
    private readonly catalog: JourneyCatalog,
    private readonly log: Logger,
    private readonly options: { pollMs?: number; batchSize?: number; now?: () => number; /** Called after each committed batch (wakes the outbox dispatcher). */ afterCommit?: () => void; onLateness?: (ms: number) => void } = {},
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

  /** A step planned a wakeup due at `dueAt` (it may not be committed yet): wake up by then rather than at the poll. */
  wakeAt(dueAt: number) {
    if (this.stopped) return;
    if (this.running) {
      this.plannedAt = Math.min(this.plannedAt, dueAt);
      return;
    }
    if (dueAt < this.timerAt) this.schedule(Math.max(0, dueAt - this.now()));
  }

  private now() {
    return (this.options.now ?? Date.now)();
  }

  private schedule(ms: number) {
    if (this.stopped) return;
    clearTimeout(this.timer);
    this.timerAt = this.now() + ms;
    this.timer = setTimeout(() => {
      this.timerAt = Number.POSITIVE_INFINITY;
      this.running = this.tick()
        .then((fired) => this.nextSleep(fired))
        .catch(() => this.options.pollMs ?? 250)
        .then((ms) => {
          this.running = undefined;
          this.schedule(ms);
        });
    }, ms);
  }

  /**
   * How long to sleep after a round: until the earliest wakeup left (or planned meanwhile) falls due, at most
   * `pollMs`. One already due goes at once if the round got somewhere, or after `RETRY_MS` if it got nothing
   * (its lane held by another process, or the store failing), so a stuck wakeup cannot spin the loop.
   */
  private async nextSleep(fired: number): Promise<number> {
    const pollMs = this.options.pollMs ?? 250;
    let at = this.plannedAt;
    this.plannedAt = Number.POSITIVE_INFINITY;
    try {
      const [next] = await this.store.dueWakeups(Number.MAX_SAFE_INTEGER, 1, this.catalog.heldIds());
      if (next) at = Math.min(at, next.dueAt);
    } catch {
      // The round has logged the store failing; poll as usual.
    }
    if (at === Number.POSITIVE_INFINITY) return pollMs;
    return Math.min(pollMs, Math.max(fired > 0 ? 0 : RETRY_MS, at - this.now()));
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
        const due = await this.store.applyDueWakeups(
          now(),
          size,
          held,
          (tx, wakeup) => this.runtime.processWakeup(tx, wakeup, now()),
          async (tx, wakeup, error) => {
            this.log.error({ err: error, userId: wakeup.userId, journeyId: wakeup.journeyId }, 'wakeup could not be applied; dropped');
            await tx.deleteWakeup(wakeup.id);
          },
        );
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
