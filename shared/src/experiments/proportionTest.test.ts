import { describe, expect, it } from 'vitest';
import { compareProportions } from './proportionTest.ts';

describe('compareProportions (mixture SPRT)', () => {
  it('matches an independent computation of the always-valid p-value and confidence sequence', () => {
    // 10% vs 12% with 10,000 users per arm; reference values from a separate Python implementation.
    const result = compareProportions({ entered: 10_000, converted: 1_000 }, { entered: 10_000, converted: 1_200 });
    expect(result.difference).toBeCloseTo(0.02, 12);
    expect(result.pValue).toBeCloseTo(0.0002736670101868248, 12);
    expect(result.interval[0]).toBeCloseTo(0.006287208424110277, 12);
    expect(result.interval[1]).toBeCloseTo(0.0337127915758897, 12);
    expect(result.significant).toBe(true);
  });

  it('needs more evidence than a fixed-sample test: 10% vs 11.5% at 2,000 per arm is not called', () => {
    // A one-look z-test would give p ≈ 0.13 here; the sequential p-value is far larger because it pays for every look.
    const result = compareProportions({ entered: 2_000, converted: 200 }, { entered: 2_000, converted: 230 });
    expect(result.pValue).toBeCloseTo(0.9138677254257022, 12);
    expect(result.interval[0]).toBeCloseTo(-0.014956691259001058, 12);
    expect(result.significant).toBe(false);
  });

  it('reports no evidence for identical arms', () => {
    const result = compareProportions({ entered: 5_000, converted: 500 }, { entered: 5_000, converted: 500 });
    expect(result.pValue).toBe(1);
    expect(result.interval[0]).toBeCloseTo(-result.interval[1], 14);
  });

  it('calls a significant difference exactly when the interval excludes zero', () => {
    for (let treated = 150; treated <= 270; treated += 3) {
      const result = compareProportions({ entered: 2_000, converted: 200 }, { entered: 2_000, converted: treated });
      const excludesZero = result.interval[0] > 0 || result.interval[1] < 0;
      expect(excludesZero).toBe(result.significant);
    }
  });

  it('narrows as users accumulate', () => {
    const widths = [1_000, 4_000, 16_000].map((n) => {
      const { interval } = compareProportions({ entered: n, converted: n / 10 }, { entered: n, converted: n / 10 });
      return interval[1] - interval[0];
    });
    expect(widths[1]!).toBeLessThan(widths[0]!);
    expect(widths[2]!).toBeLessThan(widths[1]!);
  });

  it('widens with a stricter alpha', () => {
    const arms = [{ entered: 4_000, converted: 400 }, { entered: 4_000, converted: 470 }] as const;
    const strict = compareProportions(arms[0], arms[1], { alpha: 0.025 });
    const usual = compareProportions(arms[0], arms[1]);
    expect(strict.interval[1] - strict.interval[0]).toBeGreaterThan(usual.interval[1] - usual.interval[0]);
  });

  it('copes with empty arms and all-or-nothing rates without dividing by zero', () => {
    expect(compareProportions({ entered: 0, converted: 0 }, { entered: 10, converted: 1 })).toEqual({
      difference: 0,
      interval: [-1, 1],
      pValue: 1,
      significant: false,
    });
    const none = compareProportions({ entered: 200, converted: 0 }, { entered: 200, converted: 0 });
    expect(none.pValue).toBe(1);
    expect(Number.isFinite(none.interval[0])).toBe(true);
    const extreme = compareProportions({ entered: 200, converted: 0 }, { entered: 200, converted: 200 });
    expect(extreme.significant).toBe(true);
    expect(extreme.interval[1]).toBeLessThanOrEqual(1);
  });
});
