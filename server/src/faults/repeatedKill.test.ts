import type { JourneyDocumentInput } from '@waymark/shared';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { OfferSentPayload } from '../delivery/webhookChannel.ts';
import { vipOrSaveJourney } from '../testing/journeyFixtures.ts';
import { startWebhookTestTarget, type WebhookTestTarget } from '../delivery/webhookTestTarget.ts';
import { spawnWaymark, type SpawnedWaymark } from '../testing/spawnWaymark.ts';
import { scratchDatabase, type ScratchDatabase } from '../testing/testDatabase.ts';
import { pollUntilSettled, sleep } from '../testing/pollUntil.ts';
import { unexplainedResends } from '../testing/resendsAcrossKills.ts';
import { acknowledged, postIngest, startSteadyLoad, tally } from './steadyLoad.ts';
import { startTcpProxy, type TcpProxy } from './tcpProxy.ts';

/*
 * Crash after crash under traffic: a real Waymark process takes a steady stream of sign-ups and is SIGKILLed
 * ten times in a row, each time restarted on the same database. Kills land while requests are in flight, while
 * users wait, while waits fall due and while offers are being sent. The load goes through a TCP proxy (the
 * load balancer in front of the process), so a restarted process on a new port takes over the same address.
 * Afterwards the client sends what was not acknowledged again (same messageId), as Segment's libraries do.
 */

const KILLS = 10;
const RATE_PER_SECOND = 200;
/** How long each process serves before it is killed: shorter than the wait, so users are mid-wait at each kill. */
const UP_MS = 1_500;
const WAIT_MS = 2_000;
/** The work may stand still this long before the test calls it stuck (well above the wait and the lease), and
 * take this long in all, however slowly it moves, before the test says what was left (a crawl, not a speed test). */
const SETTLE = { stallMs: 15_000, capMs: 90_000 };
const REQUEST_TIMEOUT_MS = 5_000;
/** A killed process's claimed offers go out again once their lease ends (PostgreSQL keeps leases across starts). */
const LEASE_MS = 2_000;

const userId = (n: number) => `kill-user-${n}`;
const numberOf = (id: string) => Number(id.slice('kill-user-'.length));
const isVip = (n: number) => n % 3 === 0;
const expectedOffer = (n: number) => (isVip(n) ? 'VIP50' : 'SAVE10');

let database: ScratchDatabase;
let target: WebhookTestTarget;
let proxy: TcpProxy | undefined;
let current: SpawnedWaymark | undefined;
/** When each SIGKILL was sent. */
const kills: number[] = [];

beforeEach(async () => {
  kills.length = 0;
  database = await scratchDatabase();
  target = await startWebhookTestTarget((_request, response) => response.writeHead(204).end());
});

afterEach(async () => {
  if (current) {
    current.kill('SIGKILL');
    await current.exited;
    current = undefined;
  }
  await proxy?.close();
  await target.close();
  await database.drop();
});

async function start(): Promise<SpawnedWaymark> {
  current = await spawnWaymark({
    databaseUrl: database.url,
    env: { OUTBOX_LEASE_MS: String(LEASE_MS), ADMIN_RATE_LIMIT: '100000' },
  });
  return current;
}

async function crash(waymark: SpawnedWaymark): Promise<void> {
  kills.push(Date.now());
  waymark.kill('SIGKILL');
  expect(await waymark.exited).toBeNull(); // ended by the signal, not on its own
  current = undefined;
}

const portOf = (waymark: SpawnedWaymark) => Number(new URL(waymark.url).port);

async function publish(waymark: SpawnedWaymark, doc: JourneyDocumentInput): Promise<string> {
  const created = await waymark.api('/api/journeys', { body: doc });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  expect(created.body.violations).toEqual([]);
  const published = await waymark.api(`/api/journeys/${created.body.id}/publish`, { method: 'POST' });
  expect(published.status, JSON.stringify(published.body)).toBe(200);
  return created.body.id as string;
}

/** Tags VIPs (by the sign-up's `vip` property) in the same step as the sign-up: the branch two seconds later relies on it. */
const taggerJourney: JourneyDocumentInput = {
  name: 'Repeated kill: tag VIPs',
  settings: { reentry: 'never' },
  nodes: [
    { id: 'start', type: 'trigger', data: { event: 'go', where: [{ property: 'vip', op: 'eq', value: true }] } },
    { id: 'tagVip', type: 'tag', data: { add: ['vip'] } },
    { id: 'done', type: 'exit', data: {} },
  ],
  edges: [
    { id: 'e1', source: 'start', target: 'tagVip' },
    { id: 'e2', source: 'tagVip', target: 'done' },
  ],
};

interface Delivery {
  webhookId: string;
  offer: OfferSentPayload;
}

