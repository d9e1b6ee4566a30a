import { fstatSync, statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { inboxEvent } from '../../testing/storeFixtures.ts';
import { scratchSqliteStores } from './scratchSqliteStores.ts';

/** A WAL flush the test lets finish (or fail) when it chooses, recording the file each one was asked of. */
function gatedFlush() {
  const gates: Array<{ fd: number; release: (error?: Error) => void }> = [];
  const flush = (fd: number) =>
    new Promise<void>((resolve, reject) => {
      gates.push({ fd, release: (error) => (error ? reject(error) : resolve()) });
    });
  return { flush, gates };
}

const settledWithin = async (promise: Promise<unknown>, ms: number) => {
  let settled = false;
  void promise.then(
    () => (settled = true),
    () => (settled = true),
  );
  await new Promise((r) => setTimeout(r, ms));
  return settled;
};
const until = async (check: () => boolean) => {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 5));
  expect(check()).toBe(true);
};

const openSqlite = scratchSqliteStores();
const openStore = (flush: (fd: number) => Promise<void>) => openSqlite({ flushWal: flush });

describe('SQLite commits made durable off the event loop', () => {
  it('acknowledges a write only once the WAL flush that began after its commit has finished', async () => {
    const { flush, gates } = gatedFlush();
    const { store, file } = openStore(flush);
    await store.migrate();

    const appended = store.appendEvents([inboxEvent('m1')]);
    await until(() => gates.length === 1);
    // Committed (visible to the store's next call) but not yet on disk: not acknowledged.
    expect(await settledWithin(appended, 50)).toBe(false);
    // The flush is asked of the database's WAL file itself.
    expect(fstatSync(gates[0]!.fd).ino).toBe(statSync(`${file}-wal`).ino);

    gates.shift()!.release();
    expect((await appended).stored).toBe(1);
  });

  it('serves every commit made during a flush with one more flush, not one each', async () => {
    const { flush, gates } = gatedFlush();
    const { store } = openStore(flush);
    await store.migrate();

    const first = store.appendEvents([inboxEvent('a0')]);
    await until(() => gates.length === 1);
    // Twenty writers commit (several batches, one per turn of the event loop) while the first flush is still out.
    const rest: Array<Promise<unknown>> = [];
    for (let i = 1; i <= 20; i++) {
      rest.push(store.appendEvents([inboxEvent(`a${i}`)]));
      await new Promise((r) => setImmediate(r));
    }
    expect(gates).toHaveLength(1);
    gates.shift()!.release();
    await first;
    await until(() => gates.length === 1);
    expect(await settledWithin(Promise.all(rest), 20)).toBe(false);
    gates.shift()!.release();
    await Promise.all(rest);
    expect(gates).toHaveLength(0);
  });

  it('fails the writes a failed flush would have acknowledged, so clients send them again, and carries on', async () => {
    const { flush, gates } = gatedFlush();
    const { store } = openStore(flush);
    await store.migrate();

    const lost = store.appendEvents([inboxEvent('x1')]);
    await until(() => gates.length === 1);
    gates.shift()!.release(Object.assign(new Error('EIO: i/o error, fdatasync'), { code: 'EIO' }));
    await expect(lost).rejects.toMatchObject({ code: 'EIO' });

    // The client's retry, same messageId: stored once whether or not the first commit reached the disk.
    const retried = store.appendEvents([inboxEvent('x1'), inboxEvent('x2')]);
    await until(() => gates.length === 1);
    gates.shift()!.release();
    const { stored, duplicates } = await retried;
    expect(stored + duplicates).toBe(2);
    expect(await store.pendingEvents(10)).toHaveLength(2);
  });

  it('answers a read without a flush of its own, but never before the writes it could see are on disk', async () => {
    const { flush, gates } = gatedFlush();
    const { store } = openStore(flush);
    await store.migrate();

    // Nothing written and nothing waiting: a read needs no flush.
    expect(await store.pendingEvents(10)).toEqual([]);
    expect(gates).toHaveLength(0);

    // A write committed but not yet on disk: a read that sees it waits for that write's flush, and asks no other.
    const written = store.appendEvents([inboxEvent('r1')]);
    await until(() => gates.length === 1);
    const read = store.pendingEvents(10);
    expect(await settledWithin(read, 50)).toBe(false);
    gates.shift()!.release();
    expect((await read).map((e) => e.messageId)).toEqual(['r1']);
    await written;
    expect(gates).toHaveLength(0);
  });
});
