import { describe, expect, it } from 'vitest';
import { PerKeyRateLimit } from './rateLimit.ts';

describe('PerKeyRateLimit', () => {
  it('allows the limit per key per second, then refuses with Retry-After until the window closes', () => {
    let now = 10_000;
    const limit = new PerKeyRateLimit(3, 'write key', () => now);
    const verdicts = Array.from({ length: 4 }, () => limit.hit('Basic a'));
    expect(verdicts.map((v) => v.allowed)).toEqual([true, true, true, false]);
    expect(verdicts[0]!.headers.ratelimit).toBe('"3-per-second"; r=2; t=1');
    expect(verdicts[0]!.headers['ratelimit-policy']).toBe('"3-per-second"; q=3; w=1');
    expect(verdicts[2]!.headers['retry-after']).toBeUndefined();
    expect(verdicts[3]!.headers['retry-after']).toBe('1');
    expect(limit.refusal()).toMatchObject({ status: 429, code: 'rate_limited', message: expect.stringMatching(/^authorization: at most 3 requests per second per write key/) });

    now += 999;
    expect(limit.hit('Basic a').allowed).toBe(false);
    now += 1;
    expect(limit.hit('Basic a').allowed).toBe(true);
  });

  it('counts each credential, and requests without one, separately', () => {
    const limit = new PerKeyRateLimit(1, 'write key', () => 0);
    expect(limit.hit('Basic a').allowed).toBe(true);
    expect(limit.hit('Basic b').allowed).toBe(true);
    expect(limit.hit(undefined).allowed).toBe(true);
    expect(limit.hit('Basic a').allowed).toBe(false);
    expect(limit.hit(undefined).allowed).toBe(false);
  });

  it('opens each key its own window at its first request', () => {
    let now = 0;
    const limit = new PerKeyRateLimit(1, 'write key', () => now);
    limit.hit('Basic a');
    now = 600;
    limit.hit('Basic b');
    now = 1_000;
    expect(limit.hit('Basic a').allowed).toBe(true);
    expect(limit.hit('Basic b').allowed).toBe(false);
  });
});
