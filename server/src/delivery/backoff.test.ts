import { describe, expect, it } from 'vitest';
import { nextAttemptDelay } from './backoff.ts';

const middle = () => 0.5;

describe('nextAttemptDelay', () => {
  it('doubles from two seconds with each failed attempt', () => {
    expect([1, 2, 3, 4, 5].map((n) => nextAttemptDelay(n, middle))).toEqual([2_000, 4_000, 8_000, 16_000, 32_000]);
  });

  it('never waits longer than an hour before jitter, however many attempts failed', () => {
    expect(nextAttemptDelay(12, middle)).toBe(3_600_000);
    expect(nextAttemptDelay(1_000, middle)).toBe(3_600_000);
  });

  it('spreads each delay by at most 20% either way', () => {
    expect(nextAttemptDelay(3, () => 0)).toBe(6_400);
    expect(nextAttemptDelay(3, () => 0.999_999)).toBeLessThanOrEqual(9_600);
    expect(nextAttemptDelay(3, () => 0.999_999)).toBeGreaterThan(9_500);
    for (let i = 0; i < 200; i++) {
      const delay = nextAttemptDelay(4);
      expect(delay).toBeGreaterThanOrEqual(12_800);
      expect(delay).toBeLessThanOrEqual(19_200);
    }
  });

  it('keeps later attempts later even at the worst jitter', () => {
    expect(nextAttemptDelay(2, () => 0)).toBeGreaterThan(nextAttemptDelay(1, () => 0.999_999));
  });

  it('treats attempt 0 or less as the first attempt', () => {
    expect(nextAttemptDelay(0, middle)).toBe(2_000);
    expect(nextAttemptDelay(-3, middle)).toBe(2_000);
  });
});
