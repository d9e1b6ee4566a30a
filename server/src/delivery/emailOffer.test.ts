import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestWaymark, type TestWaymark } from '../testing/testWaymark.ts';

/*
 * An email offer end to end: ingestion → runtime → outbox → nodemailer → a real SMTP server on a local port.
 */

interface ReceivedMail {
  rcptTo: string[];
  raw: string;
}

const received: ReceivedMail[] = [];
let smtp: SMTPServer;
let waymark: TestWaymark;
let journeyId: string;

beforeAll(async () => {
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        received.push({ rcptTo: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks).toString('utf8') });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  waymark = await startTestWaymark({ SMTP_URL: `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}` });

  const created = await waymark.api('/api/journeys', {
    body: {
      name: 'Upgrade thanks',
      nodes: [
        { id: 'start', type: 'trigger', data: { event: 'upgraded' } },
        {
          id: 'thanks',
          type: 'offer',
          data: {
            offer: 'THANKS20',
            channel: 'email',
            subject: 'A thank-you for upgrading',
            template: '<p>Hi {{ traits.name }}, enjoy the {{ event.properties.plan }} plan: {{ offer.code }}.</p>',
          },
        },
        { id: 'done', type: 'exit', data: {} },
      ],
      edges: [
        { id: 'e1', source: 'start', target: 'thanks' },
        { id: 'e2', source: 'thanks', target: 'done' },
      ],
    },
  });
  expect(created.body.violations).toEqual([]);
  journeyId = created.body.id;
  expect((await waymark.api(`/api/journeys/${journeyId}/publish`, { method: 'POST' })).status).toBe(200);
});

afterAll(async () => {
  await waymark?.close();
  await new Promise<void>((resolve) => smtp.close(resolve));
});

function headerOf(raw: string, name: string): string | undefined {
  const head = raw.slice(0, raw.indexOf('\r\n\r\n'));
  return new RegExp(`^${name}: (.*)$`, 'mi').exec(head)?.[1]?.trim();
}

/** The decoded body of the MIME part with this content type (nodemailer sends short ASCII bodies as 7bit or quoted-printable). */
function partOf(raw: string, contentType: string): string {
  const start = raw.search(new RegExp(`^Content-Type: ${contentType}`, 'mi'));
  expect(start, `a ${contentType} part`).toBeGreaterThanOrEqual(0);
  const part = raw.slice(start);
  const body = part.slice(part.indexOf('\r\n\r\n') + 4).split(/\r\n--/)[0] ?? '';
  const quotedPrintable = /^Content-Transfer-Encoding: quoted-printable/im.test(part.slice(0, part.indexOf('\r\n\r\n')));
  return quotedPrintable
    ? body.replace(/=\r\n/g, '').replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)))
    : body;
}

async function offersOf(userId: string): Promise<Array<{ status: string; lastError: string | null; offer: string }>> {
  const res = await waymark.api(`/api/users/${userId}`);
  return res.status === 200 ? res.body.offers : [];
}

describe('an email offer', () => {
  it('arrives over SMTP, rendered with the user and the event, with HTML in traits escaped', async () => {
    await waymark.ingest('/v1/identify', { userId: 'ann', traits: { email: 'ann@example.com', name: '<b>Ann</b>' } });
    await waymark.ingest('/v1/track', { userId: 'ann', event: 'upgraded', properties: { plan: 'Pro' } });

    const mail = await waymark.until(async () => received.find((m) => m.rcptTo.includes('ann@example.com')));
    expect(mail.rcptTo).toEqual(['ann@example.com']);
    expect(headerOf(mail.raw, 'To')).toBe('ann@example.com');
    expect(headerOf(mail.raw, 'Subject')).toBe('A thank-you for upgrading');

    const html = partOf(mail.raw, 'text/html');
    expect(html).toContain('<p>Hi &lt;b&gt;Ann&lt;/b&gt;, enjoy the Pro plan: THANKS20.</p>');
    expect(html).not.toContain('<b>Ann</b>');
    // The plain-text alternative reads as the user would see the HTML: the trait's markup as literal text.
    expect(partOf(mail.raw, 'text/plain')).toContain('Hi <b>Ann</b>, enjoy the Pro plan: THANKS20.');

    await waymark.until(async () => (await offersOf('ann'))[0]?.status === 'sent');
  });

  it('is dead-lettered, naming the missing email trait, when the user has no email address', async () => {
    await waymark.ingest('/v1/identify', { userId: 'bob', traits: { name: 'Bob' } });
    await waymark.ingest('/v1/track', { userId: 'bob', event: 'upgraded', properties: { plan: 'Team' } });

    const [offer] = await waymark.until(async () => {
      const offers = await offersOf('bob');
      return offers[0]?.status === 'dead' ? offers : undefined;
    });
    expect(offer).toMatchObject({ offer: 'THANKS20', status: 'dead' });
    expect(offer?.lastError).toMatch(/email trait/);
    expect(received.some((m) => m.raw.includes('Bob'))).toBe(false);
  });
});
