import type Database from 'better-sqlite3';
import type { JourneyDocument, MachineJson } from '@waymark/shared';
import type { AppendResult, ApplyOne, ArmCounts, ArmCountsQuery, FailOne, InboxEvent, OutboxFilter, StoredEvent, WakeupRecord, JourneyExperimentRecord, JourneyRecord, MetricsSnapshot, Promotion, JourneyStatus, LiveJourney, Store, StoreTx } from '../storeTypes.ts';
import type { OutboxHandOff } from '../../delivery/outboxTypes.ts';
import { createSqliteTx, type SqliteStepTx } from './sqliteTx.ts';
import { applyEach } from './applyEach.ts';
import { SqliteConnection, type SqliteConnectionOptions } from './sqliteConnection.ts';
import { SqliteOutbox } from './sqliteOutbox.ts';
import { sqliteMigrations } from './sqliteMigrations.ts';
import { ARM_COUNTS_SQL, EARLIER_ASSIGNMENTS_SQL, METRICS_SQL, OFFER_TOTALS_SQL, RUN_TOTALS_SQL } from './sqliteReports.ts';
import { toArmCounts, toEvent, toJourney, toJourneyExperiment, toJourneyTotals, toMetricsSnapshot, toNodeStats, toOutboxView, toRun, toTimelineEntries, toUser, toVersion, toWakeup } from '../storeRows.ts';

type Row = Record<string, unknown>;
const PENDING_EVENTS_SQL = 'SELECT * FROM events WHERE processed_at IS NULL ORDER BY seq LIMIT ?';
const ANY_PENDING_SQL = 'SELECT 1 FROM events WHERE processed_at IS NULL LIMIT 1';
const INSERT_EVENT_SQL = `INSERT INTO events (message_id, user_id, kind, name, payload, timestamp, received_at, processed_at)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (message_id) DO NOTHING`;
const DUE_WAKEUPS_SQL = `SELECT * FROM wakeups WHERE due_at <= ? AND journey_id NOT IN (SELECT value FROM json_each(?))
  ORDER BY due_at, id LIMIT ?`;

/**
 * The embedded store: one SQLite file, every call run through the connection's group-commit queue
 * (`SqliteConnection`), so a call settles (and the 2xx that follows it is sent) only once its commit is on
 * disk, and an async transaction never interleaves with another write.
 */
export class SqliteStore implements Store {
  readonly kind = 'sqlite' as const;
  readonly workers = 1;
  private readonly c: SqliteConnection;
  private readonly outbox: SqliteOutbox;
  private readonly db: Database.Database;
  // Prepared after migrations, since statements need their tables.
  private txCache: SqliteStepTx | undefined;

  constructor(file: string, options: SqliteConnectionOptions = {}) {
    this.c = new SqliteConnection(file, options);
    this.db = this.c.db;
    this.outbox = new SqliteOutbox(this.c);
  }

  private serial<T>(fn: () => T | Promise<T>, savepoint = true): Promise<T> {
    return this.c.call(fn, savepoint);
  }

  private statement(sql: string): Database.Statement {
    return this.c.statement(sql);
  }

  private run(sql: string) {
    this.c.run(sql);
  }

  private all(sql: string, params: unknown[] | Row = []): Row[] {
    return this.c.all(sql, params);
  }

  private get(sql: string, params: unknown[] | Row = []): Row | undefined {
    return this.c.get(sql, params);
  }

