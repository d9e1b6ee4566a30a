import { describe, expect, it } from 'vitest';
import { inboxEvent } from '../../testing/storeFixtures.ts';
import { scratchSqliteStores } from './scratchSqliteStores.ts';

const openSqlite = scratchSqliteStores();

/*
 * What SQLite's group commit promises and the runtime builds on (a delivery record or a wakeup joins the commit
 * of the events arriving with it): calls made in one turn run in one transaction, in order, and are
 * acknowledged by one flush of the WAL.
 */
describe('SQLite group commit', () => {
  it('runs an apply queued right behind an append in the same commit: it sees the events, and one flush acknowledges both', async () => {
    let flushes = 0;
    const { store } = openSqlite({
      flushWal: async () => {
        flushes++;
      },
    });
    await store.migrate();

    const appended = store.appendEvents([inboxEvent('g1', 'u1'), inboxEvent('g2', 'u2')]);
    const seen: string[] = [];
    const applied = store.applyPendingEvents(
      10,
      async (tx, event) => {
        seen.push(event.messageId);
        await tx.markProcessed(event.seq, 1);
      },
      async () => {},
    );
    const claimed = store.claimDue(Date.now(), 10, 60_000);
    await Promise.all([appended, applied, claimed]);

    expect(seen).toEqual(['g1', 'g2']);
    expect(flushes).toBe(1);
  });

  it('undoes a call that fails alone in its batch, with what it deferred, and commits the next', async () => {
    const { store } = openSqlite();
    await store.migrate();
    const user = (id: string) => ({ id, traits: {}, tags: [], assignments: {}, firstSeenAt: 1, lastSeenAt: 1 });
    const failing = store.transaction(async (tx) => {
      await tx.saveUser(user('ghost'));
      await tx.appendTimeline({ userId: 'ghost', at: 1, entries: [{ kind: 'event', detail: {} }] });
      throw new Error('boom');
    });
    await expect(failing).rejects.toThrow('boom');
    await store.transaction(async (tx) => {
      await tx.saveUser(user('real'));
      await tx.appendTimeline({ userId: 'real', at: 2, entries: [{ kind: 'event', detail: {} }] });
    });
    expect(await store.getUserProfile('ghost')).toBeUndefined();
    expect(await store.userTimeline('ghost', 10)).toEqual([]);
    expect(await store.getUserProfile('real')).toMatchObject({ id: 'real' });
    expect((await store.userTimeline('real', 10)).map((e) => e.at)).toEqual([2]);
  });
});
