import type { UserOffer } from '@waymark/shared';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createDeadLetterStore } from './deadLetterStore.ts';
import { deadOffer } from './deadOfferFixture.ts';
import { retryProgress } from './deliveryText.ts';

const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

/**
 * The outbox API as the server answers it, behind `fetch`: the dead letter lists, a retry takes a row out of
 * it, and ids in `refuse` answer 404 as a row that is not (or no longer) dead does.
 */
function fakeOutbox(offers: UserOffer[], refuse: number[] = []) {
  const dead = [...offers];
  const calls: string[] = [];
  const fetch = vi.fn(async (url: string, init?: RequestInit) => {
    const method = init?.method ?? 'GET';
    calls.push(`${method} ${url}`);
    if (method === 'GET') return json(200, { offers: [...dead] });
    const id = Number(/^\/api\/outbox\/(\d+)\/retry$/.exec(url)?.[1]);
    const i = dead.findIndex((o) => o.id === id);
    if (i < 0 || refuse.includes(id)) return json(404, { error: { code: 'not_found', message: `id: no dead-lettered offer ${id}` } });
    dead.splice(i, 1);
    return json(200, { id, status: 'pending' });
  });
  vi.stubGlobal('fetch', fetch);
  return { dead, calls };
}

describe('dead letter store', () => {
  afterEach(() => vi.unstubAllGlobals());

  it("lists the journey's dead-lettered offers, up to 100", async () => {
    const outbox = fakeOutbox([deadOffer(7, 'ann')]);
    const store = createDeadLetterStore('j1');
    expect(store.getState().offers).toBeNull();
    await store.getState().refresh();
    expect(outbox.calls).toEqual(['GET /api/outbox?status=dead&journeyId=j1&limit=100']);
    expect(store.getState().offers?.map((o) => o.id)).toEqual([7]);
  });

  it('sends one offer again: the row goes and a note says what was queued', async () => {
    const outbox = fakeOutbox([deadOffer(7, 'ann'), deadOffer(8, 'bob')]);
    const store = createDeadLetterStore('j1');
    await store.getState().refresh();
    expect(await store.getState().retry(7)).toBe(true);
    expect(outbox.calls).toContain('POST /api/outbox/7/retry');
    expect(store.getState().offers?.map((o) => o.id)).toEqual([8]);
    expect(store.getState().note).toBe('WINBACK20 for ann is queued to be sent again.');
    expect(store.getState().retrying).toEqual({});
  });

  it("keeps a refused row and shows the server's reason on it", async () => {
    fakeOutbox([deadOffer(7, 'ann')], [7]);
    const store = createDeadLetterStore('j1');
    await store.getState().refresh();
    expect(await store.getState().retry(7)).toBe(false);
    expect(store.getState().offers?.map((o) => o.id)).toEqual([7]);
    expect(store.getState().rowErrors[7]).toBe('Id: no dead-lettered offer 7');
    expect(store.getState().note).toBeNull();
  });

  it('retries all rows one at a time, saying how far it has got, and sums up', async () => {
    const outbox = fakeOutbox([deadOffer(1, 'ann'), deadOffer(2, 'bob'), deadOffer(3, 'cy')], [2]);
    const store = createDeadLetterStore('j1');
    await store.getState().refresh();
    const seen: string[] = [];
    store.subscribe((s, before) => s.progress !== before.progress && s.progress && seen.push(retryProgress(s.progress)));

    const result = await store.getState().retryAll();
    expect(outbox.calls.filter((c) => c.startsWith('POST'))).toEqual(['POST /api/outbox/1/retry', 'POST /api/outbox/2/retry', 'POST /api/outbox/3/retry']);
    expect(seen).toEqual(['Retrying 1 of 3…', 'Retrying 2 of 3…', 'Retrying 3 of 3…', '2 of 3 queued again; 1 could not be retried (see each row).']);
    expect(result).toEqual({ done: 3, total: 3, failed: 1, running: false });
    expect(store.getState().offers?.map((o) => o.id)).toEqual([2]);
    expect(Object.keys(store.getState().rowErrors)).toEqual(['2']);
    // Single retries are quiet during a retry-all: the summary says it all.
    expect(store.getState().note).toBeNull();
  });

  it('does not bring a retried row back from a list that was asked for before the retry', async () => {
    fakeOutbox([deadOffer(7, 'ann')]);
    const store = createDeadLetterStore('j1');
    await store.getState().refresh();
    // A poll leaves while the row is still dead, and its answer arrives after the retry went through.
    let answer: (response: Response) => void = () => {};
    const slow = vi.fn(() => new Promise<Response>((resolve) => (answer = resolve)));
    const fast = globalThis.fetch;
    vi.stubGlobal('fetch', slow);
    const poll = store.getState().refresh();
    vi.stubGlobal('fetch', fast);
    await store.getState().retry(7);
    answer(json(200, { offers: [deadOffer(7, 'ann')] }));
    await poll;
    expect(store.getState().offers).toEqual([]);

    // Asked after the retry: if the offer failed for good again, it is back.
    vi.stubGlobal('fetch', async () => json(200, { offers: [deadOffer(7, 'ann')] }));
    await store.getState().refresh();
    expect(store.getState().offers?.map((o) => o.id)).toEqual([7]);
  });

  it('keeps the last list when a refresh fails, and starts over on reload', async () => {
    fakeOutbox([deadOffer(7, 'ann')]);
    const store = createDeadLetterStore('j1');
    await store.getState().refresh();
    vi.stubGlobal('fetch', async () => json(503, { error: { code: 'unavailable', message: 'storage is busy' } }));
    await store.getState().refresh();
    expect(store.getState().offers?.map((o) => o.id)).toEqual([7]);
    expect(store.getState().error).toMatchObject({ status: 503, code: 'unavailable' });

    const reloading = store.getState().reload();
    expect(store.getState()).toMatchObject({ offers: null, error: null });
    await reloading;
    expect(store.getState().offers).toBeNull();
    expect(store.getState().error).toMatchObject({ status: 503 });
  });
});
