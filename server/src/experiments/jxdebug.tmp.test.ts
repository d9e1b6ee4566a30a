import { assignVariant, journeyExperimentKey } from '@waymark/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWebhookTestTarget, type WebhookTestTarget } from '../delivery/webhookTestTarget.ts';
import { journey, webhookOffer } from '../testing/journeyFixtures.ts';
import { scratchDatabase, type ScratchDatabase } from '../testing/testDatabase.ts';
import { startTestWaymark, type TestWaymark } from '../testing/testWaymark.ts';

const USERS = 2_000;
const WINDOW_MS = 4_000;
let sink: WebhookTestTarget;
let wm: TestWaymark;
const ids: Record<string, string> = {};
let experimentId: string;
let database: ScratchDatabase;
const env = () => ({ DATABASE_URL: database.url });

interface Arm {
  id: string;
  entered: number;
  converted: number;
  revenue: number;
  offersSent: number;
  pending: number;
  pendingConverted: number;
  journeyId?: string;
}

const variant = (name: string, offer: string, trigger = 'signup') =>
  journey(
    name,
    [
      ['t1', 'trigger', { event: trigger }],
      ['o1', 'offer', webhookOffer(offer, sink.url(`/${offer}`))],
      ['x1', 'exit'],
      ['g1', 'goal', { event: 'purchase' }],
    ],
    [['t1', 'o1'], ['o1', 'x1']],
    { reentry: 'always', attributionWindow: '4s' },
  );

async function createPublished(key: string, doc: unknown, publish = true) {
  const id = (await wm.api('/api/journeys', { body: doc })).body.id as string;
  if (publish) expect((await wm.api(`/api/journeys/${id}/publish`, { method: 'POST' })).status).toBe(200);
  ids[key] = id;
  return id;
}
async function sendAll(events: Array<Record<string, unknown>>) {
  for (let i = 0; i < events.length; i += 500) expect((await wm.ingest('/v1/batch', { batch: events.slice(i, i + 500) })).status).toBe(200);
}
const detail = async () => (await wm.api(`/api/experiments/${experimentId}`)).body;
const armOf = (userId: string) => {
  const a = assignVariant(journeyExperimentKey(experimentId), userId, [{ id: 'A', weight: 50 }, { id: 'B', weight: 50 }], 10);
  return 'holdout' in a ? 'holdout' : a.variant;
};
const buyers = () => Array.from({ length: USERS }, (_, i) => `u${i}`).filter((u, i) => i % 4 === 0 || (armOf(u) === 'B' && i % 4 === 1));
const offersTo = (userId: string) => sink.received.filter((r) => JSON.parse(r.body).userId === userId).map((r) => JSON.parse(r.body).offer as string);

beforeAll(async () => {
  database = await scratchDatabase();
  sink = await startWebhookTestTarget((_req, res) => res.writeHead(204).end());
  wm = await startTestWaymark(env());
  await createPublished('a', variant('Welcome: 10% off', 'TEN'));
  await createPublished('b', variant('Welcome: free shipping', 'SHIP'));
}, 30_000);
afterAll(async () => {
  await wm.close();
  await sink.close();
  await database.drop();
});

