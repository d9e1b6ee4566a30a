import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { journey } from '../testing/journeyFixtures.ts';
import { startTestWaymark, TEST_ADMIN_TOKEN, TEST_WRITE_KEY, type TestWaymark } from '../testing/testWaymark.ts';

/*
 * Malformed requests, by property, against a real server: every one gets a 4xx whose JSON error names the part
 * of the request that is wrong (`body.userId: …`, `path.id: …`), never a 5xx or a dropped connection, and the
 * server stays up; and among them, every event acknowledged with a 2xx is applied, once.
 */

let wm: TestWaymark;
let draftId: string;
beforeAll(async () => {
  wm = await startTestWaymark({ INGEST_RATE_LIMIT: '100000', ADMIN_RATE_LIMIT: '100000' });
  // A draft with a problem (publishing it is refused), and a live journey the good events below run through.
  draftId = (await wm.api('/api/journeys', { body: journey('fuzz draft', [['t1', 'trigger', { event: 'go' }], ['w1', 'wait', { for: 'soon' }]], [['t1', 'w1']]) })).body.id;
  const live = journey(
    'fuzz live',
    [['t1', 'trigger', { event: 'go' }], ['tg', 'tag', { add: ['went'] }], ['w1', 'wait', { until: { event: 'done.*' }, timeout: '1d' }], ['x1', 'exit'], ['g1', 'goal', { event: 'buy' }]],
    [['t1', 'tg'], ['tg', 'w1'], ['w1', 'x1', 'event'], ['w1', 'x1', 'timeout']],
    { reentry: 'always' },
  );
  const liveId = (await wm.api('/api/journeys', { body: live })).body.id;
  expect((await wm.api(`/api/journeys/${liveId}/publish`, { method: 'POST' })).status).toBe(200);
}, 60_000);
afterAll(() => wm?.close());

const WRITE = `Basic ${Buffer.from(`${TEST_WRITE_KEY}:`).toString('base64')}`;
const ADMIN = `Bearer ${TEST_ADMIN_TOKEN}`;

/** The error contract: `{error: {code, message}}`, the message starting with the part of the request at fault. */
const NAMES_A_PART = /^(body|path|query|id|draft|authorization)[.:]/;

interface Sent {
  status: number;
  json: { error?: { code?: unknown; message?: unknown } } | undefined;
  text: string;
}

/** One raw request; a dropped connection fails the property with what was sent. */
async function send(method: string, path: string, body: Buffer | undefined, auth: string, headers: Record<string, string> = {}): Promise<Sent> {
  const res = await fetch(`${wm.url}${path}`, {
    method,
    headers: { 'content-type': 'application/json', authorization: auth, ...headers },
    ...(body === undefined ? {} : { body: new Uint8Array(body) }),
  });
  const text = await res.text();
  let json: Sent['json'];
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, json, text };
}

function expectRefusal(res: Sent, what: string) {
  const context = `${what} → ${res.status} ${res.text.slice(0, 300)}`;
  expect(res.status, context).toBeGreaterThanOrEqual(400);
  expect(res.status, context).toBeLessThan(500);
  expect(res.json?.error?.code, context).toEqual(expect.any(String));
  expect(String(res.json?.error?.message), context).toMatch(NAMES_A_PART);
  expect(String(res.json?.error?.message), context).toContain(': ');
}

// ---------------------------------------------------------------------------------------------------------------
// Values no field accepts, and malformed bodies.

const deepArrays = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);
/** Stands for 10,000 nested arrays, written into the JSON text by `json` (JSON.stringify itself would overflow). */
const DEEP = 'DEEP:10000';
const huge = (n: number) => 'x'.repeat(n);

/** Text no store can hold as given: NUL, a lone surrogate. */
const badText = fc.constantFrom('a\u0000b', '\ud800', 'ok\udc00');
/** Wrong for a string field, whatever its limits. */
const notAString = fc.oneof(fc.constant(null), fc.boolean(), fc.array(fc.string({ maxLength: 3 }), { maxLength: 2 }), fc.dictionary(fc.string({ maxLength: 3 }), fc.nat(), { maxKeys: 2 }), badText);
/** Wrong for a free-form JSON object field (event properties, traits, node data). */
const notAnObject = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.string({ maxLength: 5 }),
  fc.integer(),
  fc.array(fc.nat(), { maxLength: 2 }),
  fc.constant({ nested: DEEP }),
  badText.map((text) => ({ key: text })),
  badText.map((text) => ({ [text]: 1 })),
);

