import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { OfferSentPayload } from '../delivery/webhookChannel.ts';
import { startWebhookTestTarget, type WebhookTestTarget } from '../delivery/webhookTestTarget.ts';
import { startTestWaymark, type TestWaymark } from '../testing/testWaymark.ts';

const TIMEOUT_MS = 3_000;

let waymark: TestWaymark;
let target: WebhookTestTarget;

beforeEach(async () => {
  target = await startWebhookTestTarget((_request, response) => {
    response.statusCode = 200;
    response.end();
  });
  waymark = await startTestWaymark();
});

afterEach(async () => {
  await waymark.close();
  await target.close();
});

const sleepUntil = (at: number) => new Promise((r) => setTimeout(r, Math.max(0, at - Date.now())));

interface UserView {
  tags: string[];
  runs: Array<{ status: string; node: string; enteredAt: number }>;
  offers: Array<{ status: string }>;
  timeline: Array<{ kind: string; at: number; detail: Record<string, unknown> }>;
}

/** The user's profile; empty until their first event has been applied (the API answers 404 before). */
async function user(id: string): Promise<UserView> {
  const res = await waymark.api(`/api/users/${id}`);
  if (res.status === 404) return { tags: [], runs: [], offers: [], timeline: [] };
  expect(res.status).toBe(200);
  return res.body as UserView;
}

describe('a wait the user re-enters', () => {
  it('ignores the wakeup of the earlier visit and times out from the re-entry', async () => {
    // started → wait until ping (3 s timeout) → ping: tag pinged, back to the same wait; timeout: offer → exit
    const created = await waymark.api('/api/journeys', {
      body: {
        name: 'Re-entered wait',
        nodes: [
          { id: 'start', type: 'trigger', data: { event: 'started' } },
          { id: 'hold', type: 'wait', data: { until: { event: 'ping' }, timeout: '3s' } },
          { id: 'mark', type: 'tag', data: { add: ['pinged'] } },
          { id: 'nudge', type: 'offer', data: { offer: 'NUDGE', channel: 'webhook', url: target.url('/nudge'), template: 'Still there?' } },
          { id: 'done', type: 'exit', data: {} },
        ],
        edges: [
          { id: 'e1', source: 'start', target: 'hold' },
          { id: 'e2', source: 'hold', target: 'mark', sourceHandle: 'event' },
          { id: 'e3', source: 'mark', target: 'hold' },
          { id: 'e4', source: 'hold', target: 'nudge', sourceHandle: 'timeout' },
          { id: 'e5', source: 'nudge', target: 'done' },
        ],
      },
    });
    expect(created.body.violations).toEqual([]);
    const journeyId = created.body.id as string;
    expect((await waymark.api(`/api/journeys/${journeyId}/publish`, { method: 'POST' })).status).toBe(200);

    await waymark.ingest('/v1/track', { userId: 'u1', event: 'started' });
    const { enteredAt } = await waymark.until(async () => (await user('u1')).runs.find((r) => r.node === 'hold'));
    const firstDeadline = enteredAt + TIMEOUT_MS;

    await sleepUntil(enteredAt + 1_000);
    await waymark.ingest('/v1/track', { userId: 'u1', event: 'ping' });
    // When the ping was applied, by the server's clock: the re-entered wait is due TIMEOUT_MS after it.
    const pingedAt = await waymark.until(async () => (await user('u1')).timeline.find((t) => t.kind === 'tags' && t.detail.source === 'journey')?.at);
    expect(pingedAt, 'the ping must be applied before the first deadline for this test to mean anything').toBeLessThan(firstDeadline - 500);

    // Past the first visit's deadline (the scheduler polls every 50 ms here), and well before the second's.
    await sleepUntil(firstDeadline + 400);
    const meanwhile = await user('u1');
    expect(meanwhile.runs).toMatchObject([{ status: 'active', node: 'hold' }]);
    expect(meanwhile.offers).toEqual([]);
    expect(target.received).toHaveLength(0);

    await waymark.until(async () => (await waymark.api(`/api/journeys/${journeyId}/stats`)).body.totals.offersSent === 1);
    expect(target.received).toHaveLength(1);
    const offer = JSON.parse(target.received[0]?.body ?? '{}') as OfferSentPayload;
    expect(offer).toMatchObject({ userId: 'u1', offer: 'NUDGE' });
    expect(Date.parse(offer.createdAt)).toBeGreaterThanOrEqual(pingedAt + TIMEOUT_MS);

    const stats = (await waymark.api(`/api/journeys/${journeyId}/stats`)).body;
    expect(stats.nodes.hold.entered).toBe(2);
    expect(stats.edges).toMatchObject({ e2: 1, e3: 1, e4: 1 });
    expect((await user('u1')).runs).toMatchObject([{ status: 'exited', node: 'done' }]);
  });
});

