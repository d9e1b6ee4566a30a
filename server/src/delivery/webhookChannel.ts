import { createHmac } from 'node:crypto';
import { Agent } from 'undici';
import { guardedLookup, PrivateAddressError, webhookUrlProblem } from './webhookAddress.ts';
import { DeliveryError, messageIdOf } from './outboxTypes.ts';
import type { DeliveryChannel, OutboxMessage } from './outboxTypes.ts';

export interface WebhookChannelOptions {
  /** `whsec_` followed by base64 of at least 24 random bytes (from WEBHOOK_SECRET). */
  secret: string;
  /**
   * How long connecting may take, and then how long the answer's head may take. Both together are kept well under
   * the dispatcher's lease, so a hung target fails before its row could be claimed twice.
   */
  timeoutMs?: number;
  userAgent?: string;
  /** ALLOW_PRIVATE_WEBHOOKS: let offers go to loopback and private addresses (tests, local setups). */
  allowPrivate?: boolean;
  /** The port this server listens on: its demo inbox (`/sink/` on localhost) is allowed without `allowPrivate`. */
  ownInboxPort?: number;
}

/** The JSON a webhook target receives for each offer. */
export interface OfferSentPayload {
  type: 'offer.sent';
  id: string;
  userId: string;
  journeyId: string;
  journeyName: string;
  runId: string;
  node: string;
  offer: string;
  message: string;
  cost: number;
  createdAt: string;
}

const SECRET_PREFIX = 'whsec_';
// The Standard Webhooks spec asks for 24–64 bytes; shorter keys are too easy to guess.
const MIN_SECRET_BYTES = 24;
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/**
 * Posts each offer as signed JSON to its node's URL, following Standard Webhooks
 * (https://www.standardwebhooks.com): `webhook-id` is `msg_<row id>`, the same on every retry, so a target can drop
 * duplicates; `webhook-timestamp` and the signature are fresh per attempt, so a target's replay window still holds.
 */
export function createWebhookChannel({
  secret,
  timeoutMs = 10_000,
  userAgent = 'Waymark-Webhooks/1',
  allowPrivate = false,
  ownInboxPort,
}: WebhookChannelOptions): DeliveryChannel & { close(): void; allowOwnInbox(port: number): void } {
  const sign = webhookSigner(checkSecret(secret));
  let ownPort = ownInboxPort;
  // undici rather than node:http: a keep-alive pool per target origin (a journey sends many offers to the same few
  // targets, and a new TCP and TLS handshake per offer would cost more than the request), and about half the CPU
  // per request, mostly because its timeouts are timers it owns instead of an AbortSignal per request. The
  // socket's own `lookup` is the address guard, so a name that resolves to a private address is refused as it
  // connects. Redirects are not followed (undici follows none unless asked).
  const dispatcher = new Agent({
    connections: 128,
    headersTimeout: timeoutMs,
    bodyTimeout: timeoutMs,
    connect: { timeout: timeoutMs, lookup: guardedLookup(allowPrivate, () => ownPort !== undefined) as never },
  });

  return {
    async send(message) {
      const target = parseTarget(message.url, allowPrivate, ownPort);
      const id = messageIdOf(message);
      const body = JSON.stringify(offerSentPayload(message));
      const sentAt = new Date();
      const headers = {
        'content-type': 'application/json',
        'user-agent': userAgent,
        'webhook-id': id,
        'webhook-timestamp': String(Math.floor(sentAt.getTime() / 1000)),
        'webhook-signature': sign(id, sentAt, body),
      };

      let status: number;
      try {
        status = await post(dispatcher, target, headers, body);
      } catch (error) {
        throw requestFailure(error, target, timeoutMs);
      }
      // A redirect would re-send the signed offer somewhere nobody configured; it is taken as the answer.
      if (status >= 200 && status < 300) return;
      throw new DeliveryError(`webhook ${target.host} answered HTTP ${status}`, isRetryableStatus(status));
    },
    close() {
      void dispatcher.destroy().catch(() => {});
    },
    /** Allows this server's demo inbox once its port is known (it listens after the channel starts). */
    allowOwnInbox(port) {
      ownPort = port;
    },
  };
}

