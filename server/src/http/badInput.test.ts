import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestWaymark, TEST_ADMIN_TOKEN, TEST_WRITE_KEY, type TestWaymark } from '../testing/testWaymark.ts';
import { journey } from '../testing/journeyFixtures.ts';

let wm: TestWaymark;
let journeyId: string;
beforeAll(async () => {
  wm = await startTestWaymark();
  journeyId = (await wm.api('/api/journeys', { body: journey('ok', [['t1', 'trigger', { event: 'a' }], ['x1', 'exit']], [['t1', 'x1']]) })).body.id;
});
afterAll(() => wm.close());

const writeAuth = `Basic ${Buffer.from(`${TEST_WRITE_KEY}:`).toString('base64')}`;
const adminAuth = `Bearer ${TEST_ADMIN_TOKEN}`;

async function send(path: string, body: string, auth: string, method = 'POST', contentType = 'application/json') {
  const res = await fetch(`${wm.url}${path}`, { method, headers: { 'content-type': contentType, authorization: auth }, body });
  const text = await res.text();
  return { status: res.status, body: JSON.parse(text) as { error: { code: string; message: string } } };
}

// Each case: what was sent, and the field the error message must name.
const ingestionCases: Array<[string, string, string, RegExp]> = [
  ['malformed JSON', '/v1/track', '{"userId": "a", ', /^body: expected valid JSON/],
  ['a JSON array instead of an object', '/v1/track', '[1,2]', /^body/],
  ['a missing userId', '/v1/track', JSON.stringify({ event: 'x' }), /body\.userId/],
  ['an empty userId', '/v1/track', JSON.stringify({ userId: '  ', event: 'x' }), /body\.userId: expected a non-empty userId/],
  ['a missing event name', '/v1/track', JSON.stringify({ userId: 'a' }), /body\.event/],
  ['an event name of the wrong type', '/v1/track', JSON.stringify({ userId: 'a', event: 42 }), /body\.event/],
  ['properties that are not an object', '/v1/track', JSON.stringify({ userId: 'a', event: 'x', properties: 'lots' }), /body\.properties/],
  ['a bad timestamp', '/v1/track', JSON.stringify({ userId: 'a', event: 'x', timestamp: 'yesterday' }), /body\.timestamp: expected an ISO-8601 timestamp/],
  ['a reserved event name', '/v1/track', JSON.stringify({ userId: 'a', event: 'waymark.wakeup' }), /body\.event: .*reserved/],
  ['traits that are not an object', '/v1/identify', JSON.stringify({ userId: 'a', traits: [1] }), /body\.traits/],
  ['a batch that is not an array', '/v1/batch', JSON.stringify({ batch: {} }), /body\.batch/],
  ['an empty batch', '/v1/batch', JSON.stringify({ batch: [] }), /body\.batch: expected at least one event/],
  ['a batch item of unknown type', '/v1/batch', JSON.stringify({ batch: [{ type: 'page', userId: 'a' }] }), /body\.batch\.0/],
  ['a batch item missing its userId', '/v1/batch', JSON.stringify({ batch: [{ type: 'track', event: 'x' }] }), /body\.batch\.0\.userId/],
];

describe('bad input on ingestion', () => {
  it.each(ingestionCases)('rejects %s with a 400 naming the field', async (_name, path, body, message) => {
    const res = await send(path, body, writeAuth);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(message);
  });

  it('rejects a body over the 32 KB event limit with a 413', async () => {
    const res = await send('/v1/track', JSON.stringify({ userId: 'a', event: 'x', properties: { blob: 'x'.repeat(40_000) } }), writeAuth);
    expect(res.status).toBe(413);
    expect(res.body.error.message).toMatch(/^body: expected at most \d+ bytes/);
  });

  it('rejects a body sent without a JSON content type', async () => {
    const res = await send('/v1/track', 'userId=a&event=x', writeAuth, 'POST', 'application/x-www-form-urlencoded');
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/Content-Type: application\/json/);
  });
});

const journeyCases: Array<[string, unknown, RegExp]> = [
  ['a document without a name', { nodes: [], edges: [] }, /body\.name/],
  ['nodes that are not an array', { name: 'x', nodes: 'many', edges: [] }, /body\.nodes/],
  ['an unknown node type', { name: 'x', nodes: [{ id: 'n1', type: 'teleport', data: {} }], edges: [] }, /body\.nodes\.0\.type: expected a node type/],
  ['a node id with spaces', { name: 'x', nodes: [{ id: 'my node', type: 'exit' }], edges: [] }, /body\.nodes\.0\.id/],
  ['a position of the wrong type', { name: 'x', nodes: [{ id: 'n1', type: 'exit', position: { x: 'left', y: 0 } }], edges: [] }, /body\.nodes\.0\.position\.x/],
  ['an edge without a target', { name: 'x', nodes: [], edges: [{ id: 'e1', source: 'a' }] }, /body\.edges\.0\.target/],
  ['an unknown re-entry mode', { name: 'x', nodes: [], edges: [], settings: { reentry: 'sometimes' } }, /body\.settings\.reentry/],
];

