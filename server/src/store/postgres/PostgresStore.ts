import { randomUUID } from 'node:crypto';
import pg from 'pg';
import type { JourneyDocument, MachineJson } from '@waymark/shared';
import { toArmCounts, toEvent, toJourney, toJourneyExperiment, toJourneyTotals, toMetricsSnapshot, toNodeStats, toOutboxView, toRun, toTimelineEntries, toUser, toVersion, toWakeup } from '../storeRows.ts';
import type {
  AppendResult,
  ApplyOne,
  ArmCounts,
  ArmCountsQuery,
  FailOne,
  InboxEvent,
  OutboxFilter,
  JourneyExperimentRecord,
  JourneyRecord,
  JourneyStatus,
  LiveJourney,
  MetricsSnapshot,
  Promotion,
  Store,
  StoredEvent,
  StoreTx,
  WakeupRecord,
} from '../storeTypes.ts';
import { listenForChanges, type PgListener } from './pgListener.ts';
import { pgMigrations } from './pgMigrations.ts';
import { PgOutbox } from './pgOutbox.ts';
import { APPEND_CHUNK, appendChunk } from './pgAppend.ts';
import { applyOwned, dueWakeupsWork, LANES, pendingEventsWork } from './pgOwnership.ts';
import { ARM_COUNTS_SQL, EARLIER_ASSIGNMENTS_SQL, METRICS_SQL, OFFER_TOTALS_SQL, RUN_TOTALS_SQL } from './pgReports.ts';
import { createPgTx } from './pgTx.ts';

type Row = Record<string, unknown>;
const CHANNEL = 'waymark_changes';
/** Key of the advisory lock that lets one process at a time run migrations. */
const MIGRATION_LOCK = 0x57_41_59_00;
/** Counter shards for transactions that hold no lane (management calls): above the lane shards. */
const spareShard = () => LANES + Math.floor(Math.random() * 16);

/**
 * The scale-out store: the same runtime on PostgreSQL, shared by any number of Waymark processes. Durability
 * is PostgreSQL's (a 2xx follows COMMIT). Work is divided by lane locks (`pgOwnership.ts`), outbox rows are
 * claimed with `FOR UPDATE SKIP LOCKED`, and journey changes reach the other processes by LISTEN/NOTIFY.
 */
export class PostgresStore implements Store {
  readonly kind = 'postgres' as const;
  /** Apply loops per process: each holds its own lanes and connection (the pool has 12). */
  readonly workers = 4;
  private readonly pool: pg.Pool;
  /** Lanes this process's apply loops hold or are about to try (`applyOwned`): its loops never contend for a lane. */
  private readonly localLanes = new Set<number>();
  private readonly outbox: PgOutbox;
  private readonly instance = randomUUID();
  private readonly listeners = new Set<PgListener>();

  constructor(private readonly url: string) {
    this.pool = new pg.Pool({ connectionString: url, max: 12, connectionTimeoutMillis: 5_000, idleTimeoutMillis: 30_000 });
    this.outbox = new PgOutbox(this.pool);
    // An idle client losing its connection (database restart, network cut) must not crash the process: the
    // pool drops it and the next query gets a fresh one, or fails with a 503.
    this.pool.on('error', () => {});
    // The same for a client that is checked out but between queries (inside a transaction): without a
    // listener its 'error' event would end the process. The next query on it fails instead, and the
    // transaction rolls back.
    this.pool.on('connect', (client) => client.on('error', () => {}));
  }

  private async rows(sql: string, params: unknown[] = []): Promise<Row[]> {
    return (await this.pool.query(sql, params)).rows as Row[];
  }

  private async row(sql: string, params: unknown[] = []): Promise<Row | undefined> {
    return (await this.rows(sql, params))[0];
  }

