import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { Logger } from 'pino';
import { HttpError } from './HttpError.ts';

interface BodyParserError extends Error {
  type?: string;
  status?: number;
  limit?: number;
}

/** Translates body-parser failures into field-naming errors; everything else unexpected is a logged 500. */
function toHttpError(error: unknown): HttpError | undefined {
  if (error instanceof HttpError) return error;
  const e = error as BodyParserError;
  switch (e?.type) {
    case 'entity.parse.failed':
      return new HttpError(400, 'invalid_json', `body: expected valid JSON (${e.message})`);
    case 'entity.too.large':
      return new HttpError(413, 'body_too_large', `body: expected at most ${e.limit} bytes`);
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return new HttpError(415, 'unsupported_encoding', `body: expected UTF-8 JSON (${e.message})`);
    case 'request.aborted':
      return new HttpError(400, 'request_aborted', 'body: the request was aborted before it was complete');
    default:
      // Express could not percent-decode a route parameter (`/api/users/%E0%A4%A`).
      if (error instanceof URIError && e.status === 400) return new HttpError(400, 'bad_request', `path: expected a percent-encoded path (${e.message})`);
      if (typeof e?.status === 'number' && e.status >= 400 && e.status < 500) return new HttpError(e.status, 'bad_request', `body: ${e.message}`);
      return undefined;
  }
}

/**
 * Whether an error means the database cannot be used right now (retry later: 503), rather than a bug (500):
 * SQLite busy, full or failing I/O; PostgreSQL unreachable, restarting, out of connections or disk.
 */
export function storageUnavailable(error: unknown): boolean {
  const e = error as { message?: unknown; code?: unknown } | null;
  const code = typeof e?.code === 'string' ? e.code : '';
  if (/^(08|57P0[123]|53)/.test(code) || /^(SQLITE_(BUSY|FULL|IOERR|CANTOPEN|READONLY)|EIO|ENOSPC|EDQUOT|EROFS|ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|EHOSTUNREACH|ENETUNREACH|EAI_AGAIN)/.test(code)) return true;
  return /SQLITE_(BUSY|FULL|IOERR|CANTOPEN|READONLY)|ECONNREFUSED|ECONNRESET|database is locked|Connection terminated|timeout exceeded when trying to connect|too many clients|connection error and is not queryable/i.test(
    String(e?.message ?? error),
  );
}

/** The answer to a failed request: the status, its JSON body and any extra header. */
export interface ErrorReply {
  status: number;
  body: { error: Record<string, unknown> };
  headers?: Record<string, string>;
}

/** What a request that failed with `error` is answered; unexpected failures are logged with where they happened. */
export function errorReply(error: unknown, log: Logger, where: { method: string; path: string }): ErrorReply {
  const known = toHttpError(error);
  if (known) return { status: known.status, body: { error: { code: known.code, message: known.message, ...known.details } } };
  const unavailable = storageUnavailable(error);
  log.error({ err: error, method: where.method, path: where.path }, unavailable ? 'storage unavailable' : 'unhandled error');
  if (unavailable) return { status: 503, headers: { 'retry-after': '5' }, body: { error: { code: 'storage_unavailable', message: 'storage is unavailable; retry shortly' } } };
  return { status: 500, body: { error: { code: 'internal', message: 'internal error; see the server log' } } };
}

export function errorMiddleware(log: Logger): ErrorRequestHandler {
  return (error, req, res, _next) => {
    const reply = errorReply(error, log, req);
    if (reply.headers) res.set(reply.headers);
    res.status(reply.status).json(reply.body);
  };
}

export const notFound: RequestHandler = (req, _res, next) => {
  next(new HttpError(404, 'not_found', `path: no route for ${req.method} ${req.path}`));
};
