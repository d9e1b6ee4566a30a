import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWebhookTestTarget, type WebhookTestTarget } from '../delivery/webhookTestTarget.ts';
import { journey, webhookOffer } from '../testing/journeyFixtures.ts';
import { startTestWaymark, type TestWaymark } from '../testing/testWaymark.ts';

let wm: TestWaymark;
let sink: WebhookTestTarget;
beforeAll(async () => {
  wm = await startTestWaymark();
  sink = await startWebhookTestTarget((_req, res) => res.writeHead(200).end());
});
afterAll(async () => {
  await wm.close();
  await sink.close();
});

interface Delivered {
  userId: string;
  offer: string;
  journeyId: string;
  message: string;
}
const delivered = (): Delivered[] => sink.received.map((r) => JSON.parse(r.body) as Delivered);
const offersTo = (userId: string) => delivered().filter((d) => d.userId === userId).map((d) => d.offer);

async function publish(doc: ReturnType<typeof journey>): Promise<string> {
  const created = await wm.api('/api/journeys', { body: doc });
  expect(created.status).toBe(201);
  const published = await wm.api(`/api/journeys/${created.body.id}/publish`, { method: 'POST' });
  expect(published.status).toBe(200);
  return created.body.id;
}

const track = (userId: string, event: string, extra: Record<string, unknown> = {}) => wm.ingest('/v1/track', { userId, event, ...extra });
const userView = async (id: string) => (await wm.api(`/api/users/${id}`)).body;
const runsOf = async (userId: string, journeyId: string) =>
  ((await userView(userId)).runs ?? []).filter((r: { journeyId: string }) => r.journeyId === journeyId);

