import { describe, expect, it } from 'vitest';
import { binomial, mulberry32 } from './seededRandom.ts';

describe('mulberry32', () => {
  it('repeats its sequence for the same seed and differs across seeds', () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    const c = mulberry32(43);
    const first = Array.from({ length: 5 }, a);
    expect(Array.from({ length: 5 }, b)).toEqual(first);
    expect(Array.from({ length: 5 }, c)).not.toEqual(first);
  });
  it('is uniform on [0, 1): mean and variance of 100,000 draws within 4 standard errors', () => {
    const random = mulberry32(7);
    const n = 100_000;
    let sum = 0;
    let sumSquares = 0;
    let outside = 0;
    for (let i = 0; i < n; i += 1) {
      const u = random();
      if (!(u >= 0 && u < 1)) outside += 1;
      sum += u;
      sumSquares += u * u;
    }
    expect(outside).toBe(0);
    expect(Math.abs(sum / n - 0.5)).toBeLessThan(4 * Math.sqrt(1 / 12 / n));
    expect(Math.abs(sumSquares / n - sum ** 2 / n ** 2 - 1 / 12)).toBeLessThan(0.002);
  });
  it('draws binomial counts with the right mean', () => {
    const random = mulberry32(9);
    let total = 0;
    for (let i = 0; i < 100; i += 1) total += binomial(random, 1_000, 0.1);
    expect(Math.abs(total - 10_000)).toBeLessThan(4 * Math.sqrt(100_000 * 0.09));
  });
});
