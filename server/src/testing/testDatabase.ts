import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

/** The PostgreSQL the machines run (trust auth); `test` serves only as the connection that creates and drops. */
export const ADMIN_POSTGRES_URL = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** Which store the server tests run on: `WAYMARK_TEST_STORE=postgres` (the `postgres` vitest project) or SQLite. */
export const testStore = (): 'sqlite' | 'postgres' => (process.env.WAYMARK_TEST_STORE === 'postgres' ? 'postgres' : 'sqlite');

export interface ScratchDatabase {
  /** A DATABASE_URL for Waymark. */
  url: string;
  kind: 'sqlite' | 'postgres';
  drop(): Promise<void>;
}

async function admin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: ADMIN_POSTGRES_URL });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** A fresh PostgreSQL database, dropped (connections and all) by `drop`. */
export async function scratchPostgres(): Promise<ScratchDatabase> {
  const name = `waymark_t_${process.pid}_${randomBytes(4).toString('hex')}`;
  await admin((c) => c.query(`CREATE DATABASE ${name}`));
  const url = new URL(ADMIN_POSTGRES_URL);
  url.pathname = `/${name}`;
  return { url: url.toString(), kind: 'postgres', drop: () => admin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined) };
}

const SCRATCH_NAME = /^waymark_t_(\d+)_[0-9a-f]{8}$/;

/** Whether a process with this id runs on this machine (EPERM: it does, as another user). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Drops the scratch databases whose creating process is gone: a test process killed before its `drop` (a
 * timeout, Ctrl-C) would otherwise leave its database behind for good. Databases of live processes, whoever
 * started them, are left alone. Returns the names dropped.
 */
export async function dropOrphanedScratchDatabases(): Promise<string[]> {
  return admin(async (client) => {
    const { rows } = await client.query<{ datname: string }>("SELECT datname FROM pg_database WHERE datname LIKE 'waymark\\_t\\_%'");
    const orphaned = rows.map((r) => r.datname).filter((name) => {
      const pid = SCRATCH_NAME.exec(name)?.[1];
      return pid !== undefined && !alive(Number(pid));
    });
    for (const name of orphaned) await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    return orphaned;
  });
}

/** A fresh SQLite file in its own folder, removed by `drop`. */
export function scratchSqlite(): ScratchDatabase {
  const dir = mkdtempSync(join(tmpdir(), 'waymark-test-'));
  return { url: `sqlite:${join(dir, 'waymark.db')}`, kind: 'sqlite', drop: async () => rmSync(dir, { recursive: true, force: true }) };
}

/** A fresh database on the store under test; pass its `url` again to restart on the same data. Test support only. */
export function scratchDatabase(kind = testStore()): Promise<ScratchDatabase> {
  return kind === 'postgres' ? scratchPostgres() : Promise.resolve(scratchSqlite());
}
