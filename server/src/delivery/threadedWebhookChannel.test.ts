import { randomBytes } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { deliveryFailure, testOffer } from './testOffer.ts';
import { createThreadedWebhookChannel } from './threadedWebhookChannel.ts';
import { startWebhookTestTarget, type WebhookTestTarget } from './webhookTestTarget.ts';

const secret = `whsec_${randomBytes(32).toString('base64')}`;
let target: WebhookTestTarget;
let channel: ReturnType<typeof createThreadedWebhookChannel> | undefined;

beforeAll(async () => {
  target = await startWebhookTestTarget((request, response) => {
    const status = /^\/status\/(\d{3})$/.exec(new URL(request.path, 'http://target').pathname)?.[1];
    response.writeHead(status ? Number(status) : 204).end();
  });
});
afterAll(() => target.close());
afterEach(async () => {
  await channel?.close();
  channel = undefined;
});

describe('the webhook channel on its own thread', () => {
  it('posts offers signed per Standard Webhooks, many at once, each send settling with its own answer', async () => {
    channel = createThreadedWebhookChannel({ secret, allowPrivate: true });
    await Promise.all(Array.from({ length: 20 }, (_, i) => channel!.send(testOffer({ id: 100 + i, url: target.url(`/t/${i}`) }))));

    const mine = target.received.filter((r) => r.path.startsWith('/t/'));
    expect(mine.map((r) => r.headers['webhook-id']).sort()).toEqual(Array.from({ length: 20 }, (_, i) => `msg_${100 + i}`).sort());
    for (const request of mine) {
      const headers = {
        'webhook-id': String(request.headers['webhook-id']),
        'webhook-timestamp': String(request.headers['webhook-timestamp']),
        'webhook-signature': String(request.headers['webhook-signature']),
      };
      expect(new Webhook(secret).verify(request.body, headers)).toMatchObject({ type: 'offer.sent', id: headers['webhook-id'] });
    }
  });

  it('brings back the verdict of a failed send: retry a 503, dead-letter a 400, refuse a private address unless allowed', async () => {
    channel = createThreadedWebhookChannel({ secret, allowPrivate: true });
    const unavailable = await deliveryFailure(channel.send(testOffer({ url: target.url('/status/503') })));
    expect(unavailable.retryable).toBe(true);
    expect(unavailable.message).toMatch(/503/);
    const refused = await deliveryFailure(channel.send(testOffer({ url: target.url('/status/400') })));
    expect(refused.retryable).toBe(false);

    const strict = createThreadedWebhookChannel({ secret, allowPrivate: false });
    try {
      const privateTarget = await deliveryFailure(strict.send(testOffer({ url: target.url('/private') })));
      expect(privateTarget.retryable).toBe(false);
    } finally {
      await strict.close();
    }
  });

  it('starts its thread with the channel, so the first offers after a start do not wait for it to boot', async () => {
    channel = createThreadedWebhookChannel({ secret, allowPrivate: true });
    // Nothing sent: the thread is up anyway (a lazy thread would never say so, and this would time out).
    await channel.ready;
    await channel.send(testOffer({ url: target.url('/after-ready') }));
    expect(target.received.filter((r) => r.path === '/after-ready')).toHaveLength(1);
  });

  it('fails sends after it is closed as retryable, so the offers stay in the outbox for the next start', async () => {
    channel = createThreadedWebhookChannel({ secret, allowPrivate: true });
    await channel.send(testOffer({ url: target.url('/before-close') }));
    await channel.close();
    const after = await deliveryFailure(channel.send(testOffer({ url: target.url('/after-close') })));
    expect(after.retryable).toBe(true);
    expect(target.received.some((r) => r.path === '/after-close')).toBe(false);
  });

  it('settles each send of a batch with its own verdict, and fails the sends of a batch closed before it crossed', async () => {
    channel = createThreadedWebhookChannel({ secret, allowPrivate: true });
    const mixed = await Promise.allSettled(Array.from({ length: 6 }, (_, i) => channel!.send(testOffer({ id: 300 + i, url: target.url(i % 2 ? '/status/400' : `/mixed/${i}`) }))));
    expect(mixed.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'rejected', 'fulfilled', 'rejected']);

    const caught = channel.send(testOffer({ id: 400, url: target.url('/closed-in-flight') })).then(() => undefined, (error: unknown) => error);
    await channel.close(); // in the same turn: the batch has not crossed yet
    expect(await caught).toMatchObject({ name: 'DeliveryError', retryable: true });
    expect(target.received.some((r) => r.path === '/closed-in-flight')).toBe(false);
  });
});
