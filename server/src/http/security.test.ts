import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../createWaymark.ts';
import { journey } from '../testing/journeyFixtures.ts';
import { startTestWaymark, TEST_ADMIN_TOKEN, TEST_WEBHOOK_SECRET, TEST_WRITE_KEY, type TestWaymark } from '../testing/testWaymark.ts';

let wm: TestWaymark;
let logged = '';
const sink = new Writable({
  write(chunk, _encoding, done) {
    logged += String(chunk);
    done();
  },
});

beforeAll(async () => {
  wm = await startTestWaymark(
    { CORS_ORIGINS: 'https://app.example.com', INGEST_RATE_LIMIT: '40', ALLOW_PRIVATE_WEBHOOKS: 'false' },
    // The server's own logger (LOG_LEVEL, redaction), at its most talkative level, writing here.
    { log: createLogger({ logLevel: 'debug' }, sink) },
  );
});
afterAll(() => wm.close());

describe('HTTP security', () => {
  it('sends security headers with a same-origin content security policy', async () => {
    const res = await fetch(`${wm.url}/healthz`);
    expect(res.headers.get('content-security-policy')).toMatch(/default-src 'self'.*frame-ancestors 'none'/);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(res.headers.get('x-powered-by')).toBeNull();
  });

  it('keeps CORS closed to origins that are not listed, and open to the listed one', async () => {
    const preflight = (origin: string) =>
      fetch(`${wm.url}/v1/track`, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type' } });
    expect((await preflight('https://evil.example.net')).headers.get('access-control-allow-origin')).toBeNull();
    expect((await preflight('https://app.example.com')).headers.get('access-control-allow-origin')).toBe('https://app.example.com');
  });

  it('limits requests per write key with a 429 naming the limit, without touching other keys', async () => {
    const results = await Promise.all(Array.from({ length: 80 }, (_, i) => wm.ingest('/v1/track', { userId: `rl${i}`, event: 'x' })));
    const limited = results.filter((r) => r.status === 429);
    expect(limited.length).toBeGreaterThan(0);
    expect(limited[0]!.body.error).toEqual({ code: 'rate_limited', message: expect.stringMatching(/^authorization: at most 40 requests per second per write key/) });
    // Another credential has its own budget (a wrong key is then refused by auth, not by the limit).
    const other = await fetch(`${wm.url}/v1/track`, { method: 'POST', headers: { authorization: `Basic ${Buffer.from('another:').toString('base64')}`, 'content-type': 'application/json' }, body: '{}' });
    expect(other.status).toBe(401);
  });

  it('limits the management API per admin token too, with Retry-After', async () => {
    const admin = await startTestWaymark({ ADMIN_RATE_LIMIT: '5' });
    try {
      // Twelve at once: a fixed one-second window lets at most five through, ten if they straddle two windows.
      const answers = await Promise.all(
        Array.from({ length: 12 }, async () => {
          const res = await fetch(`${admin.url}/api/journeys`, { headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}` } });
          return { status: res.status, retryAfter: res.headers.get('retry-after'), body: (await res.json()) as { error?: unknown } };
        }),
      );
      const limited = answers.filter((a) => a.status === 429);
      expect(answers.filter((a) => a.status === 200).length).toBeLessThanOrEqual(10);
      expect(limited.length).toBeGreaterThanOrEqual(2);
      expect(limited[0]).toEqual({
        status: 429,
        retryAfter: expect.stringMatching(/^\d+$/),
        body: { error: { code: 'rate_limited', message: expect.stringMatching(/^authorization: at most 5 requests per second per admin token/) } },
      });
    } finally {
      await admin.close();
    }
  });

  it('refuses to publish webhooks to private addresses unless allowed', async () => {
    const doc = journey('ssrf', [['t1', 'trigger', { event: 'go' }], ['o1', 'offer', { offer: 'X', channel: 'webhook', url: 'http://169.254.169.254/latest/meta-data', template: 'hi', cost: 0 }], ['x1', 'exit']], [['t1', 'o1'], ['o1', 'x1']]);
    const id = (await wm.api('/api/journeys', { body: doc })).body.id;
    const res = await wm.api(`/api/journeys/${id}/publish`, { method: 'POST' });
    expect(res.status).toBe(422);
    expect(res.body.error).toMatchObject({ code: 'webhook_refused', message: expect.stringMatching(/^draft\.nodes\.1\.data\.url: "169\.254\.169\.254" is a private or loopback address/) });
  });

  it('serves Prometheus metrics for events, runs, wakeups, the outbox and latency', async () => {
    const res = await fetch(`${wm.url}/metrics`);
    const text = await res.text();
    expect(res.headers.get('content-type')).toMatch(/text\/plain/);
    for (const name of ['waymark_events_ingested_total', 'waymark_runs_active', 'waymark_wakeups_due', 'waymark_wakeups_late', 'waymark_outbox_depth{status="pending"}', 'waymark_deliveries_total', 'waymark_offer_delivery_latency_seconds', 'waymark_http_request_duration_seconds_bucket'])
      expect([name, text.includes(name)]).toEqual([name, true]);
    expect(Number(/^waymark_events_ingested_total (\d+)/m.exec(text)?.[1])).toBeGreaterThan(0);
  });

  it('never writes a secret to the log', async () => {
    await fetch(`${wm.url}/api/journeys`, { headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}x` } });
    await fetch(`${wm.url}/api/journeys/j_nope`, { headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}` } });
    const smtpPassword = 'smtp-pa55word';
    wm.log.error(
      {
        req: { headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}` } },
        config: { writeKey: TEST_WRITE_KEY, webhookSecret: TEST_WEBHOOK_SECRET, adminToken: TEST_ADMIN_TOKEN, smtpUrl: `smtps://offers:${smtpPassword}@smtp.example.com` },
      },
      'a careless log line',
    );
    await new Promise((r) => setTimeout(r, 50));
    expect(logged).toContain('a careless log line');
    for (const secret of [TEST_ADMIN_TOKEN, TEST_WRITE_KEY, TEST_WEBHOOK_SECRET, smtpPassword]) expect([secret, logged.includes(secret)]).toEqual([secret, false]);
  });
});
