import { describe, expect, it } from 'vitest';
import type { Store } from '../store/storeTypes.ts';
import { inboxEvent } from '../testing/storeFixtures.ts';
import { useScratchStore } from '../testing/testStore.ts';
import { IngestQueue } from './IngestQueue.ts';

let store: Store;
useScratchStore((opened) => (store = opened));

describe('IngestQueue', () => {
  it('groups the requests that arrive during a write into the next one, and tells each caller the seq of its own last event', async () => {
    const stored: number[] = [];
    const queue = new IngestQueue(store, (r) => stored.push(r.stored));
    const [a, b, c] = await Promise.all([
      queue.append([inboxEvent('a1'), inboxEvent('a2')]),
      queue.append([inboxEvent('b1')]),
      queue.append([inboxEvent('a1')]), // a duplicate of a committed-together event: nothing of its own
    ]);
    expect(a.lastSeq).toBeGreaterThan(0);
    expect(b.lastSeq).toBeGreaterThan(a.lastSeq);
    expect(c.lastSeq).toBe(0);
    expect(stored.reduce((x, y) => x + y, 0)).toBe(3);
  });
});
