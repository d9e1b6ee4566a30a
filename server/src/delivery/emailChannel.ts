import nodemailer from 'nodemailer';
import { htmlToText } from './htmlToText.ts';
import { DeliveryError, messageIdOf } from './outboxTypes.ts';
import type { DeliveryChannel } from './outboxTypes.ts';

export interface EmailChannelOptions {
  /** From SMTP_URL, e.g. `smtps://user:pass@smtp.example.com`; undefined when the operator has not set one. */
  smtpUrl: string | undefined;
  /** The From header, e.g. `"Acme" <offers@acme.example>`. */
  from: string;
}

export interface EmailChannel extends DeliveryChannel {
  /** Closes pooled SMTP connections (only opened when the URL asks for `?pool=true`). */
  close(): void;
}

// nodemailer waits up to two minutes to connect and ten minutes on a silent socket; the dispatcher's lease is a
// minute, so a hung server would otherwise let the row be claimed again and the email go out twice.
// A query parameter in SMTP_URL still overrides each of these.
const TIMEOUTS = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 } as const;

// One address and nothing else: a trait like "a@x.example, b@y.example" must not fan one offer out to many inboxes.
const SINGLE_ADDRESS = /^[^\s@,;<>"()[\]\\]+@[^\s@,;<>"()[\]\\]+$/;

/**
 * Sends each offer as an HTML email with a plain-text alternative. Without SMTP_URL every send fails for good
 * instead of pretending to succeed, so the offers stay visible as dead letters rather than silently vanishing.
 */
export function createEmailChannel({ smtpUrl, from }: EmailChannelOptions): EmailChannel {
  if (smtpUrl === undefined) {
    return {
      send: () => Promise.reject(new DeliveryError('SMTP_URL is not configured', false)),
      close: () => {},
    };
  }
  const transport = nodemailer.createTransport(withTimeouts(smtpUrl));

  return {
    async send(message) {
      const to = message.to?.trim();
      if (!to) throw new DeliveryError('user has no email trait', false);
      if (!SINGLE_ADDRESS.test(to)) throw new DeliveryError("user's email trait is not a single email address", false);
      try {
        await transport.sendMail({
          from,
          to,
          subject: message.subject?.trim() || message.offer,
          html: message.message,
          text: htmlToText(message.message),
          headers: { 'X-Waymark-Message-Id': messageIdOf(message) },
        });
      } catch (error) {
        throw smtpFailure(error);
      }
    },
    close: () => transport.close(),
  };
}

function withTimeouts(smtpUrl: string): string {
  if (!URL.canParse(smtpUrl)) return smtpUrl; // let nodemailer report what it makes of it
  const given = new URL(smtpUrl).searchParams;
  const missing = Object.entries(TIMEOUTS).filter(([key]) => !given.has(key));
  if (missing.length === 0) return smtpUrl;
  // Appended as text rather than through URL.toString(), which could re-encode a password nodemailer then misreads.
  const query = missing.map(([key, ms]) => `${key}=${ms}`).join('&');
  return `${smtpUrl}${smtpUrl.includes('?') ? '&' : '?'}${query}`;
}

/**
 * SMTP says itself whether to try again: 4xx replies are temporary, 5xx permanent (unknown mailbox, rejected
 * sender). Without a reply, an envelope or message nodemailer refused to send will not improve; a connection,
 * DNS or TLS problem might.
 */
function smtpFailure(error: unknown): DeliveryError {
  const details = typeof error === 'object' && error !== null ? (error as { code?: unknown; responseCode?: unknown }) : {};
  const reason = error instanceof Error ? error.message : String(error);
  const retryable =
    typeof details.responseCode === 'number'
      ? details.responseCode < 500
      : details.code !== 'EENVELOPE' && details.code !== 'EMESSAGE';
  return new DeliveryError(`email could not be sent: ${reason}`, retryable, { cause: error });
}
