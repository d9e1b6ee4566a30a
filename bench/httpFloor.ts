import { performance } from 'node:perf_hooks';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Worker } from 'node:worker_threads';
import { createRequire } from 'node:module';
import { exitAfter, int, report } from './lib/benchResult.ts';
import { WRITE_AUTH } from './lib/benchServer.ts';
import { startLoadClient } from './lib/startLoadClient.ts';

/**
 * Figure 0, a reference rather than a target: the most figure 1's shape can do on this machine at all. The same
 * load client, connections and sink as figure 1 against a bare `node:http` server that parses each event,
 * answers 200 and posts one webhook from a worker thread: no database, no engine, no Express, no checks. Figure
 * 1's 4,000 events/s is to be read against it: what the product adds per event (durable writes, the journey,
 * the outbox, auth and limits) has to fit in the difference.
 */
const EVENTS = 20_000;
const WARMUP = 1_000;
const CONCURRENCY = 32;

const FIGURE = '0. HTTP floor (reference for figure 1)';
exitAfter(120_000, FIGURE);

// Plain JavaScript, so the thread needs no TypeScript loader: posts each body it is given to the sink, with the
// same HTTP client (undici) and connection limit as the product's webhook channel.
const POSTER = `
const { parentPort, workerData } = require('node:worker_threads');
const { Agent } = require(workerData.undici);
const agent = new Agent({ connections: 128 });
const sink = new URL(workerData.sink);
parentPort.on('message', (body) => {
  agent
    .request({ origin: sink.origin, path: sink.pathname, method: 'POST', headers: { 'content-type': 'application/json' }, body })
    .then((answer) => answer.body.dump(), () => {})
    .catch(() => {});
});`;

const client = await startLoadClient();
const poster = new Worker(POSTER, { eval: true, workerData: { sink: client.sinkUrl, undici: createRequire(new URL('../server/package.json', import.meta.url)).resolve('undici') } });
const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => {
    const event = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { userId: string };
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"success":true}');
    poster.postMessage(JSON.stringify({ userId: event.userId, offer: 'WELCOME10' }));
  });
});
try {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const target = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/track`;
  const load = (prefix: string, requests: number) =>
    client.closed({ target, auth: WRITE_AUTH, concurrency: CONCURRENCY, requests, body: { kind: 'track', event: 'signed_up', userPrefix: prefix }, timeoutMs: 50_000 });
  await load('warm-', WARMUP);
  await client.arrivals(WARMUP, 10_000);
  const loop = performance.eventLoopUtilization();
  const sent = await load('user-', EVENTS);
  const arrived = await client.arrivals(WARMUP + sent.ok, 30_000);
  const busy = performance.eventLoopUtilization(loop);
  const rate = (arrived.users - WARMUP) / ((arrived.lastAt - sent.startedAt) / 1000);
  report({
    figure: FIGURE,
    result: `${int(rate)} events/s end to end; server main thread ${Math.round(busy.utilization * 100)}% busy, ${int((busy.active * 1000) / EVENTS)} µs per event`,
    target: 'none: the ceiling figure 1 is measured under',
    met: true,
    reference: true,
    notes:
      `Figure 1's load (${int(EVENTS)} track calls, ${CONCURRENCY} keep-alive connections, closed loop, after ${int(WARMUP)} warm-up) and sink, against a bare node:http ` +
      `server that parses the event, answers 200 and posts one webhook from a worker thread. ${int(sent.failed)} failed requests, ${int(arrived.users - WARMUP)} webhooks arrived.`,
    raw: { rate, mainUtilization: busy.utilization, mainUsPerEvent: (busy.active * 1000) / EVENTS },
  });
} finally {
  client.close();
  server.close();
  await poster.terminate();
}