/** A field of a valid body, and values certain to be wrong for it. */
type WrongValues = Record<string, fc.Arbitrary<unknown>>;

const trackWrong: WrongValues = {
  userId: fc.oneof(notAString, fc.constantFrom('', '   ', huge(257))),
  event: fc.oneof(notAString, fc.integer(), fc.constantFrom('', 'waymark.wakeup', huge(201))),
  properties: notAnObject,
  messageId: fc.oneof(notAString, fc.integer(), fc.constantFrom('', huge(257))),
  timestamp: fc.constantFrom('yesterday', 12, '2026-02-30T00:00:00Z', '2026-01-01T24:00:00Z', '2026-01-01T00:00:00+99:99', ''),
};
const identifyWrong: WrongValues = { userId: trackWrong.userId!, traits: notAnObject, messageId: trackWrong.messageId!, timestamp: trackWrong.timestamp! };
const docWrong: WrongValues = {
  name: fc.oneof(notAString, fc.constantFrom('', '  ', huge(201))),
  nodes: fc.oneof(
    notAnObject.filter((v) => !Array.isArray(v)),
    fc.constantFrom(
      [{ id: 'a b', type: 'exit' }],
      [{ id: '__proto__', type: 'exit' }],
      [{ id: 'n', type: 'teleport' }],
      [{ id: 'n', type: 'exit', position: { x: 'left', y: 0 } }],
      [{ id: 'n', type: 'wait', data: { for: DEEP } }],
      Array.from({ length: 5_001 }, (_, i) => ({ id: `n${i}`, type: 'exit' })),
    ),
    notAnObject.map((data) => [{ id: 'n', type: 'wait', data }]),
  ),
  edges: fc.oneof(
    notAnObject.filter((v) => !Array.isArray(v)),
    fc.constantFrom([{ id: 'e', source: 'a' }], [{ id: 'e', source: 'a', target: 'b', sourceHandle: huge(65) }], Array.from({ length: 10_001 }, (_, i) => ({ id: `e${i}`, source: 'a', target: 'b' }))),
  ),
  settings: fc.constantFrom('x', 1, [], { reentry: 'sometimes' }, { reentry: 'cooldown' }, { reentry: 'never', attributionWindow: '2 weeks' }, { reentry: 'cooldown', cooldown: '999d' }),
  schemaVersion: fc.constantFrom(2, 0, 'one'),
  description: fc.oneof(notAString, fc.constant(huge(2_001))),
};
const tagWrong: WrongValues = {
  add: fc.oneof(notAString.filter((v) => !Array.isArray(v)), fc.constantFrom([''], ['  '], [1], [null], [huge(101)], Array.from({ length: 101 }, (_, i) => `t${i}`)), badText.map((t) => [t])),
  remove: fc.oneof(fc.constantFrom('vip', 7, [''], [huge(101)]), badText.map((t) => [t])),
};
const experimentWrong: WrongValues = {
  name: fc.oneof(notAString, fc.constantFrom('', huge(121))),
  variants: fc.oneof(
    notAnObject,
    fc.constantFrom([], [{ id: 'holdout', journeyId: 'j', weight: 1 }], [{ id: 'A', journeyId: 'j', weight: -1 }], [{ id: 'A', journeyId: '', weight: 1 }], [{ id: 'A', journeyId: 'j_nope', weight: 1 }, { id: 'A', journeyId: 'j_nope2', weight: 1 }], [{ id: 'A', journeyId: 'j_nope', weight: 0 }]),
    badText.map((t) => [{ id: 'A', journeyId: t, weight: 1 }]),
  ),
  holdout: fc.constantFrom(150, -1, 100, 'ten', null, [5]),
};
const batchItemWrong = fc.constantFrom('track', 'identify').chain((type) => {
  const table = type === 'track' ? trackWrong : identifyWrong;
  return fc.constantFrom(...Object.keys(table)).chain((field) => table[field]!.map((value) => ({ type, userId: 'a', event: 'x', [field]: value })));
});

interface Endpoint {
  method: string;
  path: () => string;
  auth: string;
  /** Body size limit in bytes: a body just over it must be refused with a 413. */
  limit: number;
  /** A fresh valid body (the publish endpoint's draft has a problem, so it refuses even that). */
  valid: () => Record<string, unknown>;
  /** Fields without which the body is invalid. */
  required: string[];
  wrong: WrongValues;
}