  /** Runs at start, before anything else uses the store. */
  async migrate() {
    this.db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT, applied_at INTEGER)');
    const done = new Set(this.all('SELECT version FROM schema_migrations').map((r) => Number(r.version)));
    for (const m of sqliteMigrations) {
      if (done.has(m.version)) continue;
      this.db.transaction(() => {
        this.db.exec(m.sql);
        this.db.prepare('INSERT INTO schema_migrations VALUES (?, ?, ?)').run(m.version, m.name, Date.now());
      })();
    }
  }

  async close() {
    await this.c.close();
  }

  async ping() {
    await this.serial(() => this.get('SELECT 1'));
  }

  /** One process owns an SQLite file, so there is nobody to tell. */
  async announceChange() {}

  async onChange(_fn: () => void) {
    return async () => {};
  }

  /** `fn` runs as one savepoint of a group-committed batch: all of its writes commit, or none. */
  transaction<T>(fn: (tx: StoreTx) => Promise<T>): Promise<T> {
    return this.serial(() => fn(this.tx()));
  }

  appendEvents(events: InboxEvent[]): Promise<AppendResult> {
    return this.serial(() => this.db.transaction(() => this.insertEvents(events, null).result)(), false);
  }

  appendAndApply(events: InboxEvent[], now: number, apply: ApplyOne<StoredEvent>, failed: FailOne<StoredEvent>) {
    // One call, one savepoint: should applying fail as a whole, the append is undone with it and nobody is told
    // it was stored (a step that throws is recorded and skipped inside, as in the apply loop).
    return this.serial(async () => {
      // Anything older still waiting goes first: these then only join the inbox, and the apply loop takes them in order.
      const backlog = this.get(ANY_PENDING_SQL) !== undefined;
      const { result, stored } = this.insertEvents(events, backlog ? null : now);
      if (backlog || stored.length === 0) return { ...result, applied: [] };
      // Written processed already: the marks the steps make would only say it again.
      const tx: SqliteStepTx = { ...this.tx(), markProcessed: async () => {} };
      const applied = await applyEach(this.c, tx, stored, apply, failed, { userIds: stored.map((e) => e.userId) });
      return { ...result, applied };
    });
  }

  /** Inserts events not seen before (by messageId), processed at `processedAt` or pending when null. */
  private insertEvents(events: InboxEvent[], processedAt: number | null): { result: AppendResult; stored: StoredEvent[] } {
    const insert = this.statement(INSERT_EVENT_SQL);
    const stored: StoredEvent[] = [];
    const seqs: Array<number | null> = [];
    for (const e of events) {
      const info = insert.run(e.messageId, e.userId, e.kind, e.name ?? null, JSON.stringify(e.payload), e.timestamp, e.receivedAt, processedAt);
      const seq = info.changes > 0 ? Number(info.lastInsertRowid) : null;
      seqs.push(seq);
      if (seq !== null) stored.push({ ...e, seq });
    }
    return { result: { stored: stored.length, duplicates: events.length - stored.length, lastSeq: stored.at(-1)?.seq ?? 0, seqs }, stored };
  }

  pendingEvents(limit: number) {
    return this.serial(() => this.all(PENDING_EVENTS_SQL, [limit]).map(toEvent), false);
  }

  applyPendingEvents(limit: number, apply: ApplyOne<StoredEvent>, failed: FailOne<StoredEvent>) {
    // One process owns the file, and events are read in arrival order: every user's events apply in order.
    return this.serial(() => {
      const events = this.all(PENDING_EVENTS_SQL, [limit]).map(toEvent);
      return applyEach(this.c, this.tx(), events, apply, failed, { userIds: events.map((e) => e.userId) });
    });
  }

  applyDueWakeups(now: number, limit: number, excludeJourneys: string[], apply: ApplyOne<WakeupRecord>, failed: FailOne<WakeupRecord>) {
    return this.serial(() => {
      const wakeups = this.all(DUE_WAKEUPS_SQL, [now, JSON.stringify(excludeJourneys), limit]).map(toWakeup);
      const runIds = wakeups.flatMap((w) => (w.runId === null ? [] : [w.runId]));
      return applyEach(this.c, this.tx(), wakeups, apply, failed, { userIds: wakeups.map((w) => w.userId), runIds });
    });
  }

  isProcessed(seq: number) {
    return this.serial(() => {
      const row = this.get('SELECT processed_at FROM events WHERE seq = ?', [seq]);
      return row !== undefined && row.processed_at !== null;
    }, false);
  }

  /** The step writer, prepared on first use (after migrations, since statements need their tables). */
  private tx(): SqliteStepTx {
    return (this.txCache ??= createSqliteTx(this.db, this.c.deferredWrites));
  }

  dueWakeups(now: number, limit: number, excludeJourneys: string[]) {
    return this.serial(() =>
      this.all(DUE_WAKEUPS_SQL, [now, JSON.stringify(excludeJourneys), limit]).map(toWakeup),
    );
  }

  handOffOutbox(target: OutboxHandOff) {
    this.c.deferredWrites.handOff = target;
  }

  async releaseLeases() {
    await this.serial(() => this.statement("UPDATE outbox SET lease_until = 0 WHERE status = 'pending'").run());
  }

  createJourney(id: string, draft: JourneyDocument, now: number) {
    return this.serial(() => {
      this.statement('INSERT INTO journeys (id, name, status, draft, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)')
        .run(id, draft.name, 'draft', JSON.stringify(draft), now, now);
      return toJourney(this.get('SELECT * FROM journeys WHERE id = ?', [id]) as Row);
    });
  }

  updateDraft(id: string, draft: JourneyDocument, now: number) {
    return this.serial(() => {
      const info = this.statement('UPDATE journeys SET draft = ?, name = ?, updated_at = ? WHERE id = ?')
        .run(JSON.stringify(draft), draft.name, now, id);
      if (info.changes === 0) return undefined;
      return toJourney(this.get('SELECT * FROM journeys WHERE id = ?', [id]) as Row);
    });
  }

  getJourney(id: string) {
    return this.serial(() => {
      const row = this.get('SELECT * FROM journeys WHERE id = ?', [id]);
      return row ? toJourney(row) : undefined;
    });
  }

  listJourneys(): Promise<JourneyRecord[]> {
    return this.serial(() => this.all('SELECT * FROM journeys ORDER BY created_at, id').map(toJourney));
  }

  async setJourneyStatus(id: string, status: JourneyStatus, now: number) {
    await this.serial(() => this.statement('UPDATE journeys SET status = ?, updated_at = ? WHERE id = ?').run(status, now, id));
  }

  publishJourney(id: string, document: JourneyDocument, machine: MachineJson, now: number) {
    return this.serial(() =>
      this.db.transaction(() => {
        const row = this.get('SELECT COALESCE(MAX(version), 0) + 1 AS next FROM journey_versions WHERE journey_id = ?', [id]);
        const version = Number(row?.next ?? 1);
        this.statement('INSERT INTO journey_versions (journey_id, version, document, machine, published_at) VALUES (?, ?, ?, ?, ?)')
          .run(id, version, JSON.stringify(document), JSON.stringify(machine), now);
        this.statement("UPDATE journeys SET published_version = ?, status = 'active', draft = ?, name = ?, updated_at = ? WHERE id = ?")
          .run(version, JSON.stringify(document), document.name, now, id);
        return version;
      })(),
    );
  }

  getVersion(journeyId: string, version: number) {
    return this.serial(() => {
      const row = this.get('SELECT * FROM journey_versions WHERE journey_id = ? AND version = ?', [journeyId, version]);
      return row ? toVersion(row) : undefined;
    });
  }

  async armInactivityForAll(journeyId: string, ms: number, now: number) {
    await this.serial(() =>
      this.statement(
          `INSERT INTO wakeups (kind, run_id, journey_id, user_id, node, due_at)
           SELECT 'inactivity', NULL, ?, id, NULL, MAX(last_seen_at + ?, ?) FROM users WHERE true
           ON CONFLICT (journey_id, user_id) WHERE kind = 'inactivity' DO NOTHING`,
        )
        .run(journeyId, ms, now),
    );
  }

  liveJourneys(): Promise<LiveJourney[]> {
    return this.serial(() =>
      this.all(
        `SELECT j.id, j.name, j.status, v.version, v.document, v.machine FROM journeys j
         JOIN journey_versions v ON v.journey_id = j.id AND v.version = j.published_version
         WHERE j.status IN ('active', 'paused') ORDER BY j.created_at, j.id`,
      ).map((r) => ({
        id: String(r.id),
        name: String(r.name),
        status: r.status as JourneyStatus,
        version: Number(r.version),
        document: JSON.parse(String(r.document)) as JourneyDocument,
        machine: JSON.parse(String(r.machine)) as MachineJson,
      })),
    );
  }

  nodeStats(journeyId: string) {
    return this.serial(() =>
      toNodeStats(
        this.all('SELECT node, SUM(entered) AS entered FROM node_stats WHERE journey_id = ? GROUP BY node', [journeyId]),
        this.all('SELECT edge, SUM(taken) AS taken FROM edge_stats WHERE journey_id = ? GROUP BY edge', [journeyId]),
        this.all("SELECT node, COUNT(*) AS n FROM runs WHERE journey_id = ? AND status = 'active' GROUP BY node", [journeyId]),
      ),
    );
  }

  journeyTotals(journeyId: string) {
    return this.serial(() => toJourneyTotals(this.get(RUN_TOTALS_SQL, [journeyId]), this.get(OFFER_TOTALS_SQL, [journeyId])));
  }

  userRuns(userId: string) {
    return this.serial(() => this.all('SELECT * FROM runs WHERE user_id = ? ORDER BY entered_at DESC, id LIMIT 200', [userId]).map(toRun));
  }

  userTimeline(userId: string, limit: number) {
    // Every step row holds at least one entry, so `limit` rows hold enough.
    return this.serial(() => toTimelineEntries(this.all('SELECT * FROM timeline_steps WHERE user_id = ? ORDER BY id DESC LIMIT ?', [userId, limit]), limit));
  }

  getUserProfile(userId: string) {
    return this.serial(() => {
      const row = this.get('SELECT * FROM users WHERE id = ?', [userId]);
      return row ? toUser(row) : undefined;
    });
  }

  userOffers(userId: string) {
    return this.serial(() => this.all('SELECT * FROM outbox WHERE user_id = ? ORDER BY id DESC LIMIT 200', [userId]).map(toOutboxView));
  }

  experimentArms(q: ArmCountsQuery): Promise<{ arms: ArmCounts[]; earlier: number }> {
    return this.serial(() => {
      const params = { experiment: q.experiment, node: q.node, window: q.windowMs, since: q.since, until: q.until, matured: q.now - q.windowMs };
      const arms = this.all(ARM_COUNTS_SQL, params).map(toArmCounts);
      const earlier = Number(this.get(EARLIER_ASSIGNMENTS_SQL, { experiment: q.experiment, node: q.node, since: q.since })?.n ?? 0);
      return { arms, earlier };
    });
  }

  metricsSnapshot(now: number, lateMs: number): Promise<MetricsSnapshot> {
    return this.serial(() => toMetricsSnapshot(this.get(METRICS_SQL, { now, late: now - lateMs }) as Row));
  }

  journeyVersions(journeyId: string) {
    return this.serial(() => this.all('SELECT * FROM journey_versions WHERE journey_id = ? ORDER BY version', [journeyId]).map(toVersion));
  }

  async createJourneyExperiment(x: JourneyExperimentRecord) {
    await this.serial(() =>
      this.statement('INSERT INTO journey_experiments (id, name, config, status, promoted_variant, promoted_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
        .run(x.id, x.name, JSON.stringify(x.config), x.status, x.promotedVariant, x.promotedAt, x.createdAt),
    );
  }

  listJourneyExperiments() {
    return this.serial(() => this.all('SELECT * FROM journey_experiments ORDER BY created_at DESC, id').map(toJourneyExperiment));
  }

  getJourneyExperiment(id: string) {
    return this.serial(() => {
      const row = this.get('SELECT * FROM journey_experiments WHERE id = ?', [id]);
      return row ? toJourneyExperiment(row) : undefined;
    });
  }

  async promoteJourneyExperiment(id: string, variant: string, at: number) {
    await this.serial(() =>
      this.statement("UPDATE journey_experiments SET status = 'promoted', promoted_variant = ?, promoted_at = ? WHERE id = ?").run(variant, at, id),
    );
  }

  getPromotion(journeyId: string, node: string): Promise<Promotion | undefined> {
    return this.serial(() => {
      const r = this.get('SELECT * FROM experiment_promotions WHERE journey_id = ? AND node = ?', [journeyId, node]);
      return r ? { variant: String(r.variant), config: JSON.parse(String(r.config)), promotedAt: Number(r.promoted_at) } : undefined;
    });
  }

  async savePromotion(journeyId: string, node: string, p: Promotion) {
    await this.serial(() =>
      this.statement(
        `INSERT INTO experiment_promotions (journey_id, node, variant, config, promoted_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (journey_id, node) DO UPDATE SET variant = excluded.variant, config = excluded.config, promoted_at = excluded.promoted_at`,
      ).run(journeyId, node, p.variant, JSON.stringify(p.config), p.promotedAt),
    );
  }

  // The outbox, as the dispatcher and the Deliveries view use it (sqliteOutbox.ts).
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
