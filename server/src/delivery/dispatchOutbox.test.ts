import { randomBytes } from 'node:crypto';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { OutboxDispatcher } from './dispatchOutbox.ts';
import type { DeliveryResult, DispatcherLogger, OutboxDispatcherOptions } from './dispatchOutbox.ts';
import { createEmailChannel } from './emailChannel.ts';
import type { OutboxMessage, OutboxStore } from './outboxTypes.ts';
import { testOffer } from './testOffer.ts';
import { createWebhookChannel } from './webhookChannel.ts';
import { startWebhookTestTarget } from './webhookTestTarget.ts';
import type { WebhookTestTarget } from './webhookTestTarget.ts';

interface Row {
  message: OutboxMessage;
  status: 'pending' | 'sent' | 'dead';
  nextAttemptAt: number;
  leaseUntil: number;
  lastError?: string;
  /** Every next-attempt time the dispatcher asked for, in order. */
  schedule: (number | null)[];
}

/**
 * Stands in for the database only, with the semantics the real store promises (due, unleased rows; the store counts
 * failed attempts). Channels stay real: every send below is HTTP to a local server.
 */
class MemoryOutbox implements OutboxStore {
  readonly rows = new Map<number, Row>();
  claims = 0;
  /** Rows handed out by claims, over all of them. */
  claimed = 0;
  failNextClaim = false;

  constructor(private readonly events: string[] = []) {}

  add(overrides: Partial<OutboxMessage>): Row {
    const message = testOffer({ id: this.rows.size + 1, ...overrides });
    const row: Row = { message, status: 'pending', nextAttemptAt: 0, leaseUntil: 0, schedule: [] };
    this.rows.set(message.id, row);
    return row;
  }

  async claimDue(now: number, limit: number, leaseMs: number): Promise<OutboxMessage[]> {
    this.claims++;
    if (this.failNextClaim) {
      this.failNextClaim = false;
      throw new Error('database is locked');
    }
    const due = [...this.rows.values()]
      .filter((row) => row.status === 'pending' && row.nextAttemptAt <= now && row.leaseUntil <= now)
      .slice(0, limit);
    for (const row of due) row.leaseUntil = now + leaseMs;
    this.claimed += due.length;
    return due.map((row) => ({ ...row.message }));
  }

  async markSent(id: number): Promise<void> {
    const row = this.row(id);
    row.status = 'sent';
    row.leaseUntil = 0;
    this.events.push(`marked ${id} sent`);
  }

  async markFailed(id: number, error: string, nextAttemptAt: number | null): Promise<void> {
    const row = this.row(id);
    row.message.attempts++;
    row.lastError = error;
    row.leaseUntil = 0;
    row.schedule.push(nextAttemptAt);
    if (nextAttemptAt === null) row.status = 'dead';
    else row.nextAttemptAt = nextAttemptAt;
    this.events.push(`marked ${id} failed`);
  }

  private row(id: number): Row {
    const row = this.rows.get(id);
    if (!row) throw new Error(`no outbox row ${id}`);
    return row;
  }
}

const secret = `whsec_${randomBytes(32).toString('base64')}`;
const events: string[] = [];
const flakyCalls = new Map<string, number>();
let inFlight = 0;
let mostInFlight = 0;
let slowArrived: () => void = () => {};
let target: WebhookTestTarget;

beforeAll(async () => {
  target = await startWebhookTestTarget((request, response) => {
    const path = new URL(request.path, 'http://target').pathname;
    const answer = (status: number) => response.writeHead(status).end();
    if (path.startsWith('/flaky/')) {
      // Fails the first two calls for each flaky path, then accepts.
      const calls = (flakyCalls.get(path) ?? 0) + 1;
      flakyCalls.set(path, calls);
      return answer(calls <= 2 ? 500 : 200);
    }
    if (path === '/slow' || path === '/busy') {
      inFlight++;
      mostInFlight = Math.max(mostInFlight, inFlight);
      if (path === '/slow') slowArrived();
      setTimeout(
        () => {
          inFlight--;
          events.push(`${path} answered`);
          answer(200);
        },
        path === '/slow' ? 1_500 : 50,
      );
      return;
    }
    const status = /^\/status\/(\d{3})$/.exec(path)?.[1];
    answer(status ? Number(status) : 200);
  });
});
afterAll(() => target.close());

