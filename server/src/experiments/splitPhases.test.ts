import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWebhookTestTarget, type WebhookTestTarget } from '../delivery/webhookTestTarget.ts';
import { journey, webhookOffer } from '../testing/journeyFixtures.ts';
import { startTestWaymark, type TestWaymark } from '../testing/testWaymark.ts';

let sink: WebhookTestTarget;
let wm: TestWaymark;
let journeyId: string;

interface Arm {
  id: string;
  entered: number;
  pending: number;
  weight: number;
}

const splitJourney = (a: number, b: number) =>
  journey(
    'phases',
    [
      ['t1', 'trigger', { event: 'go' }],
      ['sp1', 'split', { variants: [{ id: 'A', weight: a }, { id: 'B', weight: b }] }],
      ['oa', 'offer', webhookOffer('A', sink.url('/a'))],
      ['ob', 'offer', webhookOffer('B', sink.url('/b'))],
      ['x1', 'exit'],
      ['g1', 'goal', { event: 'purchase' }],
    ],
    [['t1', 'sp1'], ['sp1', 'oa', 'A'], ['sp1', 'ob', 'B'], ['oa', 'x1'], ['ob', 'x1']],
    { reentry: 'never', attributionWindow: '1s' },
  );
const report = async () => (await wm.api(`/api/journeys/${journeyId}/experiment`)).body;
const users = (a: Arm[]) => a.reduce((s, x) => s + x.entered + x.pending, 0);

async function enter(prefix: string, n: number, expectedTotal: number) {
  const batch = Array.from({ length: n }, (_, i) => ({ type: 'track', userId: `${prefix}${i}`, event: 'go' }));
  expect((await wm.ingest('/v1/batch', { batch })).status).toBe(200);
  await wm.until(async () => (await wm.api(`/api/journeys/${journeyId}/stats`)).body.totals.entered === expectedTotal, 20_000);
}

beforeAll(async () => {
  sink = await startWebhookTestTarget((_req, res) => res.writeHead(204).end());
  wm = await startTestWaymark();
  journeyId = (await wm.api('/api/journeys', { body: splitJourney(50, 50) })).body.id;
  expect((await wm.api(`/api/journeys/${journeyId}/publish`, { method: 'POST' })).status).toBe(200);
});
afterAll(async () => {
  await wm.close();
  await sink.close();
});

describe('a split read by allocation phase, once windows close', () => {
  it('moves users from pending to analysed when their attribution window closes', async () => {
    await enter('first', 400, 400);
    const fresh = (await report()).arms as Arm[];
    expect(users(fresh)).toBe(400);
    expect(fresh.some((a) => a.pending > 0)).toBe(true);
    const matured = await wm.until(async () => {
      const arms = (await report()).arms as Arm[];
      return arms.every((a) => a.pending === 0) ? arms : undefined;
    }, 5_000);
    expect(matured.reduce((s, a) => s + a.entered, 0)).toBe(400);
  });

  it('starts a new phase when the weights change: earlier users keep their arm but leave the reading', async () => {
    await wm.api(`/api/journeys/${journeyId}`, { method: 'PUT', body: splitJourney(80, 20) });
    expect((await wm.api(`/api/journeys/${journeyId}/publish`, { method: 'POST' })).status).toBe(200);
    await enter('second', 600, 1_000);
    const r = await report();
    expect(r.phase).toMatchObject({ number: 2, earlierUsers: 400 });
    const arms = r.arms as Arm[];
    expect(users(arms)).toBe(600);
    expect(arms.map((a) => [a.id, a.weight])).toEqual([['A', 80], ['B', 20]]);
    const a = arms.find((x) => x.id === 'A')!;
    const share = (a.entered + a.pending) / 600;
    expect(Math.abs(share - 0.8)).toBeLessThan(4 * Math.sqrt((0.8 * 0.2) / 600));
    expect(r.srm.alarm).toBe(false);

    // A publish that keeps the shares (80/20 → 4/1) is not a new phase.
    await wm.api(`/api/journeys/${journeyId}`, { method: 'PUT', body: splitJourney(4, 1) });
    expect((await wm.api(`/api/journeys/${journeyId}/publish`, { method: 'POST' })).status).toBe(200);
    expect((await report()).phase).toMatchObject({ number: 2, earlierUsers: 400 });
  });
});
