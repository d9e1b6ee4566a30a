import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestWaymark, TEST_ADMIN_TOKEN, type TestWaymark } from '../testing/testWaymark.ts';
import { journey } from '../testing/journeyFixtures.ts';

let wm: TestWaymark;
beforeAll(async () => {
  wm = await startTestWaymark();
  const { body } = await wm.api('/api/journeys', {
    body: journey('count', [['t1', 'trigger', { event: 'ping' }], ['x1', 'exit']], [['t1', 'x1']], { reentry: 'always' }),
  });
  await wm.api(`/api/journeys/${body.id}/publish`, { method: 'POST' });
});
afterAll(() => wm.close());

describe('Segment-compatible ingestion', () => {
  it('accepts track and identify and applies them to the profile', async () => {
    expect((await wm.ingest('/v1/identify', { userId: 'u-ident', traits: { name: 'Ann', plan: 'pro' } })).status).toBe(200);
    expect((await wm.ingest('/v1/track', { userId: 'u-ident', event: 'ping', properties: { a: 1 } })).body).toEqual({ success: true });
    const user = await wm.until(async () => {
      const r = await wm.api('/api/users/u-ident');
      return r.status === 200 && r.body.runs.length === 1 ? r.body : undefined;
    });
    expect(user.traits).toEqual({ name: 'Ann', plan: 'pro' });
    expect(user.timeline.some((t: { kind: string; detail: { name?: string } }) => t.kind === 'event' && t.detail.name === 'ping')).toBe(true);
  });

  it('deduplicates on messageId across requests, and refuses the same messageId twice in one batch', async () => {
    const event = { type: 'track', userId: 'u-dedup', event: 'ping', messageId: 'same-1' };
    expect((await wm.ingest('/v1/track', event)).status).toBe(200);
    const twice = await wm.ingest('/v1/batch', { batch: [event, { ...event, messageId: 'same-2' }, event] });
    expect([twice.status, twice.body.error?.message]).toEqual([400, 'body.batch.2.messageId: expected a messageId not already used by batch.0 in this request']);
    expect((await wm.ingest('/v1/batch', { batch: [event, { ...event, messageId: 'same-2' }] })).status).toBe(200);
    expect((await wm.ingest('/v1/track', event)).status).toBe(200);
    const user = await wm.until(async () => {
      const r = await wm.api('/api/users/u-dedup');
      return r.status === 200 && r.body.runs.length >= 2 ? r.body : undefined;
    });
    await new Promise((r) => setTimeout(r, 200));
    const again = (await wm.api('/api/users/u-dedup')).body;
    expect(again.runs).toHaveLength(2);
    expect(user.runs.length).toBe(2);
  });

  it("accepts Segment's common fields and refuses any other field by name", async () => {
    const segment = {
      anonymousId: 'anon-1',
      context: { library: { name: 'analytics-node', version: '6.0.0' }, ip: '203.0.113.9' },
      integrations: { All: true },
      sentAt: '2026-12-06T10:00:00.000Z',
      _metadata: { nodeVersion: '20.20.2' },
    };
    expect((await wm.ingest('/v1/track', { userId: 'u-segment', event: 'ping', properties: {}, ...segment })).status).toBe(200);
    expect((await wm.ingest('/v1/batch', { batch: [{ type: 'identify', userId: 'u-segment', traits: {}, ...segment }], context: segment.context, sentAt: segment.sentAt })).status).toBe(200);

    const typo = await wm.ingest('/v1/track', { userId: 'u-segment', event: 'ping', propertes: { plan: 'pro' } });
    expect(typo.status).toBe(400);
    expect(typo.body.error.message).toMatch(/^body: unknown field "propertes": expected only type, userId, event, properties, messageId, timestamp and Segment's common fields/);
    const inBatch = await wm.ingest('/v1/batch', { batch: [{ type: 'identify', userId: 'u-segment', trait: { plan: 'pro' } }] });
    expect([inBatch.status, inBatch.body.error.message]).toEqual([400, expect.stringMatching(/^body\.batch\.0: unknown field "trait"/)]);
  });

  it('accepts a batch of mixed calls in order', async () => {
    const batch = [
      { type: 'identify', userId: 'u-batch', traits: { email: 'b@example.com' } },
      { type: 'track', userId: 'u-batch', event: 'ping' },
    ];
    expect((await wm.ingest('/v1/batch', { batch })).body).toEqual({ success: true, accepted: 2 });
    const user = await wm.until(async () => (await wm.api('/api/users/u-batch')).body?.runs?.length === 1 && (await wm.api('/api/users/u-batch')).body);
    expect(user.traits.email).toBe('b@example.com');
  });

  it('uses the event timestamp the client sent', async () => {
    await wm.ingest('/v1/track', { userId: 'u-time', event: 'other', timestamp: '2026-01-02T03:04:05Z' });
    const user = await wm.until(async () => (await wm.api('/api/users/u-time')).status === 200 && (await wm.api('/api/users/u-time')).body);
    expect(user.lastSeenAt).toBe(Date.parse('2026-01-02T03:04:05Z'));
  });

  it('requires the write key as HTTP Basic username', async () => {
    const noAuth = await fetch(`${wm.url}/v1/track`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(noAuth.status).toBe(401);
    expect((await noAuth.json()).error.message).toMatch(/^authorization:/);
    const wrong = await fetch(`${wm.url}/v1/track`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Basic ${Buffer.from('nope:').toString('base64')}` },
      body: JSON.stringify({ userId: 'x', event: 'y' }),
    });
    expect(wrong.status).toBe(401);
    const adminTokenIsNotAWriteKey = await fetch(`${wm.url}/v1/track`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${TEST_ADMIN_TOKEN}` },
      body: JSON.stringify({ userId: 'x', event: 'y' }),
    });
    expect(adminTokenIsNotAWriteKey.status).toBe(401);
  });
});
