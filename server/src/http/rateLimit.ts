import { createHash } from 'node:crypto';
import type { RequestHandler } from 'express';
import { HttpError } from './HttpError.ts';

/** What one request learns from the limit: whether it may go on, and the `RateLimit` headers to answer with. */
export interface RateLimitVerdict {
  allowed: boolean;
  headers: Record<string, string>;
}

const WINDOW_MS = 1_000;

/**
 * Requests per second per credential (write key for ingestion, admin token for the management API), so one
 * runaway client cannot starve the rest: a fixed one-second window per key, opened by the key's first request,
 * answered with the IETF `RateLimit-Policy` / `RateLimit` headers (draft 8) and, once over, `Retry-After`.
 *
 * Written here rather than taken from express-rate-limit, which it replaces: the same algorithm as that
 * library's memory store, but the library's per-request validations, promise round trip and header building
 * cost about 40 µs a request, a tenth of an ingested event's whole budget, and the ingestion fast path
 * (`ingestFastPath.ts`) must share one count per key with the Express routes without being an Express route.
 */
export class PerKeyRateLimit {
  readonly #limit: number;
  readonly #windows = new Map<string, { count: number; resetAt: number }>();
  readonly #policy: string;
  #sweepAt = 0;
  /** The last credential seen and its hash: a source sends with one key, so the hash is worked out once, not per request. */
  #last: { header: string | undefined; key: string } = { header: undefined, key: 'anonymous' };

  constructor(
    perSecond: number,
    /** Whose budget it is, for the 429 message ("write key", "admin token"). */
    readonly what: string,
    private readonly now: () => number = Date.now,
  ) {
    this.#limit = perSecond;
    this.#policy = `"${perSecond}-per-second"; q=${perSecond}; w=1`;
  }

  /** Counts one request presenting `authorization` (undefined: none), and says whether it is within the limit. */
  hit(authorization: string | undefined): RateLimitVerdict {
    const now = this.now();
    if (now >= this.#sweepAt) this.#sweep(now);
    if (authorization !== this.#last.header) this.#last = { header: authorization, key: credentialOf(authorization) };
    const key = this.#last.key;
    let window = this.#windows.get(key);
    if (!window || window.resetAt <= now) {
      window = { count: 0, resetAt: now + WINDOW_MS };
      this.#windows.set(key, window);
    }
    window.count++;
    const seconds = Math.max(1, Math.ceil((window.resetAt - now) / 1000));
    const remaining = Math.max(0, this.#limit - window.count);
    const headers: Record<string, string> = {
      'ratelimit-policy': this.#policy,
      ratelimit: `"${this.#limit}-per-second"; r=${remaining}; t=${seconds}`,
    };
    const allowed = window.count <= this.#limit;
    if (!allowed) headers['retry-after'] = String(seconds);
    return { allowed, headers };
  }

  /** The 429 a request over the limit gets. */
  refusal(): HttpError {
    return new HttpError(429, 'rate_limited', `authorization: at most ${this.#limit} requests per second per ${this.what}; retry after the Retry-After header`);
  }

  /** Forgets the windows that have closed, at most once a window, so a stream of one-off keys cannot grow the map. */
  #sweep(now: number) {
    for (const [key, window] of this.#windows) if (window.resetAt <= now) this.#windows.delete(key);
    this.#sweepAt = now + WINDOW_MS;
  }
}

/**
 * The credential a request presents, hashed: limits are per key, and the windows are keyed by hashes, so the
 * keys a flood of one-off credentials presents are not kept for the window's second (only the last one, raw, to
 * skip hashing it again on the next request).
 */
function credentialOf(header: string | undefined): string {
  return header ? createHash('sha256').update(header).digest('base64url').slice(0, 22) : 'anonymous';
}

/** The limit as Express middleware: sets the headers, and over the limit passes the 429 to the error handler. */
export function rateLimitMiddleware(limit: PerKeyRateLimit): RequestHandler {
  return (req, res, next) => {
    const verdict = limit.hit(req.get('authorization'));
    res.set(verdict.headers);
    next(verdict.allowed ? undefined : limit.refusal());
  };
}
