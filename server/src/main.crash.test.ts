import type { JourneyDocumentInput } from '@waymark/shared';
import { Webhook } from 'standardwebhooks';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { OfferSentPayload } from './delivery/webhookChannel.ts';
import { startWebhookTestTarget, type WebhookTestTarget } from './delivery/webhookTestTarget.ts';
import { pollUntil } from './testing/pollUntil.ts';
import { spawnWaymark, type SpawnedWaymark } from './testing/spawnWaymark.ts';
import { scratchDatabase, type ScratchDatabase } from './testing/testDatabase.ts';
import { journey, vipOrSaveJourney, webhookOffer } from './testing/journeyFixtures.ts';
import { TEST_WEBHOOK_SECRET } from './testing/testWaymark.ts';

/*
 * Crash safety, proven on the real process: Waymark runs as `npm start` runs it (`spawnWaymark`) and is SIGKILLed
 * mid-journey (no shutdown hook runs, nothing is flushed), then started again on the same database (SQLite or
 * PostgreSQL, whichever store the run tests).
 */

const USERS = 500;
const isVip = (i: number) => i % 3 === 0;
const userId = (i: number) => `crash-user-${i}`;

let database: ScratchDatabase;
let target: WebhookTestTarget;
const spawned: SpawnedWaymark[] = [];

beforeEach(async () => {
  database = await scratchDatabase();
  target = await startWebhookTestTarget((_request, response) => {
    response.statusCode = 200;
    response.end();
  });
});

afterEach(async () => {
  for (const waymark of spawned.splice(0)) {
    waymark.kill('SIGKILL');
    await waymark.exited;
  }
  await target.close();
  await database.drop();
});

async function start(): Promise<SpawnedWaymark> {
  const waymark = await spawnWaymark({ databaseUrl: database.url });
  spawned.push(waymark);
  return waymark;
}

/** SIGKILL, the way a crash or an OOM kill ends a process: no `close()`, no final flush. */
async function crash(waymark: SpawnedWaymark): Promise<void> {
  waymark.kill('SIGKILL');
  expect(await waymark.exited).toBeNull(); // ended by the signal, not by exiting on its own
  spawned.splice(spawned.indexOf(waymark), 1);
}

/** Polls often: the crash must land while the users are still mid-wait. */
const until = <T>(what: string, timeoutMs: number, check: () => Promise<T | undefined | false>) => pollUntil(what, timeoutMs, check, undefined, 50);

const sleepUntil = (at: number) => new Promise((r) => setTimeout(r, Math.max(0, at - Date.now())));

async function publish(waymark: SpawnedWaymark, doc: JourneyDocumentInput): Promise<string> {
  const created = await waymark.api('/api/journeys', { body: doc });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  expect(created.body.violations).toEqual([]);
  const published = await waymark.api(`/api/journeys/${created.body.id}/publish`, { method: 'POST' });
  expect(published.status, JSON.stringify(published.body)).toBe(200);
  return created.body.id as string;
}

async function stats(waymark: SpawnedWaymark, journeyId: string) {
  const res = await waymark.api(`/api/journeys/${journeyId}/stats`);
  expect(res.status).toBe(200);
  return res.body;
}

const offersReceived = () => target.received.map((r) => JSON.parse(r.body) as OfferSentPayload);

