import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { journey, webhookOffer } from '../testing/journeyFixtures.ts';
import { startTestWaymark, type TestWaymark } from '../testing/testWaymark.ts';
import { startWebhookTestTarget, type WebhookTestTarget } from './webhookTestTarget.ts';

/*
 * A failing webhook end to end, on a real server and the store under test: track → offer → a real HTTP target
 * that answers 500 → retries with backoff → dead letter in GET /api/outbox → POST /api/outbox/:id/retry → sent.
 * The backoff itself is not shortened (2 s, 4 s …, ±20%); only the attempts are, so the test takes ~6 s.
 */

const MAX_ATTEMPTS = 3;
// The least each wait after the n-th failure may be (backoff.ts: 2 s doubling, less at most 20% jitter).
const MIN_GAP_MS = [1_600, 3_200];

let wm: TestWaymark;
let target: WebhookTestTarget;
let answer = 500;

beforeAll(async () => {
  target = await startWebhookTestTarget((_request, response) => {
    response.writeHead(answer).end(answer === 500 ? 'boom' : undefined);
  });
  wm = await startTestWaymark({}, { maxAttempts: MAX_ATTEMPTS });
});

afterAll(async () => {
  await wm?.close();
  await target?.close();
});

interface OutboxOffer {
  id: number;
  userId: string;
  offer: string;
  status: 'pending' | 'sent' | 'dead';
  attempts: number;
  lastError: string | null;
}

async function outbox(status: OutboxOffer['status'], journeyId: string): Promise<OutboxOffer[]> {
  const res = await wm.api(`/api/outbox?status=${status}&journeyId=${journeyId}`);
  expect(res.status).toBe(200);
  return res.body.offers;
}

describe('a webhook target that answers 500', () => {
  it('is retried with growing gaps, dead-lettered after maxAttempts, listed, and delivered once retried', async () => {
    const created = await wm.api('/api/journeys', {
      body: journey('dead letter', [['t1', 'trigger', { event: 'dl_go' }], ['o1', 'offer', webhookOffer('DL50', target.url('/hook'))], ['x1', 'exit']], [['t1', 'o1'], ['o1', 'x1']]),
    });
    expect(created.status).toBe(201);
    const journeyId: string = created.body.id;
    expect((await wm.api(`/api/journeys/${journeyId}/publish`, { method: 'POST' })).status).toBe(200);

    expect((await wm.ingest('/v1/track', { userId: 'dl-1', event: 'dl_go' })).status).toBeLessThan(300);

    // Dead within 2.4 s + 4.8 s of backoff at most, plus polling; 15 s leaves room for a slow machine.
    await expect.poll(async () => (await outbox('dead', journeyId)).length, { timeout: 15_000, interval: 100, message: 'the offer to reach the dead letter' }).toBe(1);
    const [dead] = await outbox('dead', journeyId);
    expect(dead).toMatchObject({ userId: 'dl-1', offer: 'DL50', status: 'dead', attempts: MAX_ATTEMPTS });
    expect(dead!.lastError).toMatch(/answered HTTP 500/);
    expect(await outbox('pending', journeyId)).toEqual([]);

    // Exactly maxAttempts, all the same message, each wait at least its scheduled minimum and longer than the last.
    expect(target.received).toHaveLength(MAX_ATTEMPTS);
    const id = `msg_${dead!.id}`;
    expect(target.received.map((r) => r.headers['webhook-id'])).toEqual(Array(MAX_ATTEMPTS).fill(id));
    const arrivals = target.received.map((r) => r.at);
    const gaps = arrivals.slice(1).map((at, i) => at - arrivals[i]!);
    gaps.forEach((gap, i) => expect(gap, `gap after attempt ${i + 1} (${gaps.join(', ')} ms)`).toBeGreaterThanOrEqual(MIN_GAP_MS[i]!));
    expect(gaps[1], `backoff grows (${gaps.join(', ')} ms)`).toBeGreaterThan(gaps[0]!);

    // Dead is final: nothing more goes out on its own.
    await new Promise((r) => setTimeout(r, 500));
    expect(target.received).toHaveLength(MAX_ATTEMPTS);

    answer = 204;
    const retried = await wm.api(`/api/outbox/${dead!.id}/retry`, { method: 'POST' });
    expect(retried).toEqual({ status: 200, body: { id: dead!.id, status: 'pending' } });

    await expect.poll(async () => (await outbox('sent', journeyId)).map((o) => o.id), { timeout: 5_000, interval: 50, message: 'the retried offer to be sent' }).toEqual([dead!.id]);
    expect(await outbox('dead', journeyId)).toEqual([]);
    expect(target.received).toHaveLength(MAX_ATTEMPTS + 1);
    expect(target.received.at(-1)!.headers['webhook-id']).toBe(id);
    expect(JSON.parse(target.received.at(-1)!.body)).toMatchObject({ type: 'offer.sent', id, userId: 'dl-1', offer: 'DL50' });

    // A retry resets the count (retryDead sets attempts = 0), so the sent row shows the one attempt since.
    const [sent] = await outbox('sent', journeyId);
    expect(sent!.attempts).toBe(1);

    // A sent offer is not dead-lettered any more: a second retry is refused, and sends nothing.
    const again = await wm.api(`/api/outbox/${dead!.id}/retry`, { method: 'POST' });
    expect(again.status).toBe(404);
    expect(again.body.error).toMatchObject({ code: 'not_found', message: `id: no dead-lettered offer ${dead!.id}` });
    await new Promise((r) => setTimeout(r, 300));
    expect(target.received).toHaveLength(MAX_ATTEMPTS + 1);
  });
});
