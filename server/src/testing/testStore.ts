import { parseDatabaseUrl } from '../config.ts';
import { PostgresStore } from '../store/postgres/PostgresStore.ts';
import { SqliteStore } from '../store/sqlite/SqliteStore.ts';
import type { Store } from '../store/storeTypes.ts';
import { afterEach, beforeEach } from 'vitest';
import { scratchDatabase, type ScratchDatabase } from './testDatabase.ts';

/**
 * Opens and migrates a store on a scratch database, the way `startWaymark` would, without the rest of the
 * process: store contract tests talk to the `Store` interface directly. Opening the same database twice gives
 * two stores sharing it (two processes, for PostgreSQL). Test support only.
 */
export async function openTestStore(database: ScratchDatabase): Promise<Store> {
  const config = parseDatabaseUrl(database.url);
  const store = config.kind === 'postgres' ? new PostgresStore(config.url) : new SqliteStore(config.file);
  await store.migrate();
  return store;
}

/**
 * A fresh store on a scratch database for every test of the file, closed and dropped after it; `onOpen` hands
 * it to the test file. Call once at the top of a test file. Test support only.
 */
export function useScratchStore(onOpen: (store: Store) => void): void {
  let database: ScratchDatabase;
  let store: Store;
  beforeEach(async () => {
    database = await scratchDatabase();
    store = await openTestStore(database);
    onOpen(store);
  });
  afterEach(async () => {
    await store.close();
    await database.drop();
  });
}
