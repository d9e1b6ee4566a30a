import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { InboxEvent } from '../storeTypes.ts';
import { SqliteStore } from './SqliteStore.ts';

const dirs: string[] = [];
function freshFile() {
  const dir = mkdtempSync(join(tmpdir(), 'waymark-store-'));
  dirs.push(dir);
  return join(dir, 'w.db');
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const event = (messageId: string, userId = 'u1'): InboxEvent => ({
  messageId,
  userId,
  kind: 'track',
  name: 'ping',
  payload: { properties: {} },
  timestamp: 1,
  receivedAt: 1,
});

async function open(file: string) {
  const store = new SqliteStore(file);
  await store.migrate();
  return store;
}

describe('SqliteStore', () => {
  it('migrates once and again without harm', async () => {
    const file = freshFile();
    await (await open(file)).close();
    const again = await open(file);
    expect(await again.listJourneys()).toEqual([]);
    await again.close();
  });

  it('keeps every acknowledged event across a reopen, skipping duplicate messageIds', async () => {
    const file = freshFile();
    const store = await open(file);
    const results = await Promise.all([store.appendEvents([event('a'), event('b')]), store.appendEvents([event('b'), event('c')])]);
    expect(results.map((r) => r.stored)).toEqual([2, 1]);
    await store.close();
    const reopened = await open(file);
    expect((await reopened.pendingEvents(10)).map((e) => e.messageId)).toEqual(['a', 'b', 'c']);
    await reopened.close();
  });

  it('rolls back only the failing call of a group-committed batch', async () => {
    const file = freshFile();
    const store = await open(file);
    const failing = store.transaction(async (tx) => {
      await tx.saveUser({ id: 'ghost', traits: {}, tags: [], assignments: {}, firstSeenAt: 1, lastSeenAt: 1 });
      throw new Error('boom');
    });
    const fine = store.transaction(async (tx) => tx.saveUser({ id: 'real', traits: { a: 1 }, tags: ['x'], assignments: {}, firstSeenAt: 1, lastSeenAt: 2 }));
    const appended = store.appendEvents([event('z')]);
    await expect(failing).rejects.toThrow('boom');
    await fine;
    await appended;
    expect(await store.getUserProfile('ghost')).toBeUndefined();
    expect(await store.getUserProfile('real')).toMatchObject({ traits: { a: 1 }, tags: ['x'] });
    expect((await store.pendingEvents(5)).map((e) => e.messageId)).toEqual(['z']);
    await store.close();
  });

  it('leases outbox rows so a second claim does not get them until the lease ends', async () => {
    const store = await open(freshFile());
    await store.transaction((tx) =>
      tx.insertOutbox([{ runId: 'r', journeyId: 'j', journeyName: 'J', userId: 'u', node: 'o1', channel: 'webhook', offer: 'X', url: 'http://x', message: 'm', cost: 1 }], 100),
    );
    expect(await store.claimDue(100, 10, 1_000)).toHaveLength(1);
    expect(await store.claimDue(500, 10, 1_000)).toHaveLength(0);
    expect(await store.claimDue(1_100, 10, 1_000)).toHaveLength(1);
    await store.markFailed(1, 'down', null, 1_200);
    expect((await store.listOutbox({ status: 'dead', limit: 5 }))[0]).toMatchObject({ attempts: 1, lastError: 'down' });
    expect(await store.retryDead(1, 1_300)).toBe(true);
    expect(await store.claimDue(1_300, 10, 1_000)).toHaveLength(1);
    await store.close();
  });
});
