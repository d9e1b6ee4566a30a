import { describe, expect, it } from 'vitest';
import { DEV_DEFAULTS, loadConfig, parseDatabaseUrl } from './config.ts';

describe('loadConfig', () => {
  it('falls back to development defaults and says which', () => {
    const config = loadConfig({});
    expect(config.port).toBe(3000);
    expect(config.writeKey).toBe(DEV_DEFAULTS.WRITE_KEY);
    expect(config.database).toMatchObject({ kind: 'sqlite' });
    expect(config.defaulted).toEqual(expect.arrayContaining(['PORT', 'WRITE_KEY', 'ADMIN_TOKEN', 'WEBHOOK_SECRET', 'DATABASE_URL']));
    expect(config.devMailbox).toBe(true);
  });
  it('names the variable that is wrong', () => {
    expect(() => loadConfig({ WEBHOOK_SECRET: 'nope' })).toThrow(/WEBHOOK_SECRET: expected a Standard Webhooks secret/);
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => loadConfig({ SMTP_URL: 'mail.example.com' })).toThrow(/SMTP_URL/);
    expect(() => loadConfig({ WRITE_KEY: 'k'.repeat(4_097) })).toThrow(/WRITE_KEY: expected a write key of at most 4096 bytes/);
    expect(() => loadConfig({ ADMIN_TOKEN: 'é'.repeat(2_049) })).toThrow(/ADMIN_TOKEN: expected an admin token of at most 4096 bytes/);
  });
  it('allows private webhook targets only when told to, development secrets or not', () => {
    const real = { ADMIN_TOKEN: 'admin_real_token_1', WRITE_KEY: 'wk_real_key' };
    expect(loadConfig({}).allowPrivateWebhooks).toBe(false);
    expect(loadConfig(real).allowPrivateWebhooks).toBe(false);
    expect(loadConfig({ ALLOW_PRIVATE_WEBHOOKS: 'true' }).allowPrivateWebhooks).toBe(true);
    expect(loadConfig({ ...real, ALLOW_PRIVATE_WEBHOOKS: 'true' }).allowPrivateWebhooks).toBe(true);
    expect(loadConfig({ ALLOW_PRIVATE_WEBHOOKS: 'false' }).allowPrivateWebhooks).toBe(false);
    expect(() => loadConfig({ ALLOW_PRIVATE_WEBHOOKS: 'yes' })).toThrow(/ALLOW_PRIVATE_WEBHOOKS: expected true or false/);
  });
  it('keeps CORS closed unless origins are listed, and checks them', () => {
    expect(loadConfig({}).corsOrigins).toEqual([]);
    expect(loadConfig({ CORS_ORIGINS: 'https://a.example.com, http://localhost:5173' }).corsOrigins).toEqual(['https://a.example.com', 'http://localhost:5173']);
    expect(() => loadConfig({ CORS_ORIGINS: '*' })).toThrow(/CORS_ORIGINS: expected comma-separated origins/);
  });
  it('uses the SMTP server it is given instead of the dev mailbox', () => {
    expect(loadConfig({ SMTP_URL: 'smtp://127.0.0.1:25' }).devMailbox).toBe(false);
  });
});

describe('parseDatabaseUrl', () => {
  it('reads sqlite, file and postgres URLs', () => {
    expect(parseDatabaseUrl('sqlite:./data/x.db')).toMatchObject({ kind: 'sqlite', file: expect.stringMatching(/data\/x\.db$/) });
    expect(parseDatabaseUrl('file:/tmp/y.db')).toEqual({ kind: 'sqlite', file: '/tmp/y.db' });
    expect(parseDatabaseUrl('postgres://postgres@127.0.0.1/test')).toEqual({ kind: 'postgres', url: 'postgres://postgres@127.0.0.1/test' });
    expect(parseDatabaseUrl('postgresql://app:secret@db:5432/waymark?sslmode=require')).toEqual({
      kind: 'postgres',
      url: 'postgresql://app:secret@db:5432/waymark?sslmode=require',
    });
  });
});
