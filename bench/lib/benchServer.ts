import type { JourneyDocumentInput } from '@waymark/shared';
import { DEV_DEFAULTS, loadConfig } from '../../server/src/config.ts';
import { pino } from 'pino';
import { createLogger, startWaymark, type RunningWaymark, type WaymarkOptions } from '../../server/src/createWaymark.ts';
import { scratchDatabase } from '../../server/src/testing/testDatabase.ts';

const WRITE_KEY = 'wk_bench_write_key';
const ADMIN_TOKEN = 'admin_bench_token_0123';

/** The `authorization` header ingestion expects: HTTP Basic with the write key as the username. */
export const WRITE_AUTH = `Basic ${Buffer.from(`${WRITE_KEY}:`).toString('base64')}`;

export interface JourneyStats {
  nodes: Record<string, { entered: number; waiting: number; passed: number }>;
  totals: { entered: number; active: number; offersSent: number; offersPending: number; offersDead: number };
}

export interface BenchServer extends RunningWaymark {
  /** Creates and publishes a journey through the management API; returns its id. */
  publish(doc: JourneyDocumentInput): Promise<string>;
  stats(journeyId: string): Promise<JourneyStats>;
}

/** The store a bench runs on: `BENCH_STORE=postgres` (a scratch database on 127.0.0.1:5432) or SQLite. */
export const benchStore = (): 'sqlite' | 'postgres' => (process.env.BENCH_STORE === 'postgres' ? 'postgres' : 'sqlite');

/**
 * A real Waymark in this process, on a fresh database of the bench's store (a SQLite file in a temporary
 * folder, or a scratch PostgreSQL database), listening on 127.0.0.1 and a free port. Unlike the test helper it
 * keeps production poll intervals unless the bench says otherwise.
 */
export async function startBenchServer(options: WaymarkOptions = {}): Promise<BenchServer> {
  const database = await scratchDatabase(benchStore());
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    DATABASE_URL: database.url,
    WRITE_KEY,
    ADMIN_TOKEN,
    WEBHOOK_SECRET: DEV_DEFAULTS.WEBHOOK_SECRET,
    // Never reached: the benches only send webhooks. Setting it also keeps the dev mailbox from starting.
    SMTP_URL: 'smtp://127.0.0.1:9',
    SEED_DEMO: 'false',
    ALLOW_PRIVATE_WEBHOOKS: 'true',
  });
  // LOG_LEVEL's default, as `npm start` runs it; the lines go to stderr, since stdout carries the bench's result.
  const waymark = await startWaymark(config, { log: createLogger(config, pino.destination(2)), ...options });

  const api = async (path: string, body?: unknown) => {
    const res = await fetch(`${waymark.url}${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const json = (await res.json()) as Record<string, unknown>;
    if (!res.ok) throw new Error(`${path} answered ${res.status}: ${JSON.stringify(json)}`);
    return json;
  };

  return {
    ...waymark,
    async publish(doc) {
      const created = await api('/api/journeys', doc);
      const violations = created.violations as unknown[];
      if (violations.length > 0) throw new Error(`bench journey is invalid: ${JSON.stringify(violations)}`);
      await api(`/api/journeys/${String(created.id)}/publish`, {});
      return String(created.id);
    },
    stats: async (journeyId) => (await api(`/api/journeys/${journeyId}/stats`)) as unknown as JourneyStats,
    async close() {
      await waymark.close();
      await database.drop();
    },
  };
}

/** Polls `check` every `everyMs` until it returns a value, or returns undefined once `timeoutMs` has passed. */
export async function pollUntil<T>(check: () => Promise<T | undefined>, timeoutMs: number, everyMs = 50): Promise<T | undefined> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) return undefined;
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/** Wall-clock milliseconds with sub-millisecond resolution, comparable across processes on one machine. */
export const nowMs = () => performance.timeOrigin + performance.now();
