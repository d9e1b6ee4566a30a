import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { startCheckpointWorker, type CheckpointWorker } from './checkpointWorker.ts';
import { DeferredWrites } from './deferredWrites.ts';
import { WalSync } from './walSync.ts';

type Row = Record<string, unknown>;

interface QueuedCall {
  fn: () => unknown;
  /** False for a call that is one statement, or reads only: SQLite undoes a failed statement by itself. */
  savepoint: boolean;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

/** Calls per transaction at most, so one batch cannot hold the write lock for long. */
const MAX_BATCH = 500;

export interface SqliteConnectionOptions {
  /** The WAL flush, for tests that slow it down or make it fail. */
  flushWal?: (fd: number) => Promise<void>;
  /** Told when the checkpoint thread fails (the writer's own, rarer checkpoints then keep the WAL bounded). */
  onCheckpointError?: (message: string) => void;
}

/**
 * The one connection to an SQLite file in WAL mode, and the group-commit queue every call goes through.
 * better-sqlite3 is synchronous, so calls run one after the other; those queued in one turn of the event loop
 * share one transaction, and each settles only once `WalSync` has flushed that commit to disk.
 */
export class SqliteConnection {
  readonly db: Database.Database;
  private queue: QueuedCall[] = [];
  private draining: Promise<void> | undefined;
  /** Starts a batch for calls queued by `callSoon` if no other call has by then. */
  private lateTimer: NodeJS.Timeout | undefined;
  private deferred: DeferredWrites | undefined;
  private readonly statements = new Map<string, Database.Statement>();

  private readonly wal: WalSync | undefined;
  private readonly checkpoints: CheckpointWorker | undefined;

  constructor(file: string, options: SqliteConnectionOptions = {}) {
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    // Commits are made durable by `WalSync` before anyone is told, without holding the event loop for the disk.
    this.db.pragma('synchronous = NORMAL');
    if (file !== ':memory:') {
      this.wal = new WalSync(`${file}-wal`, options.flushWal);
      // Checkpoints run on their own thread (`checkpointWorker.ts`); this connection's are only a backstop.
      this.db.pragma('wal_autocheckpoint = 10000');
      this.checkpoints = startCheckpointWorker(file, options.onCheckpointError ?? (() => {}));
    }
    this.db.pragma('busy_timeout = 5000');
    this.db.pragma('foreign_keys = OFF');
    // A batch's savepoint journal passes SQLite's 64 KiB spill size; on disk that is a temporary file opened,
    // unlinked and written with a pwrite per page (~4 syscalls an event in figure 1). Memory is what it needs.
    this.db.pragma('temp_store = MEMORY');
  }

