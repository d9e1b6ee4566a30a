import { describe, expect, it } from 'vitest';
import { wilsonInterval, Z_95 } from './wilsonInterval.ts';
import { binomial, mulberry32 } from './testing/seededRandom.ts';

describe('wilsonInterval', () => {
  it('has the closed forms at 0 and all conversions', () => {
    const z2 = Z_95 ** 2;
    expect(wilsonInterval(0, 10)[0]).toBe(0);
    expect(wilsonInterval(0, 10)[1]).toBeCloseTo(z2 / (10 + z2), 14);
    expect(wilsonInterval(10, 10)[0]).toBeCloseTo(10 / (10 + z2), 14);
    expect(wilsonInterval(10, 10)[1]).toBeCloseTo(1, 14);
  });
  it('matches the score interval of R prop.test(5, 100, correct = FALSE)', () => {
    const [low, high] = wilsonInterval(5, 100);
    expect(low).toBeCloseTo(0.02154368, 7);
    expect(high).toBeCloseTo(0.11175047, 7);
  });
  it('is the whole range when nobody has entered', () => {
    expect(wilsonInterval(0, 0)).toEqual([0, 1]);
  });
  it('covers the true rate about 95% of the time even for 60 users at 5%', () => {
    const random = mulberry32(11);
    const runs = 4_000;
    let covered = 0;
    for (let i = 0; i < runs; i += 1) {
      const [low, high] = wilsonInterval(binomial(random, 60, 0.05), 60);
      if (low <= 0.05 && 0.05 <= high) covered += 1;
    }
    // Exact coverage here is 97% (discreteness moves it around 95%); the Wald interval p ± 1.96·SE gets only 81%.
    expect(covered / runs).toBeGreaterThan(0.92);
  });
});
