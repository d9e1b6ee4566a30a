import cors from 'cors';
import type { RequestHandler } from 'express';
import { rateLimit } from 'express-rate-limit';
import helmet from 'helmet';
import { createHash } from 'node:crypto';
import { HttpError } from './HttpError.ts';

/**
 * Security headers (helmet) with a content security policy the canvas works under: everything from this
 * origin, inline styles for React Flow's positioned nodes, data: for embedded fonts and images, blob: workers
 * for the layout engine. No third-party origin is allowed anywhere.
 */
export function securityHeaders(): RequestHandler {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: true,
      directives: {
        'default-src': ["'self'"],
        'script-src': ["'self'"],
        'style-src': ["'self'", "'unsafe-inline'"],
        'img-src': ["'self'", 'data:'],
        'font-src': ["'self'", 'data:'],
        'connect-src': ["'self'"],
        'worker-src': ["'self'", 'blob:'],
        'frame-ancestors': ["'none'"],
        'upgrade-insecure-requests': null,
      },
    },
    // Served over plain HTTP on a laptop too; HSTS belongs to the TLS-terminating proxy in front.
    strictTransportSecurity: false,
    referrerPolicy: { policy: 'no-referrer' },
  });
}

/**
 * CORS is closed by default: no `Access-Control-Allow-Origin` at all, so browsers on other sites cannot read
 * the API. `CORS_ORIGINS` opens it to exactly the listed origins (the product's own web app calling
 * `/v1/track`, say).
 */
export function corsPolicy(origins: readonly string[]): RequestHandler {
  const allowed = new Set(origins);
  return cors({
    origin: (origin, callback) => callback(null, origin !== undefined && allowed.has(origin)),
    methods: ['GET', 'POST', 'PUT', 'DELETE'],
    allowedHeaders: ['authorization', 'content-type'],
    maxAge: 600,
  });
}

/** The credential a request presents, hashed: limits are per key, and the key itself is never held in memory twice. */
function credentialOf(header: string | undefined): string {
  return header ? createHash('sha256').update(header).digest('base64url').slice(0, 22) : 'anonymous';
}

/**
 * Requests per second per credential (write key for ingestion, admin token for the management API), so one
 * runaway client cannot starve the rest. Over the limit: 429 with `RateLimit` and `Retry-After` headers.
 */
export function rateLimitPerKey(perSecond: number, what: string): RequestHandler {
  return rateLimit({
    windowMs: 1_000,
    limit: perSecond,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    keyGenerator: (req) => credentialOf(req.get('authorization')),
    handler: (_req, _res, next) => next(new HttpError(429, 'rate_limited', `authorization: at most ${perSecond} requests per second per ${what}; retry after the Retry-After header`)),
  });
}
