import { Router } from 'express';
import type { JourneyExperimentService } from '../../experiments/JourneyExperimentService.ts';
import { parseInput } from '../HttpError.ts';
import { idParam, promoteBody } from './journeyRoutes.ts';

/** The management API for journeys tested side by side (public contract). */
export function experimentRoutes(experiments: JourneyExperimentService): Router {
  const router = Router();
  const id = (params: unknown) => parseInput(idParam, params, 'path').id;

  router.get('/api/experiments', async (_req, res) => {
    res.json({ experiments: await experiments.list() });
  });

  router.post('/api/experiments', async (req, res) => {
    res.status(201).json(await experiments.create(req.body));
  });

  router.get('/api/experiments/:id', async (req, res) => {
    res.json(await experiments.get(id(req.params)));
  });

  router.post('/api/experiments/:id/promote', async (req, res) => {
    res.json(await experiments.promote(id(req.params), parseInput(promoteBody, req.body).variant));
  });

  return router;
}
