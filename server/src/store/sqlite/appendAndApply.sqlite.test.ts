import { describe, expect, it } from 'vitest';
import type { ApplyOne, FailOne, StoredEvent } from '../storeTypes.ts';
import { inboxEvent } from '../../testing/storeFixtures.ts';
import { scratchSqliteStores } from './scratchSqliteStores.ts';

const openSqlite = scratchSqliteStores();

/** Records what each step saw; `poison` names a messageId whose step throws. */
function recorder(poison?: string) {
  const seen: string[] = [];
  const failed: string[] = [];
  const apply: ApplyOne<StoredEvent> = async (tx, event) => {
    if (event.messageId === poison) throw new Error('poisoned');
    seen.push(event.messageId);
    await tx.appendTimeline({ userId: event.userId, at: 1, entries: [{ kind: 'event', detail: { messageId: event.messageId } }] });
    await tx.markProcessed(event.seq, 1);
  };
  const fail: FailOne<StoredEvent> = async (tx, event) => {
    failed.push(event.messageId);
    await tx.markProcessed(event.seq, 1);
  };
  return { seen, failed, apply, fail };
}

async function open(flushes = { n: 0 }) {
  const { store } = openSqlite({ flushWal: async () => void flushes.n++ });
  await store.migrate();
  return store;
}

describe('SQLite append and apply in one transaction', () => {
  it('applies new events in the commit that stores them: one flush, processed, nothing left pending', async () => {
    const flushes = { n: 0 };
    const store = await open(flushes);
    const r = recorder();
    const result = await store.appendAndApply([inboxEvent('a1', 'u1'), inboxEvent('a2', 'u2'), inboxEvent('a1', 'u1')], 5_000, r.apply, r.fail);

    expect(r.seen).toEqual(['a1', 'a2']);
    expect(result).toMatchObject({ stored: 2, duplicates: 1, seqs: [expect.any(Number), expect.any(Number), null] });
    expect(result.applied.map((e) => e.messageId)).toEqual(['a1', 'a2']);
    expect(result.lastSeq).toBe(result.seqs[1]);
    expect(flushes.n).toBe(1);
    expect(await store.pendingEvents(10)).toEqual([]);
    expect(await store.isProcessed(result.seqs[0]!)).toBe(true);
    expect((await store.userTimeline('u2', 10)).map((e) => e.detail.messageId)).toEqual(['a2']);
  });

  it('only appends while older events wait, so the apply loop takes every user’s events in arrival order', async () => {
    const store = await open();
    await store.appendEvents([inboxEvent('old', 'u1')]);
    const r = recorder();
    const result = await store.appendAndApply([inboxEvent('new', 'u1')], 5_000, r.apply, r.fail);

    expect(result.applied).toEqual([]);
    expect(result.stored).toBe(1);
    expect(r.seen).toEqual([]);
    expect((await store.pendingEvents(10)).map((e) => e.messageId)).toEqual(['old', 'new']);
    await store.applyPendingEvents(10, r.apply, r.fail);
    expect(r.seen).toEqual(['old', 'new']);
  });

  it('skips a duplicate of an event applied long ago, applying nothing twice', async () => {
    const store = await open();
    const r = recorder();
    await store.appendAndApply([inboxEvent('once', 'u1')], 5_000, r.apply, r.fail);
    const again = await store.appendAndApply([inboxEvent('once', 'u1')], 6_000, r.apply, r.fail);
    expect(again).toMatchObject({ stored: 0, duplicates: 1, lastSeq: 0, applied: [] });
    expect(r.seen).toEqual(['once']);
  });

  it('records a step that throws and skips it, applying the others of the group', async () => {
    const store = await open();
    const r = recorder('bad');
    const result = await store.appendAndApply([inboxEvent('ok1', 'u1'), inboxEvent('bad', 'u2'), inboxEvent('ok2', 'u3')], 5_000, r.apply, r.fail);

    expect(r.failed).toEqual(['bad']);
    // The group ran once as a whole, failed at 'bad', and again one savepoint per event.
    expect(r.seen.slice(-2)).toEqual(['ok1', 'ok2']);
    expect(result.applied).toHaveLength(3);
    expect(await store.pendingEvents(10)).toEqual([]);
    expect(await store.userTimeline('u2', 10)).toEqual([]);
    expect((await store.userTimeline('u3', 10)).map((e) => e.detail.messageId)).toEqual(['ok2']);
  });

  it('stores nothing when applying fails as a whole, so nobody is told the events were stored', async () => {
    const store = await open();
    const r = recorder('bad');
    const failing: FailOne<StoredEvent> = async () => {
      throw new Error('the failure handler failed too');
    };
    await expect(store.appendAndApply([inboxEvent('x1', 'u1'), inboxEvent('bad', 'u2')], 5_000, r.apply, failing)).rejects.toThrow(/failure handler/);
    // Nothing of the call remains: a retry of the same messageIds is stored and applied.
    const retry = await store.appendAndApply([inboxEvent('x1', 'u1')], 6_000, recorder().apply, r.fail);
    expect(retry).toMatchObject({ stored: 1, duplicates: 0 });
    expect(retry.applied.map((e) => e.messageId)).toEqual(['x1']);
  });
});
