import { Router } from 'express';
import { batchSchema, identifySchema, trackSchema } from '@waymark/shared';
import { identifyToInbox, trackToInbox } from '../../ingest/toInboxEvent.ts';
import type { IngestQueue } from '../../ingest/IngestQueue.ts';
import { parseInput } from '../HttpError.ts';

/** Segment's own limits: 32 KB for one call, 500 KB for a batch. */
export const EVENT_LIMIT_BYTES = 32 * 1024;
export const BATCH_LIMIT_BYTES = 512 * 1024;

export interface IngestEndpoint {
  /** The most body bytes it reads. */
  limit: number;
  /** Validates the parsed body, appends its events and resolves with the answer once they are committed. */
  accept(queue: IngestQueue, body: unknown): Promise<Record<string, unknown>>;
}

/**
 * Segment-compatible ingestion (public contract): `/v1/track`, `/v1/identify`, `/v1/batch`. The 200 goes out
 * only after the events are committed to the inbox; duplicates (same messageId) are accepted and ignored. Served
 * by the fast path (`ingestFastPath.ts`) for plain JSON requests and by these Express routes for the rest.
 */
export const INGEST_ENDPOINTS: Readonly<Record<string, IngestEndpoint>> = {
  '/v1/track': {
    limit: EVENT_LIMIT_BYTES,
    async accept(queue, body) {
      await queue.append([trackToInbox(parseInput(trackSchema, body), Date.now())]);
      return { success: true };
    },
  },
  '/v1/identify': {
    limit: EVENT_LIMIT_BYTES,
    async accept(queue, body) {
      await queue.append([identifyToInbox(parseInput(identifySchema, body), Date.now())]);
      return { success: true };
    },
  },
  '/v1/batch': {
    limit: BATCH_LIMIT_BYTES,
    async accept(queue, body) {
      const now = Date.now();
      const { batch } = parseInput(batchSchema, body);
      const events = batch.map((item) => (item.type === 'track' ? trackToInbox(item, now) : identifyToInbox(item, now)));
      await queue.append(events);
      return { success: true, accepted: events.length };
    },
  },
};

export function ingestRoutes(queue: IngestQueue): Router {
  const router = Router();
  for (const [path, endpoint] of Object.entries(INGEST_ENDPOINTS)) {
    router.post(path, async (req, res) => {
      res.json(await endpoint.accept(queue, req.body));
    });
  }
  return router;
}
