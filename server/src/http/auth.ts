import { createHash, timingSafeEqual } from 'node:crypto';
import type { RequestHandler } from 'express';
import { HttpError } from './HttpError.ts';

/** Compares secrets in constant time (hashing first makes the lengths equal, so length leaks nothing either). */
export function secretsMatch(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

/** Segment-style ingestion auth: HTTP Basic with the write key as the username and an empty password. */
export function requireWriteKey(writeKey: string): RequestHandler {
  return (req, _res, next) => {
    const header = req.get('authorization') ?? '';
    const match = /^Basic\s+(.+)$/i.exec(header);
    if (!match) throw new HttpError(401, 'unauthorized', 'authorization: expected HTTP Basic auth with the write key as the username');
    const decoded = Buffer.from(match[1] as string, 'base64').toString('utf8');
    const key = decoded.includes(':') ? decoded.slice(0, decoded.indexOf(':')) : decoded;
    if (!secretsMatch(key, writeKey)) throw new HttpError(401, 'unauthorized', 'authorization: the write key is not valid');
    next();
  };
}

/** Management API auth: `Authorization: Bearer <ADMIN_TOKEN>`. */
export function requireAdmin(adminToken: string): RequestHandler {
  return (req, _res, next) => {
    const match = /^Bearer\s+(.+)$/i.exec(req.get('authorization') ?? '');
    if (!match) throw new HttpError(401, 'unauthorized', 'authorization: expected "Bearer <ADMIN_TOKEN>"');
    if (!secretsMatch(match[1] as string, adminToken)) throw new HttpError(401, 'unauthorized', 'authorization: the admin token is not valid');
    next();
  };
}
