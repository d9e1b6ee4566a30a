import { describe, expect, it } from 'vitest';
import { outboxRow, T0 } from '../testing/storeFixtures.ts';
import { testStore } from '../testing/testDatabase.ts';
import { useScratchStore } from '../testing/testStore.ts';
import type { Store } from './storeTypes.ts';

/* The transactional outbox as the dispatcher and the Deliveries view use it, on the store under test. */

let store: Store;
useScratchStore((opened) => (store = opened));

describe(`the ${testStore()} store's outbox`, () => {
  it('leases due rows so a second claim does not get them until the lease ends', async () => {
    await store.transaction((tx) => tx.insertOutbox([outboxRow('r1')], 100));
    const [claimed] = await store.claimDue(100, 10, 1_000);
    // Every field of the row comes back as written, with its id, no attempts yet, and when it was made.
    expect(claimed).toEqual({ id: claimed?.id, ...outboxRow('r1'), attempts: 0, createdAt: 100 });
    const id = claimed!.id;
    expect(await store.claimDue(500, 10, 1_000)).toHaveLength(0);
    expect(await store.claimDue(1_100, 10, 1_000)).toHaveLength(1);
    await store.markFailed(id, 'down', null, 1_200);
    expect((await store.listOutbox({ status: 'dead', limit: 5 }))[0]).toMatchObject({ id, status: 'dead', attempts: 1, lastError: 'down' });
    expect(await store.retryDead(id, 1_300)).toBe(true);
    expect(await store.retryDead(id, 1_300)).toBe(false);
    expect(await store.claimDue(1_300, 10, 1_000)).toMatchObject([{ id, attempts: 0 }]);
  });

  it('retries a failed send later, counting the attempt and releasing the lease', async () => {
    await store.transaction((tx) => tx.insertOutbox([outboxRow('r1')], 100));
    const [claimed] = await store.claimDue(100, 10, 60_000);
    await store.markFailed(claimed!.id, 'HTTP 503', 2_000, 200);
    expect(await store.claimDue(1_999, 10, 60_000)).toEqual([]);
    expect(await store.claimDue(2_000, 10, 60_000)).toMatchObject([{ id: claimed!.id, attempts: 1 }]);
    await store.markSent(claimed!.id, 2_100);
    expect(await store.claimDue(99_999, 10, 1_000)).toEqual([]);
    expect(await store.userOffers('u1')).toEqual([
      { id: claimed!.id, journeyId: 'j1', userId: 'u1', runId: 'r1', node: 'o1', channel: 'webhook', offer: 'TEN', status: 'sent', attempts: 2, lastError: 'HTTP 503', createdAt: 100, sentAt: 2_100 },
    ]);
  });

  it('claims the oldest due rows first, up to the limit, and sends rows that can never be sent to the dead letter', async () => {
    await store.transaction((tx) =>
      tx.insertOutbox(
        [outboxRow('r1'), outboxRow('r2', { channel: 'email', url: undefined, to: 'a@example.com', subject: 'Hi' }), outboxRow('r3', { deadReason: 'template: unknown tag' })],
        T0,
      ),
    );
    await store.transaction((tx) => tx.insertOutbox([outboxRow('r4', { journeyId: 'j2', userId: 'u2' })], T0 - 10));
    const claimed = await store.claimDue(T0, 2, 1_000);
    expect(claimed.map((m) => m.runId)).toEqual(['r4', 'r1']);
    expect((await store.claimDue(T0, 10, 1_000)).map((m) => [m.runId, m.channel, m.to, m.subject, m.url])).toEqual([['r2', 'email', 'a@example.com', 'Hi', undefined]]);

    expect((await store.listOutbox({ status: 'dead', limit: 10 })).map((o) => [o.runId, o.lastError])).toEqual([['r3', 'template: unknown tag']]);
    expect((await store.listOutbox({ journeyId: 'j2', limit: 10 })).map((o) => o.runId)).toEqual(['r4']);
    expect((await store.listOutbox({ limit: 2 })).map((o) => o.runId)).toEqual(['r4', 'r3']);
    expect((await store.listOutbox({ journeyId: 'j1', status: 'pending', limit: 10 })).map((o) => o.runId)).toEqual(['r2', 'r1']);
  });

  it('records deliveries reported together, each at its own time, and only those', async () => {
    await store.transaction((tx) => tx.insertOutbox(Array.from({ length: 30 }, (_, i) => outboxRow(`r${i}`, { userId: 'u-many' })), 100));
    const claimed = await store.claimDue(100, 30, 60_000);
    expect(claimed).toHaveLength(30);
    const [kept, ...sent] = claimed;
    await Promise.all(sent.map((m, i) => store.markSent(m.id, 1_000 + i)));
    const offers = await store.userOffers('u-many');
    const byId = new Map(offers.map((o) => [o.id, o]));
    sent.forEach((m, i) => expect(byId.get(m.id)).toMatchObject({ status: 'sent', attempts: 1, sentAt: 1_000 + i }));
    expect(byId.get(kept!.id)).toMatchObject({ status: 'pending', attempts: 0, sentAt: null });
    // Recorded rows are no longer leased out, and none of them is due again.
    expect((await store.claimDue(99_999_999, 30, 1_000)).map((m) => m.id)).toEqual([kept!.id]);
  });
});
