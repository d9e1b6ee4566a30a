import type { Pool, PoolClient } from 'pg';
import { toEvent, toWakeup } from '../storeRows.ts';
import type { ApplyOne, FailOne, StoredEvent, WakeupRecord } from '../storeTypes.ts';
import type { PgTx } from './pgTx.ts';

/**
 * How several runtime processes share one PostgreSQL without applying a user's events out of order or twice.
 *
 * Users are spread over `LANES` lanes by a hash of their id (`events.lane` and `wakeups.lane` are generated
 * columns). A process applies work only inside a transaction that holds the advisory transaction lock of every
 * lane it touches (`pg_try_advisory_xact_lock`), so one lane — and every user in it — is worked on by at most
 * one process at a time, in `seq` order for events. The locks belong to the transaction: a process that dies
 * (SIGKILL) loses its connection, PostgreSQL rolls the transaction back and frees its lanes, and another
 * process takes them on its next poll; nothing is half-applied and nothing waits for a lease to expire.
 *
 * Events and wakeups share the lanes (a user's wakeup must not apply beside their events). Lanes are taken
 * only when free, so a steady stream of events could keep a lane locked back to back; wakeups overdue by more
 * than `OVERDUE_MS` therefore queue for their lane instead (`waitForLane`) and get it next.
 *
 * What scales with what: lanes bound the parallelism (64 lanes → up to 64 busy processes); each process's
 * throughput is bounded by its own CPU (decisions) and by PostgreSQL's commit rate, which is shared.
 */
export const LANES = 64;
/** Lanes one transaction takes at most, so several loops (and processes) find lanes of their own. */
export const LANES_PER_TRANSACTION = 16;
/** The advisory lock key space for lanes (two-int form: this, lane), apart from anything else using locks. */
export const LANE_LOCK_SPACE = 0x57_41_59; // "WAY"

/** Generated lane columns and their indexes, for the PostgreSQL migrations. */
export const LANE_SQL = `
  ALTER TABLE events ADD COLUMN lane SMALLINT GENERATED ALWAYS AS (abs(hashtext(user_id)) % ${LANES}) STORED;
  CREATE INDEX events_pending_lane ON events (lane, seq) WHERE processed_at IS NULL;
  ALTER TABLE wakeups ADD COLUMN lane SMALLINT GENERATED ALWAYS AS (abs(hashtext(user_id)) % ${LANES}) STORED;
  CREATE INDEX wakeups_due_lane ON wakeups (lane, due_at);
`;

/** How long a lane's work may be overdue before a loop waits for the lane instead of skipping it. */
export const OVERDUE_MS = 1_000;
/** How long such a loop waits before it gives up until its next poll. */
const OVERDUE_LOCK_TIMEOUT = '5s';

export interface OwnedWork<T> {
  /**
   * Lanes that have work now (a cheap index-only look), and among them the lanes whose work is overdue: those
   * another kind of work has kept locked for longer than `OVERDUE_MS` (wakeups behind a steady stream of events).
   */
  lanesWithWork(client: PoolClient): Promise<{ lanes: number[]; overdue?: number[] }>;
  /** Up to `limit` items of the given lanes, in the order they must apply. */
  select(client: PoolClient, lanes: number[], limit: number): Promise<T[]>;
  /** The users the items step, read together before the batch applies. */
  userIds(items: T[]): string[];
}

/** The inbox: lanes with unapplied events, and their events in `seq` order. */
export const pendingEventsWork: OwnedWork<StoredEvent> = {
  lanesWithWork: async (client) => ({ lanes: (await client.query('SELECT DISTINCT lane FROM events WHERE processed_at IS NULL')).rows.map((r) => Number(r.lane)) }),
  select: async (client, lanes, n) =>
    (await client.query('SELECT * FROM events WHERE processed_at IS NULL AND lane = ANY($1::int[]) ORDER BY seq LIMIT $2', [lanes, n])).rows.map(toEvent),
  userIds: (events) => events.map((e) => e.userId),
};

/** Wakeups due by `now` outside the held journeys; lanes whose wakeups are overdue are waited for. */
export function dueWakeupsWork(now: number, excludeJourneys: string[]): OwnedWork<WakeupRecord> {
  return {
    lanesWithWork: async (client) => {
      const { rows } = await client.query('SELECT lane, MIN(due_at) AS due FROM wakeups WHERE due_at <= $1 AND journey_id <> ALL($2::text[]) GROUP BY lane', [
        now,
        excludeJourneys,
      ]);
      // Wakeups this late have been kept out by events holding their lane: wait for it.
      return { lanes: rows.map((r) => Number(r.lane)), overdue: rows.filter((r) => Number(r.due) < now - OVERDUE_MS).map((r) => Number(r.lane)) };
    },
    // Claimed with FOR UPDATE SKIP LOCKED inside the held lanes: the lane lock keeps other processes' loops
    // away, and a row some other transaction has locked (a journey's wakeups being removed, say) is left for a
    // later round instead of stalling the whole round behind it.
    select: async (client, lanes, n) =>
      (
        await client.query(
          'SELECT * FROM wakeups WHERE lane = ANY($1::int[]) AND due_at <= $2 AND journey_id <> ALL($3::text[]) ORDER BY due_at, id LIMIT $4 FOR UPDATE SKIP LOCKED',
          [lanes, now, excludeJourneys, n],
        )
      ).rows.map(toWakeup),
    userIds: (wakeups) => wakeups.map((w) => w.userId),
  };
}

