import { assignVariant } from '@waymark/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWebhookTestTarget, type WebhookTestTarget } from '../delivery/webhookTestTarget.ts';
import { journey, webhookOffer } from '../testing/journeyFixtures.ts';
import { scratchDatabase, type ScratchDatabase } from '../testing/testDatabase.ts';
import { startTestWaymark, type TestWaymark } from '../testing/testWaymark.ts';

const USERS = 10_000;
interface Arm {
  id: string;
  entered: number;
  converted: number;
  revenue: number;
  offersSent: number;
  pending: number;
  pendingConverted: number;
}
let sink: WebhookTestTarget;
let wm: TestWaymark;
let journeyId: string;
let database: ScratchDatabase;
const env = () => ({ DATABASE_URL: database.url });

const splitJourney = (split: Record<string, unknown>) =>
  journey(
    'experiment',
    [
      ['t1', 'trigger', { event: 'go' }],
      ['sp1', 'split', split],
      ['oa', 'offer', webhookOffer('A10', sink.url('/a'))],
      ['ob', 'offer', webhookOffer('B20', sink.url('/b'))],
      ['x1', 'exit'],
      ['g1', 'goal', { event: 'purchase' }],
    ],
    [['t1', 'sp1'], ['sp1', 'oa', 'A'], ['sp1', 'ob', 'B'], ['oa', 'x1'], ['ob', 'x1']],
    { reentry: 'always', attributionWindow: '7d' },
  );
const split5050 = { variants: [{ id: 'A', weight: 50 }, { id: 'B', weight: 50 }], holdout: 10 };

async function sendAll(events: Array<Record<string, unknown>>) {
  for (let i = 0; i < events.length; i += 500) expect((await wm.ingest('/v1/batch', { batch: events.slice(i, i + 500) })).status).toBe(200);
}
const report = async () => (await wm.api(`/api/journeys/${journeyId}/experiment`)).body;

beforeAll(async () => {
  database = await scratchDatabase();
  sink = await startWebhookTestTarget((_req, res) => res.writeHead(204).end());
  wm = await startTestWaymark(env());
  journeyId = (await wm.api('/api/journeys', { body: splitJourney(split5050) })).body.id;
  expect((await wm.api(`/api/journeys/${journeyId}/publish`, { method: 'POST' })).status).toBe(200);
  await sendAll(Array.from({ length: USERS }, (_, i) => ({ type: 'track', userId: `u${i}`, event: 'go' })));
  await wm.until(async () => (await wm.api(`/api/journeys/${journeyId}/stats`)).body.totals.entered === USERS, 60_000);
}, 90_000);
afterAll(async () => {
  await wm.close();
  await sink.close();
  await database.drop();
});