  /**
   * Group commit. Every call joins a queue; the queue drains in batches, each batch one transaction, each call
   * inside it a savepoint (a failing call rolls back alone). A call's promise settles only after its batch has
   * committed, so an acknowledgement still means "on disk", but one fsync now covers every ingest request,
   * runtime step and outbox update that arrived together.
   */
  call<T>(fn: () => T | Promise<T>, savepoint = true): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ fn, savepoint, resolve: resolve as (value: unknown) => void, reject });
      clearTimeout(this.lateTimer);
      this.lateTimer = undefined;
      this.draining ??= this.drain();
    });
  }

  /**
   * A call that needs no transaction of its own: it joins the next batch that another call starts, or starts
   * one itself after `withinMs`. For writes nobody waits on soon (a delivery's record, while the offer's lease
   * holds it): at a steady trickle of events a commit and a disk flush each would otherwise be spent on them.
   */
  callSoon<T>(fn: () => T | Promise<T>, withinMs: number, savepoint = true): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ fn, savepoint, resolve: resolve as (value: unknown) => void, reject });
      if (this.draining || this.lateTimer) return;
      this.lateTimer = setTimeout(() => {
        this.lateTimer = undefined;
        this.draining ??= this.drain();
      }, withinMs);
    });
  }

  private async drain(): Promise<void> {
    // Let the calls that arrive in this turn of the event loop join the first batch.
    await new Promise((resolve) => setImmediate(resolve));
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0, MAX_BATCH);
      const settle: Array<{ op: QueuedCall; ok: true; value: unknown } | { op: QueuedCall; ok: false; error: unknown }> = [];
      try {
        const changesBefore = this.totalChanges();
        this.run('BEGIN IMMEDIATE');
        // A call alone in its batch needs no savepoint: if it fails, the transaction is rolled back instead (below).
        const alone = batch.length === 1;
        for (const op of batch) {
          if (!op.savepoint || alone) {
            try {
              settle.push({ op, ok: true, value: await op.fn() });
            } catch (error) {
              // SQLite rolled everything back itself (see below), or the call is alone and had no savepoint of its
              // own: either way the whole batch fails, and the catch below rolls back what is left.
              if (!this.db.inTransaction || op.savepoint) throw error;
              settle.push({ op, ok: false, error });
            }
            continue;
          }
          this.run('SAVEPOINT op');
          const mark = this.deferred?.mark();
          try {
            const value = await op.fn();
            this.run('RELEASE op');
            settle.push({ op, ok: true, value });
          } catch (error) {
            // I/O errors, a full disk or a read-only file make SQLite roll the whole transaction back itself: the
            // savepoint is gone with every call before this one. Fail the batch with the cause, not a missing savepoint.
            if (!this.db.inTransaction) throw error;
            this.run('ROLLBACK TO op');
            this.run('RELEASE op');
            if (mark) this.deferred?.rollbackTo(mark);
            settle.push({ op, ok: false, error });
          }
        }
        this.deferred?.flush();
        const wrote = this.totalChanges() !== changesBefore;
        this.run('COMMIT');
        const leased = this.deferred?.takeLeased();
        // The next batch is decided while this one's flush runs; nobody hears of this one before it is on disk.
        const durable = (wrote ? this.wal?.flushed() : this.wal?.settled()) ?? Promise.resolve();
        durable.then(
          () => {
            if (leased && (leased.messages.length > 0 || leased.leftForPoll)) this.deferred?.handOff?.take(leased.messages, leased.leftForPoll);
            for (const s of settle) if (s.ok) s.op.resolve(s.value);
            else s.op.reject(s.error);
          },
          (error: unknown) => {
            // Committed but maybe not on disk: not acknowledged, so a client sends it again (messageIds dedupe).
            for (const s of settle) s.op.reject(s.ok ? error : s.error);
          },
        );
      } catch (error) {
        // The commit itself failed (disk full, I/O error), or the one call of the batch did: nothing in the batch
        // is durable, so nobody is told it is.
        if (this.db.inTransaction) this.db.exec('ROLLBACK');
        this.deferred?.discard(true);
        for (const op of batch) op.reject(error);
      }
    }
    this.draining = undefined;
  }

  /** Rows changed by this connection since it opened: a batch that leaves it as it was wrote nothing. */
  private totalChanges(): number {
    return this.statement('SELECT total_changes()').pluck().get() as number;
  }

  /** Each SQL text is prepared once and reused: preparing costs more than running most of these queries. */
  statement(sql: string): Database.Statement {
    let stmt = this.statements.get(sql);
    if (!stmt) {
      stmt = this.db.prepare(sql);
      this.statements.set(sql, stmt);
    }
    return stmt;
  }

  /** Runs a prepared control statement (savepoints): `exec` would parse the SQL again every time. */
  run(sql: string) {
    this.statement(sql).run();
  }

  all(sql: string, params: unknown[] | Row = []): Row[] {
    return this.statement(sql).all(params as never) as Row[];
  }

  get(sql: string, params: unknown[] | Row = []): Row | undefined {
    return this.statement(sql).get(params as never) as Row | undefined;
  }

  /** Counters and timeline rows of the steps in the current batch, written at its commit (`DeferredWrites`). */
  get deferredWrites(): DeferredWrites {
    return (this.deferred ??= new DeferredWrites(this.db));
  }

  /** Waits for the calls queued and the flushes under way, then closes the file and the checkpoint thread. */
  async close() {
    if (this.lateTimer) {
      clearTimeout(this.lateTimer);
      this.lateTimer = undefined;
      this.draining ??= this.drain();
    }
    while (this.draining) await this.draining;
    await this.wal?.close();
    await this.checkpoints?.stop();
    this.db.close();
  }
}