  private async inTransaction<T>(fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const value = await fn(client);
      await client.query('COMMIT');
      return value;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {});
      throw error;
    } finally {
      client.release();
    }
  }

  /** Several processes may start together: one migrates under an advisory lock while the others wait. */
  async migrate() {
    const client = await this.pool.connect();
    try {
      await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
      await client.query('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT, applied_at BIGINT)');
      const done = new Set((await client.query('SELECT version FROM schema_migrations')).rows.map((r) => Number(r.version)));
      for (const m of pgMigrations) {
        if (done.has(m.version)) continue;
        await client.query('BEGIN');
        try {
          await client.query(m.sql);
          await client.query('INSERT INTO schema_migrations VALUES ($1, $2, $3)', [m.version, m.name, Date.now()]);
          await client.query('COMMIT');
        } catch (error) {
          await client.query('ROLLBACK');
          throw error;
        }
      }
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => {});
      client.release();
    }
  }

  async close() {
    await Promise.all([...this.listeners].map((l) => l.stop()));
    this.listeners.clear();
    await this.pool.end();
  }

  async ping() {
    await this.pool.query('SELECT 1');
  }

  transaction<T>(fn: (tx: StoreTx) => Promise<T>): Promise<T> {
    return this.inTransaction(async (client) => {
      const tx = createPgTx(client, spareShard());
      const value = await fn(tx);
      await tx.flush();
      return value;
    });
  }

  async announceChange() {
    await this.pool.query('SELECT pg_notify($1, $2)', [CHANNEL, this.instance]);
  }

  /** One dedicated connection LISTENs, and connects again whenever it is lost (`pgListener.ts`). */
  async onChange(fn: () => void) {
    const listener = await listenForChanges(this.url, CHANNEL, this.instance, fn);
    this.listeners.add(listener);
    return async () => {
      this.listeners.delete(listener);
      await listener.stop();
    };
  }

  appendEvents(events: InboxEvent[]): Promise<AppendResult> {
    // One statement is atomic by itself: a request's events (up to a chunk) need no BEGIN and COMMIT around them.
    if (events.length <= APPEND_CHUNK) return appendChunk(this.pool, events, { stored: 0, lastSeq: 0, seqs: [] });
    return this.inTransaction(async (client) => {
      const result: Omit<AppendResult, 'duplicates'> = { stored: 0, lastSeq: 0, seqs: [] };
      for (let i = 0; i < events.length; i += APPEND_CHUNK) await appendChunk(client, events.slice(i, i + APPEND_CHUNK), result);
      return { ...result, duplicates: events.length - result.stored };
    });
  }

  async pendingEvents(limit: number) {
    return (await this.rows('SELECT * FROM events WHERE processed_at IS NULL ORDER BY seq LIMIT $1', [limit])).map(toEvent);
  }

  applyPendingEvents(limit: number, apply: ApplyOne<StoredEvent>, failed: FailOne<StoredEvent>) {
    return applyOwned(this.pool, createPgTx, pendingEventsWork, limit, apply, failed, this.localLanes);
  }

  applyDueWakeups(now: number, limit: number, excludeJourneys: string[], apply: ApplyOne<WakeupRecord>, failed: FailOne<WakeupRecord>) {
    return applyOwned(this.pool, createPgTx, dueWakeupsWork(now, excludeJourneys), limit, apply, failed, this.localLanes);
  }

  async isProcessed(seq: number) {
    const row = await this.row('SELECT processed_at FROM events WHERE seq = $1', [seq]);
    return row !== undefined && row.processed_at !== null;
  }

  async dueWakeups(now: number, limit: number, excludeJourneys: string[]) {
    return (
      await this.rows('SELECT * FROM wakeups WHERE due_at <= $1 AND journey_id <> ALL($2::text[]) ORDER BY due_at, id LIMIT $3', [now, excludeJourneys, limit])
    ).map(toWakeup);
  }

  /**
   * Several processes share the outbox, so a starting process must not release leases another live one
   * holds. A dead process's leases simply expire (the dispatcher's lease), and its rows go out again.
   */
  async releaseLeases() {}

  async createJourney(id: string, draft: JourneyDocument, now: number) {
    const row = await this.row(
      'INSERT INTO journeys (id, name, status, draft, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $5) RETURNING *',
      [id, draft.name, 'draft', JSON.stringify(draft), now],
    );
    return toJourney(row as Row);
  }

  async updateDraft(id: string, draft: JourneyDocument, now: number) {
    const row = await this.row('UPDATE journeys SET draft = $1, name = $2, updated_at = $3 WHERE id = $4 RETURNING *', [JSON.stringify(draft), draft.name, now, id]);
    return row ? toJourney(row) : undefined;
  }

  async getJourney(id: string) {
    const row = await this.row('SELECT * FROM journeys WHERE id = $1', [id]);
    return row ? toJourney(row) : undefined;
  }

  async listJourneys(): Promise<JourneyRecord[]> {
    return (await this.rows('SELECT * FROM journeys ORDER BY created_at, id')).map(toJourney);
  }

  async setJourneyStatus(id: string, status: JourneyStatus, now: number) {
    await this.pool.query('UPDATE journeys SET status = $1, updated_at = $2 WHERE id = $3', [status, now, id]);
  }

  publishJourney(id: string, document: JourneyDocument, machine: MachineJson, now: number) {
    return this.inTransaction(async (client) => {
      // The journey row is locked first, so two processes publishing at once get versions one after the other.
      await client.query('SELECT id FROM journeys WHERE id = $1 FOR UPDATE', [id]);
      const { rows } = await client.query('SELECT COALESCE(MAX(version), 0) + 1 AS next FROM journey_versions WHERE journey_id = $1', [id]);
      const version = Number(rows[0]?.next ?? 1);
      await client.query('INSERT INTO journey_versions (journey_id, version, document, machine, published_at) VALUES ($1, $2, $3, $4, $5)', [
        id,
        version,
        JSON.stringify(document),
        JSON.stringify(machine),
        now,
      ]);
      await client.query("UPDATE journeys SET published_version = $1, status = 'active', draft = $2, name = $3, updated_at = $4 WHERE id = $5", [
        version,
        JSON.stringify(document),
        document.name,
        now,
        id,
      ]);
      return version;
    });
  }

  async getVersion(journeyId: string, version: number) {
    const row = await this.row('SELECT * FROM journey_versions WHERE journey_id = $1 AND version = $2', [journeyId, version]);
    return row ? toVersion(row) : undefined;
  }

  async journeyVersions(journeyId: string) {
    return (await this.rows('SELECT * FROM journey_versions WHERE journey_id = $1 ORDER BY version', [journeyId])).map(toVersion);
  }

  async armInactivityForAll(journeyId: string, ms: number, now: number) {
    await this.pool.query(
      `INSERT INTO wakeups (kind, run_id, journey_id, user_id, node, due_at)
       SELECT 'inactivity', NULL, $1, id, NULL, GREATEST(last_seen_at + $2, $3) FROM users
       ON CONFLICT (journey_id, user_id) WHERE kind = 'inactivity' DO NOTHING`,
      [journeyId, ms, now],
    );
  }

  async liveJourneys(): Promise<LiveJourney[]> {
    return (
      await this.rows(
        `SELECT j.id, j.name, j.status, v.version, v.document, v.machine FROM journeys j
         JOIN journey_versions v ON v.journey_id = j.id AND v.version = j.published_version
         WHERE j.status IN ('active', 'paused') ORDER BY j.created_at, j.id`,
      )
    ).map((r) => ({
      id: String(r.id),
      name: String(r.name),
      status: r.status as JourneyStatus,
      version: Number(r.version),
      document: r.document as JourneyDocument,
      machine: r.machine as MachineJson,
    }));
  }

  async nodeStats(journeyId: string) {
    const [nodes, edges, waiting] = await Promise.all([
      this.rows('SELECT node, SUM(entered) AS entered FROM node_stats WHERE journey_id = $1 GROUP BY node', [journeyId]),
      this.rows('SELECT edge, SUM(taken) AS taken FROM edge_stats WHERE journey_id = $1 GROUP BY edge', [journeyId]),
      this.rows("SELECT node, COUNT(*) AS n FROM runs WHERE journey_id = $1 AND status = 'active' GROUP BY node", [journeyId]),
    ]);
    return toNodeStats(nodes, edges, waiting);
  }

  async journeyTotals(journeyId: string) {
    const [runs, offers] = await Promise.all([this.row(RUN_TOTALS_SQL, [journeyId]), this.row(OFFER_TOTALS_SQL, [journeyId])]);
    return toJourneyTotals(runs, offers);
  }

  async userRuns(userId: string) {
    return (await this.rows('SELECT * FROM runs WHERE user_id = $1 ORDER BY entered_at DESC, id LIMIT 200', [userId])).map(toRun);
  }

  async userTimeline(userId: string, limit: number) {
    // Every step row holds at least one entry, so `limit` rows hold enough.
    return toTimelineEntries(await this.rows('SELECT * FROM timeline_steps WHERE user_id = $1 ORDER BY id DESC LIMIT $2', [userId, limit]), limit);
  }

  async getUserProfile(userId: string) {
    const row = await this.row('SELECT * FROM users WHERE id = $1', [userId]);
    return row ? toUser(row) : undefined;
  }

  async userOffers(userId: string) {
    return (await this.rows('SELECT * FROM outbox WHERE user_id = $1 ORDER BY id DESC LIMIT 200', [userId])).map(toOutboxView);
  }

  async metricsSnapshot(now: number, lateMs: number): Promise<MetricsSnapshot> {
    return toMetricsSnapshot((await this.row(METRICS_SQL, [now, now - lateMs])) as Row);
  }

  async experimentArms(q: ArmCountsQuery): Promise<{ arms: ArmCounts[]; earlier: number }> {
    const [arms, earlier] = await Promise.all([
      this.rows(ARM_COUNTS_SQL, [q.experiment, q.node, q.windowMs, q.since, q.until, q.now - q.windowMs]),
      this.row(EARLIER_ASSIGNMENTS_SQL, [q.experiment, q.node, q.since]),
    ]);
    return { arms: arms.map(toArmCounts), earlier: Number(earlier?.n ?? 0) };
  }

  async createJourneyExperiment(x: JourneyExperimentRecord) {
    await this.pool.query(
      'INSERT INTO journey_experiments (id, name, config, status, promoted_variant, promoted_at, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)',
      [x.id, x.name, JSON.stringify(x.config), x.status, x.promotedVariant, x.promotedAt, x.createdAt],
    );
  }

  async listJourneyExperiments() {
    return (await this.rows('SELECT * FROM journey_experiments ORDER BY created_at DESC, id')).map(toJourneyExperiment);
  }

  async getJourneyExperiment(id: string) {
    const row = await this.row('SELECT * FROM journey_experiments WHERE id = $1', [id]);
    return row ? toJourneyExperiment(row) : undefined;
  }

  async promoteJourneyExperiment(id: string, variant: string, at: number) {
    await this.pool.query("UPDATE journey_experiments SET status = 'promoted', promoted_variant = $1, promoted_at = $2 WHERE id = $3", [variant, at, id]);
  }

  async getPromotion(journeyId: string, node: string): Promise<Promotion | undefined> {
    const r = await this.row('SELECT * FROM experiment_promotions WHERE journey_id = $1 AND node = $2', [journeyId, node]);
    return r ? { variant: String(r.variant), config: r.config, promotedAt: Number(r.promoted_at) } : undefined;
  }

  async savePromotion(journeyId: string, node: string, p: Promotion) {
    await this.pool.query(
      `INSERT INTO experiment_promotions (journey_id, node, variant, config, promoted_at) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (journey_id, node) DO UPDATE SET variant = excluded.variant, config = excluded.config, promoted_at = excluded.promoted_at`,
      [journeyId, node, p.variant, JSON.stringify(p.config), p.promotedAt],
    );
  }

  // The outbox, as the dispatchers and the Deliveries view use it (pgOutbox.ts).
  claimDue(now: number, limit: number, leaseMs: number) {
    return this.outbox.claimDue(now, limit, leaseMs);
  }

  markSent(id: number, now: number) {
    return this.outbox.markSent(id, now);
  }

  markFailed(id: number, error: string, nextAttemptAt: number | null, now: number) {
    return this.outbox.markFailed(id, error, nextAttemptAt, now);
  }

  listOutbox(filter: OutboxFilter) {
    return this.outbox.list(filter);
  }

  retryDead(id: number, now: number) {
    return this.outbox.retryDead(id, now);
  }
}
