import type { AddressInfo } from 'node:net';
import { RawHttpClient, rawSink } from './rawHttp.ts';
import type { Arrivals, BodySpec, ClosedResult, LoadCommand, OpenResult } from './loadProtocol.ts';

/**
 * The load generator and the webhook sink, run as a child process (see `startLoadClient`) so that neither
 * takes CPU from the server being measured: on a 2-core machine they get the other core. All times are
 * wall-clock milliseconds with sub-millisecond resolution.
 */
const nowMs = () => performance.timeOrigin + performance.now();
const arrivals = new Map<string, number>();
let received = 0;

const sink = rawSink((body) => {
  const at = nowMs();
  const { userId } = JSON.parse(body.toString('utf8')) as { userId: string };
  received++;
  if (!arrivals.has(userId)) arrivals.set(userId, at);
});

function bodyOf(spec: BodySpec, i: number): string {
  const event = (n: number) => ({ type: 'track', userId: `${spec.userPrefix}${n}`, event: spec.event, messageId: `${spec.userPrefix}${n}` });
  if (spec.kind === 'track') return JSON.stringify(event(i));
  const size = spec.batchSize ?? 100;
  return JSON.stringify({ batch: Array.from({ length: size }, (_, j) => event(i * size + j)) });
}

async function closedLoop(c: Extract<LoadCommand, { type: 'closed' }>): Promise<ClosedResult> {
  const client = new RawHttpClient(new URL(c.target), c.auth, c.concurrency);
  const deadline = Date.now() + c.timeoutMs;
  let next = 0;
  let ok = 0;
  let failed = 0;
  const startedAt = nowMs();
  const connection = async () => {
    while (next < c.requests && Date.now() < deadline) {
      if (await client.post(bodyOf(c.body, next++))) ok++;
      else failed++;
    }
  };
  await Promise.all(Array.from({ length: c.concurrency }, connection));
  const finishedAt = nowMs();
  client.close();
  return { ok, failed, startedAt, finishedAt };
}

/** Sends at a fixed rate by the clock, whatever the answers do; each request is stamped with its scheduled time. */
async function openLoop(c: Extract<LoadCommand, { type: 'open' }>): Promise<OpenResult> {
  const client = new RawHttpClient(new URL(c.target), c.auth, 256);
  const total = Math.round((c.ratePerSec * c.durationMs) / 1000);
  const interval = 1000 / c.ratePerSec;
  const scheduled: number[] = [];
  const answers: Promise<boolean>[] = [];
  let maxSendLag = 0;
  const start = nowMs() + 20;
  await new Promise<void>((done) => {
    const tick = () => {
      const now = nowMs();
      while (scheduled.length < total && start + scheduled.length * interval <= now) {
        const due = start + scheduled.length * interval;
        maxSendLag = Math.max(maxSendLag, now - due);
        answers.push(client.post(bodyOf(c.body, scheduled.length)));
        scheduled.push(due);
      }
      if (scheduled.length < total) setTimeout(tick, 1);
      else done();
    };
    tick();
  });
  const ok = (await Promise.all(answers)).filter(Boolean).length;
  client.close();
  return { ok, failed: total - ok, scheduled, maxSendLag };
}

async function waitForArrivals(c: Extract<LoadCommand, { type: 'arrivals' }>): Promise<Arrivals> {
  const deadline = Date.now() + c.timeoutMs;
  // Arrival times are stamped by the sink itself, so how often this looks does not change them.
  while (arrivals.size < c.expect && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
  let lastAt = 0;
  for (const at of arrivals.values()) lastAt = Math.max(lastAt, at);
  return { users: arrivals.size, received, lastAt, at: c.list ? [...arrivals] : [] };
}

async function handle(command: LoadCommand): Promise<unknown> {
  switch (command.type) {
    case 'sink':
      await new Promise<void>((resolve) => sink.listen(0, '127.0.0.1', resolve));
      return { url: `http://127.0.0.1:${(sink.address() as AddressInfo).port}/offer` };
    case 'closed':
      return closedLoop(command);
    case 'open':
      return openLoop(command);
    case 'arrivals':
      return waitForArrivals(command);
    default:
      throw new Error(`unknown command ${JSON.stringify(command satisfies never)}`);
  }
}

process.on('message', (message: { id: number; command: LoadCommand }) => {
  handle(message.command).then(
    (result) => process.send?.({ id: message.id, result }),
    (error: Error) => process.send?.({ id: message.id, error: error.message }),
  );
});
// The bench that forked us is gone (finished or killed): so are we.
process.on('disconnect', () => process.exit(0));