describe('creating a journey experiment', () => {
  it('refuses bad input with the field it names', async () => {
    const noWeight = await wm.api('/api/experiments', { body: { name: 'x', variants: [{ id: 'A', journeyId: ids.a, weight: 0 }, { id: 'B', journeyId: ids.b, weight: 0 }] } });
    expect(noWeight.status).toBe(400);
    expect(noWeight.body.error.message).toMatch(/variants: expected at least one variant with a weight above 0/);
    const same = await wm.api('/api/experiments', { body: { name: 'x', variants: [{ id: 'A', journeyId: ids.a, weight: 1 }, { id: 'B', journeyId: ids.a, weight: 1 }] } });
    expect(same.status).toBe(400);
    expect(same.body.error.message).toMatch(/body\.variants\.1\.journeyId: journey ".*" is already a variant/);
    const unknown = await wm.api('/api/experiments', { body: { name: 'x', variants: [{ id: 'A', journeyId: ids.a, weight: 1 }, { id: 'B', journeyId: 'j_nope', weight: 1 }] } });
    expect([unknown.status, unknown.body.error.message]).toEqual([404, 'body.variants.1.journeyId: no journey "j_nope"']);
  });

  it('refuses journeys that would not be measured alike, or are not live', async () => {
    const draft = await createPublished('draft', variant('Draft copy', 'DRAFT'), false);
    const otherTrigger = await createPublished('other', variant('Other trigger', 'OTHER', 'purchase_made'));
    const refusedFor = async (journeyId: string) => {
      const r = await wm.api('/api/experiments', { body: { name: 'x', variants: [{ id: 'A', journeyId: ids.a, weight: 1 }, { id: 'B', journeyId, weight: 1 }] } });
      expect(r.status).toBe(422);
      expect(r.body.error.code).toBe('experiment_refused');
      return r.body.error.message as string;
    };
    expect(await refusedFor(draft)).toMatch(/^body\.variants\.1\.journeyId: journey "Draft copy" is not published/);
    expect(await refusedFor(otherTrigger)).toMatch(/must start on the same trigger as the control/);
  });
});

