import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';

/**
 * How long one small durable SQLite commit takes here (WAL write and its fsync, as `synchronous = FULL` does it in
 * line; the server does the same flush off the event loop): this disk figure varies between (virtual) machines.
 */
function commitMs(commits = 200): number {
  const dir = mkdtempSync(join(tmpdir(), 'waymark-fsync-'));
  try {
    const db = new Database(join(dir, 'probe.db'));
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.exec('CREATE TABLE t (v TEXT)');
    const insert = db.prepare('INSERT INTO t VALUES (?)');
    const start = performance.now();
    for (let i = 0; i < commits; i++) insert.run('x'.repeat(200));
    const ms = (performance.now() - start) / commits;
    db.close();
    return ms;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * One line naming the machine the figures were measured on: CPU model, cores, RAM, Node version, date, and what
 * else bears on them: the load average when the run began (other work takes CPU from the benches) and the
 * time of one durable SQLite commit.
 */
export function machineInfo(date = new Date()): string {
  let model = cpus()[0]?.model ?? 'unknown CPU';
  try {
    model = /^model name\s*:\s*(.+)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1]?.trim() ?? model;
  } catch {
    // not Linux: os.cpus() already named it
  }
  const ram = `${(totalmem() / 1024 ** 3).toFixed(1)} GB RAM`;
  const when = date.toISOString().slice(0, 16).replace('T', ' ');
  return (
    `${model}, ${availableParallelism()} cores, ${ram}, Node ${process.version}, ${when} UTC; ` +
    `load average ${loadavg()[0]?.toFixed(2)} at start; one durable SQLite commit (WAL write + fsync) ${commitMs().toFixed(2)} ms`
  );
}
