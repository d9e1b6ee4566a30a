import type { OutboxMessage, OutboxStore } from '../../delivery/outboxTypes.ts';
import { byDueThenId, toOutboxMessage, toOutboxView } from '../storeRows.ts';
import type { OutboxFilter } from '../storeTypes.ts';
import type { SqliteConnection } from './sqliteConnection.ts';

/** How long a delivery's record may wait for a transaction to join (far under any lease). */
const RECORD_WITHIN_MS = 25;

/**
 * The transactional outbox on SQLite: leasing due rows, recording each attempt, and the Deliveries view's list
 * and retry. One process owns the file, so a lease only guards against this process's own dispatcher.
 */
export class SqliteOutbox implements OutboxStore {
  /** Sends reported since the last `recordSent` was queued, and the promise of their recording. */
  private sent: { rows: Array<[number, number]>; recorded: Promise<void> } | undefined;

  constructor(private readonly c: SqliteConnection) {}

  list(filter: OutboxFilter) {
    return this.c.call(() =>
      this.c.all(
        `SELECT * FROM outbox WHERE (@journey IS NULL OR journey_id = @journey) AND (@status IS NULL OR status = @status)
         ORDER BY id DESC LIMIT @limit`,
        { journey: filter.journeyId ?? null, status: filter.status ?? null, limit: filter.limit },
      ).map(toOutboxView),
    );
  }

  retryDead(id: number, now: number) {
    return this.c.call(
      () =>
        this.c.statement("UPDATE outbox SET status = 'pending', attempts = 0, next_attempt_at = ?, lease_until = 0 WHERE id = ? AND status = 'dead'")
          .run(now, id).changes > 0,
    );
  }

  claimDue(now: number, limit: number, leaseMs: number): Promise<OutboxMessage[]> {
    // One statement: pick the due rows and lease them.
    return this.c.call(
      () =>
        this.c.all(
          `UPDATE outbox SET lease_until = ? WHERE id IN (
             SELECT id FROM outbox WHERE status = 'pending' AND next_attempt_at <= ? AND lease_until <= ? ORDER BY next_attempt_at, id LIMIT ?
           ) RETURNING *`,
          [now + leaseMs, now, now, limit],
        )
          .sort(byDueThenId)
          .map(toOutboxMessage),
      false,
    );
  }

  /**
   * Deliveries that come back together are recorded together: the first queues one statement for the
   * transaction, and those reported before it runs join it, instead of one statement per offer. The statement
   * rides along with the next transaction (events arriving), or gets one of its own within `RECORD_WITHIN_MS`:
   * the offer's lease keeps it from going out again meanwhile.
   */
  markSent(id: number, now: number): Promise<void> {
    if (!this.sent) {
      const rows: Array<[id: number, at: number]> = [];
      const group: { rows: Array<[number, number]>; recorded: Promise<void> } = { rows, recorded: Promise.resolve() };
      const close = () => {
        if (this.sent === group) this.sent = undefined;
      };
      group.recorded = this.c.callSoon(
        () => {
          close();
          this.recordSent(rows);
        },
        RECORD_WITHIN_MS,
        false,
      );
      // A transaction that failed before reaching the statement (disk full at BEGIN, say) never ran it: the next
      // delivery must start a new group, not join this failed one forever.
      group.recorded.catch(close);
      this.sent = group;
    }
    this.sent.rows.push([id, now]);
    return this.sent.recorded;
  }

  private recordSent(rows: Array<[number, number]>) {
    this.c.statement(
      `UPDATE outbox SET status = 'sent', sent_at = s.value ->> 1, attempts = attempts + 1, lease_until = 0
       FROM json_each(?) AS s WHERE outbox.id = s.value ->> 0`,
    ).run(JSON.stringify(rows));
  }

  async markFailed(id: number, error: string, nextAttemptAt: number | null, _now: number) {
    await this.c.call(
      () =>
        this.c.statement(
          `UPDATE outbox SET attempts = attempts + 1, last_error = ?, lease_until = 0,
             status = CASE WHEN ? IS NULL THEN 'dead' ELSE 'pending' END,
             next_attempt_at = COALESCE(?, next_attempt_at) WHERE id = ?`,
        ).run(error.slice(0, 1_000), nextAttemptAt, nextAttemptAt, id),
      false,
    );
  }
}
