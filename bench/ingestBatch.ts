import { journey, webhookOffer } from '../server/src/testing/journeyFixtures.ts';
import { exitAfter, int, report } from './lib/benchResult.ts';
import { nowMs, pollUntil, startBenchServer, WRITE_AUTH } from './lib/benchServer.ts';
import { startLoadClient } from './lib/startLoadClient.ts';

/**
 * Figure 2: `/v1/batch` ingestion of events no journey starts on (each from a new user), 100 per request,
 * 8 requests in flight. Two clocks: until every request was acknowledged (durably in the inbox), and until
 * the runtime had processed the whole inbox (profiles, timelines, trigger checks against a live journey).
 */
const EVENTS = 200_000;
const BATCH = 100;
const CONCURRENCY = 8;
const TARGET = 30_000;
const LOAD_CAP_S = 50;
const PROCESS_CAP_S = 90;

const FIGURE = '2. Batch ingestion';
exitAfter(175_000, FIGURE);

const server = await startBenchServer();
const client = await startLoadClient();
try {
  // A live journey the events do not trigger, so processing still checks every event against an entry rule.
  await server.publish(
    journey('Bench: unrelated', [['start', 'trigger', { event: 'signed_up' }], ['gift', 'offer', webhookOffer('GIFT', client.sinkUrl)], ['done', 'exit']], [
      ['start', 'gift'],
      ['gift', 'done'],
    ]),
  );
  const load = (prefix: string, events: number, capSeconds: number) =>
    client.closed({
      target: `${server.url}/v1/batch`,
      auth: WRITE_AUTH,
      concurrency: CONCURRENCY,
      requests: events / BATCH,
      body: { kind: 'batch', event: 'page_viewed', userPrefix: prefix, batchSize: BATCH },
      timeoutMs: capSeconds * 1000,
    });
  const inboxEmpty = (capSeconds: number) =>
    pollUntil(async () => ((await server.store.pendingEvents(1)).length === 0 ? nowMs() : undefined), capSeconds * 1000, 20);

  await load('warm-', 5_000, 10);
  await inboxEmpty(10);

  const startedAt = nowMs();
  const sent = await load('user-', EVENTS, LOAD_CAP_S);
  const processedAt = await inboxEmpty(PROCESS_CAP_S);
  const acked = sent.ok * BATCH;

  const ackRate = acked / ((sent.finishedAt - sent.startedAt) / 1000);
  const processedRate = processedAt === undefined ? 0 : acked / ((processedAt - startedAt) / 1000);
  report({
    figure: FIGURE,
    result:
      `${int(ackRate)} events/s acknowledged; ${processedAt === undefined ? `inbox not drained within ${PROCESS_CAP_S} s` : `${int(processedRate)} events/s until the inbox was processed`}; ` +
      `${int(acked)}/${int(EVENTS)} events acknowledged`,
    target: `≥ ${int(TARGET)} events/s`,
    met: acked === EVENTS && ackRate >= TARGET && processedRate >= TARGET,
    notes:
      `${int(EVENTS)} non-triggering events (new users) via POST /v1/batch, ${BATCH} per request, ${CONCURRENCY} in flight, after 5,000 warm-up events; ` +
      `"processed" polls store.pendingEvents(1) every 20 ms from the first send. ${int(sent.failed)} failed requests.`,
    raw: { ackRate, processedRate, acked, failed: sent.failed, ackSeconds: (sent.finishedAt - sent.startedAt) / 1000, processedSeconds: processedAt === undefined ? -1 : (processedAt - startedAt) / 1000 },
  });
} finally {
  client.close();
  await server.close();
}
