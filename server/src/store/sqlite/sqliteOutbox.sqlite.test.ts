import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { inboxEvent, outboxRow, T0 } from '../../testing/storeFixtures.ts';
import { scratchSqliteStores } from './scratchSqliteStores.ts';

const openSqlite = scratchSqliteStores();

describe('SQLite delivery records', () => {
  it('records later deliveries after a transaction failed before it could record earlier ones', async () => {
    const { store, file } = openSqlite();
    await store.migrate();
    await store.transaction((tx) => tx.insertOutbox([outboxRow('r1'), outboxRow('r2')], T0));
    const [first, second] = await store.claimDue(T0, 10, 60_000);
    // Another connection holds the write lock, so the transaction carrying the first record cannot begin.
    (store as unknown as { c: { db: Database.Database } }).c.db.pragma('busy_timeout = 20');
    const other = new Database(file);
    other.exec('BEGIN IMMEDIATE');
    await expect(store.markSent(first!.id, T0 + 1)).rejects.toThrow(/locked|busy/i);
    other.exec('COMMIT');
    other.close();

    await store.markSent(second!.id, T0 + 2);
    await store.markSent(first!.id, T0 + 3);
    const offers = new Map((await store.userOffers('u1')).map((o) => [o.id, o]));
    expect(offers.get(first!.id)).toMatchObject({ status: 'sent', sentAt: T0 + 3 });
    expect(offers.get(second!.id)).toMatchObject({ status: 'sent', sentAt: T0 + 2 });
  });

  it('records a delivery in the next transaction events start, with no commit or flush of its own', async () => {
    let flushes = 0;
    const { store } = openSqlite({ flushWal: async () => void flushes++ });
    await store.migrate();
    await store.transaction((tx) => tx.insertOutbox([outboxRow('r1')], T0));
    const [offer] = await store.claimDue(T0, 10, 60_000);
    flushes = 0;

    const recorded = store.markSent(offer!.id, T0 + 1);
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(flushes).toBe(0); // waiting for company, well within its limit
    await Promise.all([recorded, store.appendEvents([inboxEvent('e1', 'u2')])]);
    expect(flushes).toBe(1);
    expect((await store.userOffers('u1'))[0]).toMatchObject({ status: 'sent', sentAt: T0 + 1 });
  });

  it('records a delivery on its own soon when no other transaction comes', async () => {
    const { store } = openSqlite();
    await store.migrate();
    await store.transaction((tx) => tx.insertOutbox([outboxRow('r1')], T0));
    const [offer] = await store.claimDue(T0, 10, 60_000);
    await store.markSent(offer!.id, T0 + 1);
    expect((await store.userOffers('u1'))[0]).toMatchObject({ status: 'sent', sentAt: T0 + 1 });
  });

  it('writes a waiting delivery record before it closes', async () => {
    const { store, file } = openSqlite();
    await store.migrate();
    await store.transaction((tx) => tx.insertOutbox([outboxRow('r1')], T0));
    const [offer] = await store.claimDue(T0, 10, 60_000);
    const recorded = store.markSent(offer!.id, T0 + 1);
    await store.close();
    await recorded;
    const db = new Database(file, { readonly: true });
    expect(db.prepare('SELECT status FROM outbox WHERE id = ?').pluck().get(offer!.id)).toBe('sent');
    db.close();
  });
});
