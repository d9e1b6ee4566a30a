import { defineConfig } from '@playwright/test';
import { SERVER_NODE_FLAGS } from '../server/src/nodeFlags.ts';
import { E2E } from './fixtures/e2eServer.ts';

// Real Chromium (Debian's), a real Waymark process (with the flags `npm start` gives it) on a fresh SQLite file
// with the demo journeys seeded.
export default defineConfig({
  testDir: '.',
  testMatch: '*.spec.ts',
  outputDir: '../test-results/e2e',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list'], ['html', { outputFolder: '../playwright-report', open: 'never' }]],
  use: {
    baseURL: E2E.url,
    viewport: { width: 1280, height: 800 },
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
    },
  },
  webServer: {
    command: `rm -rf ${E2E.dataDir} && node ${SERVER_NODE_FLAGS.join(' ')} --import tsx server/src/main.ts`,
    cwd: '..',
    url: `${E2E.url}/healthz`,
    reuseExistingServer: false,
    timeout: 60_000,
    env: E2E.env,
    stdout: 'ignore',
    stderr: 'pipe',
  },
});
