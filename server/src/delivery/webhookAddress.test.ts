import { describe, expect, it } from 'vitest';
import { guardedLookup, isPublicAddress, webhookUrlProblem } from './webhookAddress.ts';

describe('webhook address guard', () => {
  it('treats only public unicast addresses as public', () => {
    for (const ip of ['8.8.8.8', '1.1.1.1', '2606:4700:4700::1111']) expect(isPublicAddress(ip)).toBe(true);
    for (const ip of ['127.0.0.1', '10.1.2.3', '172.16.0.1', '192.168.1.1', '169.254.169.254', '0.0.0.0', '::1', 'fd00::1', 'fe80::1', '::ffff:127.0.0.1', '100.64.0.1', 'nonsense'])
      expect([ip, isPublicAddress(ip)]).toEqual([ip, false]);
  });

  it('refuses private, loopback and local-name URLs unless private webhooks are allowed', () => {
    for (const url of ['http://127.0.0.1:8080/hook', 'http://localhost/x', 'https://[::1]/x', 'http://169.254.169.254/latest/meta-data', 'http://db.internal/x', 'http://10.0.0.5/x'])
      expect(webhookUrlProblem(url, false)).toMatch(/private or loopback address/);
    expect(webhookUrlProblem('http://127.0.0.1:8080/hook', true)).toBeUndefined();
    expect(webhookUrlProblem('https://hooks.example.com/x', false)).toBeUndefined();
    expect(webhookUrlProblem('ftp://example.com/x', true)).toMatch(/http/);
    expect(webhookUrlProblem('https://user:pw@example.com/x', true)).toMatch(/without credentials/);
  });

  it("allows this server's own demo inbox on loopback, and nothing else on the machine", () => {
    for (const url of ['http://localhost:3000/sink/webhook', 'http://127.0.0.1:3000/sink/webhook', 'http://[::1]:3000/sink/other'])
      expect([url, webhookUrlProblem(url, false, 3000)]).toEqual([url, undefined]);
    // Another port, another path of this server, https, or no port known: refused.
    for (const url of ['http://localhost:6379/sink/webhook', 'http://localhost:3000/api/journeys', 'http://localhost:3000/sinkhole', 'https://localhost:3000/sink/webhook', 'http://10.0.0.5:3000/sink/webhook'])
      expect([url, webhookUrlProblem(url, false, 3000)]).toEqual([url, expect.stringMatching(/private or loopback address/)]);
    expect(webhookUrlProblem('http://localhost:3000/sink/webhook', false)).toMatch(/private or loopback address/);
  });

  it('lets localhost resolve to loopback at connect time only while the demo inbox is allowed', async () => {
    const resolve = (ownInboxAllowed: () => boolean) =>
      new Promise<{ error: Error | null; address: unknown }>((done) => guardedLookup(false, ownInboxAllowed)('localhost', {}, (error, address) => done({ error, address })));
    expect((await resolve(() => false)).error?.message).toMatch(/resolves only to private or loopback addresses/);
    const allowed = await resolve(() => true);
    expect([allowed.error, allowed.address]).toEqual([null, expect.stringMatching(/^(127\.0\.0\.1|::1)$/)]);
  });

  it('refuses at connect time a name that resolves to a private address', async () => {
    const resolve = (allow: boolean) =>
      new Promise<{ error: Error | null; address: unknown }>((done) => guardedLookup(allow)('localhost', {}, (error, address) => done({ error, address })));
    const refused = await resolve(false);
    expect(refused.error?.message).toMatch(/localhost resolves only to private or loopback addresses/);
    const allowed = await resolve(true);
    expect([allowed.error, allowed.address]).toEqual([null, expect.stringMatching(/^(127\.0\.0\.1|::1)$/)]);
  });
});
