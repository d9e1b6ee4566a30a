import { pino } from 'pino';
import { DEV_DEFAULTS, loadConfig } from '../config.ts';
import { startWaymark, type RunningWaymark, type WaymarkOptions } from '../createWaymark.ts';
import { testClient, type TestClient } from './testClient.ts';
import { scratchDatabase } from './testDatabase.ts';

import { TEST_ADMIN_TOKEN, TEST_WRITE_KEY } from './testClient.ts';

export { TEST_ADMIN_TOKEN, TEST_WRITE_KEY };
export const TEST_WEBHOOK_SECRET = DEV_DEFAULTS.WEBHOOK_SECRET;

export interface TestWaymark extends RunningWaymark, TestClient {
  /** Polls until `check` returns a truthy value, or fails after `timeoutMs`. */
  until<T>(check: () => Promise<T | undefined | false>, timeoutMs?: number): Promise<T>;
}

/**
 * A real Waymark listening on a random port, on a fresh database of the store under test (a SQLite file, or a
 * scratch PostgreSQL database with `WAYMARK_TEST_STORE=postgres`) that closing drops; or on `env.DATABASE_URL`,
 * which is left as it is (tests that restart on the same data). Test support only.
 */
export async function startTestWaymark(env: Record<string, string> = {}, options: WaymarkOptions = {}): Promise<TestWaymark> {
  const scratch = env.DATABASE_URL ? undefined : await scratchDatabase();
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    ...(scratch ? { DATABASE_URL: scratch.url } : {}),
    WRITE_KEY: TEST_WRITE_KEY,
    ADMIN_TOKEN: TEST_ADMIN_TOKEN,
    WEBHOOK_SECRET: TEST_WEBHOOK_SECRET,
    SEED_DEMO: 'false',
    SMTP_URL: 'smtp://127.0.0.1:9',
    ALLOW_PRIVATE_WEBHOOKS: 'true',
    ...env,
  });
  const waymark = await startWaymark(config, { log: pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }), wakeupPollMs: 50, outboxPollMs: 50, ...options });
  return {
    ...waymark,
    ...testClient(waymark.url),
    async until(check, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const value = await check();
        if (value) return value;
        if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
        await new Promise((r) => setTimeout(r, 25));
      }
    },
    async close() {
      await waymark.close();
      await scratch?.drop();
    },
  };
}