/**
 * Standard Webhooks' v1 signature: HMAC-SHA256 over `id.timestamp.body` with the secret's bytes, base64. Signed
 * with node:crypto (OpenSSL) rather than the `standardwebhooks` package's pure-JS SHA-256, which cost a sizeable
 * share of the event loop at thousands of offers a second; the package still verifies these in the tests and the sink.
 */
function webhookSigner(secret: string): (id: string, at: Date, body: string) => string {
  const key = Buffer.from(secret.slice(SECRET_PREFIX.length), 'base64');
  return (id, at, body) => `v1,${createHmac('sha256', key).update(`${id}.${Math.floor(at.getTime() / 1000)}.${body}`).digest('base64')}`;
}

/** One POST; resolves with the status once the answer's head arrives (its body is discarded, not read). */
async function post(dispatcher: Agent, target: URL, headers: Record<string, string>, body: string): Promise<number> {
  const answer = await dispatcher.request({ origin: target.origin, path: `${target.pathname}${target.search}`, method: 'POST', headers, body });
  answer.body.dump().catch(() => {});
  return answer.statusCode;
}

export function offerSentPayload(message: OutboxMessage): OfferSentPayload {
  return {
    type: 'offer.sent',
    id: messageIdOf(message),
    userId: message.userId,
    journeyId: message.journeyId,
    journeyName: message.journeyName,
    runId: message.runId,
    node: message.node,
    offer: message.offer,
    message: message.message,
    cost: message.cost,
    createdAt: new Date(message.createdAt).toISOString(),
  };
}

/**
 * Whether an HTTP status might turn into a success later: server errors, timeouts and rate limits might; other
 * client errors (404, 401, 422 …) and redirects mean the target will refuse this offer however often it is sent.
 */
export function isRetryableStatus(status: number): boolean {
  return status >= 500 || status === 408 || status === 429;
}

function checkSecret(secret: string): string {
  const encoded = secret.startsWith(SECRET_PREFIX) ? secret.slice(SECRET_PREFIX.length) : '';
  const wellFormed =
    BASE64.test(encoded) && encoded.length % 4 === 0 && Buffer.from(encoded, 'base64').length >= MIN_SECRET_BYTES;
  // The message describes the shape only: a secret, even a malformed one, must not reach logs.
  if (!wellFormed) {
    throw new Error(
      `WEBHOOK_SECRET must be "${SECRET_PREFIX}" followed by base64 of at least ${MIN_SECRET_BYTES} random bytes, ` +
        `for example: ${SECRET_PREFIX}$(openssl rand -base64 32)`,
    );
  }
  return secret;
}

function parseTarget(url: string | undefined, allowPrivate: boolean, ownPort: number | undefined): URL {
  if (!url) throw new DeliveryError('offer has no webhook url', false);
  const problem = webhookUrlProblem(url, allowPrivate, ownPort);
  if (problem) throw new DeliveryError(`offer has a webhook url that is refused: ${problem}`, false);
  return new URL(url);
}

// Messages name only the host: paths and query strings of webhook URLs often carry tokens.
function requestFailure(error: unknown, target: URL, timeoutMs: number): DeliveryError {
  const code = typeof error === 'object' && error !== null && 'code' in error ? error.code : undefined;
  if (error instanceof PrivateAddressError) return new DeliveryError(`webhook refused: ${error.message}`, false, { cause: error });
  if (code === 'UND_ERR_CONNECT_TIMEOUT' || code === 'UND_ERR_HEADERS_TIMEOUT') {
    return new DeliveryError(`webhook ${target.host} timed out after ${timeoutMs}ms`, true, { cause: error });
  }
  const cause = error instanceof Error ? (error.cause ?? error) : undefined;
  const reason =
    (cause instanceof Error && 'code' in cause && typeof cause.code === 'string' ? cause.code : undefined) ??
    (cause instanceof Error ? cause.message : undefined) ??
    (error instanceof Error ? error.message : String(error));
  return new DeliveryError(`webhook ${target.host} could not be reached: ${reason}`, true, { cause: error });
}
