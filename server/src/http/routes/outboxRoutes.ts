import { Router } from 'express';
import { z } from 'zod';
import type { Store } from '../../store/storeTypes.ts';
import { HttpError, parseInput } from '../HttpError.ts';
import { storable } from '../rejectNul.ts';

const listQuery = z.object({
  status: z.enum(['pending', 'sent', 'dead'], { message: 'expected pending, sent or dead' }).optional(),
  journeyId: storable(z.string().max(64)).optional(),
  limit: z.coerce.number().int('expected a whole number').min(1).max(500).default(100),
});

/** Offers in the outbox, including the dead letter, and a way to send a dead one again. */
export function outboxRoutes(store: Store, kick: () => void): Router {
  const router = Router();

  router.get('/api/outbox', async (req, res) => {
    const q = parseInput(listQuery, req.query, 'query');
    res.json({ offers: await store.listOutbox({ limit: q.limit, ...(q.status ? { status: q.status } : {}), ...(q.journeyId ? { journeyId: q.journeyId } : {}) }) });
  });

  router.post('/api/outbox/:id/retry', async (req, res) => {
    const { id } = parseInput(z.object({ id: z.coerce.number().int().positive('expected an outbox id') }), req.params, 'path');
    if (!(await store.retryDead(id, Date.now()))) throw new HttpError(404, 'not_found', `id: no dead-lettered offer ${id}`);
    kick();
    res.json({ id, status: 'pending' });
  });

  return router;
}
