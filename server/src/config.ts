import { resolve } from 'node:path';
import { z } from 'zod';

/** The longest secret (write key, admin token) in bytes: `secretMatcher` pads both sides of a comparison to it. */
export const MAX_SECRET_BYTES = 4_096;

/** Development defaults: fine on a laptop, printed at start so nobody mistakes them for production secrets. */
export const DEV_DEFAULTS = {
  PORT: '3000',
  DATABASE_URL: 'sqlite:./data/waymark.db',
  WRITE_KEY: 'wk_dev_waymark',
  ADMIN_TOKEN: 'admin_dev_waymark',
  // base64 of "waymark-development-signing-key!" (32 bytes), in the Standard Webhooks `whsec_` form.
  WEBHOOK_SECRET: 'whsec_d2F5bWFyay1kZXZlbG9wbWVudC1zaWduaW5nLWtleSE=',
} as const;

export type DatabaseConfig = { kind: 'sqlite'; file: string } | { kind: 'postgres'; url: string };

export interface WaymarkConfig {
  port: number;
  host: string;
  database: DatabaseConfig;
  writeKey: string;
  adminToken: string;
  webhookSecret: string;
  smtpUrl: string | undefined;
  emailFrom: string;
  /** Start a local SMTP mailbox for demo email offers when SMTP_URL is unset. */
  devMailbox: boolean;
  devSmtpPort: number;
  seedDemo: boolean;
  logLevel: string;
  /** ALLOW_PRIVATE_WEBHOOKS: offers may go to loopback and private addresses (off unless set to true). */
  allowPrivateWebhooks: boolean;
  /** CORS_ORIGINS: browser origins allowed to call the API from another site; none by default. */
  corsOrigins: string[];
  /** Requests per second per write key (ingestion) and per admin token (management API). */
  ingestRateLimit: number;
  adminRateLimit: number;
  /** How long a process owns an offer it claimed before another may send it (after a crash). */
  outboxLeaseMs: number;
  /** Environment variables that fell back to development defaults. */
  defaulted: string[];
}

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65_535, 'expected a port number from 0 to 65535'),
  HOST: z.string().default('0.0.0.0'),
  DATABASE_URL: z.string().min(1),
  WRITE_KEY: z
    .string()
    .min(8, 'expected a write key of at least 8 characters')
    .refine((v) => Buffer.byteLength(v) <= MAX_SECRET_BYTES, `expected a write key of at most ${MAX_SECRET_BYTES} bytes`),
  ADMIN_TOKEN: z
    .string()
    .min(12, 'expected an admin token of at least 12 characters')
    .refine((v) => Buffer.byteLength(v) <= MAX_SECRET_BYTES, `expected an admin token of at most ${MAX_SECRET_BYTES} bytes`),
  WEBHOOK_SECRET: z.string().regex(/^whsec_[A-Za-z0-9+/=]{32,}$/, 'expected a Standard Webhooks secret: whsec_ and at least 24 bytes of base64'),
  SMTP_URL: z.string().regex(/^smtps?:\/\//, 'expected an smtp:// or smtps:// URL').optional(),
  EMAIL_FROM: z.string().default('"Waymark" <offers@waymark.local>'),
  DEV_SMTP_PORT: z.coerce.number().int().min(0).max(65_535).default(2525),
  SEED_DEMO: z.enum(['true', 'false']).default('true'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  ALLOW_PRIVATE_WEBHOOKS: z.enum(['true', 'false'], { message: 'expected true or false' }).optional(),
  CORS_ORIGINS: z
    .string()
    .default('')
    .transform((text) => text.split(',').map((o) => o.trim()).filter(Boolean))
    .refine((origins) => origins.every((o) => /^https?:\/\/[^/\s]+$/.test(o)), 'expected comma-separated origins such as https://app.example.com'),
  INGEST_RATE_LIMIT: z.coerce.number().int().min(1, 'expected requests per second, at least 1').default(20_000),
  ADMIN_RATE_LIMIT: z.coerce.number().int().min(1, 'expected requests per second, at least 1').default(500),
  OUTBOX_LEASE_MS: z.coerce.number().int().min(1_000, 'expected milliseconds, at least 1000').default(60_000),
});

/** Reads `DATABASE_URL`: `sqlite:<path>`, `file:<path>`, a bare `*.db` path, or `postgres://…`. */
export function parseDatabaseUrl(url: string): DatabaseConfig {
  if (/^postgres(ql)?:\/\//.test(url)) return { kind: 'postgres', url };
  const path = url.replace(/^(sqlite|file):(\/\/)?/, '');
  if (path === ':memory:') return { kind: 'sqlite', file: path };
  if (!path) throw new Error('DATABASE_URL: expected sqlite:<path> or postgres://…');
  return { kind: 'sqlite', file: resolve(path) };
}

/** Loads configuration from the environment (public contract: PORT, DATABASE_URL, WRITE_KEY, ADMIN_TOKEN, WEBHOOK_SECRET, SMTP_URL, ALLOW_PRIVATE_WEBHOOKS, …). */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): WaymarkConfig {
  const defaulted = (Object.keys(DEV_DEFAULTS) as Array<keyof typeof DEV_DEFAULTS>).filter((k) => !env[k]);
  const merged = { ...DEV_DEFAULTS, ...Object.fromEntries(Object.entries(env).filter(([, v]) => v !== '')) };
  const parsed = envSchema.safeParse(merged);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new Error(`invalid configuration:\n  ${lines.join('\n  ')}`);
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    database: parseDatabaseUrl(e.DATABASE_URL),
    writeKey: e.WRITE_KEY,
    adminToken: e.ADMIN_TOKEN,
    webhookSecret: e.WEBHOOK_SECRET,
    smtpUrl: e.SMTP_URL,
    emailFrom: e.EMAIL_FROM,
    devMailbox: e.SMTP_URL === undefined,
    devSmtpPort: e.DEV_SMTP_PORT,
    seedDemo: e.SEED_DEMO === 'true',
    logLevel: e.LOG_LEVEL,
    // Refused unless allowed explicitly, development secrets or not; the demo inbox on this server is the one
    // loopback target allowed without it (`isOwnInbox`), so the seeded demo still delivers.
    allowPrivateWebhooks: e.ALLOW_PRIVATE_WEBHOOKS === 'true',
    corsOrigins: e.CORS_ORIGINS,
    ingestRateLimit: e.INGEST_RATE_LIMIT,
    adminRateLimit: e.ADMIN_RATE_LIMIT,
    outboxLeaseMs: e.OUTBOX_LEASE_MS,
    defaulted,
  };
}
