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
  });
});