function dispatcher(store: OutboxStore, options: Partial<OutboxDispatcherOptions> = {}): OutboxDispatcher {
  return new OutboxDispatcher({
    store,
    channels: {
      webhook: createWebhookChannel({ allowPrivate: true, secret, timeoutMs: 5_000 }),
      email: createEmailChannel({ smtpUrl: undefined, from: 'offers@acme.example' }),
    },
    logger: pino({ level: 'silent' }),
    ...options,
  });
}

function requestsTo(path: string) {
  return target.received.filter((request) => request.path === path);
}

describe('OutboxDispatcher', () => {
  it('delivers a due offer once and marks it sent', async () => {
    const store = new MemoryOutbox();
    const row = store.add({ url: target.url('/once') });
    const results: DeliveryResult[] = [];
    const outbox = dispatcher(store, { onResult: (_id, result) => results.push(result) });

    expect(await outbox.runOnce()).toBe(1);
    expect(await outbox.runOnce()).toBe(0);

    expect(row.status).toBe('sent');
    expect(requestsTo('/once')).toHaveLength(1);
    expect(results).toEqual([{ status: 'sent', attempts: 1 }]);
  });

  it('logs a delivered offer at debug level, with who and what, so the default level writes no line per offer', async () => {
    const lines: string[] = [];
    const stream = { write: (line: string) => lines.push(line) };
    const store = new MemoryOutbox();
    const first = store.add({ url: target.url('/logged') });
    await dispatcher(store, { logger: pino({ level: 'info' }, stream) }).runOnce();
    expect(first.status).toBe('sent');
    expect(lines).toHaveLength(0);
    const second = store.add({ url: target.url('/logged') });
    await dispatcher(store, { logger: pino({ level: 'debug' }, stream) }).runOnce();
    expect(lines.map((l) => JSON.parse(l) as Record<string, unknown>)).toEqual([
      expect.objectContaining({ level: 20, msg: 'offer delivered', outboxId: second.message.id, userId: second.message.userId, journeyId: second.message.journeyId }),
    ]);
  });

  it('retries a failing target with growing delays and delivers on the third attempt', async () => {
    let now = 1_000_000;
    const store = new MemoryOutbox();
    const row = store.add({ url: target.url('/flaky/retry') });
    const outbox = dispatcher(store, { now: () => now });

    await outbox.runOnce();
    expect(row).toMatchObject({ status: 'pending', lastError: expect.stringContaining('HTTP 500') });
    const firstRetryAt = row.nextAttemptAt;
    expect(firstRetryAt - now).toBeGreaterThanOrEqual(1_600);
    expect(firstRetryAt - now).toBeLessThanOrEqual(2_400);

    now = firstRetryAt - 1;
    expect(await outbox.runOnce()).toBe(0); // not due yet

    now = firstRetryAt;
    await outbox.runOnce();
    const secondRetryAt = row.nextAttemptAt;
    expect(secondRetryAt - now).toBeGreaterThanOrEqual(3_200);
    expect(secondRetryAt - now).toBeLessThanOrEqual(4_800);
    expect(secondRetryAt - now).toBeGreaterThan(firstRetryAt - 1_000_000);

    now = secondRetryAt;
    await outbox.runOnce();
    expect(row.status).toBe('sent');
    expect(row.message.attempts).toBe(2);
    expect(row.schedule).toEqual([firstRetryAt, secondRetryAt]);
    expect(requestsTo('/flaky/retry').map((request) => request.headers['webhook-id'])).toEqual(['msg_1', 'msg_1', 'msg_1']);
  });

  it('dead-letters an offer with its last error once maxAttempts is used up', async () => {
    let now = 5_000_000;
    const store = new MemoryOutbox();
    const row = store.add({ url: target.url('/status/503') });
    const results: DeliveryResult[] = [];
    const outbox = dispatcher(store, { now: () => now, maxAttempts: 3, onResult: (_id, result) => results.push(result) });

    for (let attempt = 1; attempt <= 3; attempt++) {
      expect(await outbox.runOnce()).toBe(1);
      now = row.nextAttemptAt;
    }
    now += 86_400_000;
    expect(await outbox.runOnce()).toBe(0);

    expect(row.status).toBe('dead');
    expect(row.lastError).toMatch(/HTTP 503/);
    expect(row.schedule).toHaveLength(3);
    expect(row.schedule.at(-1)).toBeNull();
    expect(results.map((result) => result.status)).toEqual(['retrying', 'retrying', 'dead']);
    expect(results.at(-1)).toMatchObject({ status: 'dead', attempts: 3 });
  });

  it('dead-letters at once when the target refuses the offer for good', async () => {
    const store = new MemoryOutbox();
    const refused = store.add({ url: target.url('/status/404') });
    const noEmail = store.add({ channel: 'email', to: undefined });

    await dispatcher(store).runOnce();

    expect(refused).toMatchObject({ status: 'dead', schedule: [null], lastError: expect.stringContaining('HTTP 404') });
    expect(noEmail).toMatchObject({ status: 'dead', schedule: [null], lastError: 'SMTP_URL is not configured' });
  });

  it('does not hold a fast target back behind a slow one in the same batch', async () => {
    events.length = 0;
    const store = new MemoryOutbox(events);
    store.add({ url: target.url('/slow') });
    store.add({ url: target.url('/fast') });

    expect(await dispatcher(store).runOnce()).toBe(2);

    expect(events).toEqual(['marked 2 sent', '/slow answered', 'marked 1 sent']);
  });

  it('never has more than `concurrency` sends in flight', async () => {
    mostInFlight = 0;
    const store = new MemoryOutbox();
    const rows = Array.from({ length: 6 }, () => store.add({ url: target.url('/busy') }));
    const outbox = dispatcher(store, { concurrency: 2, perTargetConcurrency: 2, pollMs: 10 });

    outbox.start();
    await vi.waitFor(() => expect(rows.every((row) => row.status === 'sent')).toBe(true), { timeout: 5_000 });
    await outbox.stop();

    expect(mostInFlight).toBe(2);
  });

  it('lets a target that hangs hold only its share of the slots: offers to other targets keep going', async () => {
    const hanging = await startWebhookTestTarget(() => {}); // never answers
    const store = new MemoryOutbox();
    const stuck = Array.from({ length: 6 }, () => store.add({ url: hanging.url('/hang') }));
    const others = Array.from({ length: 4 }, (_, i) => store.add({ url: target.url(`/other/${i}`) }));
    // Claimed oldest first: without a share per target, the first four (all to the hanging target) would take
    // every slot until the channel's 5 s timeout.
    const outbox = dispatcher(store, { concurrency: 4, perTargetConcurrency: 2, pollMs: 20 });
    outbox.start();
    try {
      await vi.waitFor(() => expect(others.map((row) => row.status)).toEqual(['sent', 'sent', 'sent', 'sent']), { timeout: 3_000 });
      expect(hanging.received).toHaveLength(2);
      expect(stuck.filter((row) => row.status === 'pending')).toHaveLength(6);
    } finally {
      await hanging.close(); // the hung sends fail now, and are recorded for a retry
      await outbox.stop();
    }
    expect(stuck.filter((row) => row.schedule.length > 0)).toHaveLength(2);
  });

  it('never sends a waiting offer once half its lease has passed: the poll sends it, once', async () => {
    const store = new MemoryOutbox();
    const outbox = dispatcher(store, { concurrency: 4, perTargetConcurrency: 1, pollMs: 20, leaseMs: 1_000 });
    outbox.start();
    // One at a time, 50 ms each: the later ones wait past half their 1 s lease, and once it has passed the poll
    // claims them again. Sent from their waiting place as well, they would go out twice.
    const since = Date.now();
    const rows = Array.from({ length: 20 }, () => store.add({ url: target.url('/busy'), createdAt: Date.now() }));
    for (const row of rows) row.leaseUntil = row.message.createdAt + 1_000;
    outbox.take(rows.map((row) => ({ ...row.message })), false);
    try {
      await vi.waitFor(() => expect(rows.every((row) => row.status === 'sent')).toBe(true), { timeout: 10_000 });
    } finally {
      await outbox.stop();
    }
    const ids = requestsTo('/busy').filter((request) => request.at >= since).map((request) => String(request.headers['webhook-id']));
    expect(ids.sort()).toEqual(rows.map((row) => `msg_${row.message.id}`).sort());
    expect(store.claimed).toBeGreaterThan(0); // some went out from the poll
  }, 15_000);

  it('waits for sends in flight when stopped, and claims nothing afterwards', async () => {
    events.length = 0;
    const store = new MemoryOutbox(events);
    const row = store.add({ url: target.url('/slow') });
    const arrived = new Promise<void>((resolve) => (slowArrived = resolve));
    const outbox = dispatcher(store, { pollMs: 10 });

    outbox.start();
    await arrived;
    await outbox.stop();
    expect(row.status).toBe('sent');
    expect(events).toEqual(['/slow answered', 'marked 1 sent']);

    const claims = store.claims;
    const later = store.add({ url: target.url('/after-stop') });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(store.claims).toBe(claims);
    expect(later.status).toBe('pending');
  });

  it('claims right away when kicked instead of waiting for the next poll', async () => {
    const store = new MemoryOutbox();
    const outbox = dispatcher(store, { pollMs: 60_000 });
    outbox.start();
    await vi.waitFor(() => expect(store.claims).toBe(1));

    const row = store.add({ url: target.url('/kicked') });
    outbox.kick();
    await vi.waitFor(() => expect(row.status).toBe('sent'), { timeout: 2_000 });
    await outbox.stop();
  });

  it('sends offers handed over by the store without claiming them, within `concurrency`, the rest as slots free', async () => {
    mostInFlight = 0;
    const store = new MemoryOutbox();
    const outbox = dispatcher(store, { concurrency: 2, perTargetConcurrency: 2, pollMs: 60_000, leaseMs: 30_000 });
    expect(outbox.room()).toBe(0); // not running: the store leaves its rows to the poll
    outbox.start();
    await vi.waitFor(() => expect(store.claims).toBe(1));
    expect(outbox.leaseMs).toBe(30_000);
    const roomBefore = outbox.room();

    // Leased by the store as it wrote them (what `take` promises), so a claim would not hand them out.
    const rows = Array.from({ length: 5 }, () => store.add({ url: target.url('/busy'), createdAt: Date.now() }));
    for (const row of rows) row.leaseUntil = row.message.createdAt + 30_000;
    outbox.take(rows.map((row) => ({ ...row.message })), false);
    expect(outbox.room()).toBe(roomBefore - 5); // two sending, three waiting for a slot

    await vi.waitFor(() => expect(rows.every((row) => row.status === 'sent')).toBe(true), { timeout: 5_000 });
    expect(mostInFlight).toBe(2);
    expect(store.claims).toBe(1);

    // Rows the store had no room to lease: it asks for a claim, which picks them up at once.
    const unleased = store.add({ url: target.url('/left-for-poll') });
    outbox.take([], true);
    await vi.waitFor(() => expect(unleased.status).toBe('sent'), { timeout: 2_000 });
    expect(store.claims).toBeGreaterThan(1);
    await outbox.stop();
    expect(outbox.room()).toBe(0);
  });

  it('keeps running when the store fails, and logs neither message bodies nor webhook URLs', async () => {
    const lines: string[] = [];
    const capture = (level: string) => (fields: object, message?: string) => {
      lines.push(JSON.stringify({ level, message, ...fields }));
    };
    const logger: DispatcherLogger = { debug: capture('debug'), warn: capture('warn'), error: capture('error') };
    const store = new MemoryOutbox();
    store.failNextClaim = true;
    const failing = store.add({ url: target.url('/status/500?token=sekrit-token'), message: 'private body text' });
    const outbox = dispatcher(store, { logger, pollMs: 10 });

    outbox.start();
    await vi.waitFor(() => expect(failing.schedule).toHaveLength(1), { timeout: 3_000 });
    await outbox.stop();

    expect(lines.some((line) => line.includes('database is locked'))).toBe(true);
    expect(lines.some((line) => line.includes('will retry'))).toBe(true);
    const logged = lines.join('\n');
    expect(logged).not.toContain('sekrit-token');
    expect(logged).not.toContain('/status/500');
    expect(logged).not.toContain('private body text');
  });
});
