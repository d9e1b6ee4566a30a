import { describe, expect, it } from 'vitest';
import { sampleRatioCheck } from './sampleRatio.ts';

describe('sampleRatioCheck', () => {
  it('raises the alarm for 55/45 observed against a declared 50/50 at 10,000 users', () => {
    const check = sampleRatioCheck([
      { id: 'A', weight: 50, entered: 5_500 },
      { id: 'B', weight: 50, entered: 4_500 },
    ]);
    expect(check.chiSquare).toBeCloseTo(100, 10);
    expect(check.degreesOfFreedom).toBe(1);
    expect(check.pValue).toBeCloseTo(1.5239706048320995e-23, 30);
    expect(check.alarm).toBe(true);
    expect(check.text).toBe(
      'Assignment looks broken: of 10,000 users, A 55%, B 45%, but the split declares A 50%, B 50% ' +
        '(a gap this large happens by chance under 1 in a million). Verdicts are held until this is fixed: ' +
        'look for users lost or filtered on one path, or a weight change counted in the same phase.',
    );
  });

  it('stays quiet for an ordinary chance imbalance', () => {
    const check = sampleRatioCheck([
      { id: 'A', weight: 50, entered: 5_050 },
      { id: 'B', weight: 50, entered: 4_950 },
    ]);
    expect(check.pValue).toBeCloseTo(0.31731050786291115, 12);
    expect(check.alarm).toBe(false);
    expect(check.text).toBeNull();
  });

  it('alarms just past p = 0.001 and not just before it', () => {
    // χ²(1) = 10.83 is p = 0.001: at n = 10,000, a gap of 165 users either way is p ≈ 0.00097, 160 is p ≈ 0.0014.
    expect(sampleRatioCheck([{ id: 'A', weight: 1, entered: 5_165 }, { id: 'B', weight: 1, entered: 4_835 }]).alarm).toBe(true);
    expect(sampleRatioCheck([{ id: 'A', weight: 1, entered: 5_160 }, { id: 'B', weight: 1, entered: 4_840 }]).alarm).toBe(false);
  });

  it('checks the holdout as an arm of its own', () => {
    const honest = sampleRatioCheck([
      { id: 'holdout', weight: 10, entered: 1_010 },
      { id: 'A', weight: 45, entered: 4_480 },
      { id: 'B', weight: 45, entered: 4_510 },
    ]);
    expect(honest.degreesOfFreedom).toBe(2);
    expect(honest.alarm).toBe(false);
    // The variants are even with each other, but the holdout is short: still broken.
    const leakyHoldout = sampleRatioCheck([
      { id: 'holdout', weight: 10, entered: 800 },
      { id: 'A', weight: 45, entered: 4_600 },
      { id: 'B', weight: 45, entered: 4_600 },
    ]);
    // (800−1000)²/1000 + 2·(100²/4500) = 40 + 4.44…
    expect(leakyHoldout.chiSquare).toBeCloseTo(40 + 20_000 / 4_500, 10);
    expect(leakyHoldout.alarm).toBe(true);
    expect(leakyHoldout.text).toMatch(/holdout 8%, A 46%, B 46%, but the split declares holdout 10%, A 45%, B 45%/);
  });

  it('alarms when users reach an arm declared at weight 0', () => {
    const check = sampleRatioCheck([
      { id: 'A', weight: 1, entered: 500 },
      { id: 'B', weight: 0, entered: 3 },
    ]);
    expect(check.alarm).toBe(true);
    expect(check.text).toMatch(/weight 0: B \(3\)/);
  });

  it('does not judge until every arm expects at least 5 users', () => {
    const check = sampleRatioCheck([
      { id: 'A', weight: 1, entered: 8 },
      { id: 'B', weight: 1, entered: 0 },
    ]);
    expect(check.pValue).toBeNull();
    expect(check.alarm).toBe(false);
  });
});