const endpoints: Record<string, Endpoint> = {
  'POST /v1/track': {
    method: 'POST',
    path: () => '/v1/track',
    auth: WRITE,
    limit: 32 * 1024,
    valid: () => ({ userId: 'fz', event: 'seen', properties: { a: 1 }, messageId: randomUUID() }),
    required: ['userId', 'event'],
    wrong: trackWrong,
  },
  'POST /v1/identify': {
    method: 'POST',
    path: () => '/v1/identify',
    auth: WRITE,
    limit: 32 * 1024,
    valid: () => ({ userId: 'fz', traits: { plan: 'pro' }, messageId: randomUUID() }),
    required: ['userId'],
    wrong: identifyWrong,
  },
  'POST /v1/batch': {
    method: 'POST',
    path: () => '/v1/batch',
    auth: WRITE,
    limit: 512 * 1024,
    valid: () => ({ batch: [{ type: 'track', userId: 'fz', event: 'seen', messageId: randomUUID() }, { type: 'identify', userId: 'fz', traits: {}, messageId: randomUUID() }] }),
    required: ['batch'],
    wrong: {
      batch: fc.oneof(
        notAnObject.filter((v) => !Array.isArray(v)),
        fc.constantFrom([], [{ type: 'page', userId: 'a' }], [{ userId: 'a', event: 'x' }], Array.from({ length: 1_001 }, () => ({ type: 'track', userId: 'a', event: 'x' }))),
        fc.tuple(batchItemWrong, fc.nat(3)).map(([item, at]) => [...Array.from({ length: at }, () => ({ type: 'track', userId: 'a', event: 'x' })), item]),
      ),
    },
  },
  'POST /api/journeys': {
    method: 'POST',
    path: () => '/api/journeys',
    auth: ADMIN,
    limit: 2 * 1024 * 1024,
    valid: () => ({ name: 'j', nodes: [{ id: 'x1', type: 'exit' }], edges: [] }),
    required: ['name', 'nodes', 'edges'],
    wrong: docWrong,
  },
  'PUT /api/journeys/:id': {
    method: 'PUT',
    path: () => `/api/journeys/${draftId}`,
    auth: ADMIN,
    limit: 2 * 1024 * 1024,
    valid: () => ({ name: 'fuzz draft', nodes: [{ id: 't1', type: 'trigger', data: { event: 'go' } }, { id: 'w1', type: 'wait', data: { for: 'soon' } }], edges: [{ id: 'e1', source: 't1', target: 'w1' }] }),
    required: ['name', 'nodes', 'edges'],
    wrong: docWrong,
  },
  'POST /api/journeys/:id/publish': { method: 'POST', path: () => `/api/journeys/${draftId}/publish`, auth: ADMIN, limit: 2 * 1024 * 1024, valid: () => ({}), required: [], wrong: {} },
  'POST /api/users/:id/tags': { method: 'POST', path: () => '/api/users/fz/tags', auth: ADMIN, limit: 2 * 1024 * 1024, valid: () => ({ add: ['vip'] }), required: ['add'], wrong: tagWrong },
  'POST /api/experiments': {
    method: 'POST',
    path: () => '/api/experiments',
    auth: ADMIN,
    limit: 2 * 1024 * 1024,
    valid: () => ({ name: 'x', variants: [{ id: 'A', journeyId: draftId, weight: 1 }, { id: 'B', journeyId: 'j_other', weight: 1 }] }),
    required: ['name', 'variants'],
    wrong: experimentWrong,
  },
};

type Request = { body: Buffer; headers?: Record<string, string>; mustFail: boolean; what: string };
const json = (value: unknown) => Buffer.from((JSON.stringify(value) ?? 'null').replaceAll(JSON.stringify(DEEP), deepArrays(10_000)));