describe('a journey experiment in the runtime', () => {
  beforeAll(async () => {
    const created = await wm.api('/api/experiments', {
      body: { name: 'Welcome offer', variants: [{ id: 'A', journeyId: ids.a, weight: 50 }, { id: 'B', journeyId: ids.b, weight: 50 }], holdout: 10 },
    });
    expect(created.status).toBe(201);
    experimentId = created.body.id;
    await sendAll(Array.from({ length: USERS }, (_, i) => ({ type: 'track', userId: `u${i}`, event: 'signup' })));
    // Every 4th user buys right after entering (inside the window); B's users buy twice as often. Each user's
    // events apply in order, so the purchase always follows the assignment.
    await sendAll(buyers().map((userId) => ({ type: 'track', userId, event: 'purchase', properties: { revenue: 25 } })));
    await wm.until(async () => (await detail()).report.arms.reduce((s: number, a: Arm) => s + a.entered + a.pending, 0) === USERS, 30_000);
  }, 60_000);

  it('shows the experiment on both journeys and refuses them for a second one', async () => {
    const journeys = (await wm.api('/api/journeys')).body.journeys as Array<{ id: string; experiment?: { id: string; variant: string } }>;
    expect(journeys.find((j) => j.id === ids.a)?.experiment).toEqual({ id: experimentId, name: 'Welcome offer', variant: 'A' });
    expect(journeys.find((j) => j.id === ids.b)?.experiment?.variant).toBe('B');
    const again = await wm.api('/api/experiments', { body: { name: 'again', variants: [{ id: 'A', journeyId: ids.b, weight: 1 }], holdout: 50 } });
    expect([again.status, again.body.error.message]).toEqual([422, expect.stringMatching(/already in the running experiment "Welcome offer"/)]);
  });

  it('splits users by the sticky hash: each enters at most its own variant, the holdout none', async () => {
    const arms = (await detail()).report.arms as Arm[];
    const counts = Object.fromEntries(arms.map((a) => [a.id, a.entered + a.pending]));
    const within = (n: number, p: number) => Math.abs(n - USERS * p) < 4 * Math.sqrt(USERS * p * (1 - p));
    expect([within(counts.holdout!, 0.1), within(counts.A!, 0.45), within(counts.B!, 0.45)]).toEqual([true, true, true]);
    expect(arms.find((a) => a.id === 'B')?.journeyId).toBe(ids.b);

    for (let i = 0; i < 8; i++) { console.log(JSON.stringify([(await wm.api(`/api/journeys/${ids.a}/stats`)).body.totals, (await wm.api(`/api/journeys/${ids.b}/stats`)).body.totals, counts, sink.received.length, (await wm.api(`/api/outbox?limit=3`)).body])); await new Promise((r) => setTimeout(r, 2000)); }
    await wm.until(async () => (await wm.api(`/api/journeys/${ids.a}/stats`)).body.totals.offersSent + (await wm.api(`/api/journeys/${ids.b}/stats`)).body.totals.offersSent === USERS - counts.holdout!, 30_000);
    for (const userId of ['u1', 'u2', 'u3', 'u17', 'u99', 'u500', 'u1999']) {
      const profile = (await wm.api(`/api/users/${userId}`)).body;
      const arm = armOf(userId);
      const expectedJourneys = arm === 'holdout' ? [] : [arm === 'A' ? ids.a : ids.b];
      expect(profile.runs.map((r: { journeyId: string }) => r.journeyId)).toEqual(expectedJourneys);
      expect(offersTo(userId)).toEqual(arm === 'holdout' ? [] : [arm === 'A' ? 'TEN' : 'SHIP']);
    }
  });

  it('reads conversions once the attribution window has closed, on each arm\'s goal, the holdout on the control\'s', async () => {
    const expected = { holdout: 0, A: 0, B: 0 } as Record<string, number>;
    for (const u of buyers()) expected[armOf(u)]!++;
    const read = await wm.until(async () => {
      const r = (await detail()).report;
      return r.arms.every((a: Arm) => a.pending === 0) ? r : undefined;
    }, WINDOW_MS + 10_000);
    for (const arm of read.arms as Arm[]) {
      expect([arm.id, arm.converted, arm.revenue]).toEqual([arm.id, expected[arm.id], expected[arm.id]! * 25]);
      expect(arm.offersSent).toBe(arm.id === 'holdout' ? 0 : arm.entered);
    }
    expect(read.control).toBe('holdout');
    expect(read.phase).toEqual({ number: 1, since: expect.any(Number), earlierUsers: 0 });
    expect(read.verdict.status).not.toBe('srm');

    // A purchase after the window has closed counts for nobody (u2 never bought: 2 % 4 is neither 0 nor 1).
    await sendAll([{ type: 'track', userId: 'u2', event: 'purchase', properties: { revenue: 25 } }]);
    await wm.until(async () => (await wm.api('/api/users/u2')).body.timeline.some((t: { detail: { name?: string } }) => t.detail.name === 'purchase'));
    const after = (await detail()).report.arms as Arm[];
    expect(after.map((a) => a.converted)).toEqual((read.arms as Arm[]).map((a) => a.converted));
  }, 30_000);

  it('keeps each user\'s arm across a restart, and re-entries stay in their variant', async () => {
    await wm.close();
    wm = await startTestWaymark(env());
    const sample = ['u5', 'u6', 'u7', 'u8', 'u9', 'u10'];
    const before = new Map(sample.map((u) => [u, offersTo(u).length]));
    await sendAll(sample.map((userId) => ({ type: 'track', userId, event: 'signup' })));
    for (const u of sample) {
      const arm = armOf(u);
      if (arm === 'holdout') continue;
      await wm.until(async () => offersTo(u).length > before.get(u)!);
      expect(new Set(offersTo(u))).toEqual(new Set([arm === 'A' ? 'TEN' : 'SHIP']));
    }
  }, 30_000);

  it('promotes a winner: new entrants all go to its journey, the record stays readable', async () => {
    const before = (await detail()).report.arms.reduce((s: number, a: Arm) => s + a.entered + a.pending, 0);
    const promoted = await wm.api(`/api/experiments/${experimentId}/promote`, { body: { variant: 'B' } });
    expect([promoted.status, promoted.body.status, promoted.body.promoted.variant]).toEqual([200, 'promoted', 'B']);
    const newcomers = Array.from({ length: 40 }, (_, i) => `new${i}`);
    await sendAll(newcomers.map((userId) => ({ type: 'track', userId, event: 'signup' })));
    await wm.until(async () => newcomers.every((u) => offersTo(u).length === 1), 20_000);
    expect(new Set(newcomers.flatMap(offersTo))).toEqual(new Set(['SHIP']));
    const after = (await detail()).report;
    expect(after.status).toBe('promoted');
    expect(after.arms.reduce((s: number, a: Arm) => s + a.entered + a.pending, 0)).toBe(before);
    expect((await wm.api(`/api/experiments/${experimentId}/promote`, { body: { variant: 'Z' } })).status).toBe(400);
    expect((await wm.api('/api/experiments')).body.experiments[0]).toMatchObject({ id: experimentId, status: 'promoted', holdout: 10 });
  }, 30_000);
});
