import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

const apiPort = Number(process.env.PORT ?? 3000);

// One config for the canvas build (root: web/), the dev server (API proxied to the runtime), and every vitest project.
export default defineConfig({
  root: 'web',
  plugins: [react()],
  build: { outDir: '../dist/web', emptyOutDir: true, chunkSizeWarningLimit: 2_000 },
  server: {
    proxy: Object.fromEntries(['/api', '/v1', '/healthz', '/sink'].map((p) => [p, `http://127.0.0.1:${apiPort}`])),
  },
  test: {
    root: '.',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Every test on the embedded SQLite store, and every server test again on PostgreSQL (127.0.0.1:5432; each
    // test makes and drops its own scratch database). `*.postgres.test.ts` need PostgreSQL itself and run only there;
    // `*.sqlite.test.ts` are about SQLite itself and run only in `sqlite`. No test skips itself by store.
    projects: [
      {
        extends: true,
        test: {
          name: 'sqlite',
          include: ['shared/src/**/*.test.ts', 'server/src/**/*.test.ts', 'web/src/**/*.test.{ts,tsx}', 'bench/lib/**/*.test.ts'],
          exclude: ['server/src/**/*.postgres.test.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'postgres',
          include: ['server/src/**/*.test.ts'],
          exclude: ['server/src/**/*.sqlite.test.ts'],
          env: { WAYMARK_TEST_STORE: 'postgres' },
          globalSetup: ['server/src/testing/postgresGlobalSetup.ts'],
        },
      },
    ],
  },
});
