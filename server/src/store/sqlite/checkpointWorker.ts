import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/** How often the worker copies the WAL back into the database file. */
const CHECKPOINT_EVERY_MS = 200;

/**
 * The worker's whole program, plain CommonJS so it runs the same under tsx, vitest and plain node: its own
 * connection to the file, checkpointing in PASSIVE mode (never waits for, nor blocks, the writer or readers).
 */
const PROGRAM = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file, { fileMustExist: true });
db.pragma('busy_timeout = 0');
const timer = setInterval(() => {
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
  } catch (error) {
    parentPort.postMessage({ error: String(error && error.message || error) });
  }
}, workerData.everyMs);
parentPort.on('message', () => {
  clearInterval(timer);
  db.close();
  parentPort.close();
});
`;

export interface CheckpointWorker {
  stop(): Promise<void>;
}

/**
 * Copies the WAL back into the database file on another thread. SQLite's automatic checkpoint runs inside a
 * COMMIT on the writer's thread, which here is the event loop: copying the pages and flushing both files
 * stalled every request for tens of milliseconds every few seconds. The writer keeps a far larger automatic
 * checkpoint as a backstop, should this thread fall behind or die.
 */
export function startCheckpointWorker(file: string, onError: (message: string) => void): CheckpointWorker {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(PROGRAM, { eval: true, workerData: { driver, file, everyMs: CHECKPOINT_EVERY_MS } });
  worker.unref();
  worker.on('message', (m: { error?: string }) => {
    if (m.error) onError(m.error);
  });
  worker.on('error', (error) => onError(String(error)));
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  return {
    async stop() {
      worker.postMessage('stop');
      await exited;
    },
  };
}
