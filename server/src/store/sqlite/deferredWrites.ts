import type Database from 'better-sqlite3';
import type { OutboxHandOff, OutboxMessage } from '../../delivery/outboxTypes.ts';
import type { TimelineStep } from '../storeTypes.ts';

type StatKind = 'node' | 'edge';
/** How much of each kind was deferred at a savepoint, to roll back to. */
type Mark = readonly [stats: number, timeline: number, processed: number, fired: number, leased: number];
const TIMELINE_CHUNK = 64;

/**
 * Writes that nothing reads back inside a batch (live counters and timeline step rows), held until the
 * batch commits and then written in a few statements: one upsert per counter touched and multi-row inserts for
 * the timeline, instead of one statement per step of every user. Statement overhead, not data, is what SQLite
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
  private readonly bumpNode: Database.Statement;
  private readonly bumpEdge: Database.Statement;
  private readonly inserts = new Map<number, Database.Statement>();
  private readonly markProcessed: Database.Statement;
  private readonly deleteFired: Database.Statement;

  constructor(private readonly db: Database.Database) {
    this.bumpNode = db.prepare(
      `INSERT INTO node_stats (journey_id, version, node, entered) VALUES (?, ?, ?, ?)
       ON CONFLICT (journey_id, version, node) DO UPDATE SET entered = entered + excluded.entered`,
    );
    this.bumpEdge = db.prepare(
      `INSERT INTO edge_stats (journey_id, version, edge, taken) VALUES (?, ?, ?, ?)
       ON CONFLICT (journey_id, version, edge) DO UPDATE SET taken = taken + excluded.taken`,
    );
    this.markProcessed = db.prepare(
      `UPDATE events SET processed_at = p.value ->> 1 FROM json_each(?) AS p WHERE events.seq = p.value ->> 0`,
    );
    this.deleteFired = db.prepare('DELETE FROM wakeups WHERE id IN (SELECT value FROM json_each(?))');
  }

  bump(kind: StatKind, journeyId: string, version: number, key: string) {
    this.stats.push({ kind, journeyId, version, key });
  }

  append(step: TimelineStep) {
    this.timeline.push(step);
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
    for (const c of counts.values()) (c.kind === 'node' ? this.bumpNode : this.bumpEdge).run(c.journeyId, c.version, c.key, c.n);
    for (let i = 0; i < this.timeline.length; i += TIMELINE_CHUNK) {
      const chunk = this.timeline.slice(i, i + TIMELINE_CHUNK);
      this.insertStatement(chunk.length).run(
        chunk.flatMap((step) => [step.userId, step.at, JSON.stringify(step.entries)]),
      );
    }
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

  private insertStatement(rows: number): Database.Statement {
    let statement = this.inserts.get(rows);
    if (!statement) {
      const values = Array.from({ length: rows }, () => '(?, ?, ?)').join(', ');
      statement = this.db.prepare(`INSERT INTO timeline_steps (user_id, at, entries) VALUES ${values}`);
      this.inserts.set(rows, statement);
    }
    return statement;
  }
}
