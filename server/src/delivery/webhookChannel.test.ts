import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliveryFailure, testOffer } from './testOffer.ts';
import { createWebhookChannel } from './webhookChannel.ts';
import { startWebhookTestTarget } from './webhookTestTarget.ts';
import type { ReceivedRequest, WebhookTestTarget } from './webhookTestTarget.ts';

const secret = `whsec_${randomBytes(32).toString('base64')}`;
let target: WebhookTestTarget;

beforeAll(async () => {
  target = await startWebhookTestTarget((request, response) => {
    const path = new URL(request.path, 'http://target').pathname;
    if (path === '/hang') return; // never answers
    if (path === '/moved') {
      response.writeHead(301, { location: '/ok' }).end();
      return;
    }
    const status = /^\/status\/(\d{3})$/.exec(path)?.[1];
    response.writeHead(status ? Number(status) : 204).end(status ? 'target says no' : undefined);
  });
});
afterAll(() => target.close());

function receivedAt(path: string): ReceivedRequest[] {
  return target.received.filter((request) => request.path === path);
}

function signatureHeaders(request: ReceivedRequest): Record<string, string> {
  const { 'webhook-id': id, 'webhook-timestamp': timestamp, 'webhook-signature': signature } = request.headers;
  return { 'webhook-id': String(id), 'webhook-timestamp': String(timestamp), 'webhook-signature': String(signature) };
}