/** A request to `endpoint` that is wrong in one of many ways; `mustFail` unless the damage may leave it valid. */
function malformed(endpoint: Endpoint): fc.Arbitrary<Request> {
  const fields = Object.keys(endpoint.wrong);
  const strategies: Array<fc.Arbitrary<Request>> = [
    // Not an object: not JSON, truncated, empty, a bare value, 10,000 nested arrays, two objects, over the limit.
    fc
      .constantFrom('{"userId": "a", ', 'not json', '', '[]', 'null', '12', '"text"', deepArrays(10_000), '{"a":1}{"b":2}', '\ufeff{}', 'OVER', 'DEEPEST')
      .map((text) => {
        const body =
          text === 'OVER' ? JSON.stringify({ ...endpoint.valid(), pad: huge(endpoint.limit) }) : text === 'DEEPEST' ? deepArrays(Math.min(250_000, Math.floor(endpoint.limit / 2) - 100)) : text;
        return { body: Buffer.from(body), mustFail: true, what: text.slice(0, 40) };
      }),
    // Invalid UTF-8 inside a string, charsets and encodings the server does not read, wrong credentials.
    fc.constantFrom<Request>(
      { body: Buffer.concat([Buffer.from('{"userId":"'), Buffer.from([0xff, 0xfe, 0xc3]), Buffer.from('","event":"x","name":"x","add":["x"]}')]), mustFail: true, what: 'invalid UTF-8' },
      { body: Buffer.from('{}'), headers: { 'content-type': 'application/json; charset=latin1' }, mustFail: true, what: 'latin1' },
      { body: Buffer.from('{}'), headers: { 'content-type': 'text/plain' }, mustFail: true, what: 'text/plain' },
      { body: Buffer.from('{}'), headers: { 'content-encoding': 'gzip' }, mustFail: true, what: 'not gzip' },
      { body: Buffer.from('{}'), headers: { 'content-encoding': 'compress' }, mustFail: true, what: 'unknown encoding' },
      { body: json(endpoint.valid()), headers: { authorization: endpoint.auth === WRITE ? ADMIN : WRITE }, mustFail: true, what: 'the other credential' },
    ),
    // Unknown fields and prototype-ish keys beside a valid body: refused by name (none is a field any body takes).
    // Written as JSON text, so a "__proto__" key is a key and not a prototype.
    fc
      .uniqueArray(fc.tuple(fc.oneof(fc.string({ maxLength: 8 }).map((key) => `x_${key}`), fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'propertes')), fc.jsonValue({ maxDepth: 3 })), {
        minLength: 1,
        maxLength: 4,
        selector: ([key]) => key,
      })
      .map((extra) => {
        const fields = [JSON.stringify(endpoint.valid()).slice(1, -1), ...extra.map(([key, value]) => `${JSON.stringify(key)}:${JSON.stringify(value)}`)].filter(Boolean);
        return { body: Buffer.from(`{${fields.join(',')}}`), mustFail: true, what: `extra keys ${extra.map(([key]) => key).join(',')}` };
      }),
  ];
  if (endpoint.required.length > 0)
    strategies.push(
      // A required field left out, or moved under "__proto__" / "constructor" as JSON text (JSON.stringify cannot
      // write a "__proto__" key): a prototype must never stand in for a real field.
      fc.tuple(fc.constantFrom(...endpoint.required), fc.boolean()).map(([field, hide]) => {
        const rest = endpoint.valid();
        const value = rest[field];
        delete rest[field];
        const hidden = `"__proto__": ${JSON.stringify({ [field]: value })}, "constructor": {"prototype": ${JSON.stringify({ [field]: value })}}`;
        const text = hide ? JSON.stringify(rest).replace(/^\{/, Object.keys(rest).length ? `{${hidden},` : `{${hidden}`) : JSON.stringify(rest);
        return { body: Buffer.from(text), mustFail: true, what: `${hide ? 'hid' : 'left out'} ${field}` };
      }),
    );
  if (fields.length > 0)
    strategies.push(
      // One to three fields given values no schema accepts.
      fc
        .uniqueArray(fc.constantFrom(...fields), { minLength: 1, maxLength: 3 })
        .chain((chosen) => fc.tuple(...chosen.map((field) => endpoint.wrong[field]!.map((value) => [field, value] as const))))
        .map((pairs) => ({ body: json({ ...endpoint.valid(), ...Object.fromEntries(pairs) }), mustFail: true, what: `wrong ${pairs.map(([f]) => f).join(', ')}` })),
    );
  return fc.oneof(...strategies);
}

/** Every route with an `:id`, and `:id`s none accepts: NUL, undecodable or lone-surrogate escapes, too long, unknown. */
const ID_ROUTES = [
  ['GET', '/api/journeys/:id'],
  ['PUT', '/api/journeys/:id'],
  ['POST', '/api/journeys/:id/validate'],
  ['POST', '/api/journeys/:id/publish'],
  ['POST', '/api/journeys/:id/pause'],
  ['POST', '/api/journeys/:id/archive'],
  ['GET', '/api/journeys/:id/stats'],
  ['GET', '/api/journeys/:id/experiment'],
  ['POST', '/api/journeys/:id/experiment/promote'],
  ['GET', '/api/experiments/:id'],
  ['POST', '/api/experiments/:id/promote'],
  ['GET', '/api/users/:id'],
  ['POST', '/api/users/:id/tags'],
  ['POST', '/api/outbox/:id/retry'],
] as const;
const badId = fc.oneof(
  fc.constantFrom('a%00b', '%00', '%E0%A4%A', '%ED%A0%80', '%', huge(300), 'j_nope', 'x.y', '__proto__', 'constructor', '0', '-1', '1e20', '99999999999999999999', '9007199254740993'),
  fc.string({ minLength: 1, maxLength: 20 }).map(encodeURIComponent),
);
const BAD_QUERIES = ['journeyId=a%00b', `journeyId=${huge(65)}`, 'limit=0', 'limit=1e400', 'limit=abc', 'status=gone', 'limit=1&limit=2', 'journeyId=a&journeyId=b'];

