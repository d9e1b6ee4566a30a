import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OfferSentPayload } from '../delivery/webhookChannel.ts';
import { startWebhookTestTarget, type WebhookTestTarget } from '../delivery/webhookTestTarget.ts';
import { pollUntil } from '../testing/pollUntil.ts';
import { unexplainedResends } from '../testing/resendsAcrossKills.ts';
import { spawnWaymark, type SpawnedWaymark } from '../testing/spawnWaymark.ts';
import { scratchPostgres, type ScratchDatabase } from '../testing/testDatabase.ts';

/*
 * Scale-out, proven on real processes: three Waymarks share one PostgreSQL; 5,000 users enter a journey with a
 * wait while one of the processes is SIGKILLed mid-run. The other two take over its lanes and its leased
 * offers, and every user gets exactly one offer: one webhook-id each, and a webhook-id arrives twice only if the
 * victim sent it and died before recording it (at least once, as Standard Webhooks expects; counted, and bounded). Each user's events apply in order across processes.
 */

const USERS = 5_000;
const ORDERED_USERS = 300;
const LEASE_MS = 3_000;

let database: ScratchDatabase;
let target: WebhookTestTarget;
let processes: SpawnedWaymark[] = [];

beforeAll(async () => {
  database = await scratchPostgres();
  target = await startWebhookTestTarget((_req, res) => res.writeHead(204).end());
  // Started together: one migrates under the advisory lock while the others wait for it.
  processes = await Promise.all([0, 1, 2].map(() => spawnWaymark({ databaseUrl: database.url, env: { OUTBOX_LEASE_MS: String(LEASE_MS) } })));
}, 60_000);

afterAll(async () => {
  for (const p of processes) {
    p.kill('SIGKILL');
    await p.exited;
  }
  await target.close();
  await database.drop();
});

const until = <T>(what: string, timeoutMs: number, check: () => Promise<T | undefined | false>) => pollUntil(what, timeoutMs, check, undefined, 100);

/** Sends a batch to the first live process that acknowledges it (same messageIds on a retry: applied once). */
async function send(live: SpawnedWaymark[], batch: Array<Record<string, unknown>>, start: number) {
  for (let attempt = 0; attempt < live.length * 3; attempt++) {
    const p = live[(start + attempt) % live.length]!;
    const res = await p.ingest('/v1/batch', { batch }).catch(() => undefined);
    if (res?.status === 200) return;
  }
  throw new Error('no process acknowledged the batch');
}

describe('three runtime processes on one PostgreSQL', () => {
  it('delivers every offer exactly once when one process is killed mid-run', async () => {
    const [first] = processes;
    const created = await first!.api('/api/journeys', {
      body: {
        name: 'Scale-out: welcome after 2 s',
        settings: { reentry: 'never' },
        nodes: [
          { id: 'start', type: 'trigger', data: { event: 'signed_up' } },
          { id: 'pause', type: 'wait', data: { for: '2s' } },
          { id: 'welcome', type: 'offer', data: { offer: 'WELCOME', channel: 'webhook', url: target.url('/offers'), template: 'Hi {{ user.id }}', cost: 1 } },
          { id: 'done', type: 'exit', data: {} },
        ],
        edges: [
          { id: 'e1', source: 'start', target: 'pause' },
          { id: 'e2', source: 'pause', target: 'welcome' },
          { id: 'e3', source: 'welcome', target: 'done' },
        ],
      },
    });
    expect(created.status).toBe(201);
    const journeyId = created.body.id as string;
    expect((await first!.api(`/api/journeys/${journeyId}/publish`, { method: 'POST' })).status).toBe(200);
    // Every process learns of the journey by NOTIFY (or its periodic reload) before traffic starts.
    await new Promise((r) => setTimeout(r, 1_000));

    let live = [...processes];
    const victim = processes[1]!;
    let killedAt = 0;
    for (let i = 0; i < USERS; i += 100) {
      const batch = Array.from({ length: 100 }, (_, j) => ({ type: 'track', userId: `user-${i + j}`, event: 'signed_up', messageId: `signup-${i + j}` }));
      await send(live, batch, i / 100);
      if (i === 2_500) {
        // Mid-run: users are waiting, being decided and being delivered on every process.
        killedAt = Date.now();
        victim.kill('SIGKILL');
        expect(await victim.exited).toBeNull();
        live = live.filter((p) => p !== victim);
      }
    }

    const byUser = await until('every user got an offer', 120_000, async () => {
      const seen = new Map<string, Set<string>>();
      for (const r of target.received) {
        const offer = JSON.parse(r.body) as OfferSentPayload;
        if (!seen.has(offer.userId)) seen.set(offer.userId, new Set());
        seen.get(offer.userId)!.add(String(r.headers['webhook-id']));
      }
      return seen.size === USERS ? seen : undefined;
    });
    const twoOffers = [...byUser].filter(([, ids]) => ids.size !== 1);
    expect(twoOffers).toEqual([]);
    const resent = target.received.length - USERS;
    expect(unexplainedResends(target.received, [killedAt])).toEqual([]);
    console.info(`scale-out: ${USERS} users, ${target.received.length} deliveries, ${resent} resends of an already-delivered webhook-id after the kill`);

    const stats = (await live[0]!.api(`/api/journeys/${journeyId}/stats`)).body;
    expect(stats.totals).toMatchObject({ entered: USERS, offersSent: USERS, offersPending: 0, offersDead: 0 });
  }, 180_000);

  it('applies each user\'s events in the order they were acknowledged, whichever process took them', async () => {
    const live = processes.filter((p) => p.pid !== processes[1]!.pid);
    for (let step = 1; step <= 3; step++) {
      // Step n for every user goes to a different process than step n-1; each is acknowledged before the next.
      for (let i = 0; i < ORDERED_USERS; i += 100) {
        const batch = Array.from({ length: 100 }, (_, j) => ({ type: 'identify', userId: `ordered-${i + j}`, traits: { step }, messageId: randomUUID() }));
        await send(live, batch, step);
      }
    }
    const wrong = await until('every ordered user applied', 60_000, async () => {
      const profiles = await Promise.all(Array.from({ length: ORDERED_USERS }, (_, i) => live[i % live.length]!.api(`/api/users/ordered-${i}`)));
      if (profiles.some((p) => p.status !== 200 || p.body.timeline.filter((t: { kind: string }) => t.kind === 'event').length < 3)) return undefined;
      return profiles.filter((p) => {
        const steps = p.body.timeline.filter((t: { kind: string }) => t.kind === 'event').reverse().map((t: { detail: { traits: { step: number } } }) => t.detail.traits.step);
        return p.body.traits.step !== 3 || steps.join(',') !== '1,2,3';
      });
    });
    expect(wrong).toEqual([]);
  }, 120_000);
});
