import { journey, webhookOffer } from '../server/src/testing/journeyFixtures.ts';
import { exitAfter, int, report } from './lib/benchResult.ts';
import { pollUntil, startBenchServer, WRITE_AUTH } from './lib/benchServer.ts';
import { startLoadClient } from './lib/startLoadClient.ts';

/**
 * Figure 4: memory held per user waiting in a 30-day wait. Waits are rows, not timers, so this should be close
 * to nothing; it is measured as the change in RSS and V8 heap (after forced GC) between the same server before
 * and after 100,000 users entered the wait. Run with `node --expose-gc --import tsx bench/waitingMemory.ts`.
 */
const USERS = 100_000;
const WARMUP = 1_000;
const TARGET_BYTES = 512;

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with node --expose-gc, so the heap can be measured after a full collection');
const settle = async () => {
  for (let i = 0; i < 3; i++) {
    gc();
    await new Promise((r) => setTimeout(r, 100));
  }
  return process.memoryUsage();
};

const FIGURE = '4. Memory per waiting user';
exitAfter(175_000, FIGURE);

const server = await startBenchServer();
const client = await startLoadClient();
try {
  const journeyId = await server.publish(
    journey(
      'Bench: long wait',
      [['start', 'trigger', { event: 'signed_up' }], ['hold', 'wait', { for: '30d' }], ['gift', 'offer', webhookOffer('LATER', client.sinkUrl)], ['done', 'exit']],
      [['start', 'hold'], ['hold', 'gift'], ['gift', 'done']],
    ),
  );
  const enter = (prefix: string, users: number, capSeconds: number) =>
    client.closed({
      target: `${server.url}/v1/batch`,
      auth: WRITE_AUTH,
      concurrency: 8,
      requests: users / 100,
      body: { kind: 'batch', event: 'signed_up', userPrefix: prefix, batchSize: 100 },
      timeoutMs: capSeconds * 1000,
    });
  const waiting = (count: number, capSeconds: number) =>
    pollUntil(async () => {
      const stats = await server.stats(journeyId);
      return (stats.nodes.hold?.waiting ?? 0) >= count ? stats.nodes.hold?.waiting : undefined;
    }, capSeconds * 1000, 500);

  // Warm-up: every code path the load uses has run, and every cache that does not grow per user is filled.
  await enter('warm-', WARMUP, 10);
  await waiting(WARMUP, 20);
  const before = await settle();

  const sent = await enter('user-', USERS, 50);
  const reached = (await waiting(WARMUP + USERS, 110)) ?? (await server.stats(journeyId)).nodes.hold?.waiting ?? 0;
  const after = await settle();

  const loaded = reached - WARMUP;
  const rssPerUser = (after.rss - before.rss) / loaded;
  const heapPerUser = (after.heapUsed - before.heapUsed) / loaded;
  const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  report({
    figure: FIGURE,
    result: `RSS ${rssPerUser.toFixed(0)} B/user, heapUsed ${heapPerUser.toFixed(0)} B/user (${int(loaded)} users waiting)`,
    target: `≤ ${TARGET_BYTES} B (0.5 KB) per waiting user`,
    met: loaded === USERS && rssPerUser <= TARGET_BYTES && heapPerUser <= TARGET_BYTES,
    notes:
      `${int(USERS)} new users entered wait 30d via POST /v1/batch (after ${int(WARMUP)} warm-up users); stats showed them waiting. ` +
      `Same process, after forced GC: RSS ${mb(before.rss)} → ${mb(after.rss)}, heapUsed ${mb(before.heapUsed)} → ${mb(after.heapUsed)}; ` +
      `${int(sent.failed)} failed requests.`,
    raw: { rssPerUser, heapPerUser, loaded, rssBefore: before.rss, rssAfter: after.rss, heapBefore: before.heapUsed, heapAfter: after.heapUsed },
  });
} finally {
  client.close();
  await server.close();
}
