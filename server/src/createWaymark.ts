import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { createServer, type Server } from 'node:http';
import { pino, type DestinationStream, type Logger } from 'pino';
import type { WaymarkConfig } from './config.ts';
import { OutboxDispatcher } from './delivery/dispatchOutbox.ts';
import { createEmailChannel } from './delivery/emailChannel.ts';
import { createWebhookChannel } from './delivery/webhookChannel.ts';
import { createThreadedWebhookChannel } from './delivery/threadedWebhookChannel.ts';
import { createRequestListener } from './http/createApp.ts';
import { IngestQueue } from './ingest/IngestQueue.ts';
import { ExperimentService } from './experiments/ExperimentService.ts';
import { JourneyExperimentService } from './experiments/JourneyExperimentService.ts';
import { JourneyService } from './journeys/JourneyService.ts';
import { EventProcessor } from './runtime/EventProcessor.ts';
import { JourneyCatalog } from './runtime/JourneyCatalog.ts';
import { Runtime } from './runtime/Runtime.ts';
import { WakeupScheduler } from './runtime/WakeupScheduler.ts';
import { seedDemoJourneys } from './seed/seedDemoJourneys.ts';
import { DemoInbox } from './sink/DemoInbox.ts';
import { startDevMailServer } from './sink/devMailServer.ts';
import { PostgresStore } from './store/postgres/PostgresStore.ts';
import { SqliteStore } from './store/sqlite/SqliteStore.ts';
import type { Store } from './store/storeTypes.ts';
import { UserService } from './users/UserService.ts';
import { createMetrics } from './observability/metrics.ts';

export interface RunningWaymark {
  url: string;
  port: number;
  store: Store;
  log: Logger;
  inbox: DemoInbox;
  seeded: string[];
  smtpUrl: string | undefined;
  close(): Promise<void>;
}

export interface WaymarkOptions {
  log?: Logger;
  /** Tuning knobs for tests and benchmarks. */
  wakeupPollMs?: number;
  outboxPollMs?: number;
  maxAttempts?: number;
  /** Post webhooks from a thread of their own (`threadedWebhookChannel.ts`); on unless set to false. */
  deliveryThread?: boolean;
}

/** Log paths that may hold a secret: credentials in headers, configuration, SMTP URLs with passwords. */
export const LOG_REDACT = [
  'authorization',
  '*.authorization',
  'headers.authorization',
  '*.headers.authorization',
  '*.*.headers.authorization',
  'adminToken',
  '*.adminToken',
  'writeKey',
  '*.writeKey',
  'webhookSecret',
  '*.webhookSecret',
  'smtpUrl',
  '*.smtpUrl',
];

/** Waymark's logger: JSON lines at `LOG_LEVEL`, secrets redacted, to stdout unless another destination is given. */
export function createLogger(config: Pick<WaymarkConfig, 'logLevel'>, destination?: DestinationStream): Logger {
  return pino({ level: config.logLevel, redact: LOG_REDACT }, destination);
}

function openStore(config: WaymarkConfig, log: Logger): Store {
  if (config.database.kind === 'postgres') return new PostgresStore(config.database.url);
  return new SqliteStore(config.database.file, { onCheckpointError: (message) => log.warn({ error: message }, 'SQLite checkpoint failed; retrying') });
}

/**
 * The composition root: opens the store, wires runtime, delivery and HTTP, listens, and starts the loops.
 * Effects live here and in the channels; everything it wires is testable on its own.
 */
