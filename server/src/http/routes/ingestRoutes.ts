import { Router } from 'express';
import { batchSchema, identifySchema, trackSchema } from '@waymark/shared';
import { identifyToInbox, trackToInbox } from '../../ingest/toInboxEvent.ts';
import type { IngestQueue } from '../../ingest/IngestQueue.ts';
import { parseInput } from '../HttpError.ts';

/**
 * Segment-compatible ingestion (public contract): `/v1/track`, `/v1/identify`, `/v1/batch`. The 200 goes out
 * only after the events are committed to the inbox; duplicates (same messageId) are accepted and ignored.
 */
export function ingestRoutes(queue: IngestQueue): Router {
  const router = Router();

  router.post('/v1/track', async (req, res) => {
    const event = trackToInbox(parseInput(trackSchema, req.body), Date.now());
    await queue.append([event]);
    res.json({ success: true });
  });

  router.post('/v1/identify', async (req, res) => {
    const event = identifyToInbox(parseInput(identifySchema, req.body), Date.now());
    await queue.append([event]);
    res.json({ success: true });
  });

  router.post('/v1/batch', async (req, res) => {
    const now = Date.now();
    const { batch } = parseInput(batchSchema, req.body);
    const events = batch.map((item) => (item.type === 'track' ? trackToInbox(item, now) : identifyToInbox(item, now)));
    await queue.append(events);
    res.json({ success: true, accepted: events.length });
  });

  return router;
}
