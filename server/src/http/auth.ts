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

/** Segment-style ingestion auth: HTTP Basic with the write key as the username and an empty password. */
export function requireWriteKey(writeKey: string): RequestHandler {
  const matches = secretMatcher(writeKey);
  return (req, _res, next) => {
    const header = req.get('authorization') ?? '';
    const match = /^Basic\s+(.+)$/i.exec(header);
    if (!match) throw new HttpError(401, 'unauthorized', 'authorization: expected HTTP Basic auth with the write key as the username');
    const decoded = Buffer.from(match[1] as string, 'base64').toString('utf8');
    const key = decoded.includes(':') ? decoded.slice(0, decoded.indexOf(':')) : decoded;
    if (!matches(key)) throw new HttpError(401, 'unauthorized', 'authorization: the write key is not valid');
    next();
  };
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
