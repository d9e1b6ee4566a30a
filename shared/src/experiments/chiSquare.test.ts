import { describe, expect, it } from 'vitest';
import { chiSquareSurvival, logGamma, regularizedGammaQ } from './chiSquare.ts';

/** Relative closeness: `digits` significant digits. */
function expectClose(actual: number, expected: number, digits = 10): void {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(Math.abs(expected) * 10 ** -digits);
}

describe('logGamma', () => {
  it('matches known values', () => {
    expectClose(logGamma(0.5), 0.5723649429247001); // ln √π
    expect(logGamma(1)).toBeCloseTo(0, 12);
    expectClose(logGamma(10), Math.log(362_880)); // 9!
    expectClose(logGamma(100.5), 361.43554046777757);
    expectClose(logGamma(0.001), 6.907178885383853);
  });
});

describe('chiSquareSurvival', () => {
  // Reference values from scipy.stats.chi2.sf.
  it.each([
    [3.841458820694124, 1, 0.05],
    [10.827566170662733, 1, 0.001],
    [1, 1, 0.31731050786291115],
    [5.991464547107979, 2, 0.05],
    [20, 10, 0.029252688076961124],
    [100, 100, 0.48119168452795674],
    [150, 100, 0.0009039320423540184],
    [0.5, 3, 0.9188914116546758],
    [0.001, 4, 0.9999998750416589],
    [1e-6, 1, 0.9992021155721779],
    [30, 2, 3.0590232050182594e-7],
    [100, 1, 1.5239706048320995e-23],
  ])('P(χ² ≥ %d | df = %d) = %d', (statistic, df, expected) => {
    expectClose(chiSquareSurvival(statistic, df), expected, 9);
  });

  it('equals exp(−x/2) for two degrees of freedom, across the series/fraction switch', () => {
    for (const x of [0.01, 1, 3.9, 4, 4.1, 12, 60, 600]) expectClose(chiSquareSurvival(x, 2), Math.exp(-x / 2), 12);
  });

  it('is 1 at zero and decreases with the statistic', () => {
    expect(chiSquareSurvival(0, 3)).toBe(1);
    let previous = 1;
    for (let x = 0.5; x < 40; x += 0.5) {
      const p = chiSquareSurvival(x, 3);
      expect(p).toBeLessThan(previous);
      previous = p;
    }
  });

  it('refuses meaningless arguments', () => {
    expect(() => chiSquareSurvival(1, 0)).toThrow(RangeError);
    expect(() => regularizedGammaQ(1, -1)).toThrow(RangeError);
  });
});