describe('malformed requests, by property', () => {
  it.each(Object.entries(endpoints))('%s answers a 4xx naming the problem, never a 5xx', async (name, endpoint) => {
    await fc.assert(
      fc.asyncProperty(malformed(endpoint), async (req) => {
        const res = await send(endpoint.method, endpoint.path(), req.body, req.headers?.authorization ?? endpoint.auth, req.headers);
        const what = `${name}: ${req.what}`;
        if (req.mustFail || res.status >= 400) expectRefusal(res, what);
        else expect(res.status, `${what} → ${res.text.slice(0, 300)}`).toBeLessThan(300);
      }),
      { numRuns: 120 },
    );
    expect((await send('GET', '/healthz', undefined, '')).status).toBe(200);
  });

  it('answers a 4xx naming the path or the id on every :id route given an id it cannot have', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...ID_ROUTES), badId, async ([method, route], id) => {
        const body = method === 'GET' ? undefined : json({ variant: 'B', add: ['vip'], name: 'x', nodes: [], edges: [] });
        const res = await send(method, route.replace(':id', id), body, ADMIN);
        // An id that is merely unknown (or a route that answers for any user) may succeed; nothing may fail with a 5xx.
        if (res.status >= 300) expectRefusal(res, `${method} ${route} with ${id.slice(0, 40)}`);
      }),
      { numRuns: 200 },
    );
  });

  it('answers a 4xx naming the query on a bad outbox query', async () => {
    for (const query of BAD_QUERIES) expectRefusal(await send('GET', `/api/outbox?${query}`, undefined, ADMIN), query);
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Acknowledged means applied, once.

/** User ids that a plain object keyed by them, a URL, or a careless trim would get wrong. */
const USERS = ['ann', '__proto__', 'constructor', 'hasOwnProperty', 'ünï 👋', 12345, ' padded ', 'y'.repeat(256), 'a/b?c#d%20'] as const;
const userKey = (id: (typeof USERS)[number]) => String(id).trim();

/** `{"a": {"a": … 1}}` 63 levels deep: in `properties` or `traits`, as deep as free-form JSON may nest (64). */
const NESTED_63 = Array.from({ length: 62 }).reduce<Record<string, unknown>>((inner) => ({ a: inner }), { a: 1 });
const properties = fc.dictionary(
  fc.oneof(fc.string({ maxLength: 6 }), fc.constantFrom('constructor', 'toString', 'a.b', '__proto__')),
  fc.oneof({ weight: 5, arbitrary: fc.jsonValue({ maxDepth: 3 }) }, { weight: 1, arbitrary: fc.constant(NESTED_63) }),
  { maxKeys: 4 },
);
const timestamp = fc.option(fc.constantFrom('2026-01-02T03:04:05Z', '0001-01-01T00:00:00Z', '9999-12-31T23:59:59.999+14:00', '2024-02-29T12:00:00.123456-05:30'), { nil: undefined });
const goodItem = fc.oneof(
  fc.record({
    type: fc.constant('track' as const),
    userId: fc.constantFrom(...USERS),
    event: fc.constantFrom('seen', 'go', 'buy', 'done.x', 'done.*', '__proto__', 'constructor', 'e'.repeat(200)),
    properties,
    timestamp,
  }),
  fc.record({ type: fc.constant('identify' as const), userId: fc.constantFrom(...USERS), traits: properties, timestamp }),
);
type Item = (typeof goodItem extends fc.Arbitrary<infer T> ? T : never) & { messageId: string; traits?: Record<string, unknown> };
type Op = { kind: 'single' | 'batch'; items: Array<(typeof goodItem extends fc.Arbitrary<infer T> ? T : never)> } | { kind: 'duplicate'; pick: number; asBatch: boolean } | { kind: 'bad'; request: Request; endpoint: string };

const INGESTION = ['POST /v1/track', 'POST /v1/identify', 'POST /v1/batch'] as const;
const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 3, arbitrary: goodItem.map((item) => ({ kind: 'single' as const, items: [item] })) },
  { weight: 2, arbitrary: fc.array(goodItem, { minLength: 1, maxLength: 3 }).map((items) => ({ kind: 'batch' as const, items })) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('duplicate' as const), pick: fc.nat(), asBatch: fc.boolean() }) },
  {
    weight: 2,
    arbitrary: fc
      .constantFrom(...INGESTION)
      .chain((endpoint) => malformed(endpoints[endpoint]!).filter((r) => r.mustFail).map((request) => ({ kind: 'bad' as const, request, endpoint }))),
  },
);

