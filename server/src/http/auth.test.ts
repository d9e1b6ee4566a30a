import { describe, expect, it } from 'vitest';
import { MAX_SECRET_BYTES } from '../config.ts';
import { secretMatcher, writeKeyCheck } from './auth.ts';

describe('secretMatcher', () => {
  const matches = secretMatcher('wk_live_0123456789');

  it('accepts the secret and nothing else: not a prefix, an extension, a padded copy or another case', () => {
    expect(matches('wk_live_0123456789')).toBe(true);
    for (const other of ['', 'wk_live_012345678', 'wk_live_01234567890', 'wk_live_0123456789\u0000', 'WK_LIVE_0123456789', 'wk_live_0123456788'])
      expect(matches(other)).toBe(false);
  });

  it('compares multi-byte text by its bytes, and refuses anything longer than any secret may be', () => {
    const unicode = secretMatcher('clé-ünïcødé-✓');
    expect(unicode('clé-ünïcødé-✓')).toBe(true);
    expect(unicode('cle-unicode-?')).toBe(false);
    expect(matches('x'.repeat(MAX_SECRET_BYTES + 1))).toBe(false);
    const longest = 'k'.repeat(MAX_SECRET_BYTES);
    expect(secretMatcher(longest)(longest)).toBe(true);
    expect(secretMatcher(longest)(`${longest}k`)).toBe(false);
    expect(() => secretMatcher(`${longest}k`)).toThrow(`at most ${MAX_SECRET_BYTES} bytes`);
  });

  it('answers each call on its own (the buffer it writes into is reused)', () => {
    expect(matches('wk_live_0123456789_and_more')).toBe(false);
    expect(matches('wk_live_0123456789')).toBe(true);
    expect(matches('wk')).toBe(false);
  });
});

describe('writeKeyCheck', () => {
  const check = writeKeyCheck('wk_live_0123456789');
  const basic = (user: string, password = '') => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

  it('takes the write key as the Basic username, and names what was wrong otherwise', () => {
    expect(check(basic('wk_live_0123456789'))).toBeUndefined();
    expect(check(basic('wk_live_0123456789', 'ignored'))).toBeUndefined();
    expect(check(basic('wk_live_wrong'))?.message).toBe('authorization: the write key is not valid');
    expect(check(undefined)?.message).toBe('authorization: expected HTTP Basic auth with the write key as the username');
    expect(check('Bearer wk_live_0123456789')?.status).toBe(401);
  });
});
