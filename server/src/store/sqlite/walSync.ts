import { closeSync, fdatasync, openSync } from 'node:fs';
import { promisify } from 'node:util';

const fdatasyncAsync = promisify(fdatasync);

interface Waiter {
  resolve: () => void;
  reject: (error: unknown) => void;
}

/**
 * Makes SQLite commits durable without stopping the event loop for the disk.
 *
 * The database runs in WAL mode with `synchronous = NORMAL`: a COMMIT writes its frames to the `-wal` file (so a
 * killed process loses nothing) but does not wait for the disk. This class then flushes the WAL file on libuv's
 * thread pool, and the store acknowledges a batch only once a flush that began after its COMMIT has finished:
 * an acknowledged write is on disk, as with `synchronous = FULL`, while the main thread goes on deciding the
 * next batch meanwhile. One flush covers every commit made before it started (the WAL is appended in order),
 * so flushes never queue up: whoever asks during a flush is served by the next one.
 *
 * SQLite itself still syncs the WAL before each checkpoint and the database file after it, and syncs the WAL
 * header whenever the file is reused, which is what `synchronous = NORMAL` keeps (sqlite.org/pragma.html#pragma_synchronous).
 */
export class WalSync {
  private fd: number | undefined;
  private waiting: Waiter[] = [];
  private running: Promise<void> | undefined;
  /** Whoever the flush under way will answer; a read may join them (`settled`). */
  private flushing: Waiter[] | undefined;

  constructor(
    private readonly walFile: string,
    /** The flush itself; tests slow it down or make it fail. */
    private readonly flush: (fd: number) => Promise<void> = fdatasyncAsync,
  ) {}

  /** Resolves once everything committed before this call is on disk; rejects if the disk refused the flush. */
  flushed(): Promise<void> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ resolve, reject });
      this.running ??= this.run();
    });
  }

  /**
   * For a transaction that wrote nothing: it needs no flush of its own, only that the commits it may have read
   * are on disk, so it joins the flush those commits already wait for (none pending: at once). Nobody learns of
   * a write from a read before that write is durable, and reads do not cost a flush each.
   */
  settled(): Promise<void> {
    // Writers waiting for the next flush: it covers them, so join it. Otherwise join the flush under way, if any.
    const group = this.waiting.length > 0 ? this.waiting : this.flushing;
    if (!group) return Promise.resolve();
    return new Promise((resolve, reject) => group.push({ resolve, reject }));
  }

  private async run() {
    while (this.waiting.length > 0) {
      const group = this.waiting.splice(0);
      this.flushing = group;
      try {
        this.fd ??= openSync(this.walFile, 'r');
        await this.flush(this.fd);
        for (const w of group) w.resolve();
      } catch (error) {
        for (const w of group) w.reject(error);
      }
      this.flushing = undefined;
    }
    this.running = undefined;
  }

  /** Waits for the flushes under way, then lets go of the file. */
  async close() {
    while (this.running) await this.running;
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }
}
