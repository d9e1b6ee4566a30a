import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEmailChannel } from './emailChannel.ts';
import type { EmailChannel } from './emailChannel.ts';
import { deliveryFailure, testOffer } from './testOffer.ts';

interface ReceivedMail {
  mailFrom: string | undefined;
  rcptTo: string[];
  raw: string;
}

const received: ReceivedMail[] = [];
let smtp: SMTPServer;
let smtpUrl: string;
let channel: EmailChannel;

// Recipients the test server refuses, the way real mail servers do: 5xx for good, 4xx for now.
const replies: Record<string, number> = { 'unknown@example.com': 550, 'busy@example.com': 450 };

beforeAll(async () => {
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo(address, _session, callback) {
      const code = replies[address.address];
      if (code) callback(Object.assign(new Error(`mailbox ${code === 550 ? 'unknown' : 'busy'}`), { responseCode: code }));
      else callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const from = session.envelope.mailFrom;
        received.push({
          mailFrom: from ? from.address : undefined,
          rcptTo: session.envelope.rcptTo.map((rcpt) => rcpt.address),
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  smtpUrl = `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`;
  channel = createEmailChannel({ smtpUrl, from: '"Acme Offers" <offers@acme.example>' });
});

afterAll(async () => {
  channel.close();
  await new Promise<void>((resolve) => smtp.close(resolve));
});

function headerOf(raw: string, name: string): string | undefined {
  const head = raw.slice(0, raw.indexOf('\r\n\r\n'));
  return new RegExp(`^${name}: (.*)$`, 'mi').exec(head)?.[1]?.trim();
}

describe('createEmailChannel', () => {
  it('sends the rendered offer as HTML with a plain-text alternative', async () => {
    const before = received.length;
    await channel.send(
      testOffer({
        id: 7,
        channel: 'email',
        to: 'ada@example.com',
        subject: 'A gift for you',
        message: '<p>Hi Ada, use <b>WINBACK20</b> &amp; save</p>',
      }),
    );

    expect(received).toHaveLength(before + 1);
    const mail = received.at(-1)!;
    expect(mail.rcptTo).toEqual(['ada@example.com']);
    expect(mail.mailFrom).toBe('offers@acme.example');
    expect(headerOf(mail.raw, 'To')).toBe('ada@example.com');
    expect(headerOf(mail.raw, 'Subject')).toBe('A gift for you');
    expect(headerOf(mail.raw, 'X-Waymark-Message-Id')).toBe('msg_7');
    expect(mail.raw).toMatch(/Content-Type: multipart\/alternative/i);
    expect(mail.raw).toMatch(/Content-Type: text\/plain[^]*Hi Ada, use WINBACK20 & save/i);
    expect(mail.raw).toMatch(/Content-Type: text\/html[^]*<p>Hi Ada, use <b>WINBACK20<\/b> &amp; save<\/p>/i);
  });

  it('uses the offer code as the subject when the node has none', async () => {
    await channel.send(testOffer({ channel: 'email', to: 'grace@example.com', subject: undefined }));
    const mail = received.at(-1)!;
    expect(mail.rcptTo).toEqual(['grace@example.com']);
    expect(headerOf(mail.raw, 'Subject')).toBe('WINBACK20');
  });

  it('fails for good, without connecting, when the user has no email trait', async () => {
    const before = received.length;
    const error = await deliveryFailure(channel.send(testOffer({ channel: 'email', to: undefined })));
    expect(error.message).toBe('user has no email trait');
    expect(error.retryable).toBe(false);
    expect(received).toHaveLength(before);
  });

  it('refuses an email trait that lists several addresses', async () => {
    const error = await deliveryFailure(channel.send(testOffer({ channel: 'email', to: 'a@example.com, b@example.com' })));
    expect(error.retryable).toBe(false);
  });

  it('fails every send for good when SMTP_URL is not configured', async () => {
    const unconfigured = createEmailChannel({ smtpUrl: undefined, from: 'offers@acme.example' });
    const error = await deliveryFailure(unconfigured.send(testOffer({ channel: 'email', to: 'ada@example.com' })));
    expect(error.message).toBe('SMTP_URL is not configured');
    expect(error.retryable).toBe(false);
  });

  it('treats a permanent SMTP rejection (5xx) as final and a temporary one (4xx) as retryable', async () => {
    const unknown = await deliveryFailure(channel.send(testOffer({ channel: 'email', to: 'unknown@example.com' })));
    expect(unknown.retryable).toBe(false);
    expect(unknown.message).toContain('550');

    const busy = await deliveryFailure(channel.send(testOffer({ channel: 'email', to: 'busy@example.com' })));
    expect(busy.retryable).toBe(true);
    expect(busy.message).toContain('450');
  });

  it('treats an unreachable SMTP server as retryable', async () => {
    const closedPort = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const { port } = probe.address() as AddressInfo;
        probe.close(() => resolve(port));
      });
    });
    const down = createEmailChannel({ smtpUrl: `smtp://127.0.0.1:${closedPort}`, from: 'offers@acme.example' });
    const error = await deliveryFailure(down.send(testOffer({ channel: 'email', to: 'ada@example.com' })));
    expect(error.retryable).toBe(true);
    expect(error.message).toMatch(/ECONNREFUSED/);
  });
});
