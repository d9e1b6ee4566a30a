import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { journey, webhookOffer } from '../testing/journeyFixtures.ts';
import { startTestWaymark, type TestWaymark } from '../testing/testWaymark.ts';

/*
 * The demo as `npm start` runs it, without ALLOW_PRIVATE_WEBHOOKS: the example journeys are seeded and published,
 * their webhooks reach this server's own demo inbox, and every other loopback target stays refused.
 */

let wm: TestWaymark;
beforeAll(async () => {
  wm = await startTestWaymark({ SEED_DEMO: 'true', ALLOW_PRIVATE_WEBHOOKS: 'false' });
});
afterAll(() => wm?.close());

const offerTo = (url: string) => journey('to ' + url, [['t1', 'trigger', { event: 'demo_go' }], ['o1', 'offer', webhookOffer('DEMO10', url)], ['x1', 'exit']], [['t1', 'o1'], ['o1', 'x1']]);

async function publish(url: string) {
  const created = await wm.api('/api/journeys', { body: offerTo(url) });
  expect(created.status).toBe(201);
  return wm.api(`/api/journeys/${created.body.id}/publish`, { method: 'POST' });
}

describe('the seeded demo, with private webhooks refused', () => {
  it('publishes the example journeys, whose webhooks go to the demo inbox', async () => {
    expect(wm.seeded.length).toBeGreaterThanOrEqual(2);
    const { journeys } = (await wm.api('/api/journeys')).body as { journeys: Array<{ id: string; status: string }> };
    expect(journeys.filter((j) => wm.seeded.includes(j.id)).map((j) => j.status)).toEqual(wm.seeded.map(() => 'active'));
  });

  it("delivers an offer to this server's inbox, and refuses any other loopback target", async () => {
    expect((await publish(`http://localhost:${wm.port}/sink/webhook`)).status).toBe(200);
    expect((await wm.ingest('/v1/track', { userId: 'demo-user', event: 'demo_go' })).status).toBe(200);
    const messages = await wm.until(async () => {
      const inbox = (await wm.api('/api/sink')).body.messages as Array<{ userId?: string; offer?: string }>;
      return inbox.some((m) => JSON.stringify(m).includes('demo-user')) ? inbox : undefined;
    });
    expect(JSON.stringify(messages)).toContain('DEMO10');

    for (const url of [`http://localhost:${wm.port}/api/journeys`, 'http://127.0.0.1:6379/sink/webhook']) {
      const refused = await publish(url);
      expect([url, refused.status, refused.body.error?.code]).toEqual([url, 422, 'webhook_refused']);
    }
  });
});
