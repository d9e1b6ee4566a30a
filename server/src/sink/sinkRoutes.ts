import express, { Router } from 'express';
import { Webhook } from 'standardwebhooks';
import { z } from 'zod';
import { HttpError, parseInput } from '../http/HttpError.ts';
import type { DemoInbox } from './DemoInbox.ts';

/**
 * `POST /sink/webhook` receives signed offer webhooks and checks them as a customer's endpoint would (Standard
 * Webhooks); it is mounted before the JSON parser because the signature covers the raw body.
 */
export function sinkReceiver(inbox: DemoInbox, secret: string): Router {
  const router = Router();
  const verifier = new Webhook(secret.replace(/^whsec_/, ''));
  router.post('/sink/webhook', express.raw({ type: '*/*', limit: '256kb' }), (req, res) => {
    const raw = Buffer.isBuffer(req.body) ? req.body.toString('utf8') : '';
    let body: unknown;
    try {
      body = verifier.verify(raw, {
        'webhook-id': req.get('webhook-id') ?? '',
        'webhook-timestamp': req.get('webhook-timestamp') ?? '',
        'webhook-signature': req.get('webhook-signature') ?? '',
      });
    } catch (error) {
      throw new HttpError(401, 'bad_signature', `webhook-signature: ${(error as Error).message}`);
    }
    inbox.add({ channel: 'webhook', messageId: req.get('webhook-id'), verified: true, body });
    res.status(204).end();
  });
  return router;
}

/** `GET /api/sink`: what the demo inbox received, newest first (admin only). */
export function sinkRoutes(inbox: DemoInbox): Router {
  const router = Router();
  router.get('/api/sink', (req, res) => {
    const { limit } = parseInput(z.object({ limit: z.coerce.number().int().min(1).max(500).default(100) }), req.query, 'query');
    res.json({ messages: inbox.list(limit) });
  });
  return router;
}