/** Every delivery the target received, grouped by user: a resend of the same webhook-id is one offer. */
function deliveriesByUser(): Map<string, Delivery[]> {
  const byUser = new Map<string, Delivery[]>();
  for (const r of target.received) {
    const offer = JSON.parse(r.body) as OfferSentPayload;
    const list = byUser.get(offer.userId) ?? [];
    list.push({ webhookId: String(r.headers['webhook-id']), offer });
    byUser.set(offer.userId, list);
  }
  return byUser;
}

const distinctIds = (deliveries: readonly Delivery[]) => new Set(deliveries.map((d) => d.webhookId));

describe(`Waymark SIGKILLed ${KILLS} times in a row under a steady load, restarted each time on the same database`, () => {
  it(
    'applies every acknowledged event once, keeps every wait, and delivers one offer per user, also to clients that retried',
    async () => {
      let waymark = await start();
      const offersId = await publish(waymark, vipOrSaveJourney({ name: 'Repeated kill: offer after a wait', event: 'go', wait: `${WAIT_MS / 1000}s`, url: target.url('/offers'), settings: { reentry: 'never' } }));
      const taggerId = await publish(waymark, taggerJourney);
      proxy = await startTcpProxy(portOf(waymark));
      const ingestUrl = `http://127.0.0.1:${proxy.port}/v1/track`;

      const load = startSteadyLoad(RATE_PER_SECOND, (n) =>
        postIngest(ingestUrl, { userId: userId(n), event: 'go', properties: { vip: isVip(n) }, messageId: `go-${n}` }, REQUEST_TIMEOUT_MS),
      );
      const startedAt = Date.now();
      for (let kill = 1; kill <= KILLS; kill++) {
        await sleep(UP_MS);
        await crash(waymark);
        // Requests keep coming while no process listens: the proxy refuses or resets them, unacknowledged.
        waymark = await start();
        proxy.retarget(portOf(waymark));
      }
      await sleep(UP_MS); // the last process takes traffic too, so its users are mid-wait when the load stops
      const records = await load.stop();
      const loadMs = Date.now() - startedAt;

      const acked = records.filter(acknowledged);
      const unacked = records.filter((r) => !acknowledged(r));
      const statuses = tally(records);
      // Every answer was a 2xx: the kills show up as requests with no answer (refused, reset, or given up on
      // while a restarted process catches up), never as an error status.
      expect(Object.keys(statuses).filter((s) => !['200', 'no answer', 'timed out'].includes(s)), JSON.stringify(statuses)).toEqual([]);
      // The kills really landed under traffic, and the traffic really got through between them.
      expect(unacked.length).toBeGreaterThan(0);
      expect(acked.length).toBeGreaterThanOrEqual(KILLS * 50);

      // A Segment client sends what was not acknowledged again, with the same messageId. Some of those events
      // were committed before their process died: deduplication must keep them from applying twice.
      const retriedAt = Date.now();
      const phases: Record<string, number> = { load: retriedAt - startedAt };
      for (let i = 0; i < unacked.length; i += 500) {
        const batch = unacked.slice(i, i + 500).map(({ n }) => ({ type: 'track', userId: userId(n), event: 'go', properties: { vip: isVip(n) }, messageId: `go-${n}` }));
        const res = await waymark.ingest('/v1/batch', { batch });
        expect(res.status, JSON.stringify(res.body)).toBe(200);
      }
      const sentAt = new Map<string, number>(records.map((r) => [userId(r.n), r.sentAt]));
      const journeyStats = async (id: string) => {
        const res = await waymark.api(`/api/journeys/${id}/stats`);
        expect(res.status).toBe(200);
        return res.body;
      };

      // Quiescence: every user has an offer, no run is still active and no offer is pending. A wait lost in a
      // crash keeps its run active (and its user without an offer) for good: the work stops moving short of
      // done, and that fails here, however slow the machine.
      await pollUntilSettled(
        'every user delivered an offer and every run ended',
        SETTLE,
        async () => {
          const byUser = deliveriesByUser();
          const { totals } = await journeyStats(offersId);
          const everyone = [...sentAt.keys()].every((id) => byUser.has(id));
          return { done: everyone && totals.active === 0 && totals.offersPending === 0, progress: byUser.size + totals.entered + totals.exited };
        },
        async () => {
          const byUser = deliveriesByUser();
          const missing = [...sentAt.keys()].filter((id) => !byUser.has(id));
          const samples = await Promise.all(missing.slice(0, 3).map(async (id) => JSON.stringify((await waymark.api(`/api/users/${id}`)).body).slice(0, 600)));
          return (
            `stats: ${JSON.stringify((await journeyStats(offersId)).totals)}; ${missing.length} users without an offer; ` +
            `metrics: ${await runtimeMetrics(waymark)}; e.g.\n${samples.join('\n')}`
          );
        },
      );

      phases.settle = Date.now() - retriedAt;
      const byUser = deliveriesByUser();
      // Exactly one offer per user (one webhook-id), and none for anybody else; a webhook-id arrives again only
      // across a kill (sent, then the process died before recording it), within what the kills could leave.
      const notOne = [...sentAt.keys()].filter((id) => distinctIds(byUser.get(id) ?? []).size !== 1);
      expect(notOne).toEqual([]);
      expect(byUser.size).toBe(sentAt.size);
      expect(unexplainedResends(target.received, kills)).toEqual([]);
      // The branch saw the tag set in the sign-up's own step: both journeys applied the event together.
      const wrongOffer = [...byUser].filter(([id, deliveries]) => deliveries.some((d) => d.offer.offer !== expectedOffer(numberOf(id)))).map(([id]) => id);
      expect(wrongOffer).toEqual([]);
      // No restart cut a wait short: each offer was committed at least the wait after its event was first sent.
      const early = [...byUser].filter(([id, deliveries]) => deliveries.some((d) => Date.parse(d.offer.createdAt) < sentAt.get(id)! + WAIT_MS));
      expect(early.map(([id]) => id)).toEqual([]);

      const users = sentAt.size;
      const vips = [...sentAt.keys()].filter((id) => isVip(numberOf(id))).length;
      const offersStats = await journeyStats(offersId);
      expect(offersStats.totals).toMatchObject({ entered: users, active: 0, exited: users, offersSent: users, offersPending: 0, offersDead: 0 });
      expect(offersStats.nodes.pause.waiting).toBe(0);
      expect(offersStats.edges).toMatchObject({ e3: vips, e4: users - vips });
      expect((await journeyStats(taggerId)).totals).toMatchObject({ entered: vips, active: 0, exited: vips });

      // Each user, as the API shows them: the event applied once (one timeline entry, one run of each journey
      // that applies), the run ended at the exit, its one offer sent.
      const unackedIds = new Set(unacked.map((r) => userId(r.n)));
      const checkedAt = Date.now();
      const profiles = await inBatches([...sentAt.keys()], 32, (id) => waymark.api(`/api/users/${id}`));
      phases.profiles = Date.now() - checkedAt;
      const wrong = profiles.flatMap(({ item: id, result: res }) => {
        if (res.status !== 200) return [`${id}: HTTP ${res.status}`];
        const runs = res.body.runs as Array<{ journeyId: string; status: string; node: string }>;
        const offerRuns = runs.filter((r) => r.journeyId === offersId);
        const taggerRuns = runs.filter((r) => r.journeyId === taggerId);
        const events = (res.body.timeline as Array<{ kind: string; at: number; detail: { messageId?: string } }>).filter((t) => t.kind === 'event');
        const offers = res.body.offers as Array<{ status: string }>;
        const problems = [
          events.length !== 1 && `${events.length} events in the timeline ${JSON.stringify(events)}`,
          (offerRuns.length !== 1 || offerRuns[0]!.status !== 'exited' || offerRuns[0]!.node !== 'done') && `offer journey runs ${JSON.stringify(offerRuns)}`,
          taggerRuns.length !== (isVip(numberOf(id)) ? 1 : 0) && `${taggerRuns.length} tagger runs`,
          (offers.length !== 1 || offers[0]!.status !== 'sent') && `offers ${JSON.stringify(offers)}`,
        ].filter(Boolean);
        return problems.length ? [`${id}${unackedIds.has(id) ? ' (sent again)' : ''}: ${problems.join('; ')}`] : [];
      });
      expect(wrong).toEqual([]);

      const appliedBeforeRetry = profiles.filter(({ item, result }) => unackedIds.has(item) && (result.body.runs as Array<{ enteredAt: number }>)[0]!.enteredAt < retriedAt).length;
      const duplicates = target.received.length - users;
      console.info(
        `repeated kill (${database.kind}): ${KILLS} kills in ${loadMs} ms, ${records.length} requests ${JSON.stringify(statuses)}; ` +
          `${acked.length} acknowledged; ${unacked.length} sent again, ${appliedBeforeRetry} of them already applied (deduplicated); ` +
          `${users} users, ${users} offers, ${target.received.length} deliveries, ${duplicates} resends of an already-delivered webhook-id; ` +
          `phases (ms) ${JSON.stringify(phases)}`,
      );
    },
    240_000,
  );
});

/** The runtime's own view of its backlog (events not applied, wakeups due and late, offers queued), for failures. */
async function runtimeMetrics(waymark: SpawnedWaymark): Promise<string> {
  const text = await fetch(`${waymark.url}/metrics`).then((r) => r.text());
  return text
    .split('\n')
    .filter((line) => /^waymark_(events_pending|wakeups_due|wakeups_late|outbox_depth|runs_active)/.test(line))
    .join(', ');
}

async function inBatches<T, R>(items: readonly T[], size: number, fn: (item: T) => Promise<R>): Promise<Array<{ item: T; result: R }>> {
  const out: Array<{ item: T; result: R }> = [];
  for (let i = 0; i < items.length; i += size) {
    const slice = items.slice(i, i + size);
    out.push(...(await Promise.all(slice.map(async (item) => ({ item, result: await fn(item) })))));
  }
  return out;
}
