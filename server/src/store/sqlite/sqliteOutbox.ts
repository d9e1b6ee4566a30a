import type { OutboxMessage, OutboxStore } from '../../delivery/outboxTypes.ts';
import { byDueThenId, toOutboxMessage, toOutboxView } from '../storeRows.ts';
import type { OutboxFilter } from '../storeTypes.ts';
import type { SqliteConnection } from './sqliteConnection.ts';

/**
 * The transactional outbox on SQLite: leasing due rows, recording each attempt, and the Deliveries view's list
 * and retry. One process owns the file, so a lease only guards against this process's own dispatcher.
 */
export class SqliteOutbox implements OutboxStore {
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

  async markSent(id: number, now: number) {
    await this.c.call(
      () => this.c.statement("UPDATE outbox SET status = 'sent', sent_at = ?, attempts = attempts + 1, lease_until = 0 WHERE id = ?").run(now, id),
      false,
    );
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
