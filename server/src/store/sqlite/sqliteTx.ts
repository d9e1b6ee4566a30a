import type Database from 'better-sqlite3';
import type { MachineJson } from '@waymark/shared';
import type { StoreTx } from '../storeTypes.ts';
import type { DeferredWrites } from './deferredWrites.ts';
import { outboxValues, runValues, toNewOutboxMessage, toRun, toUser } from '../storeRows.ts';

/**
 * The writes of one decision step, over prepared statements. It assumes the caller holds an open
 * transaction (SqliteStore.transaction); it never begins or commits one itself. Counters and timeline rows
 * are deferred to the batch's commit, processed marks and fired wakeups to the end of the call (`DeferredWrites`).
 */
export interface SqliteStepTx extends StoreTx {
  /**
   * Reads the users and runs a batch is about to need in two statements instead of one per item. Each row
   * prefetched answers one get only, the first; later gets (after a step may have changed it) read the table.
   */
  prefetch(userIds: readonly string[], runIds: readonly string[]): void;
  /** Forgets what is left of the prefetch (at the end of the batch's call). */
  clearPrefetch(): void;
}

type Row = Record<string, unknown>;

export function createSqliteTx(db: Database.Database, deferred: DeferredWrites): SqliteStepTx {
  // Prefetched rows by id; null where the batch asked for a row that does not exist.
  const users = new Map<string, Row | null>();
  const runs = new Map<string, Row | null>();
  const fromPrefetch = (cache: Map<string, Row | null>, id: string): Row | null | undefined => {
    const row = cache.get(id);
    if (row !== undefined) cache.delete(id);
    return row;
  };
  const s = {
    usersIn: db.prepare('SELECT * FROM users WHERE id IN (SELECT value FROM json_each(?))'),
    runsIn: db.prepare('SELECT * FROM runs WHERE id IN (SELECT value FROM json_each(?))'),
    getUser: db.prepare('SELECT * FROM users WHERE id = ?'),
    // Positional parameters on the statements every event runs: binding by name costs ~1 µs more a statement.
    saveUser: db.prepare(
      `INSERT INTO users (id, traits, tags, assignments, first_seen_at, last_seen_at) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET traits = excluded.traits, tags = excluded.tags, assignments = excluded.assignments,
         last_seen_at = excluded.last_seen_at`,
    ),
    activeRuns: db.prepare("SELECT * FROM runs WHERE user_id = ? AND status = 'active' ORDER BY entered_at, id"),
    getRun: db.prepare('SELECT * FROM runs WHERE id = ?'),
    getVersionMachine: db.prepare('SELECT machine FROM journey_versions WHERE journey_id = ? AND version = ?'),
    latestRun: db.prepare('SELECT * FROM runs WHERE journey_id = ? AND user_id = ? ORDER BY entered_at DESC, rowid DESC LIMIT 1'),
    insertRun: db.prepare(
      `INSERT INTO runs (id, journey_id, version, user_id, status, node, snapshot, wakeup_id, entered_at, updated_at, ended_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    updateRun: db.prepare(
      `UPDATE runs SET status = ?, node = ?, snapshot = ?, wakeup_id = ?, updated_at = ?, ended_at = ? WHERE id = ?`,
    ),
    insertRunWakeup: db.prepare("INSERT INTO wakeups (kind, run_id, journey_id, user_id, node, due_at) VALUES ('run', ?, ?, ?, ?, ?)"),
    deleteRunWakeups: db.prepare('DELETE FROM wakeups WHERE run_id = ?'),
    armInactivity: db.prepare(
      `INSERT INTO wakeups (kind, run_id, journey_id, user_id, node, due_at) VALUES ('inactivity', NULL, ?, ?, NULL, ?)
       ON CONFLICT (journey_id, user_id) WHERE kind = 'inactivity' DO UPDATE SET due_at = MAX(due_at, excluded.due_at)`,
    ),
    insertOutbox: db.prepare(
      `INSERT INTO outbox (run_id, journey_id, user_id, node, channel, offer, payload, cost, status, attempts, next_attempt_at, last_error, created_at, lease_until)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?)`,
    ),
    recordAssignment: db.prepare(
      `INSERT INTO experiment_assignments (journey_id, node, user_id, arm, run_id, assigned_at, goal_journey) VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (journey_id, node, user_id) DO NOTHING`,
    ),
    openAssignments: db.prepare(
      'SELECT journey_id, node, assigned_at, goal_journey FROM experiment_assignments WHERE user_id = ? AND converted_at IS NULL',
    ),
    markAssignmentConverted: db.prepare(
      'UPDATE experiment_assignments SET converted_at = ?, revenue = ? WHERE journey_id = ? AND node = ? AND user_id = ? AND converted_at IS NULL',
    ),
  };

  const load = (cache: Map<string, Row | null>, statement: Database.Statement, ids: readonly string[]) => {
    if (ids.length === 0) return;
    for (const id of ids) cache.set(id, null);
    for (const row of statement.all(JSON.stringify(ids)) as Row[]) cache.set(String(row.id), row);
  };

  return {
    prefetch(userIds, runIds) {
      load(users, s.usersIn, userIds);
      load(runs, s.runsIn, runIds);
    },
    clearPrefetch() {
      users.clear();
      runs.clear();
    },
    async getUser(id) {
      const cached = fromPrefetch(users, id);
      const row = cached === undefined ? (s.getUser.get(id) as Row | undefined) : cached;
      return row ? toUser(row) : undefined;
    },
    async saveUser(u) {
      s.saveUser.run(u.id, JSON.stringify(u.traits), JSON.stringify(u.tags), JSON.stringify(u.assignments), u.firstSeenAt, u.lastSeenAt);
    },
    async activeRuns(userId) {
      return (s.activeRuns.all(userId) as Array<Record<string, unknown>>).map(toRun);
    },
    async getRun(id) {
      const cached = fromPrefetch(runs, id);
      const row = cached === undefined ? (s.getRun.get(id) as Row | undefined) : cached;
      return row ? toRun(row) : undefined;
    },
    async getVersionMachine(journeyId, version) {
      const row = s.getVersionMachine.get(journeyId, version) as { machine: string } | undefined;
      return row ? (JSON.parse(row.machine) as MachineJson) : undefined;
    },
    async latestRun(journeyId, userId) {
      const row = s.latestRun.get(journeyId, userId) as Record<string, unknown> | undefined;
      return row ? toRun(row) : undefined;
    },
    async insertRun(run) {
      s.insertRun.run(...runValues(run));
    },
    async updateRun(run) {
      s.updateRun.run(run.status, run.node, JSON.stringify(run.snapshot), run.wakeupId, run.updatedAt, run.endedAt, run.id);
    },
    async insertRunWakeup(w) {
      return Number(s.insertRunWakeup.run(w.runId, w.journeyId, w.userId, w.node, w.dueAt).lastInsertRowid);
    },
    async deleteRunWakeups(runId) {
      s.deleteRunWakeups.run(runId);
    },
    async armInactivity(journeyId, userId, dueAt) {
      s.armInactivity.run(journeyId, userId, dueAt);
    },
    async deleteWakeup(id) {
      deferred.wakeupFired(id);
    },
    async insertOutbox(rows, now) {
      for (const r of rows) {
        // A pending row goes straight to this process's dispatcher once committed, if it has room (`OutboxHandOff`).
        const handOff = r.deadReason ? undefined : deferred.leaseNext() ? deferred.handOff : undefined;
        // The columns both stores write (`outboxValues`), then SQLite's own: created_at and lease_until.
        const info = s.insertOutbox.run(...outboxValues(r, now), now, handOff ? now + handOff.leaseMs : 0);
        if (handOff) deferred.leasedRow(toNewOutboxMessage(Number(info.lastInsertRowid), r, now));
      }
    },
    async appendTimeline(step) {
      deferred.append(step);
    },
    async bumpStats(journeyId, version, nodes, edges) {
      for (const node of nodes) deferred.bump('node', journeyId, version, node);
      for (const edge of edges) deferred.bump('edge', journeyId, version, edge);
    },
    async recordAssignment(a) {
      s.recordAssignment.run(a.journeyId, a.node, a.userId, a.arm, a.runId, a.at, a.goalJourney ?? null);
    },
    async openAssignments(userId) {
      return (s.openAssignments.all(userId) as Array<{ journey_id: string; node: string; assigned_at: number; goal_journey: string | null }>).map((r) => ({
        journeyId: r.journey_id,
        node: r.node,
        assignedAt: Number(r.assigned_at),
        goalJourney: r.goal_journey ?? r.journey_id,
      }));
    },
    async markAssignmentConverted(a) {
      s.markAssignmentConverted.run(a.at, a.revenue, a.journeyId, a.node, a.userId);
    },
    async markProcessed(seq, now) {
      deferred.processedAt(seq, now);
    },
  };
}
