import { Router } from 'express';
import { z } from 'zod';
import type { ExperimentService } from '../../experiments/ExperimentService.ts';
import type { JourneyService } from '../../journeys/JourneyService.ts';
import { parseInput } from '../HttpError.ts';
import { onlyFields } from '@waymark/shared';
import { storable } from '../rejectNul.ts';

/** The `:id` of a journey or an experiment. */
export const idParam = z.object({ id: storable(z.string().min(1).max(64)) });
export const promoteBody = onlyFields({ variant: z.string().trim().min(1, 'expected the variant id to promote, such as "B"') });

/** The management API for journeys (public contract). */
export function journeyRoutes(journeys: JourneyService, experiments: ExperimentService): Router {
  const router = Router();
  const id = (params: unknown) => parseInput(idParam, params, 'path').id;

  router.get('/api/journeys', async (_req, res) => {
    res.json({ journeys: await journeys.list() });
  });

  router.post('/api/journeys', async (req, res) => {
    res.status(201).json(await journeys.create(req.body));
  });

  router.get('/api/journeys/:id', async (req, res) => {
    res.json(await journeys.get(id(req.params)));
  });

  router.put('/api/journeys/:id', async (req, res) => {
    res.json(await journeys.update(id(req.params), req.body));
  });

  router.post('/api/journeys/:id/validate', async (req, res) => {
    res.json(await journeys.validate(id(req.params), req.body));
  });

  router.post('/api/journeys/:id/publish', async (req, res) => {
    res.json(await journeys.publish(id(req.params)));
  });

  router.post('/api/journeys/:id/pause', async (req, res) => {
    res.json(await journeys.setRunning(id(req.params), false));
  });

  router.post('/api/journeys/:id/resume', async (req, res) => {
    res.json(await journeys.setRunning(id(req.params), true));
  });

  router.post('/api/journeys/:id/archive', async (req, res) => {
    res.json(await journeys.setArchived(id(req.params), true));
  });

  router.post('/api/journeys/:id/unarchive', async (req, res) => {
    res.json(await journeys.setArchived(id(req.params), false));
  });

  router.get('/api/journeys/:id/experiment', async (req, res) => {
    res.json(await experiments.report(id(req.params)));
  });

  router.post('/api/journeys/:id/experiment/promote', async (req, res) => {
    res.json(await experiments.promote(id(req.params), parseInput(promoteBody, req.body).variant));
  });

  router.get('/api/journeys/:id/stats', async (req, res) => {
    res.json(await journeys.stats(id(req.params)));
  });

  return router;
}
