import { SMTPServer } from 'smtp-server';
import type { DemoInbox } from './DemoInbox.ts';

const header = (raw: string, name: string) => new RegExp(`^${name}:\\s*(.*)$`, 'im').exec(raw)?.[1]?.trim();

/**
 * A local SMTP mailbox for first runs without SMTP_URL: email offers travel over real SMTP (nodemailer →
 * smtp-server) and land in the demo inbox, so the seeded email journeys work out of the box.
 */
export async function startDevMailServer(inbox: DemoInbox, port: number): Promise<{ url: string; close(): Promise<void> }> {
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    banner: 'Waymark dev mailbox',
    size: 1_000_000,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const [head = '', ...rest] = raw.split(/\r?\n\r?\n/);
        inbox.add({
          channel: 'email',
          messageId: header(head, 'X-Waymark-Message-Id') ?? header(head, 'Message-ID'),
          verified: false,
          to: session.envelope.rcptTo.map((r) => r.address).join(', '),
          subject: header(head, 'Subject'),
          body: rest.join('\n\n').slice(0, 20_000),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const address = server.server.address();
  const actual = typeof address === 'object' && address ? address.port : port;
  return { url: `smtp://127.0.0.1:${actual}`, close: () => new Promise((r) => server.close(() => r())) };
}
