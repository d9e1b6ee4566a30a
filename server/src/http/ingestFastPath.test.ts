import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IngestQueue } from '../ingest/IngestQueue.ts';
import type { Metrics } from '../observability/metrics.ts';
import type { InboxEvent } from '../store/storeTypes.ts';
import { ingestFastPath } from './ingestFastPath.ts';
import { PerKeyRateLimit } from './rateLimit.ts';
import { startTestWaymark, TEST_WRITE_KEY, type TestWaymark } from '../testing/testWaymark.ts';

/*
 * Plain JSON ingestion requests are served by the fast path in front of Express (`ingestFastPath.ts`); the same
 * request with `Content-Encoding: identity` (which the fast path leaves alone) goes through the Express routes.
 * Both must answer alike: status, error code and message, security headers, and one rate limit between them.
 */

let wm: TestWaymark;
beforeAll(async () => {
  wm = await startTestWaymark({ INGEST_RATE_LIMIT: '100000' });
});
afterAll(() => wm.close());

const WRITE = `Basic ${Buffer.from(`${TEST_WRITE_KEY}:`).toString('base64')}`;

async function post(path: string, body: string | Buffer, via: 'fast' | 'express', headers: Record<string, string> = {}) {
  const res = await fetch(`${wm.url}${path}`, {
    method: 'POST',
    headers: { authorization: WRITE, 'content-type': 'application/json', ...(via === 'express' ? { 'content-encoding': 'identity' } : {}), ...headers },
    body: typeof body === 'string' ? body : new Uint8Array(body),
  });
  const text = await res.text();
  return { status: res.status, json: JSON.parse(text) as { error?: { code: string; message: string } }, headers: res.headers };
}