describe('bad input on the management API', () => {
  it.each(journeyCases)('rejects %s with a 400 naming the field', async (_name, doc, message) => {
    const res = await send('/api/journeys', JSON.stringify(doc), adminAuth);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(message);
  });

  it('refuses to publish a draft with problems, listing them', async () => {
    const bad = journey('broken', [['t1', 'trigger', { event: 'a' }], ['w1', 'wait', { for: '3 weeks' }]], [['t1', 'w1']]);
    const { body } = await wm.api('/api/journeys', { body: bad });
    expect(body.violations.map((v: { code: string }) => v.code)).toEqual(expect.arrayContaining(['invalid-data']));
    const res = await wm.api(`/api/journeys/${body.id}/publish`, { method: 'POST' });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('journey_invalid');
    expect(res.body.error.violations.some((v: { field?: string }) => v.field === 'data.for')).toBe(true);
  });

  it('answers 404 naming the id for an unknown journey, and for an unknown route', async () => {
    const res = await wm.api('/api/journeys/j_nope');
    expect(res.status).toBe(404);
    expect(res.body.error.message).toMatch(/^id: no journey "j_nope"/);
    expect((await wm.api('/api/teleport')).status).toBe(404);
  });

  it('rejects malformed experiments naming the field, and answers 404 for an unknown one', async () => {
    const missing = await wm.api('/api/experiments', { body: { variants: 'A' } });
    expect(missing.status).toBe(400);
    expect(missing.body.error.message).toMatch(/body\.name: .*; body\.variants: /);
    const holdout = await wm.api('/api/experiments', { body: { name: 'x', variants: [{ id: 'A', journeyId, weight: 1 }], holdout: 150 } });
    expect(holdout.body.error.message).toMatch(/body\.holdout: expected a holdout percentage from 0 to 99/);
    const unknown = await wm.api('/api/experiments/x_nope');
    expect([unknown.status, unknown.body.error.message]).toEqual([404, 'id: no experiment "x_nope"']);
    expect((await wm.api('/api/experiments/x_nope/promote', { body: {} })).body.error.message).toMatch(/^body\.variant: /);
  });

  it('refuses pausing a journey that was never published', async () => {
    const res = await wm.api(`/api/journeys/${journeyId}/pause`, { method: 'POST' });
    expect(res.status).toBe(409);
  });

  it('rejects tag changes with empty or missing tags', async () => {
    expect((await wm.api('/api/users/u1/tags', { body: { add: [''] } })).body.error.message).toMatch(/body\.add\.0/);
    expect((await wm.api('/api/users/u1/tags', { body: {} })).body.error.message).toMatch(/body\.add: expected at least one tag/);
  });

  it('requires the admin token', async () => {
    for (const auth of ['', 'Bearer wrong-token', writeAuth]) {
      const res = await send('/api/journeys', '{}', auth);
      expect(res.status).toBe(401);
      expect(res.body.error.message).toMatch(/^authorization:/);
    }
  });
});

describe('after all of that', () => {
  it('is still up and still accepts good events', async () => {
    expect((await fetch(`${wm.url}/healthz`)).status).toBe(200);
    expect((await wm.ingest('/v1/track', { userId: 'fine', event: 'a' })).status).toBe(200);
  });
});

/** Counterexamples `fuzz.test.ts` found (each was a 500 on at least one store), kept as plain examples. */
describe('bad input the fuzzer found', () => {
  const deep = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);

  it.each([
    ['/v1/track', `{"userId":"a","event":"x","properties":{"p":${deep(8_000)}}}`, writeAuth, 'body.properties: expected JSON nested at most 64 levels deep'],
    ['/v1/identify', `{"userId":"a","traits":{"p":${deep(8_000)}}}`, writeAuth, 'body.traits: expected JSON nested at most 64 levels deep'],
    ['/v1/batch', `{"batch":[{"type":"track","userId":"a","event":"x","properties":{"p":${deep(8_000)}}}]}`, writeAuth, 'body.batch.0.properties: expected JSON nested at most 64 levels deep'],
    ['/api/journeys', `{"name":"x","nodes":[{"id":"n","type":"exit","data":{"p":${deep(8_000)}}}],"edges":[]}`, adminAuth, 'body.nodes.0.data: expected JSON nested at most 64 levels deep'],
  ])('refuses JSON nested thousands of levels deep in %s, which JSON.stringify cannot write back', async (path, body, auth, message) => {
    const res = await send(path, body, auth);
    expect([res.status, res.body.error.message]).toEqual([400, message]);
  });

  it.each([
    ['/v1/track', '{"userId":"a","event":"x","properties":{"p":"\\ud800"}}', writeAuth, 'body.properties.p'],
    ['/v1/track', '{"userId":"a","event":"x","properties":{"\\udc00":1}}', writeAuth, 'body.properties'],
    ['/api/journeys', '{"name":"\\ud800","nodes":[],"edges":[]}', adminAuth, 'body.name'],
    ['/api/users/u1/tags', '{"add":["ok\\udc00"]}', adminAuth, 'body.add.0'],
  ])('refuses a lone surrogate in %s, which PostgreSQL cannot store in jsonb', async (path, body, auth, field) => {
    const res = await send(path, body, auth);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(new RegExp(`^${field.replaceAll('.', '\\.')}: expected well-formed Unicode text`));
  });

  it.each([
    ['GET', '/api/journeys/a%00b', /^path\.id: expected text without NUL/],
    ['POST', '/api/journeys/a%00b/publish', /^path\.id: expected text without NUL/],
    ['GET', '/api/users/a%00b', /^path\.id: expected text without NUL/],
    ['POST', '/api/users/a%00b/tags', /^path\.id: expected text without NUL/],
    ['GET', '/api/outbox?journeyId=a%00b', /^query\.journeyId: expected text without NUL/],
    ['GET', '/api/journeys/%E0%A4%A', /^path: expected a percent-encoded path/],
  ])('refuses %s %s naming the path or query', async (method, path, message) => {
    const res = await send(path, method === 'GET' ? (undefined as unknown as string) : '{"add":["vip"]}', adminAuth, method);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(message);
  });
});
