import { spawn } from 'node:child_process';
import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { SERVER_NODE_FLAGS } from '../nodeFlags.ts';
import { TEST_ADMIN_TOKEN, TEST_WRITE_KEY, testClient } from './testClient.ts';
import { TEST_WEBHOOK_SECRET } from './testWaymark.ts';

const REPO_ROOT = join(import.meta.dirname, '../../..');
const START_TIMEOUT_MS = 20_000;
const MAX_OUTPUT_CHARS = 64_000;
// Between finding a free port and the child binding it, another process may take it: try again on a fresh one.
const PORT_ATTEMPTS = 3;

export interface SpawnOptions {
  /** The DATABASE_URL the server opens (see `scratchDatabase`); pass the same one again to restart on the same data. */
  databaseUrl: string;
  /** Defaults to a closed local port: email offers then fail, which no webhook-only test notices. */
  smtpUrl?: string;
  /** Extra environment for the child, applied last. */
  env?: Record<string, string>;
  /** How much of the process's output `output()` keeps (its tail); default 64,000 characters. */
  maxOutputChars?: number;
  /** The flags node runs with; default the server's own (`SERVER_NODE_FLAGS`), as `npm start` passes them. */
  nodeFlags?: readonly string[];
}

export interface SpawnedWaymark {
  url: string;
  pid: number;
  /** Sends a signal; SIGKILL plays a crash (no shutdown hooks, no final flush). */
  kill(signal?: NodeJS.Signals): void;
  /** Settles when the process has exited: its exit code, or null when a signal ended it. */
  exited: Promise<number | null>;
  /** Everything the process wrote to stdout and stderr so far (the tail, if it wrote a lot), for diagnostics. */
  output(): string;
  /** fetch against the server with the admin token. */
  api(path: string, init?: { method?: string; body?: unknown }): Promise<{ status: number; body: any }>;
  /** Segment-style ingestion with the write key. */
  ingest(path: '/v1/track' | '/v1/identify' | '/v1/batch', body: unknown): Promise<{ status: number; body: any }>;
}

/**
 * Starts Waymark as a real child process (`node <flags> --import tsx server/src/main.ts`, the way `npm start` runs it) on the
 * given database, and resolves once `GET /healthz` answers 200. Unlike `startTestWaymark`, the process can be
 * SIGKILLed, so tests can crash it and prove what survives. Test support only.
 */
export async function spawnWaymark(options: SpawnOptions): Promise<SpawnedWaymark> {
  let lastError: Error | undefined;
  for (let attempt = 0; attempt < PORT_ATTEMPTS; attempt++) {
    try {
      return await spawnOnce(options, await freePort());
    } catch (error) {
      lastError = error as Error;
      if (!lastError.message.includes('EADDRINUSE')) throw lastError;
    }
  }
  throw lastError as Error;
}

async function spawnOnce(options: SpawnOptions, port: number): Promise<SpawnedWaymark> {
  const child = spawn(process.execPath, [...(options.nodeFlags ?? SERVER_NODE_FLAGS), '--import', 'tsx', 'server/src/main.ts'], {
    cwd: REPO_ROOT,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_URL: options.databaseUrl,
      WRITE_KEY: TEST_WRITE_KEY,
      ADMIN_TOKEN: TEST_ADMIN_TOKEN,
      WEBHOOK_SECRET: TEST_WEBHOOK_SECRET,
      SMTP_URL: options.smtpUrl ?? 'smtp://127.0.0.1:9',
      SEED_DEMO: 'false',
      ALLOW_PRIVATE_WEBHOOKS: 'true',
      LOG_LEVEL: 'warn',
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const record = (chunk: Buffer) => {
    output = (output + chunk.toString('utf8')).slice(-(options.maxOutputChars ?? MAX_OUTPUT_CHARS));
  };
  child.stdout.on('data', record);
  child.stderr.on('data', record);

  // A test that fails before its cleanup must not leave a server running after the test process is gone.
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  let hasExited = false;
  const exited = new Promise<number | null>((resolve) => {
    child.once('exit', (code) => {
      hasExited = true;
      process.removeListener('exit', killOnExit);
      resolve(code);
    });
  });

  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + START_TIMEOUT_MS;
  for (;;) {
    if (hasExited) throw new Error(`Waymark exited before it was healthy (exit code ${String(child.exitCode)}):\n${output}`);
    if (await healthy(url)) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      await exited;
      throw new Error(`Waymark was not healthy within ${START_TIMEOUT_MS} ms:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }

  return {
    url,
    pid: child.pid as number,
    kill: (signal = 'SIGTERM') => void child.kill(signal),
    exited,
    output: () => output,
    ...testClient(url),
  };
}

/** A port nobody listens on right now (the kernel's pick for port 0). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

async function healthy(url: string): Promise<boolean> {
  try {
    const res = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(1_000) });
    await res.body?.cancel();
    return res.status === 200;
  } catch {
    return false; // not listening yet
  }
}
