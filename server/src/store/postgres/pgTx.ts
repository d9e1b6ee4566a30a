import type { PoolClient } from 'pg';
import type { MachineJson } from '@waymark/shared';
import { outboxValues, runValues, toRun, toUser } from '../storeRows.ts';
import type { RunRecord, StoreTx, TimelineStep, UserRecord } from '../storeTypes.ts';

const RUN_COLUMNS = ['id', 'journey_id', 'version', 'user_id', 'status', 'node', 'snapshot', 'wakeup_id', 'entered_at', 'updated_at', 'ended_at'];
/** Runs as one row set from one array parameter per column, in `runValues`' order. */
const RUNS_UNNEST = `unnest($1::text[], $2::text[], $3::int[], $4::text[], $5::text[], $6::text[], $7::jsonb[], $8::bigint[], $9::bigint[], $10::bigint[], $11::bigint[])
  AS r(${RUN_COLUMNS.join(', ')})`;

/**
 * The writes of one decision step on PostgreSQL, over the caller's client inside its open transaction (it
 * never begins or commits). `shard` is the counter shard this transaction owns (one of its locked lanes), so
 * counter upserts never contend with another process's.
 */
export interface PgTx extends StoreTx {
  /** Writes what was deferred (runs, users, outbox rows, counters, timeline rows, processed marks, fired wakeups); call right before COMMIT. */
  flush(): Promise<void>;
  /** Drops what was deferred (the step that deferred it was rolled back). */
  discard(): void;
  /**
   * Reads the users a batch is about to step, with their runs, in one round trip instead of one per step. They
   * answer `getUser` until the next flush: until then the tables change only by what this transaction defers.
   */
  prefetch(userIds: readonly string[]): Promise<void>;
}

/**
 * Users and the latest run of each of their journeys, in one round trip. The order per journey is `latestRun`'s
 * (the active run first, then the one entered, then ended, then updated last).
 */
const USERS_AND_RUNS_SQL = `
  SELECT ids.id,
         (SELECT to_jsonb(u) FROM users u WHERE u.id = ids.id) AS "user",
         (SELECT coalesce(jsonb_agg(to_jsonb(r)), '[]'::jsonb) FROM (
            SELECT DISTINCT ON (journey_id) * FROM runs WHERE user_id = ids.id
            ORDER BY journey_id, status = 'active' DESC, entered_at DESC, ended_at DESC NULLS LAST, updated_at DESC
          ) r) AS latest
  FROM unnest($1::text[]) AS ids(id)`;

/** Ids in code-unit order: one fixed order for sorting runs and for taking row locks in a batch. */
const compareIds = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
/** `activeRuns`' order: by entry, then id. */
const byEntry = (a: RunRecord, b: RunRecord) => a.enteredAt - b.enteredAt || compareIds(a.id, b.id);
/** Adds one to a counter of the transaction's. */
const bump = (counts: Map<string, number>, key: string) => counts.set(key, (counts.get(key) ?? 0) + 1);

interface UserAndRuns {
  user: UserRecord | undefined;
  latest: RunRecord[];
}

