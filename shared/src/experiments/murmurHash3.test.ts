import { describe, expect, it } from 'vitest';
import { murmurHash3, murmurHash3Bytes } from './murmurHash3.ts';

describe('murmurHash3', () => {
  it('matches the published MurmurHash3_x86_32 test vectors', () => {
    expect(murmurHash3('', 0)).toBe(0);
    expect(murmurHash3('', 1)).toBe(0x514e28b7);
    expect(murmurHash3('', 0xffffffff)).toBe(0x81f16f39);
    expect(murmurHash3Bytes(new Uint8Array([0, 0, 0, 0]), 0)).toBe(0x2362f9de);
    expect(murmurHash3('aaaa', 0x9747b28c)).toBe(0x5a97808a);
    expect(murmurHash3('aaa', 0x9747b28c)).toBe(0x283e0130);
    expect(murmurHash3('aa', 0x9747b28c)).toBe(0x5d211726);
    expect(murmurHash3('a', 0x9747b28c)).toBe(0x7fa09ea6);
    expect(murmurHash3('abcd', 0x9747b28c)).toBe(0xf0478627);
    expect(murmurHash3('Hello, world!', 0x9747b28c)).toBe(0x24884cba);
    expect(murmurHash3('The quick brown fox jumps over the lazy dog', 0x9747b28c)).toBe(0x2fa826cd);
  });

  it('hashes the UTF-8 bytes of non-ASCII text', () => {
    // π is 0xCF 0x80 in UTF-8; the eight-π vector is published alongside the ASCII ones.
    expect(murmurHash3('π', 0x9747b28c)).toBe(murmurHash3Bytes(new Uint8Array([0xcf, 0x80]), 0x9747b28c));
    expect(murmurHash3('ππππππππ', 0x9747b28c)).toBe(0xd58063c1);
  });

  it('returns unsigned 32-bit integers', () => {
    for (const text of ['a', 'user-1', 'user-2', 'ünïcödé', 'x'.repeat(1000)]) {
      const h = murmurHash3(text);
      expect(Number.isInteger(h)).toBe(true);
      expect(h).toBeGreaterThanOrEqual(0);
      expect(h).toBeLessThan(2 ** 32);
    }
  });
});