describe('an A/B split in the runtime', () => {
  it('splits 10,000 users within binomial bounds and records exactly the hash assignment', async () => {
    const r = await report();
    // Inside their 7-day attribution window every user is still pending: counted, not yet analysed.
    expect(r.arms.every((a: Arm) => a.entered === 0)).toBe(true);
    const entered = Object.fromEntries(r.arms.map((a: Arm) => [a.id, a.pending]));
    expect(entered.holdout + entered.A + entered.B).toBe(USERS);
    const within = (n: number, p: number) => Math.abs(n - USERS * p) < 4 * Math.sqrt(USERS * p * (1 - p));
    expect([within(entered.holdout, 0.1), within(entered.A, 0.45), within(entered.B, 0.45)]).toEqual([true, true, true]);
    const expected = assignVariant(`${journeyId}/sp1`, 'u42', split5050.variants, 10);
    const user = (await wm.api('/api/users/u42')).body;
    const arm = 'holdout' in expected ? 'sp1' : expected.variant === 'A' ? 'x1' : 'x1';
    expect(user.runs[0].node).toBe(arm);
  });

  it('sends the holdout nothing and keeps it at the split, counted as the control', async () => {
    const r = await report();
    const holdout = r.arms.find((a: { id: string }) => a.id === 'holdout');
    expect(r.control).toBe('holdout');
    expect(holdout.offersSent).toBe(0);
    const stats = (await wm.api(`/api/journeys/${journeyId}/stats`)).body;
    expect(stats.nodes.sp1.waiting).toBe(holdout.pending);
    await wm.until(async () => (await wm.api(`/api/journeys/${journeyId}/stats`)).body.totals.offersSent === USERS - holdout.pending, 60_000);
  }, 70_000);

  it('counts every buyer\'s conversion and revenue for their arm, whether or not their run had ended', async () => {
    const buyers = Array.from({ length: 300 }, (_, i) => ({ type: 'track', userId: `u${i}`, event: 'purchase', properties: { revenue: 10 } }));
    await sendAll(buyers);
    const r = await wm.until(async () => {
      const rep = await report();
      return rep.arms.reduce((sum: number, a: Arm) => sum + a.pendingConverted, 0) === 300 ? rep : undefined;
    });
    // Variant users left the journey right after their offer; their purchases still count for their arm, which
    // reads them once the attribution window has closed.
    for (const arm of r.arms) expect([arm.pendingConverted > 0, arm.converted]).toEqual([true, 0]);
    expect(r.verdict.status).toBe('collecting');
    expect(r.verdict.text).toMatch(/10,000 more users will count once their attribution window \(7 days\) closes/);
  });

  it('refuses a weight change that would move assigned users, and keeps arms across a restart', async () => {
    const { body } = await wm.api(`/api/journeys/${journeyId}`, { method: 'PUT', body: splitJourney({ variants: split5050.variants, holdout: 20 }) });
    expect(body.violations).toEqual([]);
    const refused = await wm.api(`/api/journeys/${journeyId}/publish`, { method: 'POST' });
    expect(refused.status).toBe(422);
    expect(refused.body.error.code).toBe('split_change_refused');
    await wm.api(`/api/journeys/${journeyId}`, { method: 'PUT', body: splitJourney(split5050) });

    const before = (await wm.api('/api/users/u7')).body.runs.length;
    await wm.close();
    wm = await startTestWaymark(env());
    const arm = (await report()).arms.length;
    expect(arm).toBe(3);
    await wm.ingest('/v1/track', { userId: 'u7', event: 'go' });
    const runs = await wm.until(async () => {
      const r = (await wm.api('/api/users/u7')).body.runs;
      return r.length > before ? r : undefined;
    });
    const expected = assignVariant(`${journeyId}/sp1`, 'u7', split5050.variants, 10);
    const expectedNode = 'holdout' in expected ? 'sp1' : 'x1';
    expect(runs[0].node).toBe(expectedNode);
    expect((await wm.api('/api/users/u7')).body.offers.length).toBe('holdout' in expected ? 0 : 2);
  }, 60_000);

  it('promotes a variant: new entrants all get it, the record stays readable', async () => {
    const promoted = await wm.api(`/api/journeys/${journeyId}/experiment/promote`, { body: { variant: 'B' } });
    expect(promoted.status).toBe(200);
    expect(promoted.body.promoted).toBe('B');
    await sendAll(Array.from({ length: 50 }, (_, i) => ({ type: 'track', userId: `new${i}`, event: 'go' })));
    await wm.until(async () => sink.received.filter((r) => JSON.parse(r.body).userId.startsWith('new')).length === 50, 30_000);
    expect(new Set(sink.received.filter((r) => JSON.parse(r.body).userId.startsWith('new')).map((r) => JSON.parse(r.body).offer))).toEqual(new Set(['B20']));
    const r = await report();
    expect(r.status).toBe('promoted');
    expect(r.arms.reduce((s: number, a: Arm) => s + a.pending, 0)).toBe(USERS);
    expect((await wm.api(`/api/journeys/${journeyId}/experiment/promote`, { body: { variant: 'Z' } })).status).toBe(400);
  }, 40_000);
});
