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
      if (typeof e?.status === 'number' && e.status >= 400 && e.status < 500) return new HttpError(e.status, 'bad_request', `body: ${e.message}`);
      return undefined;
  }
}

export function errorMiddleware(log: Logger): ErrorRequestHandler {
  return (error, req, res, _next) => {
    const known = toHttpError(error);
    if (known) {
      res.status(known.status).json({ error: { code: known.code, message: known.message, ...known.details } });
      return;
    }
    const unavailable = /SQLITE_(BUSY|FULL|IOERR|CANTOPEN|READONLY)|ECONNREFUSED|database is locked/i.test(String((error as Error)?.message ?? error));
    log.error({ err: error, method: req.method, path: req.path }, unavailable ? 'storage unavailable' : 'unhandled error');
    if (unavailable) {
      res.status(503).set('Retry-After', '5').json({ error: { code: 'storage_unavailable', message: 'storage is unavailable; retry shortly' } });
      return;
    }
    res.status(500).json({ error: { code: 'internal', message: 'internal error; see the server log' } });
  };
}

export const notFound: RequestHandler = (req, _res, next) => {
  next(new HttpError(404, 'not_found', `path: no route for ${req.method} ${req.path}`));
};
