import { describe, expect, it } from 'vitest';
import { armShares, assignVariant, bucketOf, bucketRanges, type Assignment } from './assignVariant.ts';

const USERS = Array.from({ length: 10_000 }, (_, i) => `user-${i}`);
const armOf = (assignment: Assignment): string => ('holdout' in assignment ? 'holdout' : assignment.variant);

function counts(experimentId: string, variants: { id: string; weight: number }[], holdout = 0): Map<string, number> {
  const tally = new Map<string, number>();
  for (const user of USERS) {
    const arm = armOf(assignVariant(experimentId, user, variants, holdout));
    tally.set(arm, (tally.get(arm) ?? 0) + 1);
  }
  return tally;
}

/** |observed − n·p| within 4 binomial standard deviations: fails by chance about once in 16,000 runs. */
function expectWithinFourSigma(observed: number | undefined, n: number, p: number): void {
  expect(Math.abs((observed ?? 0) - n * p)).toBeLessThanOrEqual(4 * Math.sqrt(n * p * (1 - p)));
}

describe('bucketOf', () => {
  it('gives the same integer bucket in [0, 10000) for the same experiment and user, every time', () => {
    for (const user of USERS.slice(0, 200)) {
      const bucket = bucketOf('exp-checkout', user);
      expect(Number.isInteger(bucket)).toBe(true);
      expect(bucket).toBeGreaterThanOrEqual(0);
      expect(bucket).toBeLessThan(10_000);
      expect(bucketOf('exp-checkout', user)).toBe(bucket);
    }
  });
  it('is pinned (checked against an independent implementation), so a hash change cannot silently move running experiments', () => {
    expect([bucketOf('exp-1', 'user-1'), bucketOf('exp-1', 'user-2'), bucketOf('exp-2', 'user-1')]).toEqual([3229, 5367, 8423]);
  });
  it('does not confuse experiment and user ids that concatenate to the same text', () => {
    expect(bucketOf('ab', 'c')).not.toBe(bucketOf('a', 'bc'));
  });
});

describe('bucketRanges', () => {
  it('gives the holdout the first buckets and splits the rest by weight in declared order', () => {
    expect(bucketRanges([{ id: 'A', weight: 50 }, { id: 'B', weight: 50 }], 10)).toEqual([
      { arm: 'holdout', start: 0, end: 1_000 },
      { arm: 'A', start: 1_000, end: 5_500 },
      { arm: 'B', start: 5_500, end: 10_000 },
    ]);
    expect(bucketRanges([{ id: 'A', weight: 1 }, { id: 'B', weight: 1 }, { id: 'C', weight: 1 }])).toEqual([
      { arm: 'A', start: 0, end: 3_333 },
      { arm: 'B', start: 3_333, end: 6_667 },
      { arm: 'C', start: 6_667, end: 10_000 },
    ]);
  });
  it('gives a paused (weight 0) variant no buckets', () => {
    const ranges = bucketRanges([{ id: 'A', weight: 0 }, { id: 'B', weight: 3 }]);
    expect(ranges[0]).toEqual({ arm: 'A', start: 0, end: 0 });
    expect(armShares([{ id: 'A', weight: 0 }, { id: 'B', weight: 3 }])).toEqual([
      { arm: 'A', share: 0 },
      { arm: 'B', share: 1 },
    ]);
  });
  it('refuses a split with no positive weight', () => {
    expect(() => bucketRanges([{ id: 'A', weight: 0 }])).toThrow(/weight above 0/);
  });
});

describe('assignVariant', () => {
  it('is deterministic and sticky across calls', () => {
    const variants = [{ id: 'A', weight: 50 }, { id: 'B', weight: 50 }];
    const first = USERS.slice(0, 500).map((user) => armOf(assignVariant('exp-x', user, variants, 10)));
    const again = USERS.slice(0, 500).map((user) => armOf(assignVariant('exp-x', user, variants, 10)));
    expect(again).toEqual(first);
  });

  it('splits 10,000 users 50/50 within binomial bounds', () => {
    const tally = counts('exp-5050', [{ id: 'A', weight: 50 }, { id: 'B', weight: 50 }]);
    expectWithinFourSigma(tally.get('A'), 10_000, 0.5);
    expect((tally.get('A') ?? 0) + (tally.get('B') ?? 0)).toBe(10_000);
  });

  it('splits 10,000 users 70/30 within binomial bounds', () => {
    const tally = counts('exp-7030', [{ id: 'A', weight: 70 }, { id: 'B', weight: 30 }]);
    expectWithinFourSigma(tally.get('A'), 10_000, 0.7);
    expectWithinFourSigma(tally.get('B'), 10_000, 0.3);
  });

  it('holds out the declared share and splits the rest by weight', () => {
    const tally = counts('exp-holdout', [{ id: 'A', weight: 50 }, { id: 'B', weight: 50 }], 10);
    expectWithinFourSigma(tally.get('holdout'), 10_000, 0.1);
    expectWithinFourSigma(tally.get('A'), 10_000, 0.45);
    expectWithinFourSigma(tally.get('B'), 10_000, 0.45);
  });

  it('keeps the same users in the holdout whatever the variant weights', () => {
    const inHoldout = (weights: [number, number]) =>
      USERS.filter((user) => 'holdout' in assignVariant('exp-h', user, [{ id: 'A', weight: weights[0] }, { id: 'B', weight: weights[1] }], 10));
    expect(inHoldout([90, 10])).toEqual(inHoldout([50, 50]));
  });

  it('assigns users independently in different experiments', () => {
    const variants = [{ id: 'A', weight: 50 }, { id: 'B', weight: 50 }];
    let agree = 0;
    let sumXY = 0;
    let sumX = 0;
    let sumY = 0;
    let sumXX = 0;
    let sumYY = 0;
    for (const user of USERS) {
      if (armOf(assignVariant('exp-one', user, variants)) === armOf(assignVariant('exp-two', user, variants))) agree += 1;
      const x = bucketOf('exp-one', user);
      const y = bucketOf('exp-two', user);
      sumX += x;
      sumY += y;
      sumXY += x * y;
      sumXX += x * x;
      sumYY += y * y;
    }
    // Independent 50/50 splits agree for half the users.
    expectWithinFourSigma(agree, 10_000, 0.5);
    const n = USERS.length;
    const correlation = (n * sumXY - sumX * sumY) / Math.sqrt((n * sumXX - sumX ** 2) * (n * sumYY - sumY ** 2));
    // Under independence the sample correlation has standard deviation about 1/sqrt(n) = 0.01.
    expect(Math.abs(correlation)).toBeLessThan(0.04);
  });
});