// The JSON parser's own wording after "(" may differ between the two paths; what is wrong and where may not.
const comparable = (message: string | undefined) => message?.replace(/\s*\(.*$/s, '');

const cases: Array<[string, string, string | Buffer, Record<string, string>?]> = [
  ['a good track', '/v1/track', JSON.stringify({ userId: 'fp-1', event: 'signed_up', messageId: 'fp-m1' })],
  ['a good identify', '/v1/identify', JSON.stringify({ userId: 'fp-1', traits: { plan: 'pro' }, messageId: 'fp-m2' })],
  ['a good batch', '/v1/batch', JSON.stringify({ batch: [{ type: 'track', userId: 'fp-2', event: 'a', messageId: 'fp-m3' }, { type: 'identify', userId: 'fp-2', traits: {}, messageId: 'fp-m4' }] })],
  ['malformed JSON', '/v1/track', '{"userId": "a", '],
  ['a bare number', '/v1/track', '12'],
  ['an array', '/v1/track', '[1,2]'],
  ['an empty body', '/v1/track', ''],
  ['a missing event', '/v1/track', JSON.stringify({ userId: 'a' })],
  ['a NUL character', '/v1/identify', JSON.stringify({ userId: 'a', traits: { name: 'a\u0000b' } })],
  ['a lone surrogate key', '/v1/track', JSON.stringify({ userId: 'a', event: 'x', properties: { '\ud800': 1 } })],
  ['invalid UTF-8', '/v1/identify', Buffer.concat([Buffer.from('{"userId":"ut'), Buffer.from([0xff, 0xc3]), Buffer.from('f","traits":{}}')])],
  ['an unknown field', '/v1/track', JSON.stringify({ userId: 'a', event: 'x', propertes: { plan: 'pro' } })],
  ['an unknown field in a batch item', '/v1/batch', JSON.stringify({ batch: [{ type: 'identify', userId: 'a', trait: {} }] })],
  ['a messageId twice in one batch', '/v1/batch', JSON.stringify({ batch: [{ type: 'track', userId: 'a', event: 'x', messageId: 'twice' }, { type: 'track', userId: 'b', event: 'y', messageId: 'twice' }] })],
  ['an empty batch', '/v1/batch', JSON.stringify({ batch: [] })],
  ['a body over the 32 KB limit', '/v1/track', JSON.stringify({ userId: 'a', event: 'x', properties: { blob: 'x'.repeat(40_000) } })],
  ['a batch over the 512 KB limit', '/v1/batch', JSON.stringify({ batch: [{ type: 'track', userId: 'a', event: 'x', properties: { blob: 'x'.repeat(600_000) } }] })],
  ['no credentials', '/v1/track', JSON.stringify({ userId: 'a', event: 'x' }), { authorization: '' }],
  ['a wrong write key', '/v1/track', JSON.stringify({ userId: 'a', event: 'x' }), { authorization: `Basic ${Buffer.from('nope:').toString('base64')}` }],
];

describe('the ingestion fast path', () => {
  it.each(cases)('answers %s as the Express routes do', async (_name, path, body, headers) => {
    const [fast, express] = [await post(path, body, 'fast', headers), await post(path, body, 'express', headers)];
    expect(fast.status).toBe(express.status);
    expect(fast.json.error?.code).toBe(express.json.error?.code);
    expect(comparable(fast.json.error?.message)).toBe(comparable(express.json.error?.message));
    if (fast.status === 200) expect(fast.json).toEqual(express.json);
    else expect(fast.json.error?.message).toMatch(/^(body|authorization)[.:]/);
    for (const header of ['content-security-policy', 'x-content-type-options', 'referrer-policy', 'x-frame-options', 'cross-origin-opener-policy', 'ratelimit-policy', 'content-type'])
      expect(fast.headers.get(header), header).toBe(express.headers.get(header));
    expect(fast.headers.get('x-powered-by')).toBeNull();
  });

  it('refuses bytes that are not UTF-8 on both paths, instead of storing U+FFFD in their place', async () => {
    const body = Buffer.concat([Buffer.from('{"userId":"fp-utf'), Buffer.from([0xff, 0xc3]), Buffer.from('8","event":"x"}')]);
    for (const via of ['fast', 'express'] as const) {
      const answer = await post('/v1/track', body, via);
      expect([answer.status, answer.json.error?.code, answer.json.error?.message]).toEqual([400, 'invalid_encoding', expect.stringMatching(/^body: expected UTF-8 text/)]);
    }
  });

  it('applies what it acknowledged', async () => {
    const ok = await post('/v1/track', JSON.stringify({ userId: 'fp-applied', event: 'bought', messageId: 'fp-applied-1' }), 'fast');
    expect(ok.status).toBe(200);
    await expect.poll(async () => (await wm.api('/api/users/fp-applied')).status).toBe(200);
  });

  it('leaves browsers (an Origin header) and other content types to Express', async () => {
    const browser = await post('/v1/track', JSON.stringify({ userId: 'a', event: 'x' }), 'fast', { origin: 'https://evil.example.net' });
    expect(browser.status).toBe(200);
    expect(browser.headers.get('access-control-allow-origin')).toBeNull();
    const form = await post('/v1/track', 'userId=a&event=x', 'fast', { 'content-type': 'application/x-www-form-urlencoded' });
    expect(form.status).toBe(400);
    expect(form.json.error?.message).toMatch(/Content-Type: application\/json/);
  });
});

describe('one rate limit for both paths', () => {
  let limited: TestWaymark;
  beforeAll(async () => {
    limited = await startTestWaymark({ INGEST_RATE_LIMIT: '4' });
  });
  afterAll(() => limited.close());

  it('counts fast and Express requests against the same budget', async () => {
    const send = (via: 'fast' | 'express') =>
      fetch(`${limited.url}/v1/track`, {
        method: 'POST',
        headers: { authorization: WRITE, 'content-type': 'application/json', ...(via === 'express' ? { 'content-encoding': 'identity' } : {}) },
        body: JSON.stringify({ userId: 'rl', event: 'x' }),
      });
    const statuses = [];
    for (const via of ['fast', 'express', 'fast', 'express', 'fast', 'express'] as const) statuses.push((await send(via)).status);
    expect(statuses.slice(0, 4)).toEqual([200, 200, 200, 200]);
    expect(statuses.slice(4)).toEqual([429, 429]);
  });
});

describe('which requests the fast path takes', () => {
  const appended: InboxEvent[] = [];
  const observed: string[] = [];
  let server: Server;
  let url: string;
  beforeAll(async () => {
    const queue = { append: async (events: InboxEvent[]) => (appended.push(...events), { lastSeq: appended.length }) } as unknown as IngestQueue;
    const metrics = { httpDuration: { observe: (labels: { route: string; status: string }) => observed.push(`${labels.route} ${labels.status}`) } } as unknown as Metrics;
    const fast = ingestFastPath({ queue, writeKey: TEST_WRITE_KEY, limit: new PerKeyRateLimit(1_000, 'write key'), metrics, log: pino({ level: 'silent' }) });
    // What the fast path leaves alone gets a 599 here (in the server, Express).
    server = createServer((req, res) => {
      if (!fast(req, res)) res.writeHead(599).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  const send = (path: string, headers: Record<string, string> = {}, method = 'POST') =>
    fetch(`${url}${path}`, { method, headers: { authorization: WRITE, 'content-type': 'application/json', ...headers }, ...(method === 'POST' ? { body: JSON.stringify(path === '/v1/identify' ? { userId: 'u1', traits: {}, messageId: `m-${path}` } : { userId: 'u1', event: 'e', messageId: `m-${path}` }) } : {}) });

  it('answers plain JSON posts to the three ingestion paths itself, with the security headers', async () => {
    for (const [path, headers] of [['/v1/track', {}], ['/v1/identify', { 'content-type': 'application/json; charset=utf-8' }], ['/v1/batch', { 'content-type': 'Application/JSON;charset="UTF-8"' }]] as const) {
      const res = await send(path, headers);
      expect(res.status, path).toBe(path === '/v1/batch' ? 400 : 200); // the body is not a batch; answered here all the same
      expect(res.headers.get('content-security-policy'), path).toMatch(/default-src 'self'/);
      expect(res.headers.get('ratelimit'), path).toMatch(/r=\d+/);
    }
    expect(appended.map((e) => `${e.kind} ${e.messageId}`)).toEqual(['track m-/v1/track', 'identify m-/v1/identify']);
    expect(observed).toEqual(['/v1/track 2xx', '/v1/identify 2xx', '/v1/batch 4xx']);
  });

  it('leaves everything else to Express', async () => {
    const left = [
      await send('/v1/track', { origin: 'https://app.example.com' }),
      await send('/v1/track', { 'content-encoding': 'identity' }),
      await send('/v1/track', { 'content-type': 'text/plain' }),
      await send('/v1/track', { 'content-type': 'application/json; charset=latin1' }),
      await send('/v1/track?debug=1'),
      await send('/v1/page'),
      await send('/v1/track', {}, 'GET'),
    ];
    expect(left.map((r) => r.status)).toEqual(Array(left.length).fill(599));
  });
});
