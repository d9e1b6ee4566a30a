import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { DEV_DEFAULTS, loadConfig } from '../config.ts';
import { startWaymark, type RunningWaymark, type WaymarkOptions } from '../createWaymark.ts';
import { testClient, type TestClient } from './testClient.ts';

import { TEST_ADMIN_TOKEN, TEST_WRITE_KEY } from './testClient.ts';

export { TEST_ADMIN_TOKEN, TEST_WRITE_KEY };
export const TEST_WEBHOOK_SECRET = DEV_DEFAULTS.WEBHOOK_SECRET;

export interface TestWaymark extends RunningWaymark, TestClient {
  dir: string;
  /** Polls until `check` returns a truthy value, or fails after `timeoutMs`. */
  until<T>(check: () => Promise<T | undefined | false>, timeoutMs?: number): Promise<T>;
}

/**
 * A real Waymark on a real SQLite file in a temporary folder, listening on a random port. Test support only.
 */
export async function startTestWaymark(env: Record<string, string> = {}, options: WaymarkOptions = {}): Promise<TestWaymark> {
  const dir = mkdtempSync(join(tmpdir(), 'waymark-test-'));
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    DATABASE_URL: `sqlite:${join(dir, 'waymark.db')}`,
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
    dir,
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
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