describe('a wait that is due as the run reaches it (0s)', () => {
  it('is passed in the same step: once the step is applied the offer is queued and the run has ended, with no wakeup in between', async () => {
    const created = await waymark.api('/api/journeys', {
      body: {
        name: 'Zero wait',
        nodes: [
          { id: 'start', type: 'trigger', data: { tagAdded: 'go' } },
          { id: 'settle', type: 'wait', data: { for: '0s' } },
          { id: 'hello', type: 'offer', data: { offer: 'HELLO', channel: 'webhook', url: target.url('/hello'), template: 'Hi' } },
          { id: 'done', type: 'exit', data: {} },
        ],
        edges: [
          { id: 'e1', source: 'start', target: 'settle' },
          { id: 'e2', source: 'settle', target: 'hello' },
          { id: 'e3', source: 'hello', target: 'done' },
        ],
      },
    });
    expect(created.body.violations).toEqual([]);
    const journeyId = created.body.id as string;
    expect((await waymark.api(`/api/journeys/${journeyId}/publish`, { method: 'POST' })).status).toBe(200);

    // The tag call answers once its step is applied, before the wakeup scheduler's next poll could have run.
    expect((await waymark.api('/api/users/u1/tags', { body: { add: ['go'] } })).status).toBe(200);
    const view = await user('u1');
    expect(view.runs).toMatchObject([{ status: 'exited', node: 'done' }]);
    expect(view.offers).toHaveLength(1);
    const kinds = view.timeline.filter((t) => t.kind === 'step' || t.kind === 'offer' || t.kind === 'exit');
    expect(new Set(kinds.map((t) => t.at)).size, 'every move made at one moment, in one step').toBe(1);
    await waymark.until(async () => target.received.length === 1 || undefined);
  });
});

describe('a wait that falls due before the next poll', () => {
  it('fires when it is due, not at the poll: the scheduler sleeps until the earliest wakeup', async () => {
    // A poll far longer than the wait: only waking up at the wakeup's own due time can deliver in time.
    const slowPoll = await startTestWaymark({}, { wakeupPollMs: 60_000 });
    try {
      const created = await slowPoll.api('/api/journeys', {
        body: {
          name: 'Short wait',
          nodes: [
            { id: 'start', type: 'trigger', data: { event: 'started' } },
            { id: 'hold', type: 'wait', data: { for: '1s' } },
            { id: 'hello', type: 'offer', data: { offer: 'LATER', channel: 'webhook', url: target.url('/later'), template: 'Hi' } },
            { id: 'done', type: 'exit', data: {} },
          ],
          edges: [
            { id: 'e1', source: 'start', target: 'hold' },
            { id: 'e2', source: 'hold', target: 'hello' },
            { id: 'e3', source: 'hello', target: 'done' },
          ],
        },
      });
      expect(created.body.violations).toEqual([]);
      expect((await slowPoll.api(`/api/journeys/${created.body.id as string}/publish`, { method: 'POST' })).status).toBe(200);

      await slowPoll.ingest('/v1/track', { userId: 'u-short', event: 'started' });
      // Well inside the minute-long poll: liveness, not speed (a wait left to the poll would need 60 s).
      await slowPoll.until(async () => target.received.some((r) => r.path === '/later') || undefined, 20_000);
    } finally {
      await slowPoll.close();
    }
  });
});