describe('the durable runtime', () => {
  it('converts a waiting user when the goal event arrives (exit criteria) and sends nothing after', async () => {
    const id = await publish(
      journey(
        'exit criteria',
        [['t1', 'trigger', { event: 'ec_start' }], ['w1', 'wait', { for: '1s' }], ['o1', 'offer', webhookOffer('EC_LATE', sink.url('/ec'))], ['g1', 'goal', { event: 'ec_buy' }]],
        [['t1', 'w1'], ['w1', 'o1'], ['o1', 'g1']],
      ),
    );
    await track('ec-1', 'ec_start');
    await wm.until(async () => (await runsOf('ec-1', id))[0]?.node === 'w1');
    await track('ec-1', 'ec_buy');
    const [run] = await wm.until(async () => {
      const runs = await runsOf('ec-1', id);
      return runs[0]?.status === 'converted' ? runs : undefined;
    });
    expect(run.node).toBe('g1');
    await new Promise((r) => setTimeout(r, 1_300));
    expect(offersTo('ec-1')).toEqual([]);
  });

  it('keeps one active run per user and honours the re-entry setting', async () => {
    const never = await publish(journey('never', [['t1', 'trigger', { event: 're_never' }], ['w1', 'wait', { for: '1s' }], ['x1', 'exit']], [['t1', 'w1'], ['w1', 'x1']]));
    const always = await publish(
      journey('always', [['t1', 'trigger', { event: 're_always' }], ['x1', 'exit']], [['t1', 'x1']], { reentry: 'always' }),
    );
    await track('re-1', 're_never');
    await track('re-1', 're_never'); // while the first run waits: ignored
    await wm.until(async () => (await runsOf('re-1', never))[0]?.status === 'exited', 5_000);
    await track('re-1', 're_never'); // after exit: never again
    await track('re-1', 're_always');
    await track('re-1', 're_always');
    await wm.until(async () => (await runsOf('re-1', always)).length === 2);
    expect(await runsOf('re-1', never)).toHaveLength(1);
  });

  it('lets a user back in once the cooldown since their last exit has passed', async () => {
    const id = await publish(
      journey('cooldown', [['t1', 'trigger', { event: 'cd_go' }], ['x1', 'exit']], [['t1', 'x1']], { reentry: 'cooldown', cooldown: '2s' }),
    );
    await track('cd-1', 'cd_go');
    await wm.until(async () => (await runsOf('cd-1', id)).length === 1);
    await track('cd-1', 'cd_go');
    await new Promise((r) => setTimeout(r, 300));
    expect(await runsOf('cd-1', id)).toHaveLength(1);
    await new Promise((r) => setTimeout(r, 2_000));
    await track('cd-1', 'cd_go');
    await wm.until(async () => (await runsOf('cd-1', id)).length === 2);
  });

  it('finishes users on the version they entered while new entrants get the new version', async () => {
    const doc = (code: string) =>
      journey('versions', [['t1', 'trigger', { event: 'v_go' }], ['w1', 'wait', { for: '1s' }], ['o1', 'offer', webhookOffer(code, sink.url('/v'))], ['x1', 'exit']], [
        ['t1', 'w1'],
        ['w1', 'o1'],
        ['o1', 'x1'],
      ]);
    const id = await publish(doc('V1_OFFER'));
    await track('v-old', 'v_go');
    await wm.until(async () => (await runsOf('v-old', id))[0]?.node === 'w1');
    expect((await wm.api(`/api/journeys/${id}`, { method: 'PUT', body: doc('V2_OFFER') })).status).toBe(200);
    expect((await wm.api(`/api/journeys/${id}/publish`, { method: 'POST' })).body.version).toBe(2);
    await track('v-new', 'v_go');
    await wm.until(async () => offersTo('v-old').length === 1 && offersTo('v-new').length === 1, 5_000);
    expect(offersTo('v-old')).toEqual(['V1_OFFER']);
    expect(offersTo('v-new')).toEqual(['V2_OFFER']);
    expect((await runsOf('v-old', id))[0].version).toBe(1);
  });

  it('enters users who fall silent, re-arming the timer on every counted event', async () => {
    const id = await publish(
      journey('silence', [['t1', 'trigger', { inactiveFor: '3s', event: 'app_open' }], ['o1', 'offer', webhookOffer('MISS_YOU', sink.url('/w'))], ['x1', 'exit']], [
        ['t1', 'o1'],
        ['o1', 'x1'],
      ]),
    );
    const longAgo = new Date(Date.now() - 10 * 86_400_000).toISOString();
    await track('quiet-1', 'app_open', { timestamp: longAgo }); // silent for 10 days already: enters at once
    await track('busy-1', 'app_open');
    await new Promise((r) => setTimeout(r, 2_000));
    await track('busy-1', 'app_open'); // pushes busy-1's deadline out by 3s from now
    await track('busy-1', 'page_view'); // not the counted event: does not re-arm
    await wm.until(async () => offersTo('quiet-1').length === 1);
    await new Promise((r) => setTimeout(r, 1_500)); // past busy-1's first deadline, before its second
    expect(await runsOf('busy-1', id)).toHaveLength(0);
    await wm.until(async () => offersTo('busy-1').length === 1, 5_000);
    expect((await runsOf('busy-1', id))[0].status).toBe('exited');
  });

  it('starts tag-added journeys when a tag is added through the API or by another journey', async () => {
    const id = await publish(journey('vip welcome', [['t1', 'trigger', { tagAdded: 'vip' }], ['o1', 'offer', webhookOffer('VIP_HELLO', sink.url('/t'))], ['x1', 'exit']], [['t1', 'o1'], ['o1', 'x1']]));
    await publish(journey('promote', [['t1', 'trigger', { event: 'big_spend' }], ['tg', 'tag', { add: ['vip'] }], ['x1', 'exit']], [['t1', 'tg'], ['tg', 'x1']]));
    await track('tag-api', 'seen');
    const changed = await wm.api('/api/users/tag-api/tags', { body: { add: ['vip', 'beta'], remove: ['none'] } });
    expect(changed.body).toEqual({ id: 'tag-api', tags: ['vip', 'beta'] });
    await track('tag-journey', 'big_spend');
    await wm.until(async () => offersTo('tag-api').length === 1 && offersTo('tag-journey').length === 1);
    expect((await userView('tag-journey')).tags).toEqual(['vip']);
    expect((await runsOf('tag-journey', id))[0].status).toBe('exited');
  });

  it("a new user's tag cascade enters a tag journey once, however often the tag comes back in that first step", async () => {
    // Round 1: cascade_go adds "cx" → "cx handler" removes it and adds "cxb"; round 2: "cxb" → "re-add" adds "cx" again.
    // Round 3 must not enter "cx handler" a second time (re-entry "never"), though the user had no runs before the step.
    await publish(journey('cascade start', [['t1', 'trigger', { event: 'cascade_go' }], ['tg', 'tag', { add: ['cx'] }], ['x1', 'exit']], [['t1', 'tg'], ['tg', 'x1']]));
    const handler = await publish(
      journey('cx handler', [['t1', 'trigger', { tagAdded: 'cx' }], ['tg', 'tag', { add: ['cxb'], remove: ['cx'] }], ['x1', 'exit']], [['t1', 'tg'], ['tg', 'x1']]),
    );
    await publish(journey('re-add', [['t1', 'trigger', { tagAdded: 'cxb' }], ['tg', 'tag', { add: ['cx'] }], ['x1', 'exit']], [['t1', 'tg'], ['tg', 'x1']]));
    await track('cascade-new', 'cascade_go');
    await wm.until(async () => ((await userView('cascade-new')).tags ?? []).includes('cxb'));
    expect((await userView('cascade-new')).tags.sort()).toEqual(['cx', 'cxb']);
    expect(await runsOf('cascade-new', handler)).toHaveLength(1);
  });

  it('branches on tags the user carries when the branch is reached', async () => {
    const id = await publish(
      journey(
        'branch',
        [['t1', 'trigger', { event: 'br_go' }], ['b1', 'branch', { tag: 'gold' }], ['o1', 'offer', webhookOffer('GOLD', sink.url('/b'))], ['o2', 'offer', webhookOffer('PLAIN', sink.url('/b'))], ['x1', 'exit']],
        [['t1', 'b1'], ['b1', 'o1', 'yes'], ['b1', 'o2', 'no'], ['o1', 'x1'], ['o2', 'x1']],
      ),
    );
    await wm.api('/api/users/br-gold/tags', { body: { add: ['gold'] } });
    await track('br-gold', 'br_go');
    await track('br-plain', 'br_go');
    await wm.until(async () => offersTo('br-gold').length + offersTo('br-plain').length === 2);
    expect([offersTo('br-gold'), offersTo('br-plain')]).toEqual([['GOLD'], ['PLAIN']]);
    // A delivery is recorded once the target has answered: the sink can hold both offers a moment before then.
    const stats = await wm.until(async () => {
      const body = (await wm.api(`/api/journeys/${id}/stats`)).body;
      return body.totals.offersSent === 2 ? body : undefined;
    });
    expect(stats.nodes.b1).toEqual({ entered: 2, waiting: 0, passed: 2 });
    expect(stats.edges).toMatchObject({ e2: 1, e3: 1 });
    expect(stats.totals).toMatchObject({ entered: 2, exited: 2, offersSent: 2, offerCost: 2 });
  });

  it('keeps no copy of the profile in a run: a wait ends with the traits the user has then', async () => {
    const id = await publish(
      journey(
        'fresh profile',
        [['t1', 'trigger', { event: 'fp_go' }], ['w1', 'wait', { for: '1s' }], ['o1', 'offer', webhookOffer('FRESH', sink.url('/fp'), '{{ traits.plan }}')], ['x1', 'exit']],
        [['t1', 'w1'], ['w1', 'o1'], ['o1', 'x1']],
      ),
    );
    await wm.ingest('/v1/identify', { userId: 'fp-1', traits: { plan: 'starter-plan', email: 'fp-1@example.com' } });
    await track('fp-1', 'fp_go');
    const [waiting] = await wm.until(async () => {
      const runs = (await wm.store.userRuns('fp-1')).filter((r) => r.journeyId === id);
      return runs[0]?.node === 'w1' ? runs : undefined;
    });
    // The stored run is its state, its trigger and its journey; the profile lives on the user alone.
    expect(waiting!.snapshot).toEqual({ value: 'w1', context: { trigger: { name: 'fp_go', properties: {} }, journey: { id } } });
    await wm.ingest('/v1/identify', { userId: 'fp-1', traits: { plan: 'scale-plan' } });
    const [offer] = await wm.until(async () => {
      const offers = delivered().filter((d) => d.userId === 'fp-1');
      return offers.length > 0 ? offers : undefined;
    });
    expect(offer!.message).toBe('scale-plan');
  });

  it('holds a paused journey: no new entrants, waits fire only after resume', async () => {
    const id = await publish(
      journey('pausable', [['t1', 'trigger', { event: 'p_go' }], ['w1', 'wait', { for: '1s' }], ['o1', 'offer', webhookOffer('AFTER_PAUSE', sink.url('/p'))], ['x1', 'exit']], [
        ['t1', 'w1'],
        ['w1', 'o1'],
        ['o1', 'x1'],
      ]),
    );
    await track('p-1', 'p_go');
    await wm.until(async () => (await runsOf('p-1', id))[0]?.node === 'w1');
    expect((await wm.api(`/api/journeys/${id}/pause`, { method: 'POST' })).body.status).toBe('paused');
    await track('p-2', 'p_go');
    await new Promise((r) => setTimeout(r, 1_500));
    expect(offersTo('p-1')).toEqual([]);
    expect(await runsOf('p-2', id)).toHaveLength(0);
    await wm.api(`/api/journeys/${id}/resume`, { method: 'POST' });
    await wm.until(async () => offersTo('p-1').length === 1);
  });

  it('holds an archived journey and brings it back paused, with everyone where they were', async () => {
    const id = await publish(
      journey('archivable', [['t1', 'trigger', { event: 'a_go' }], ['w1', 'wait', { for: '1s' }], ['o1', 'offer', webhookOffer('AFTER_ARCHIVE', sink.url('/a'))], ['x1', 'exit']], [
        ['t1', 'w1'],
        ['w1', 'o1'],
        ['o1', 'x1'],
      ]),
    );
    await track('a-1', 'a_go');
    await wm.until(async () => (await runsOf('a-1', id))[0]?.node === 'w1');
    expect((await wm.api(`/api/journeys/${id}/archive`, { method: 'POST' })).body.status).toBe('archived');
    expect((await wm.api(`/api/journeys/${id}/resume`, { method: 'POST' })).status).toBe(409);
    expect((await wm.api(`/api/journeys/${id}/publish`, { method: 'POST' })).status).toBe(409);
    await track('a-2', 'a_go');
    await new Promise((r) => setTimeout(r, 1_500));
    expect(offersTo('a-1')).toEqual([]);
    expect(await runsOf('a-2', id)).toHaveLength(0);
    expect((await wm.api(`/api/journeys/${id}/unarchive`, { method: 'POST' })).body.status).toBe('paused');
    await new Promise((r) => setTimeout(r, 300));
    expect(offersTo('a-1')).toEqual([]);
    await wm.api(`/api/journeys/${id}/resume`, { method: 'POST' });
    await wm.until(async () => offersTo('a-1').length === 1);
  });

  it('shows a user their runs, offers and timeline in order', async () => {
    await publish(journey('timeline', [['t1', 'trigger', { event: 'tl_go' }], ['o1', 'offer', webhookOffer('TL', sink.url('/tl'))], ['x1', 'exit']], [['t1', 'o1'], ['o1', 'x1']]));
    await track('tl-1', 'tl_go');
    const view = await wm.until(async () => {
      const v = await userView('tl-1');
      return v.offers?.[0]?.status === 'sent' ? v : undefined;
    });
    const kinds = view.timeline.map((t: { kind: string }) => t.kind).reverse();
    // One row per node: the trigger's step, the offer node's offer, the exit node's exit.
    expect(view.timeline.map((t: { kind: string; node?: string }) => `${t.kind}${t.node ? `:${t.node}` : ''}`).reverse()).toEqual([
      'event', 'enter', 'step:t1', 'offer:o1', 'exit:x1',
    ]);
    expect(kinds).toHaveLength(5);
  });
});
