import cors from 'cors';
import type { RequestHandler } from 'express';
import helmet from 'helmet';

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

/**
 * The headers `securityHeaders` sets, worked out once: they do not depend on the request, so the ingestion fast
 * path (`ingestFastPath.ts`) answers with the same ones without running the middleware per request.
 */
export function securityHeaderValues(): Record<string, string> {
  const headers: Record<string, string> = {};
  const res = {
    setHeader: (name: string, value: unknown) => (headers[name.toLowerCase()] = String(value)),
    removeHeader: (name: string) => delete headers[name.toLowerCase()],
  };
  let done = false;
  securityHeaders()({} as never, res as never, () => (done = true));
  if (!done) throw new Error('the security headers middleware did not finish synchronously');
  return headers;
}
