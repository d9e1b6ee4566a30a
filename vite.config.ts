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
    include: ['shared/src/**/*.test.ts', 'server/src/**/*.test.ts', 'web/src/**/*.test.{ts,tsx}'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
