import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ADMIN_POSTGRES_URL, scratchPostgres, type ScratchDatabase } from '../../testing/testDatabase.ts';
import { listenForChanges, type PgListener } from './pgListener.ts';

let database: ScratchDatabase;
let listener: PgListener | undefined;
const dbName = () => new URL(database.url).pathname.slice(1);

async function sql(url: string, text: string, params: unknown[] = []) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(text, params)).rows;
  } finally {
    await client.end();
  }
}
const notify = (payload: string) => sql(database.url, 'SELECT pg_notify($1, $2)', ['changes', payload]);
const listening = async () => (await sql(ADMIN_POSTGRES_URL, "SELECT pid FROM pg_stat_activity WHERE datname = $1 AND query LIKE 'LISTEN %'", [dbName()])).map((r) => r.pid as number);
async function until(what: string, check: () => Promise<boolean>, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

beforeEach(async () => {
  database = await scratchPostgres();
});
afterEach(async () => {
  await listener?.stop();
  listener = undefined;
  await sql(ADMIN_POSTGRES_URL, `ALTER DATABASE ${dbName()} ALLOW_CONNECTIONS true`);
  await database.drop();
});

describe('the LISTEN connection', () => {
  it("hears other processes' announcements, not its own", async () => {
    let heard = 0;
    listener = await listenForChanges(database.url, 'changes', 'me', () => heard++);
    await notify('me');
    await notify('someone else');
    await until('the announcement heard', async () => heard === 1);
    await new Promise((r) => setTimeout(r, 200));
    expect(heard).toBe(1);
  });

  it('listens again once the database takes connections again, however many attempts that takes, and catches up once', async () => {
    let heard = 0;
    listener = await listenForChanges(database.url, 'changes', 'me', () => heard++);
    const [before] = await listening();
    // The database refuses every connection for a while, and the listening one is cut.
    await sql(ADMIN_POSTGRES_URL, `ALTER DATABASE ${dbName()} ALLOW_CONNECTIONS false`);
    await sql(ADMIN_POSTGRES_URL, 'SELECT pg_terminate_backend($1)', [before]);
    await new Promise((r) => setTimeout(r, 2_500)); // two reconnection attempts fail meanwhile
    expect(await listening()).toEqual([]);
    await sql(ADMIN_POSTGRES_URL, `ALTER DATABASE ${dbName()} ALLOW_CONNECTIONS true`);

    await until('listening again', async () => (await listening()).length === 1);
    // What was announced while nobody listened is lost, so the listener says "something changed" once.
    await until('one catch-up call', async () => heard === 1);
    await notify('someone else');
    await until('announcements heard again', async () => heard === 2);
  });

  it('stops for good when stopped, also while it is waiting to reconnect', async () => {
    listener = await listenForChanges(database.url, 'changes', 'me', () => {});
    const [pid] = await listening();
    await sql(ADMIN_POSTGRES_URL, 'SELECT pg_terminate_backend($1)', [pid]);
    await listener.stop();
    listener = undefined;
    await new Promise((r) => setTimeout(r, 1_500));
    expect(await listening()).toEqual([]);
  });

  it('fails at start when the database cannot be reached', async () => {
    await sql(ADMIN_POSTGRES_URL, `ALTER DATABASE ${dbName()} ALLOW_CONNECTIONS false`);
    await expect(listenForChanges(database.url, 'changes', 'me', () => {})).rejects.toThrow();
  });
});
