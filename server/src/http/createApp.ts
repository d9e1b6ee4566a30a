import { existsSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import express, { type Express } from 'express';
import type { Logger } from 'pino';
import type { IngestQueue } from '../ingest/IngestQueue.ts';
import type { ExperimentService } from '../experiments/ExperimentService.ts';
import type { JourneyExperimentService } from '../experiments/JourneyExperimentService.ts';
import type { JourneyService } from '../journeys/JourneyService.ts';
import type { DemoInbox } from '../sink/DemoInbox.ts';
import { sinkReceiver, sinkRoutes } from '../sink/sinkRoutes.ts';
import type { Store } from '../store/storeTypes.ts';
import type { UserService } from '../users/UserService.ts';
import type { Metrics } from '../observability/metrics.ts';
import { httpMetrics } from '../observability/httpMetrics.ts';
import { requireAdmin, requireWriteKey } from './auth.ts';
import { rejectNul, requireUtf8 } from './rejectNul.ts';
import { corsPolicy, securityHeaders } from './security.ts';
import { ingestFastPath } from './ingestFastPath.ts';
import { PerKeyRateLimit, rateLimitMiddleware } from './rateLimit.ts';
import { errorMiddleware, notFound } from './errorMiddleware.ts';
import { BATCH_LIMIT_BYTES, EVENT_LIMIT_BYTES, ingestRoutes } from './routes/ingestRoutes.ts';
import { experimentRoutes } from './routes/experimentRoutes.ts';
import { journeyRoutes } from './routes/journeyRoutes.ts';
import { outboxRoutes } from './routes/outboxRoutes.ts';
import { userRoutes } from './routes/userRoutes.ts';

export interface AppParts {
  store: Store;
  queue: IngestQueue;
  journeys: JourneyService;
  experiments: ExperimentService;
  journeyExperiments: JourneyExperimentService;
  users: UserService;
  inbox: DemoInbox;
  writeKey: string;
  adminToken: string;
  webhookSecret: string;
  kickDispatcher: () => void;
  log: Logger;
  metrics: Metrics;
  corsOrigins: readonly string[];
  ingestRateLimit: number;
  adminRateLimit: number;
  /** The built canvas (vite build output), served on the same port when present. */
  webRoot?: string;
}

const ADMIN_LIMIT = '2mb';

/**
 * The server's request listener: plain JSON ingestion requests take the fast path (`ingestFastPath.ts`),
 * everything else the Express app. Both count against one rate limit per write key.
 */
export function createRequestListener(p: AppParts): (req: IncomingMessage, res: ServerResponse) => void {
  const ingestLimit = new PerKeyRateLimit(p.ingestRateLimit, 'write key');
  const app = createApp(p, ingestLimit);
  const fast = ingestFastPath({ queue: p.queue, writeKey: p.writeKey, limit: ingestLimit, metrics: p.metrics, log: p.log });
  return (req, res) => {
    if (!fast(req, res)) app(req, res);
  };
}

export function createApp(p: AppParts, ingestLimit: PerKeyRateLimit): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', false);
  app.use(securityHeaders());
  app.use(httpMetrics(p.metrics));
  app.use(['/api', '/v1'], corsPolicy(p.corsOrigins));

  app.get('/healthz', async (_req, res) => {
    try {
      await p.store.ping();
      res.json({ ok: true, store: p.store.kind });
    } catch (error) {
      p.log.error({ err: error }, 'health check failed');
      res.status(503).json({ ok: false, store: p.store.kind, error: 'storage unavailable' });
    }
  });

  app.use(sinkReceiver(p.inbox, p.webhookSecret));

  app.get('/metrics', async (_req, res) => {
    res.type(p.metrics.registry.contentType).send(await p.metrics.registry.metrics());
  });

  const writeKey = requireWriteKey(p.writeKey);
  app.use('/v1', rateLimitMiddleware(ingestLimit));
  app.use('/v1/batch', writeKey, express.json({ limit: BATCH_LIMIT_BYTES, strict: true, verify: requireUtf8 }), rejectNul);
  app.use('/v1', writeKey, express.json({ limit: EVENT_LIMIT_BYTES, strict: true, verify: requireUtf8 }), rejectNul);
  app.use(ingestRoutes(p.queue));

  app.use('/api', rateLimitMiddleware(new PerKeyRateLimit(p.adminRateLimit, 'admin token')), requireAdmin(p.adminToken), express.json({ limit: ADMIN_LIMIT, strict: true, verify: requireUtf8 }), rejectNul);
  app.use(journeyRoutes(p.journeys, p.experiments));
  app.use(experimentRoutes(p.journeyExperiments));
  app.use(userRoutes(p.users));
  app.use(outboxRoutes(p.store, p.kickDispatcher));
  app.use(sinkRoutes(p.inbox));
  app.use(['/api', '/v1'], notFound);

  if (p.webRoot && existsSync(join(p.webRoot, 'index.html'))) {
    const root = p.webRoot;
    app.use(express.static(root, { index: 'index.html', maxAge: '1h' }));
    app.get('/{*path}', (_req, res) => res.sendFile(join(root, 'index.html')));
  } else {
    app.get('/', (_req, res) => {
      res.type('text/plain').send('Waymark API is running. The canvas is not built: run `npm run build`, then restart.');
    });
  }

  app.use(notFound);
  app.use(errorMiddleware(p.log));
  return app;
}