/** Shuffled, so processes starting together do not all try the same lane first. */
function shuffled(lanes: number[]): number[] {
  const out = [...lanes];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/**
 * Locks the lanes with work that no other process holds, applies up to `limit` of their items (each in a
 * savepoint; a failing one is rolled back alone and handed to `failed`), and commits. Returns what it applied.
 */
export async function applyOwned<T>(
  pool: Pool,
  makeTx: (client: PoolClient, shard: number) => PgTx,
  work: OwnedWork<T>,
  limit: number,
  apply: ApplyOne<T>,
  failed: FailOne<T>,
  /**
   * Lanes this process's loops are working on (or about to try): a loop leaves them to the loop that has them
   * instead of asking PostgreSQL for locks it cannot get. Overdue lanes are still queued for (`waitForLane`).
   */
  local: Set<number>,
): Promise<T[]> {
  const client = await pool.connect();
  let open = false;
  let reserved: number[] = [];
  try {
    const candidates = await work.lanesWithWork(client);
    reserved = shuffled(candidates.lanes.filter((lane) => !local.has(lane))).slice(0, LANES_PER_TRANSACTION);
    if (reserved.length === 0 && !candidates.overdue?.length) return [];
    for (const lane of reserved) local.add(lane);
    await client.query('BEGIN');
    open = true;
    const waited = candidates.overdue?.length ? await waitForLane(client, shuffled(candidates.overdue)[0]!) : undefined;
    if (waited === false) {
      await client.query('ROLLBACK');
      open = false;
      return [];
    }
    const { rows } = await client.query<{ lane: number }>(
      'SELECT lane FROM unnest($1::int[]) AS lane WHERE lane <> $4 AND pg_try_advisory_xact_lock($2, lane) LIMIT $3',
      [reserved, LANE_LOCK_SPACE, LANES_PER_TRANSACTION - (waited === undefined ? 0 : 1), waited ?? -1],
    );
    const lanes = [...(waited === undefined ? [] : [waited]), ...rows.map((r) => Number(r.lane))];
    const items = lanes.length > 0 ? await work.select(client, lanes, limit) : [];
    if (items.length === 0) {
      await client.query('ROLLBACK');
      open = false;
      return [];
    }
    // The counters shard is one of the lanes held: no other transaction writes to it meanwhile.
    const tx = makeTx(client, lanes[0]!);
    // Optimistic: the whole batch in one go. If any item throws, the batch is rolled back and applied again
    // with a savepoint per item, so the failing one is undone alone and handed to `failed`.
    let applied = items;
    try {
      await tx.prefetch(work.userIds(items));
      for (const item of items) await apply(tx, item);
      await tx.flush();
    } catch {
      await client.query('ROLLBACK');
      await client.query('BEGIN');
      // In ascending order, so two loops re-locking overlapping lanes wait on each other instead of deadlocking.
      await client.query('SELECT pg_advisory_xact_lock($1, lane) FROM unnest($2::int[]) AS lane', [LANE_LOCK_SPACE, [...lanes].sort((a, b) => a - b)]);
      // The lanes were free between ROLLBACK and the lock: another loop may have applied some of the items
      // meanwhile. Select again, so nothing is applied twice.
      applied = await work.select(client, lanes, limit);
      const careful = makeTx(client, lanes[0]!);
      for (const item of applied) {
        await client.query('SAVEPOINT item');
        try {
          await apply(careful, item);
          await careful.flush();
          await client.query('RELEASE SAVEPOINT item');
        } catch (error) {
          await client.query('ROLLBACK TO SAVEPOINT item');
          careful.discard();
          await failed(careful, item, error);
          await careful.flush();
        }
      }
    }
    await client.query('COMMIT');
    open = false;
    return applied;
  } catch (error) {
    if (open) await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    for (const lane of reserved) local.delete(lane);
    client.release();
  }
}

/**
 * Takes one lane by waiting for it, as the transaction's first lock (so the wait holds nothing another waiter
 * could need, and cannot deadlock). Lanes are otherwise taken only if free, which lets a steady stream of
 * events keep a lane locked back to back while its due wakeups never find it free; a waiter, though, is
 * queued, and PostgreSQL refuses later try-locks that would jump the queue, so the lane comes next to it.
 * Resolves to the lane, or false when it stayed locked for `OVERDUE_LOCK_TIMEOUT` (the transaction is then
 * aborted; the caller rolls back and tries on its next poll).
 */
async function waitForLane(client: PoolClient, lane: number): Promise<number | false> {
  await client.query(`SET LOCAL lock_timeout = '${OVERDUE_LOCK_TIMEOUT}'`);
  try {
    await client.query('SELECT pg_advisory_xact_lock($1, $2)', [LANE_LOCK_SPACE, lane]);
  } catch (error) {
    if ((error as { code?: string }).code === '55P03') return false; // lock_not_available: lock_timeout passed
    throw error;
  }
  await client.query('SET LOCAL lock_timeout = DEFAULT');
  return lane;
}