export function createPgTx(client: PoolClient, shard: number): PgTx {
  // Write-only rows nothing reads back inside the transaction, deferred to a few statements at its end:
  // every round trip to PostgreSQL costs more than the row it carries.
  const timeline: TimelineStep[] = [];
  const nodeCounts = new Map<string, number>();
  const edgeCounts = new Map<string, number>();
  const processed: Array<{ seq: number; at: number }> = [];
  const fired: number[] = [];
  const outbox: unknown[][] = [];
  // Users saved by the step, written at the end too; `getUser` answers from here first, so a later step of the
  // same transaction sees them.
  const users = new Map<string, UserRecord>();
  // Runs the steps wrote, by id, written at the end too (updates, then inserts: a run that ended makes room
  // for the next active one of the same journey). Every read of runs answers from here first, so a later step
  // of the same transaction sees them. A run inserted and then updated here is one insert.
  const runWrites = new Map<string, { run: RunRecord; isNew: boolean }>();
  const writtenRunsOf = (userId: string) => [...runWrites.values()].filter((w) => w.run.userId === userId).map((w) => w.run);
  /** Rows read from the table, with what this transaction wrote in their place (and its new runs of `userId`). */
  const withWrites = (rows: RunRecord[], userId: string) => {
    const out = rows.map((r) => runWrites.get(r.id)?.run ?? r);
    for (const run of writtenRunsOf(userId)) if (!out.some((r) => r.id === run.id)) out.push(run);
    return out;
  };
  const fetched = new Map<string, UserAndRuns>();
  const fetch = async (ids: readonly string[]) => {
    const { rows } = await client.query(USERS_AND_RUNS_SQL, [ids]);
    for (const row of rows) {
      fetched.set(String(row.id), {
        user: row.user ? toUser(row.user as Record<string, unknown>) : undefined,
        latest: (row.latest as Array<Record<string, unknown>>).map(toRun),
      });
    }
  };
  const one = async (sql: string, params: unknown[]) => (await client.query(sql, params)).rows[0] as Record<string, unknown> | undefined;
  // The user's runs, read with the user in one round trip (every step starts with getUser): the latest run of
  // each journey, which includes every active one. A run the step writes becomes its journey's latest (a new
  // run is entered only when none is active; an updated one was the active one). Replaced at the next getUser.
  let known: { userId: string; latest: Map<string, RunRecord> } | undefined;
  const writeRun = (run: RunRecord, isNew: boolean) => {
    runWrites.set(run.id, { run, isNew: isNew || runWrites.get(run.id)?.isNew === true });
    if (known?.userId === run.userId) known.latest.set(run.journeyId, run);
  };
  return {
    async prefetch(userIds) {
      const missing = [...new Set(userIds)].filter((id) => !fetched.has(id));
      if (missing.length > 0) await fetch(missing);
    },
    async getUser(id) {
      if (!fetched.has(id)) await fetch([id]);
      const { user, latest } = fetched.get(id)!;
      known = { userId: id, latest: new Map(latest.map((r) => [r.journeyId, r])) };
      for (const run of writtenRunsOf(id)) known.latest.set(run.journeyId, run);
      const saved = users.get(id) ?? user;
      return saved ? structuredClone(saved) : undefined;
    },
    async saveUser(u) {
      users.set(u.id, structuredClone(u));
    },
    async activeRuns(userId) {
      if (known?.userId === userId) {
        return [...known.latest.values()]
          .filter((r) => r.status === 'active')
          .sort(byEntry);
      }
      const rows = (await client.query("SELECT * FROM runs WHERE user_id = $1 AND status = 'active' ORDER BY entered_at, id", [userId])).rows.map(toRun);
      return withWrites(rows, userId)
        .filter((r) => r.status === 'active')
        .sort(byEntry);
    },
    async getRun(id) {
      const cached = runWrites.get(id)?.run ?? (known && [...known.latest.values()].find((r) => r.id === id));
      if (cached) return cached;
      const row = await one('SELECT * FROM runs WHERE id = $1', [id]);
      return row ? toRun(row) : undefined;
    },
    async getVersionMachine(journeyId, version) {
      const row = await one('SELECT machine FROM journey_versions WHERE journey_id = $1 AND version = $2', [journeyId, version]);
      return row ? (row.machine as MachineJson) : undefined;
    },
    async latestRun(journeyId, userId) {
      // Runs have no insertion order here (SQLite breaks ties by rowid), and a run that ended and the one that
      // followed it can share a millisecond. The active run, if any, is always the latest (a run is only entered
      // when none is active); among ended ones, the one that ended last decides re-entry.
      if (known?.userId === userId) return known.latest.get(journeyId);
      // A run written here is its journey's latest (see `known`).
      const written = writtenRunsOf(userId).filter((r) => r.journeyId === journeyId).at(-1);
      if (written) return written;
      const row = await one(
        `SELECT * FROM runs WHERE journey_id = $1 AND user_id = $2
         ORDER BY status = 'active' DESC, entered_at DESC, ended_at DESC NULLS LAST, updated_at DESC LIMIT 1`,
        [journeyId, userId],
      );
      return row ? toRun(row) : undefined;
    },
    async insertRun(run) {
      writeRun(run, true);
    },
    async updateRun(run) {
      writeRun(run, false);
    },
    async insertRunWakeup(w) {
      const row = await one(
        "INSERT INTO wakeups (kind, run_id, journey_id, user_id, node, due_at) VALUES ('run', $1, $2, $3, $4, $5) RETURNING id",
        [w.runId, w.journeyId, w.userId, w.node, w.dueAt],
      );
      return Number(row?.id);
    },
    async deleteRunWakeups(runId) {
      await client.query('DELETE FROM wakeups WHERE run_id = $1', [runId]);
    },
    async armInactivity(journeyId, userId, dueAt) {
      await client.query(
        `INSERT INTO wakeups (kind, run_id, journey_id, user_id, node, due_at) VALUES ('inactivity', NULL, $1, $2, NULL, $3)
         ON CONFLICT (journey_id, user_id) WHERE kind = 'inactivity' DO UPDATE SET due_at = GREATEST(wakeups.due_at, excluded.due_at)`,
        [journeyId, userId, dueAt],
      );
    },
    async deleteWakeup(id) {
      // The wakeup being fired: nothing in this transaction selects it again (its lane is held), so it goes at the end.
      fired.push(id);
    },
    async insertOutbox(rows, now) {
      // Nothing reads the outbox inside a step: the rows are inserted together at the end of the transaction.
      for (const r of rows) outbox.push(outboxValues(r, now));
    },
    async appendTimeline(step) {
      // A step row always holds an entry: `userTimeline` reads `limit` rows for `limit` entries.
      if (step.entries.length > 0) timeline.push(step);
    },
    async bumpStats(journeyId, version, nodes, edges) {
      for (const node of nodes) bump(nodeCounts, JSON.stringify([journeyId, version, node]));
      for (const edge of edges) bump(edgeCounts, JSON.stringify([journeyId, version, edge]));
    },
    async markProcessed(seq, now) {
      processed.push({ seq, at: now });
    },
    async recordAssignment(a) {
      await client.query(
        `INSERT INTO experiment_assignments (journey_id, node, user_id, arm, run_id, assigned_at, goal_journey) VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (journey_id, node, user_id) DO NOTHING`,
        [a.journeyId, a.node, a.userId, a.arm, a.runId, a.at, a.goalJourney ?? null],
      );
    },
    async openAssignments(userId) {
      const { rows } = await client.query('SELECT journey_id, node, assigned_at, goal_journey FROM experiment_assignments WHERE user_id = $1 AND converted_at IS NULL', [userId]);
      return rows.map((r) => ({ journeyId: String(r.journey_id), node: String(r.node), assignedAt: Number(r.assigned_at), goalJourney: String(r.goal_journey ?? r.journey_id) }));
    },
    discard() {
      known = undefined;
      fetched.clear();
      users.clear();
      runWrites.clear();
      outbox.length = 0;
      timeline.length = 0;
      nodeCounts.clear();
      edgeCounts.clear();
      processed.length = 0;
      fired.length = 0;
    },
    async flush() {
      // What was read is about to be out of date: the next step reads again.
      known = undefined;
      fetched.clear();
      if (runWrites.size > 0) {
        const writes = [...runWrites.values()].sort((a, b) => compareIds(a.run.id, b.run.id));
        runWrites.clear();
        const columns = (runs: RunRecord[]) => {
          const rows = runs.map(runValues);
          return RUN_COLUMNS.map((_, i) => rows.map((row) => row[i]));
        };
        const updated = writes.filter((w) => !w.isNew).map((w) => w.run);
        const inserted = writes.filter((w) => w.isNew).map((w) => w.run);
        if (updated.length > 0) {
          await client.query(
            `UPDATE runs SET version = u.version, user_id = u.user_id, status = u.status, node = u.node, snapshot = u.snapshot,
               wakeup_id = u.wakeup_id, entered_at = u.entered_at, updated_at = u.updated_at, ended_at = u.ended_at
             FROM (SELECT * FROM ${RUNS_UNNEST}) AS u WHERE runs.id = u.id AND runs.journey_id = u.journey_id`,
            columns(updated),
          );
        }
        if (inserted.length > 0) await client.query(`INSERT INTO runs (${RUN_COLUMNS.join(', ')}) SELECT * FROM ${RUNS_UNNEST}`, columns(inserted));
      }
      if (users.size > 0) {
        // Sorted ids: a fixed lock order.
        const rows = [...users.values()].sort((a, b) => compareIds(a.id, b.id));
        await client.query(
          `INSERT INTO users (id, traits, tags, assignments, first_seen_at, last_seen_at)
           SELECT id, traits::jsonb, tags::jsonb, assignments::jsonb, f, l
           FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::bigint[], $6::bigint[]) AS t(id, traits, tags, assignments, f, l)
           ON CONFLICT (id) DO UPDATE SET traits = excluded.traits, tags = excluded.tags, assignments = excluded.assignments,
             last_seen_at = excluded.last_seen_at`,
          [
            rows.map((u) => u.id),
            rows.map((u) => JSON.stringify(u.traits)),
            rows.map((u) => JSON.stringify(u.tags)),
            rows.map((u) => JSON.stringify(u.assignments)),
            rows.map((u) => u.firstSeenAt),
            rows.map((u) => u.lastSeenAt),
          ],
        );
        users.clear();
      }
      for (let i = 0; i < outbox.length; i += 500) {
        const values: unknown[] = [];
        const rows = outbox.slice(i, i + 500).map((row, j) => {
          values.push(...row);
          const b = j * 11;
          return `($${b + 1}, $${b + 2}, $${b + 3}, $${b + 4}, $${b + 5}, $${b + 6}, $${b + 7}, $${b + 8}, $${b + 9}, 0, $${b + 10}, $${b + 11}, $${b + 10})`;
        });
        await client.query(
          `INSERT INTO outbox (run_id, journey_id, user_id, node, channel, offer, payload, cost, status, attempts, next_attempt_at, last_error, created_at)
           VALUES ${rows.join(', ')}`,
          values,
        );
      }
      outbox.length = 0;
      for (let i = 0; i < timeline.length; i += 500) {
        const chunk = timeline.slice(i, i + 500);
        const values: unknown[] = [];
        const rows = chunk.map((e, j) => {
          values.push(e.userId, e.at, JSON.stringify(e.entries));
          const b = j * 3;
          return `($${b + 1}, $${b + 2}, $${b + 3})`;
        });
        await client.query(`INSERT INTO timeline_steps (user_id, at, entries) VALUES ${rows.join(', ')}`, values);
      }
      timeline.length = 0;
      for (const [table, column, key, counts] of [
        ['node_stats', 'entered', 'node', nodeCounts],
        ['edge_stats', 'taken', 'edge', edgeCounts],
      ] as const) {
        if (counts.size === 0) continue;
        // Sorted keys: a fixed lock order, whatever order the steps touched them in.
        const entries = [...counts].sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, n]) => [...(JSON.parse(k) as [string, number, string]), n] as const);
        await client.query(
          `INSERT INTO ${table} (journey_id, version, ${key}, shard, ${column})
           SELECT j, v, k, $5, n FROM unnest($1::text[], $2::int[], $3::text[], $4::bigint[]) AS t(j, v, k, n)
           ON CONFLICT (journey_id, version, ${key}, shard) DO UPDATE SET ${column} = ${table}.${column} + excluded.${column}`,
          [entries.map((e) => e[0]), entries.map((e) => e[1]), entries.map((e) => e[2]), entries.map((e) => e[3]), shard],
        );
        counts.clear();
      }
      if (processed.length > 0) {
        await client.query('UPDATE events SET processed_at = t.at FROM unnest($1::bigint[], $2::bigint[]) AS t(seq, at) WHERE events.seq = t.seq', [
          processed.map((p) => p.seq),
          processed.map((p) => p.at),
        ]);
        processed.length = 0;
      }
      if (fired.length > 0) {
        await client.query('DELETE FROM wakeups WHERE id = ANY($1::bigint[])', [fired]);
        fired.length = 0;
      }
    },
    async markAssignmentConverted(a) {
      await client.query(
        'UPDATE experiment_assignments SET converted_at = $1, revenue = $2 WHERE journey_id = $3 AND node = $4 AND user_id = $5 AND converted_at IS NULL',
        [a.at, a.revenue, a.journeyId, a.node, a.userId],
      );
    },
  };
}
