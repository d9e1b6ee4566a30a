import type pg from 'pg';
import type { OutboxMessage, OutboxStore } from '../../delivery/outboxTypes.ts';
import { byDueThenId, toOutboxMessage, toOutboxView } from '../storeRows.ts';
import type { OutboxFilter } from '../storeTypes.ts';

/**
 * The transactional outbox on PostgreSQL: leasing due rows (any number of dispatchers in any number of
 * processes), recording each attempt, and the Deliveries view's list and retry.
 */
export class PgOutbox implements OutboxStore {
  /** Sends reported and not yet recorded, and whether a recording is under way. */
  private sent: Array<{ id: number; at: number; resolve: () => void; reject: (error: unknown) => void }> = [];
  private recording = false;

  constructor(private readonly pool: pg.Pool) {}

  async list(filter: OutboxFilter) {
    return (
      await this.pool.query(
        `SELECT * FROM outbox WHERE ($1::text IS NULL OR journey_id = $1) AND ($2::text IS NULL OR status = $2) ORDER BY id DESC LIMIT $3`,
        [filter.journeyId ?? null, filter.status ?? null, filter.limit],
      )
    ).rows.map(toOutboxView);
  }

  async retryDead(id: number, now: number) {
    const { rowCount } = await this.pool.query(
      "UPDATE outbox SET status = 'pending', attempts = 0, next_attempt_at = $1, lease_until = 0 WHERE id = $2 AND status = 'dead'",
      [now, id],
    );
    return (rowCount ?? 0) > 0;
  }

  /** Several dispatchers may claim at once: SKIP LOCKED hands each row to exactly one of them. */
  async claimDue(now: number, limit: number, leaseMs: number): Promise<OutboxMessage[]> {
    const { rows } = await this.pool.query(
      `UPDATE outbox SET lease_until = $1 WHERE id IN (
         SELECT id FROM outbox WHERE status = 'pending' AND next_attempt_at <= $2 AND lease_until <= $2
         ORDER BY next_attempt_at, id LIMIT $3 FOR UPDATE SKIP LOCKED)
       RETURNING *`,
      [now + leaseMs, now, limit],
    );
    return (rows as Array<Record<string, unknown>>).sort(byDueThenId).map(toOutboxMessage);
  }

  /**
   * Deliveries are recorded in groups, one statement a group: those reported in one turn of the event loop, or
   * while the previous group's statement is on its way, go together (a round trip per offer was a quarter of
   * figure 1's round trips). Each resolves once its row is recorded.
   */
  markSent(id: number, now: number): Promise<void> {
    return new Promise((resolve, reject) => {
      this.sent.push({ id, at: now, resolve, reject });
      if (!this.recording) void this.recordSent();
    });
  }

  private async recordSent() {
    this.recording = true;
    await new Promise((resolve) => setImmediate(resolve));
    while (this.sent.length > 0) {
      const group = this.sent.splice(0);
      try {
        await this.pool.query(
          `UPDATE outbox SET status = 'sent', sent_at = s.at, attempts = attempts + 1, lease_until = 0
           FROM unnest($1::bigint[], $2::bigint[]) AS s(id, at) WHERE outbox.id = s.id`,
          [group.map((g) => g.id), group.map((g) => g.at)],
        );
        for (const g of group) g.resolve();
      } catch (error) {
        for (const g of group) g.reject(error);
      }
    }
    this.recording = false;
  }

  async markFailed(id: number, error: string, nextAttemptAt: number | null, _now: number) {
    await this.pool.query(
      `UPDATE outbox SET attempts = attempts + 1, last_error = $1, lease_until = 0,
         status = CASE WHEN $2::bigint IS NULL THEN 'dead' ELSE 'pending' END,
         next_attempt_at = COALESCE($2::bigint, next_attempt_at) WHERE id = $3`,
      [error.slice(0, 1_000), nextAttemptAt, id],
    );
  }
}