describe('acknowledged events among malformed ones, by property', () => {
  it('applies every event that got a 2xx, once, whatever came between and however often it was resent', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 10 }), async (ops) => {
        const acked: Item[] = [];
        for (const o of ops) {
          if (o.kind === 'bad') {
            const endpoint = endpoints[o.endpoint]!;
            expectRefusal(await send('POST', endpoint.path(), o.request.body, o.request.headers?.authorization ?? WRITE, o.request.headers), `${o.endpoint}: ${o.request.what}`);
            continue;
          }
          // A resent messageId with different content: accepted, and ignored.
          const items: Item[] =
            o.kind === 'duplicate'
              ? acked.length === 0
                ? []
                : [{ ...acked[o.pick % acked.length]!, ...(acked[o.pick % acked.length]!.type === 'identify' ? { traits: { [`dup_${randomUUID()}`]: true } } : { event: 'resent' }) }]
              : o.items.map((item) => {
                  const messageId = randomUUID();
                  return item.type === 'identify' ? { ...item, messageId, traits: { ...item.traits, [`m_${messageId}`]: true } } : { ...item, messageId };
                });
          if (items.length === 0) continue;
          const single = o.kind === 'single' || (o.kind === 'duplicate' && !o.asBatch);
          const path = single ? `/v1/${items[0]!.type}` : '/v1/batch';
          const body = single ? items[0] : { batch: items };
          const res = await send('POST', path, json(body), WRITE);
          expect(res.status, `${path} ${JSON.stringify(body).slice(0, 300)} → ${res.text.slice(0, 300)}`).toBe(200);
          if (o.kind !== 'duplicate') acked.push(...items);
        }
        await expectApplied(acked);
      }),
      { numRuns: 15 },
    );
    expect((await send('GET', '/healthz', undefined, '')).status).toBe(200);
  });
});

/**
 * Waits until every acknowledged event shows in its user's timeline and each identify's trait is set, then
 * checks each shows once and no resent content was applied. (Both are awaited: on PostgreSQL the profile and
 * the timeline are read outside one snapshot, so one response may show an event before its traits.)
 */
async function expectApplied(acked: Item[]) {
  const byUser = new Map<string, Item[]>();
  for (const item of acked) byUser.set(userKey(item.userId), [...(byUser.get(userKey(item.userId)) ?? []), item]);
  for (const [user, items] of byUser) {
    const profile = await wm.until(async () => {
      const res = await wm.api(`/api/users/${encodeURIComponent(user)}`);
      if (res.status !== 200) return undefined;
      const seen = new Set(res.body.timeline.filter((t: any) => t.kind === 'event').map((t: any) => t.detail.messageId));
      const traitsSet = items.every((i) => i.type !== 'identify' || res.body.traits[`m_${i.messageId}`] === true);
      return traitsSet && items.every((i) => seen.has(i.messageId)) ? res.body : undefined;
    }, 15_000);
    const wanted = new Set(items.map((i) => i.messageId));
    const entries = profile.timeline.filter((t: any) => wanted.has(t.detail?.messageId));
    expect(entries.filter((t: any) => t.kind === 'error'), `${user}: events recorded as failed`).toEqual([]);
    for (const messageId of wanted) {
      const times = entries.filter((t: any) => t.detail.messageId === messageId).length;
      expect(times, `${user}: ${messageId} applied ${times} times`).toBe(1);
    }
    expect(Object.keys(profile.traits).filter((k) => k.startsWith('dup_')), `${user}: a resent identify was applied`).toEqual([]);
    for (const t of entries) if (t.kind === 'event') expect(t.detail.name, `${user}: a resent track was applied`).not.toBe('resent');
  }
}
