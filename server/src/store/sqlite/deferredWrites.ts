import type Database from 'better-sqlite3';
import type { OutboxHandOff, OutboxMessage } from '../../delivery/outboxTypes.ts';
import type { TimelineStep } from '../storeTypes.ts';

type StatKind = 'node' | 'edge';
/** How much of each kind was deferred at a savepoint, to roll back to. */
type Mark = readonly [stats: number, timeline: number, processed: number, fired: number, leased: number];
/** Rows per multi-row statement at most (SQLite binds at most 32,766 parameters). */
const CHUNK = 64;
const MULTI_ROW = {
  node: {
    into: 'node_stats',
    columns: ['journey_id', 'version', 'node', 'entered'],
    then: 'ON CONFLICT (journey_id, version, node) DO UPDATE SET entered = entered + excluded.entered',
  },
  edge: {
    into: 'edge_stats',
    columns: ['journey_id', 'version', 'edge', 'taken'],
    then: 'ON CONFLICT (journey_id, version, edge) DO UPDATE SET taken = taken + excluded.taken',
  },
  timeline: { into: 'timeline_steps', columns: ['user_id', 'at', 'entries'], then: '' },
} as const;

/**
 * Writes that nothing reads back inside a batch (live counters and timeline step rows), held until the
 * batch commits and then written in a few multi-row statements (one per table, per 64 rows: the counters summed,
 * then added to) instead of one statement per counter and step of every user. Statement overhead, not data, is what SQLite
 * spends its time on here. A rolled-back savepoint drops what it had deferred (`mark` / `rollbackTo`).
 *
 * Inbox events marked processed and wakeups fired are held too, but only until the call that applied them ends
 * (`flushApplied`): the next call in the same transaction reads the inbox and the due wakeups, and must not see
 * them again.
 *
 * It also keeps the outbox rows the batch wrote leased for the hand-off (`OutboxHandOff`), to be handed over
 * once the batch is on disk (`takeLeased`), never before and never if it fails.
 */
export class DeferredWrites {
  private stats: Array<{ kind: StatKind; journeyId: string; version: number; key: string }> = [];
  private timeline: TimelineStep[] = [];
  private processed: Array<[seq: number, at: number]> = [];
  private fired: number[] = [];
  private leased: OutboxMessage[] = [];
  private leftForPoll = false;
  /** Where committed offers go at once, when a dispatcher has asked for them. */
  handOff: OutboxHandOff | undefined;
  /** Multi-row statements by table and row count, prepared on first use. */
  private readonly multiRow = new Map<string, Database.Statement>();
  private readonly markProcessed: Database.Statement;
  private readonly deleteFired: Database.Statement;

  constructor(private readonly db: Database.Database) {
    this.markProcessed = db.prepare(
      `UPDATE events SET processed_at = p.value ->> 1 FROM json_each(?) AS p WHERE events.seq = p.value ->> 0`,
    );
    this.deleteFired = db.prepare('DELETE FROM wakeups WHERE id IN (SELECT value FROM json_each(?))');
  }

  bump(kind: StatKind, journeyId: string, version: number, key: string) {
    this.stats.push({ kind, journeyId, version, key });
  }

  append(step: TimelineStep) {
    // A step row always holds an entry: `userTimeline` reads `limit` rows for `limit` entries.
    if (step.entries.length > 0) this.timeline.push(step);
  }

  processedAt(seq: number, at: number) {
    this.processed.push([seq, at]);
  }

  wakeupFired(id: number) {
    this.fired.push(id);
  }

  /**
   * Whether the next outbox row may be written leased to the hand-off: only while it has room for it and the
   * rows already leased in this batch. Otherwise the row is written unleased and noted for the poll.
   */
  leaseNext(): boolean {
    const ok = this.handOff !== undefined && this.handOff.room() > this.leased.length;
    if (!ok) this.leftForPoll = true;
    return ok;
  }

  leasedRow(message: OutboxMessage) {
    this.leased.push(message);
  }

  /** The rows leased in the batch just made durable, for the hand-off; the next batch starts empty. */
  takeLeased(): { messages: OutboxMessage[]; leftForPoll: boolean } {
    const taken = { messages: this.leased, leftForPoll: this.leftForPoll };
    this.leased = [];
    this.leftForPoll = false;
    return taken;
  }

  mark(): Mark {
    return [this.stats.length, this.timeline.length, this.processed.length, this.fired.length, this.leased.length];
  }

  rollbackTo([stats, timeline, processed, fired, leased]: Mark) {
    this.stats.length = stats;
    this.timeline.length = timeline;
    this.processed.length = processed;
    this.fired.length = fired;
    this.leased.length = leased;
  }

  /** Marks the held inbox events processed and deletes the fired wakeups: one statement each. */
  flushApplied() {
    if (this.processed.length > 0) this.markProcessed.run(JSON.stringify(this.processed));
    if (this.fired.length > 0) this.deleteFired.run(JSON.stringify(this.fired));
    this.processed = [];
    this.fired = [];
  }

  /** Writes everything deferred; called inside the open transaction, right before COMMIT. */
  flush() {
    this.flushApplied();
    const counts = new Map<string, { kind: StatKind; journeyId: string; version: number; key: string; n: number }>();
    for (const s of this.stats) {
      const id = `${s.kind}\u0000${s.journeyId}\u0000${s.version}\u0000${s.key}`;
      const c = counts.get(id);
      if (c) c.n++;
      else counts.set(id, { ...s, n: 1 });
    }
    const bumps = [...counts.values()];
    for (const kind of ['node', 'edge'] as const) {
      this.insertRows(kind, bumps.filter((c) => c.kind === kind).map((c) => [c.journeyId, c.version, c.key, c.n]));
    }
    this.insertRows('timeline', this.timeline.map((step) => [step.userId, step.at, JSON.stringify(step.entries)]));
    this.discard();
  }

  /** Drops what the batch deferred; `all` also drops its leased rows (the batch failed, so they do not exist). */
  discard(all = false) {
    this.stats = [];
    this.timeline = [];
    this.processed = [];
    this.fired = [];
    if (all) this.takeLeased();
  }

  /**
   * Writes rows into one table with as few statements as there are chunks of `CHUNK` rows: each statement
   * costs more than the rows it writes. Counters are added to (a counter appears once: `flush` sums them first).
   */
  private insertRows(table: keyof typeof MULTI_ROW, rows: unknown[][]) {
    for (let i = 0; i < rows.length; i += CHUNK) {
      const chunk = rows.slice(i, i + CHUNK);
      const key = `${table}:${chunk.length}`;
      let statement = this.multiRow.get(key);
      if (!statement) {
        const { into, columns, then } = MULTI_ROW[table];
        const tuple = `(${columns.map(() => '?').join(', ')})`;
        statement = this.db.prepare(`INSERT INTO ${into} (${columns.join(', ')}) VALUES ${Array.from({ length: chunk.length }, () => tuple).join(', ')} ${then}`);
        this.multiRow.set(key, statement);
      }
      statement.run(chunk.flat());
    }
  }
}
