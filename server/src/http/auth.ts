import { createHash, timingSafeEqual } from 'node:crypto';
import type { RequestHandler } from 'express';
import { HttpError } from './HttpError.ts';

const digest = (secret: string) => createHash('sha256').update(secret).digest();

/**
 * A constant-time check against one secret (hashing first makes the lengths equal, so length leaks nothing
 * either). The expected digest is computed once, not per request.
 */
export function secretMatcher(expected: string): (given: string) => boolean {
  const want = digest(expected);
  return (given) => timingSafeEqual(digest(given), want);
}

/**
 * Segment-style ingestion auth: HTTP Basic with the write key as the username and an empty password. Returns
 * the 401 for an `authorization` header that does not carry the key, or undefined when it does.
 */
export function writeKeyCheck(writeKey: string): (authorization: string | undefined) => HttpError | undefined {
  const matches = secretMatcher(writeKey);
  return (authorization) => {
    const match = /^Basic\s+(.+)$/i.exec(authorization ?? '');
    if (!match) return new HttpError(401, 'unauthorized', 'authorization: expected HTTP Basic auth with the write key as the username');
    const decoded = Buffer.from(match[1] as string, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (!matches(colon === -1 ? decoded : decoded.slice(0, colon))) return new HttpError(401, 'unauthorized', 'authorization: the write key is not valid');
    return undefined;
  };
}

/** The write key check as Express middleware. */
export function requireWriteKey(writeKey: string): RequestHandler {
  const check = writeKeyCheck(writeKey);
  return (req, _res, next) => next(check(req.get('authorization')));
}

/** Management API auth: `Authorization: Bearer <ADMIN_TOKEN>`. */
export function requireAdmin(adminToken: string): RequestHandler {
  const matches = secretMatcher(adminToken);
  return (req, _res, next) => {
    const match = /^Bearer\s+(.+)$/i.exec(req.get('authorization') ?? '');
    if (!match) throw new HttpError(401, 'unauthorized', 'authorization: expected "Bearer <ADMIN_TOKEN>"');
    if (!matches(match[1] as string)) throw new HttpError(401, 'unauthorized', 'authorization: the admin token is not valid');
    next();
  };
}
