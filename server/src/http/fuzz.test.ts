import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { journey } from '../testing/journeyFixtures.ts';
import { startTestWaymark, TEST_ADMIN_TOKEN, TEST_WRITE_KEY, type TestWaymark } from '../testing/testWaymark.ts';

/*
 * Malformed HTTP bodies, by property, against a real server: every one gets a 4xx whose JSON error names the
 * part of the request that is wrong, never a 5xx or a dropped connection; the server stays up; and nothing
 * acknowledged alongside them is lost or applied twice.
 */

let wm: TestWaymark;
let journeyId: string;
beforeAll(async () => {
  wm = await startTestWaymark({ INGEST_RATE_LIMIT: '100000', ADMIN_RATE_LIMIT: '100000' });
  journeyId = (await wm.api('/api/journeys', { body: journey('fuzz', [['t1', 'trigger', { event: 'go' }], ['x1', 'exit']], [['t1', 'x1']]) })).body.id;
});
afterAll(() => wm.close());

const writeAuth = `Basic ${Buffer.from(`${TEST_WRITE_KEY}:`).toString('base64')}`;
const adminAuth = `Bearer ${TEST_ADMIN_TOKEN}`;
/** Where an error message may point: a part of the request, then a field path. */
const NAMES_A_FIELD = /^(body|path|query|authorization|id)([.:\s]|$)/;

async function send(method: string, path: string, body: Buffer | string, auth: string) {
  const res = await fetch(`${wm.url}${path}`, { method, headers: { 'content-type': 'application/json', authorization: auth }, body: typeof body === 'string' ? body : new Uint8Array(body) });
  const text = await res.text();
  let json: { error?: { code?: unknown; message?: unknown } } | undefined;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, json, text };
}

const deep = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);
const nastyString = fc.oneof(fc.string({ maxLength: 50 }), fc.constant('x'.repeat(70_000)), fc.constantFrom('__proto__', 'constructor', '\u0000', '😀', '\ud800'));
/** Values of every JSON type, including the awkward ones. */
const anyJson = fc.oneof(fc.jsonValue({ maxDepth: 4 }), nastyString, fc.constant(null), fc.constant({ __proto__: { polluted: true } }));

/** A body that is wrong in one of many ways for the given endpoint. */
const malformedBody = (valid: Record<string, unknown>) =>
  fc.oneof(
    // A valid body with one field replaced by a wrong value or removed.
    fc.tuple(fc.constantFrom(...Object.keys(valid)), anyJson, fc.boolean()).map(([key, value, drop]) => {
      const copy: Record<string, unknown> = { ...valid };
      if (drop) delete copy[key];
      else copy[key] = value;
      return Buffer.from(JSON.stringify(copy));
    }),
    // Unknown fields, prototype keys.
    fc.dictionary(fc.oneof(fc.string({ maxLength: 10 }), fc.constantFrom('__proto__', 'constructor', 'prototype')), anyJson, { maxKeys: 5 }).map((extra) => Buffer.from(JSON.stringify({ ...extra }))),
    // Not JSON, truncated JSON, deep nesting, invalid UTF-8, a huge body.
    fc.constantFrom(
      Buffer.from('{"userId": "a", '),
      Buffer.from('not json at all'),
      Buffer.from(deep(10_000)),
      Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d]),
      Buffer.from(JSON.stringify({ userId: 'a', event: 'x', properties: { blob: 'y'.repeat(3_000_000) } })),
      Buffer.from('[]'),
      Buffer.from('null'),
      Buffer.from('12'),
    ),
    // Any JSON value at all.
    anyJson.map((v) => Buffer.from(JSON.stringify(v) ?? 'null')),
  );

const endpoints: Array<{ method: string; path: () => string; auth: string; valid: Record<string, unknown> }> = [
  { method: 'POST', path: () => '/v1/track', auth: writeAuth, valid: { userId: 'u', event: 'go', properties: {} } },
  { method: 'POST', path: () => '/v1/identify', auth: writeAuth, valid: { userId: 'u', traits: {} } },
  { method: 'POST', path: () => '/v1/batch', auth: writeAuth, valid: { batch: [{ type: 'track', userId: 'u', event: 'go' }] } },
  { method: 'POST', path: () => '/api/journeys', auth: adminAuth, valid: { name: 'j', nodes: [], edges: [] } },
  { method: 'PUT', path: () => `/api/journeys/${journeyId}`, auth: adminAuth, valid: { name: 'j', nodes: [], edges: [] } },
  { method: 'POST', path: () => '/api/users/u1/tags', auth: adminAuth, valid: { add: ['vip'] } },
  { method: 'POST', path: () => '/api/experiments', auth: adminAuth, valid: { name: 'x', variants: [{ id: 'A', journeyId: 'j_nope', weight: 1 }], holdout: 10 } },
  { method: 'POST', path: () => `/api/journeys/${journeyId}/experiment/promote`, auth: adminAuth, valid: { variant: 'B' } },
];

describe('malformed HTTP bodies, by property', () => {
  it.each(endpoints.map((e) => [`${e.method} ${e.path().replace(journeyId, ':id')}`, e] as const))('%s always answers a 4xx naming the problem', async (_name, endpoint) => {
    await fc.assert(
      fc.asyncProperty(malformedBody(endpoint.valid), async (body) => {
        const res = await send(endpoint.method, endpoint.path(), body, endpoint.auth);
        // Some "malformed" bodies happen to be valid (a dropped optional field): those may succeed.
        if (res.status < 300) return;
        expect(res.status, res.text.slice(0, 300)).toBeGreaterThanOrEqual(400);
        expect(res.status, res.text.slice(0, 300)).toBeLessThan(500);
        expect(res.json?.error?.code).toEqual(expect.any(String));
        expect(String(res.json?.error?.message)).toMatch(NAMES_A_FIELD);
      }),
      { numRuns: 60 },
    );
    expect((await fetch(`${wm.url}/healthz`)).status).toBe(200);
  }, 60_000);

  it('loses nothing acknowledged, and applies a repeated messageId once, among malformed requests', async () => {
    const acknowledged: string[] = [];
    await fc.assert(
      fc.asyncProperty(fc.array(fc.oneof(fc.constant('good'), fc.constant('duplicate'), fc.constant('bad')), { minLength: 5, maxLength: 20 }), async (plan) => {
        for (const kind of plan) {
          if (kind === 'bad') {
            const res = await send('POST', '/v1/track', Buffer.from('{"userId": 5, "event": '), writeAuth);
            expect(res.status).toBe(400);
            continue;
          }
          const messageId = kind === 'duplicate' && acknowledged.length > 0 ? acknowledged[acknowledged.length - 1]! : randomUUID();
          const res = await send('POST', '/v1/identify', JSON.stringify({ userId: 'keeper', messageId, traits: { [`m_${messageId}`]: true } }), writeAuth);
          expect(res.status).toBe(200);
          if (kind === 'good' || acknowledged.length === 0) acknowledged.push(messageId);
        }
      }),
      { numRuns: 20 },
    );
    const profile = await wm.until(async () => {
      const p = (await wm.api('/api/users/keeper')).body;
      return acknowledged.every((id) => p.traits?.[`m_${id}`] === true) ? p : undefined;
    }, 20_000);
    // Each acknowledged messageId appears once in the timeline: duplicates were dropped at the door.
    const events = profile.timeline.filter((t: { kind: string }) => t.kind === 'event').map((t: { detail: { messageId: string } }) => t.detail.messageId);
    expect(new Set(events).size).toBe(events.length);
  }, 60_000);
});
