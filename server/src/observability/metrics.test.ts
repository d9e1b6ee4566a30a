import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWebhookTestTarget, type WebhookTestTarget } from '../delivery/webhookTestTarget.ts';
import { journey, webhookOffer } from '../testing/journeyFixtures.ts';
import { startTestWaymark, type TestWaymark } from '../testing/testWaymark.ts';

/*
 * /metrics tells the truth, not only that its names exist: each figure moves by what the test did (events in,
 * runs waiting, wakeups due and late behind a paused journey, offers sent and dead-lettered, their latency).
 */

let wm: TestWaymark;
let target: WebhookTestTarget;
beforeAll(async () => {
  target = await startWebhookTestTarget((request, response) => response.writeHead(request.path === '/gone' ? 404 : 204).end());
  wm = await startTestWaymark();
});
afterAll(async () => {
  await wm?.close();
  await target?.close();
});

/** The scraped samples, by name and labels as Prometheus writes them (`name{a="b"}`). */
async function scrape(): Promise<Map<string, number>> {
  const text = await (await fetch(`${wm.url}/metrics`)).text();
  const samples = new Map<string, number>();
  for (const line of text.split('\n')) {
    const match = /^([a-z_]+(?:\{[^}]*\})?) (\S+)$/.exec(line);
    if (match) samples.set(match[1]!, Number(match[2]));
  }
  return samples;
}

async function publish(doc: ReturnType<typeof journey>): Promise<string> {
  const created = await wm.api('/api/journeys', { body: doc });
  expect(created.status).toBe(201);
  expect((await wm.api(`/api/journeys/${created.body.id}/publish`, { method: 'POST' })).status).toBe(200);
  return created.body.id;
}

describe('/metrics', () => {
  it('counts what happened: events, active runs, due and late wakeups, outbox depth, deliveries and their latency', async () => {
    const waits = await publish(journey('metrics: wait', [['t1', 'trigger', { event: 'mx_wait' }], ['w1', 'wait', { for: '4s' }], ['x1', 'exit']], [['t1', 'w1'], ['w1', 'x1']]));
    await publish(journey('metrics: send', [['t1', 'trigger', { event: 'mx_send' }], ['o1', 'offer', webhookOffer('MX_OK', target.url('/ok'))], ['x1', 'exit']], [['t1', 'o1'], ['o1', 'x1']]));
    await publish(journey('metrics: dead', [['t1', 'trigger', { event: 'mx_dead' }], ['o1', 'offer', webhookOffer('MX_GONE', target.url('/gone'))], ['x1', 'exit']], [['t1', 'o1'], ['o1', 'x1']]));
    const before = await scrape();
    const moved = (after: Map<string, number>, name: string) => (after.get(name) ?? 0) - (before.get(name) ?? 0);

    const scrapeWhen = (ready: (now: Map<string, number>) => boolean) =>
      wm.until(async () => {
        const now = await scrape();
        return ready(now) ? now : undefined;
      }, 30_000);
    const movedBy = (now: Map<string, number>, names: string[]) => Object.fromEntries(names.map((name) => [name, moved(now, name)]));

    const track = async (userId: string, event: string) => expect((await wm.ingest('/v1/track', { userId, event })).status).toBe(200);
    for (const user of ['mw1', 'mw2', 'mw3']) await track(user, 'mx_wait');
    for (const user of ['ms1', 'ms2']) await track(user, 'mx_send');
    await track('md1', 'mx_dead');
    // Once the three are waiting (on PostgreSQL events are applied after they are acknowledged), the journey is
    // paused: its waits fall due and then late (over 1 s past due) without firing.
    await scrapeWhen((now) => moved(now, 'waymark_runs_active') === 3);
    expect((await wm.api(`/api/journeys/${waits}/pause`, { method: 'POST' })).status).toBe(200);

    const late = await scrapeWhen((now) => moved(now, 'waymark_wakeups_late') === 3 && moved(now, 'waymark_deliveries_total{channel="webhook",result="dead"}') === 1);
    expect(
      movedBy(late, [
        'waymark_events_ingested_total',
        'waymark_events_processed_total',
        'waymark_runs_active',
        'waymark_wakeups_due',
        'waymark_wakeups_scheduled',
        'waymark_deliveries_total{channel="webhook",result="sent"}',
        'waymark_offer_delivery_latency_seconds_count{channel="webhook"}',
        'waymark_outbox_depth{status="dead"}',
      ]),
    ).toEqual({
      waymark_events_ingested_total: 6,
      waymark_events_processed_total: 6,
      waymark_runs_active: 3,
      waymark_wakeups_due: 3,
      waymark_wakeups_scheduled: 3,
      'waymark_deliveries_total{channel="webhook",result="sent"}': 2,
      'waymark_offer_delivery_latency_seconds_count{channel="webhook"}': 2,
      'waymark_outbox_depth{status="dead"}': 1,
    });
    expect(late.get('waymark_outbox_depth{status="pending"}')).toBe(0);

    // Resumed, the waits fire: nothing due, nobody active, three wakeups fired.
    expect((await wm.api(`/api/journeys/${waits}/resume`, { method: 'POST' })).status).toBe(200);
    const fired = await scrapeWhen((now) => moved(now, 'waymark_wakeups_fired_total') === 3 && moved(now, 'waymark_runs_active') === 0);
    expect(movedBy(fired, ['waymark_wakeups_due', 'waymark_wakeup_lateness_seconds_count'])).toEqual({ waymark_wakeups_due: 0, waymark_wakeup_lateness_seconds_count: 3 });
  });
});