export async function startWaymark(config: WaymarkConfig, options: WaymarkOptions = {}): Promise<RunningWaymark> {
  const log = options.log ?? createLogger(config);
  const store = openStore(config, log);
  await store.migrate();
  await store.releaseLeases();

  const inbox = new DemoInbox();
  const mailbox = config.devMailbox ? await startDevMailServer(inbox, config.devSmtpPort).catch((error: Error) => {
    log.warn({ err: error }, 'dev mailbox could not start; email offers will be dead-lettered until SMTP_URL is set');
    return undefined;
  }) : undefined;
  const smtpUrl = config.smtpUrl ?? mailbox?.url;

  const metrics = createMetrics(store);
  const catalog = new JourneyCatalog(store);
  await catalog.reload();
  // Another process sharing the database published, paused or started an experiment: act on it here too.
  // (PostgreSQL LISTEN/NOTIFY; the periodic reload covers a notification lost with a dropped connection.)
  const unsubscribe = await store.onChange(() => void catalog.reload().catch((error: Error) => log.warn({ err: error }, 'catalog reload failed')));
  const catalogTimer = store.kind === 'postgres' ? setInterval(() => void catalog.reload().catch(() => {}), 5_000) : undefined;
  const runtime = new Runtime(catalog, (dueAt) => scheduler.wakeAt(dueAt));
  // Offers committed by a step go out at once rather than at the dispatcher's next poll: handed over by the store
  // as it commits them (`Store.handOffOutbox`), or else claimed right after the commit.
  const afterCommit = store.handOffOutbox ? undefined : () => dispatcher.kick();
  const processor = new EventProcessor(store, runtime, log, { afterCommit, onProcessed: (n) => metrics.eventsProcessed.inc(n) });
  const scheduler = new WakeupScheduler(store, runtime, catalog, log, {
    pollMs: options.wakeupPollMs ?? 250,
    afterCommit,
    onLateness: (ms) => {
      metrics.wakeupsFired.inc();
      metrics.wakeupLateness.observe(Math.max(0, ms) / 1000);
    },
  });
  const emailChannel = createEmailChannel({ smtpUrl, from: config.emailFrom });
  // The demo inbox (`/sink/` on this server) may receive webhooks without ALLOW_PRIVATE_WEBHOOKS: the seeded demo
  // journeys post there. Its port is known once the server listens (PORT=0 picks one), before anything is sent.
  const listening: { port?: number } = {};
  const webhookOptions = { secret: config.webhookSecret, allowPrivate: config.allowPrivateWebhooks };
  const webhookChannel = options.deliveryThread !== false ? createThreadedWebhookChannel(webhookOptions) : createWebhookChannel(webhookOptions);
  const dispatcher = new OutboxDispatcher({
    store,
    channels: { webhook: webhookChannel, email: emailChannel },
    onResult: (_id, result, message) => {
      metrics.deliveries.inc({ channel: message.channel, result: result.status });
      if (result.status === 'sent') metrics.offerLatency.observe({ channel: message.channel }, Math.max(0, Date.now() - message.createdAt) / 1000);
    },
    logger: log,
    pollMs: options.outboxPollMs ?? 200,
    concurrency: 256,
    leaseMs: config.outboxLeaseMs,
    ...(options.maxAttempts ? { maxAttempts: options.maxAttempts } : {}),
  });
  store.handOffOutbox?.(dispatcher);
  // Appends go through the processor, which gets them applied in the same commit where the store can.
  const queue = new IngestQueue(processor, ({ stored, duplicates }) => {
    metrics.eventsIngested.inc(stored);
    metrics.eventsDuplicate.inc(duplicates);
  });
  const journeys = new JourneyService(store, catalog, { allowPrivateWebhooks: config.allowPrivateWebhooks, ownInboxPort: () => listening.port });
  const users = new UserService(store, queue, processor);
  const experiments = new ExperimentService(store, journeys);
  const journeyExperiments = new JourneyExperimentService(store, catalog);

  const listener = createRequestListener({
    store,
    queue,
    journeys,
    experiments,
    journeyExperiments,
    users,
    inbox,
    writeKey: config.writeKey,
    adminToken: config.adminToken,
    webhookSecret: config.webhookSecret,
    kickDispatcher: () => dispatcher.kick(),
    log,
    metrics,
    corsOrigins: config.corsOrigins,
    ingestRateLimit: config.ingestRateLimit,
    adminRateLimit: config.adminRateLimit,
    webRoot: join(import.meta.dirname, '../../dist/web'),
  });

  const server: Server = await new Promise((resolve, reject) => {
    const s = createServer(listener);
    s.once('error', reject);
    s.listen(config.port, config.host, () => {
      s.off('error', reject);
      resolve(s);
    });
  });
  server.keepAliveTimeout = 65_000;
  const port = (server.address() as AddressInfo).port;
  listening.port = port;
  webhookChannel.allowOwnInbox(port);
  const url = `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${port}`;

  const seeded = config.seedDemo ? await seedDemoJourneys(store, journeys, url) : [];
  processor.start();
  scheduler.start();
  dispatcher.start();

  return {
    url,
    port,
    store,
    log,
    inbox,
    seeded,
    smtpUrl,
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      clearInterval(catalogTimer);
      await unsubscribe();
      await processor.stop();
      await scheduler.stop();
      await dispatcher.stop();
      emailChannel.close();
      await webhookChannel.close();
      await mailbox?.close();
      await store.close();
    },
  };
}