describe('createWebhookChannel', () => {
  it('posts the offer as JSON signed per Standard Webhooks', async () => {
    const channel = createWebhookChannel({ allowPrivate: true, secret, userAgent: 'Waymark-Test/1' });
    await channel.send(testOffer({ url: target.url('/signed') }));

    const [request] = receivedAt('/signed');
    expect(request).toBeDefined();
    expect(request!.headers['content-type']).toBe('application/json');
    expect(request!.headers['user-agent']).toBe('Waymark-Test/1');
    expect(request!.headers['webhook-id']).toBe('msg_42');
    expect(request!.headers['webhook-signature']).toMatch(/^v1,[A-Za-z0-9+/]+={0,2}$/);
    expect(Number(request!.headers['webhook-timestamp'])).toBeCloseTo(Date.now() / 1000, -1);
    expect(new Webhook(secret).verify(request!.body, signatureHeaders(request!))).toEqual({
      type: 'offer.sent',
      id: 'msg_42',
      userId: 'user_ada',
      journeyId: 'jrn_winback',
      journeyName: 'Win back lapsed buyers',
      runId: 'run_1',
      node: 'offer_1',
      offer: 'WINBACK20',
      message: 'Hi Ada, here is 20% off.',
      cost: 4.5,
      createdAt: '2025-01-15T09:30:00.000Z',
    });
  });

  it('keeps the webhook-id of an offer the same on every send, so targets can drop duplicates', async () => {
    const channel = createWebhookChannel({ allowPrivate: true, secret });
    const offer = testOffer({ id: 7, url: target.url('/twice') });
    await channel.send(offer);
    await channel.send({ ...offer, attempts: 1 });

    const requests = receivedAt('/twice');
    expect(requests.map((request) => request.headers['webhook-id'])).toEqual(['msg_7', 'msg_7']);
    for (const request of requests) {
      expect(() => new Webhook(secret).verify(request.body, signatureHeaders(request))).not.toThrow();
    }
  });

  it('signs with the configured secret only', async () => {
    const channel = createWebhookChannel({ allowPrivate: true, secret });
    await channel.send(testOffer({ url: target.url('/other-secret') }));
    const [request] = receivedAt('/other-secret');
    const otherSecret = `whsec_${randomBytes(32).toString('base64')}`;
    expect(() => new Webhook(otherSecret).verify(request!.body, signatureHeaders(request!))).toThrow(/signature/i);
  });

  it.each([
    [500, true],
    [503, true],
    [408, true],
    [429, true],
    [404, false],
    [400, false],
    [401, false],
  ])('treats HTTP %i as retryable: %s', async (status, retryable) => {
    const channel = createWebhookChannel({ allowPrivate: true, secret });
    const error = await deliveryFailure(channel.send(testOffer({ url: target.url(`/status/${status}`) })));
    expect(error.retryable).toBe(retryable);
    expect(error.message).toContain(`HTTP ${status}`);
  });

  it('does not follow redirects, which would send the signed offer somewhere nobody configured', async () => {
    const channel = createWebhookChannel({ allowPrivate: true, secret });
    const before = receivedAt('/ok').length;
    const error = await deliveryFailure(channel.send(testOffer({ url: target.url('/moved') })));
    expect(error.retryable).toBe(false);
    expect(error.message).toContain('HTTP 301');
    expect(receivedAt('/ok')).toHaveLength(before);
  });

  it('refuses private and loopback targets unless private webhooks are allowed, and sends nothing', async () => {
    const channel = createWebhookChannel({ secret });
    const before = target.received.length;
    const literal = await deliveryFailure(channel.send(testOffer({ url: target.url('/ok') })));
    expect([literal.retryable, literal.message]).toEqual([false, expect.stringMatching(/private or loopback address/)]);
    const named = await deliveryFailure(channel.send(testOffer({ url: target.url('/ok').replace('127.0.0.1', 'localhost') })));
    expect([named.retryable, named.message]).toEqual([false, expect.stringMatching(/"localhost" is a private or loopback address/)]);
    expect(target.received.length).toBe(before);
  });

  it('keeps the URL path and query, which may hold tokens, out of the error', async () => {
    const channel = createWebhookChannel({ allowPrivate: true, secret });
    const error = await deliveryFailure(channel.send(testOffer({ url: target.url('/status/500?token=sekrit-token') })));
    expect(error.message).toContain('127.0.0.1');
    expect(error.message).not.toContain('sekrit-token');
  });

  it('gives up on a target that never answers, as a retryable timeout', async () => {
    const channel = createWebhookChannel({ allowPrivate: true, secret, timeoutMs: 200 });
    const error = await deliveryFailure(channel.send(testOffer({ url: target.url('/hang') })));
    expect(error.retryable).toBe(true);
    expect(error.message).toMatch(/timed out after 200ms/);
  });

  it('treats a refused connection as retryable', async () => {
    const closedPort = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const { port } = probe.address() as AddressInfo;
        probe.close(() => resolve(port));
      });
    });
    const channel = createWebhookChannel({ allowPrivate: true, secret });
    const error = await deliveryFailure(channel.send(testOffer({ url: `http://127.0.0.1:${closedPort}/hook` })));
    expect(error.retryable).toBe(true);
    expect(error.message).toMatch(/could not be reached: ECONNREFUSED/);
  });

  it('fails for good when the offer has no usable URL', async () => {
    const channel = createWebhookChannel({ allowPrivate: true, secret });
    expect((await deliveryFailure(channel.send(testOffer({ url: undefined })))).retryable).toBe(false);
    expect((await deliveryFailure(channel.send(testOffer({ url: 'ftp://example.com/x' })))).retryable).toBe(false);
    expect((await deliveryFailure(channel.send(testOffer({ url: 'not a url' })))).retryable).toBe(false);
  });

  it.each([
    ['empty', ''],
    ['without the whsec_ prefix', randomBytes(32).toString('base64')],
    ['with only the prefix', 'whsec_'],
    ['not base64', 'whsec_this is not base64!!'],
    ['too short', `whsec_${randomBytes(8).toString('base64')}`],
  ])('refuses a secret that is %s, naming WEBHOOK_SECRET without echoing the value', (_case, badSecret) => {
    let message = '';
    try {
      createWebhookChannel({ allowPrivate: true, secret: badSecret });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/WEBHOOK_SECRET/);
    if (badSecret.length > 'whsec_'.length) expect(message).not.toContain(badSecret);
  });
});
