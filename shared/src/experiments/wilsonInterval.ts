/** A closed interval `[low, high]`. */
export type Interval = readonly [low: number, high: number];

/** The two-sided 95% normal quantile, Φ⁻¹(0.975). */
export const Z_95 = 1.959963984540054;

/**
 * The Wilson score interval for a rate (`converted` of `entered`), 95% by default.
 *
 * Chosen over the textbook "p ± 1.96·√(p(1−p)/n)" because that interval collapses to a point at 0 or n
 * conversions and undercovers badly for small counts; Wilson stays inside [0, 1] and covers close to 95%
 * from a handful of users. It is a fixed-sample interval describing one arm's rate for display: verdicts
 * never use it (they use the always-valid confidence sequence in `proportionTest.ts`).
 */
export function wilsonInterval(converted: number, entered: number, z = Z_95): Interval {
  if (entered <= 0) return [0, 1];
  const rate = converted / entered;
  const z2 = z * z;
  const denominator = 1 + z2 / entered;
  const centre = (rate + z2 / (2 * entered)) / denominator;
  const halfWidth = (z / denominator) * Math.sqrt((rate * (1 - rate)) / entered + z2 / (4 * entered * entered));
  return [Math.max(0, centre - halfWidth), Math.min(1, centre + halfWidth)];
}