describe('Waymark killed with SIGKILL and restarted on the same SQLite file', () => {
  it(
    'sends each of 500 waiting users exactly one offer, chosen by their tag, after the restart',
    async () => {
      const first = await start();
      const journeyId = await publish(first, vipOrSaveJourney({ name: 'Crash test: VIP or not', event: 'signed_up', wait: '5s', url: target.url('/offers') }));

      // Tags go through the same inbox as events, so tagging before sign-up is in place when the branch runs.
      const vips = Array.from({ length: USERS }, (_, i) => i).filter(isVip);
      for (let i = 0; i < vips.length; i += 50) {
        const tagged = await Promise.all(
          vips.slice(i, i + 50).map((n) => first.api(`/api/users/${userId(n)}/tags`, { body: { add: ['vip'] } })),
        );
        for (const res of tagged) expect(res.body.tags).toEqual(['vip']);
      }
      const batch = Array.from({ length: USERS }, (_, n) => [
        { type: 'identify', userId: userId(n), traits: { name: `User ${n}` }, messageId: `identify-${n}` },
        { type: 'track', userId: userId(n), event: 'signed_up', properties: {}, messageId: `signed-up-${n}` },
      ]).flat();
      const ingestedAt = Date.now();
      const ingested = await first.ingest('/v1/batch', { batch });
      expect(ingested).toEqual({ status: 200, body: { success: true, accepted: 2 * USERS } });

      await until('all 500 runs waiting at the wait node', 15_000, async () => (await stats(first, journeyId)).nodes.pause.waiting === USERS);
      await crash(first);
      // The wait is 5 s; the process died well before it ended, so nothing can have gone out.
      expect(target.received).toHaveLength(0);

      const second = await start();
      await until('500 offers sent and every run ended', 20_000, async () => {
        const { totals } = await stats(second, journeyId);
        return totals.offersSent === USERS && totals.active === 0;
      });

      // Every row is marked sent, so no send is still under way: this count is final.
      expect(target.received).toHaveLength(USERS);
      expect(new Set(target.received.map((r) => r.headers['webhook-id'])).size).toBe(USERS);
      const offers = offersReceived();
      expect(new Set(offers.map((o) => o.userId)).size).toBe(USERS);
      const expected = Object.fromEntries(Array.from({ length: USERS }, (_, n) => [userId(n), isVip(n) ? 'VIP50' : 'SAVE10']));
      expect(Object.fromEntries(offers.map((o) => [o.userId, o.offer]))).toEqual(expected);
      expect(offers.every((o) => o.journeyId === journeyId)).toBe(true);
      // The restarted process kept each wait's due time: no offer went out before its 5 s had passed.
      expect(Math.min(...offers.map((o) => Date.parse(o.createdAt)))).toBeGreaterThanOrEqual(ingestedAt + 5_000);
      // Signed with the same secret after the restart, so receivers keep verifying.
      const verifier = new Webhook(TEST_WEBHOOK_SECRET);
      for (const r of target.received) expect(() => verifier.verify(r.body, r.headers as Record<string, string>)).not.toThrow();

      const after = await stats(second, journeyId);
      expect(after.totals).toMatchObject({ entered: USERS, active: 0, exited: USERS, converted: 0, offersSent: USERS, offersPending: 0, offersDead: 0 });
      expect(after.nodes.vipOffer.entered).toBe(vips.length);
      expect(after.nodes.saveOffer.entered).toBe(USERS - vips.length);
      expect(after.nodes.done).toEqual({ entered: USERS, waiting: 0, passed: USERS });
      expect(after.edges).toMatchObject({ e3: vips.length, e4: USERS - vips.length });
    },
    45_000,
  );

  it(
    'fires a wait that fell due while the server was down once it is back, exactly once',
    async () => {
      const first = await start();
      const journeyId = await publish(
        first,
        journey(
          'Crash test: due while down',
          [['start', 'trigger', { event: 'signed_up' }], ['pause', 'wait', { for: '2s' }], ['late', 'offer', webhookOffer('LATE15', target.url('/late'))], ['done', 'exit']],
          [['start', 'pause'], ['pause', 'late'], ['late', 'done']],
        ),
      );
      await first.ingest('/v1/track', { userId: 'sleeper', event: 'signed_up' });
      const run = await until('the run waiting at the wait node', 10_000, async () => {
        const user = await first.api('/api/users/sleeper');
        const r = user.body.runs?.[0];
        return r?.node === 'pause' ? (r as { enteredAt: number }) : undefined;
      });
      await crash(first);
      expect(target.received).toHaveLength(0);

      // Stay down until well past the due time, so the wakeup is overdue when the next process starts.
      const dueAt = run.enteredAt + 2_000;
      await sleepUntil(dueAt + 500);
      const restartedAt = Date.now();
      const second = await start();
      await until('the overdue offer sent', 10_000, async () => (await stats(second, journeyId)).totals.offersSent === 1);

      expect(target.received).toHaveLength(1);
      const [offer] = offersReceived();
      expect(offer).toMatchObject({ userId: 'sleeper', offer: 'LATE15', node: 'late' });
      expect(Date.parse(offer?.createdAt ?? '')).toBeGreaterThanOrEqual(restartedAt);
      const user = await second.api('/api/users/sleeper');
      expect(user.body.runs).toMatchObject([{ status: 'exited', node: 'done' }]);
      expect(user.body.offers).toMatchObject([{ status: 'sent', attempts: 1 }]);
    },
    30_000,
  );
});
