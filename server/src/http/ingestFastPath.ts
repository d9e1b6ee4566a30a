import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import type { IngestQueue } from '../ingest/IngestQueue.ts';
import type { Metrics } from '../observability/metrics.ts';
import { writeKeyCheck } from './auth.ts';
import { errorReply } from './errorMiddleware.ts';
import { HttpError } from './HttpError.ts';
import type { PerKeyRateLimit } from './rateLimit.ts';
import { requireUtf8, unstorableText } from './rejectNul.ts';
import { INGEST_ENDPOINTS } from './routes/ingestRoutes.ts';
import { securityHeaderValues } from './security.ts';

export interface IngestFastPathParts {
  queue: IngestQueue;
  writeKey: string;
  /** The same limit the Express `/v1` routes count against. */
  limit: PerKeyRateLimit;
  metrics: Metrics;
  log: Logger;
}

/** `application/json`, optionally declared UTF-8: what the fast path reads. Any other type goes to Express. */
const PLAIN_JSON = /^application\/json\s*(?:;\s*charset\s*=\s*"?utf-8"?\s*)?$/i;
/** JSON's own whitespace, before the first character (which must open an object or an array). */
const FIRST_CHAR = /^[ \t\n\r]*([^ \t\n\r])/;

/**
 * The ingestion endpoints (`POST /v1/track`, `/v1/identify`, `/v1/batch`) served on `node:http` directly, in
 * front of the Express app. Express's routing, request decoration and body parser cost ~150 µs per request on
 * the 2-core benchmark machine, as much as the runtime's own work for an event; this path does the same checks
 * in the same order (rate limit per key, write key, body limit, strict JSON, storable text, the endpoint's
 * schema) with the same security headers and the same error bodies, and answers once the events are committed.
 *
 * It takes only plain requests: no `Origin` header (browsers go through Express's CORS policy), no
 * `Content-Encoding`, and `Content-Type: application/json` (UTF-8 if a charset is given). Everything else,
 * and every other path, it leaves to Express (`false`), whose answers for those are unchanged.
 */
export function ingestFastPath(p: IngestFastPathParts): (req: IncomingMessage, res: ServerResponse) => boolean {
  const security = securityHeaderValues();
  const checkKey = writeKeyCheck(p.writeKey);

  return (req, res) => {
    if (req.method !== 'POST' || !Object.hasOwn(INGEST_ENDPOINTS, req.url ?? '')) return false;
    const headers = req.headers;
    if (headers.origin !== undefined || headers['content-encoding'] !== undefined || !PLAIN_JSON.test(headers['content-type'] ?? '')) return false;

    const path = req.url as string;
    const endpoint = INGEST_ENDPOINTS[path]!;
    const started = process.hrtime.bigint();
    let answerHeaders: Record<string, string> = {};
    let answered = false;

    const reply = (status: number, body: unknown, extra?: Record<string, string>) => {
      if (answered) return;
      answered = true;
      const text = JSON.stringify(body);
      res.writeHead(status, { ...security, ...answerHeaders, ...extra, 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
      res.end(text);
      p.metrics.httpDuration.observe({ method: 'POST', route: path, status: `${Math.floor(status / 100)}xx` }, Number(process.hrtime.bigint() - started) / 1e9);
    };
    const fail = (error: unknown) => {
      const r = errorReply(error, p.log, { method: 'POST', path });
      reply(r.status, r.body, r.headers);
    };

    try {
      const verdict = p.limit.hit(headers.authorization);
      answerHeaders = verdict.headers;
      if (!verdict.allowed) throw p.limit.refusal();
      const unauthorized = checkKey(headers.authorization);
      if (unauthorized) throw unauthorized;
      if (Number(headers['content-length']) > endpoint.limit) throw tooLarge(endpoint.limit);
    } catch (error) {
      fail(error);
      return true;
    }

    // Node's parser frames the body (Content-Length or chunked); a body over the limit is answered at once and
    // the rest of it read and dropped, as Express's body parser does.
    const hasBody = headers['transfer-encoding'] !== undefined || headers['content-length'] !== undefined;
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      if (answered) return;
      size += chunk.length;
      if (size > endpoint.limit) fail(tooLarge(endpoint.limit));
      else chunks.push(chunk);
    });
    req.on('error', () => {
      // The client went away mid-body: there is nobody to answer, and nothing was appended.
      answered = true;
    });
    req.on('end', () => {
      if (answered) return;
      try {
        let body: unknown;
        if (hasBody) {
          const bytes = Buffer.concat(chunks, size);
          requireUtf8(req, undefined, bytes);
          body = parseJson(bytes.toString('utf8'));
        }
        const bad = unstorableText(body);
        if (bad) throw new HttpError(400, 'invalid_input', `${bad.path}: ${bad.problem}`);
        endpoint.accept(p.queue, body).then((answer) => reply(200, answer), fail);
      } catch (error) {
        fail(error);
      }
    });
    return true;
  };
}

function tooLarge(limit: number): HttpError {
  return new HttpError(413, 'body_too_large', `body: expected at most ${limit} bytes`);
}

/** Strict JSON as Express's body parser reads it: an empty body is `{}`, and the text must open an object or array. */
function parseJson(text: string): unknown {
  if (text.length === 0) return {};
  const first = FIRST_CHAR.exec(text)?.[1];
  if (first !== '{' && first !== '[') throw new HttpError(400, 'invalid_json', `body: expected valid JSON (an object or an array, not ${JSON.stringify(text.slice(0, 20))})`);
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new HttpError(400, 'invalid_json', `body: expected valid JSON (${(error as Error).message})`);
  }
}
