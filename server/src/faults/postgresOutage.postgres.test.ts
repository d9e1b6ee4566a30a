import pg from 'pg';
import { describe, it } from 'vitest';
import { ADMIN_POSTGRES_URL, scratchPostgres } from '../testing/testDatabase.ts';
import { startTestWaymark } from '../testing/testWaymark.ts';
import { OUTAGE_MS, useOutageScenario } from './outageScenario.ts';
import { pollUntil, sleep } from '../testing/pollUntil.ts';
import { startTcpProxy } from './tcpProxy.ts';

/*
 * PostgreSQL out of reach for a few seconds while traffic flows (the story and what must hold: `outageScenario.ts`):
 * the network to it is cut, by a TCP proxy in between that resets every connection and refuses new ones. Runs in
 * the `postgres` vitest project only; SQLite's outage is `sqliteDiskFull.sqlite.test.ts`.
 */

/** How long the PostgreSQL link hangs before its connections are reset. */
const FREEZE_MS = 300;

const scenario = useOutageScenario();

describe('PostgreSQL out of reach for a few seconds', () => {
  /** A scratch database reached through a proxy the test can cut. */
  async function proxiedScratch() {
    const database = await scratchPostgres();
    scenario.cleanups.push(() => database.drop());
    const admin = new URL(ADMIN_POSTGRES_URL);
    const proxy = await startTcpProxy(Number(admin.port || 5432), admin.hostname);
    scenario.cleanups.push(() => proxy.close());
    const url = new URL(database.url);
    url.hostname = '127.0.0.1';
    url.port = String(proxy.port);
    return { name: new URL(database.url).pathname.slice(1), url: url.toString(), proxy };
  }

  it(
    'answers 503 storage_unavailable and logs why while cut off, never crashes, loses nothing it acknowledged, and carries on after a restart',
    async () => {
      const { url, proxy } = await proxiedScratch();
      await scenario.outageThenRestart({
        store: 'postgres',
        databaseUrl: url,
        // Frozen first, so queries and transactions are caught mid-flight, then every connection reset.
        begin: () => proxy.cut(FREEZE_MS),
        end: () => proxy.restore(),
        healthFails: true,
      });
    },
    120_000,
  );

  it('listens for journey changes from other processes again once the database is back', async () => {
    const { name, url, proxy } = await proxiedScratch();
    const waymark = await startTestWaymark({ DATABASE_URL: url });
    scenario.cleanups.push(() => waymark.close());
    // The LISTEN connection, as PostgreSQL sees it: a backend on this database whose last statement was LISTEN.
    const listening = async () => {
      const admin = new pg.Client({ connectionString: ADMIN_POSTGRES_URL });
      await admin.connect();
      try {
        const { rows } = await admin.query("SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1 AND query LIKE 'LISTEN %'", [name]);
        return rows[0].n as number;
      } finally {
        await admin.end();
      }
    };
    await pollUntil('listening before the outage', 10_000, async () => (await listening()) === 1);

    await proxy.cut(FREEZE_MS);
    await sleep(OUTAGE_MS);
    await proxy.restore();
    // Without it, another process's publish, pause or experiment reaches this one only at the periodic reload.
    await pollUntil('listening again after the outage', 15_000, async () => (await listening()) === 1);
  }, 60_000);
});
