import { statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { inboxEvent } from '../../testing/storeFixtures.ts';
import { scratchSqliteStores } from './scratchSqliteStores.ts';

const openSqlite = scratchSqliteStores();

const until = async (check: () => boolean) => {
  for (let i = 0; i < 1_000 && !check(); i++) await new Promise((r) => setTimeout(r, 5));
  expect(check()).toBe(true);
};

describe('SQLite checkpoints on their own thread', () => {
  it('copies committed pages from the WAL into the database file without the writer checkpointing', async () => {
    const { store, file } = openSqlite();
    await store.migrate();
    const before = statSync(file).size;
    // About 2 MB of events: far below the writer's own backstop (10,000 pages, 40 MB), so only the thread copies them.
    const payload = { properties: { note: 'x'.repeat(1_000) } };
    for (let b = 0; b < 20; b++) await store.appendEvents(Array.from({ length: 100 }, (_, i) => inboxEvent(`c${b}-${i}`, 'u1', { payload })));
    await until(() => statSync(file).size > before + 1_000_000);
  });
});
