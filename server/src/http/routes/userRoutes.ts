import { Router } from 'express';
import { tagChangeSchema } from '@waymark/shared';
import { z } from 'zod';
import type { UserService } from '../../users/UserService.ts';
import { parseInput } from '../HttpError.ts';
import { storable } from '../rejectNul.ts';

const idParam = z.object({ id: storable(z.string().trim().min(1).max(256)) });

export function userRoutes(users: UserService): Router {
  const router = Router();

  router.get('/api/users/:id', async (req, res) => {
    res.json(await users.get(parseInput(idParam, req.params, 'path').id));
  });

  router.post('/api/users/:id/tags', async (req, res) => {
    const { id } = parseInput(idParam, req.params, 'path');
    const change = parseInput(tagChangeSchema, req.body);
    res.json(await users.changeTags(id, change.add, change.remove));
  });

  return router;
}
