import { afterEach } from 'vitest';
import { scratchSqlite, type ScratchDatabase } from '../../testing/testDatabase.ts';
import { SqliteStore } from './SqliteStore.ts';

/**
 * Opens SqliteStores on fresh files, each closed and deleted after its test: for tests of what only the SQLite
 * store does (durability, checkpoints, group commit). Call once at the top of a test file. Test support only.
 */
export function scratchSqliteStores(): (options?: ConstructorParameters<typeof SqliteStore>[1]) => { store: SqliteStore; file: string } {
  const opened: Array<{ store: SqliteStore; database: ScratchDatabase }> = [];
  afterEach(async () => {
    for (const { store, database } of opened.splice(0)) {
      await store.close();
      await database.drop();
    }
  });
  return (options) => {
    const database = scratchSqlite();
    const file = database.url.slice('sqlite:'.length);
    const store = new SqliteStore(file, options);
    opened.push({ store, database });
    return { store, file };
  };
}
