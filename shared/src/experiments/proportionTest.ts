import type { Interval } from './wilsonInterval.ts';

/**
 * The engine: a frequentist, always-valid sequential test for the difference of two conversion rates, the
 * normal-mixture sequential probability ratio test (mSPRT) of Johari, Koomen, Pekelis & Walsh, "Peeking at A/B
 * Tests: Why it matters, and what to do about it" (KDD 2017), as used by Optimizely's Stats Engine.
 *
 * With θ the true difference (treatment rate − control rate), θ̂ the observed difference and
 * V = p̂c(1−p̂c)/nc + p̂t(1−p̂t)/nt its estimated variance, the mixture likelihood ratio against θ = θ0 is
 *
 *     Λ(θ0) = √(V / (V + τ²)) · exp( τ² (θ̂ − θ0)² / (2 V (V + τ²)) ),
 *
 * the likelihood ratio of "θ ~ N(θ0, τ²)" against "θ = θ0", integrated over the mixing distribution. Under
 * θ = θ0 it is a nonnegative martingale with mean 1, so by Ville's inequality P(Λ ever reaches 1/α) ≤ α.
 * Hence:
 *   - the always-valid p-value is p = min(1, 1/Λ(0)), and "significant" is p ≤ α;
 *   - the 95% confidence sequence is {θ0 : Λ(θ0) < 1/α}, i.e. θ̂ ± √( V(V+τ²)/τ² · (2 ln(1/α) + ln((V+τ²)/V)) ).
 * Both hold simultaneously over every look: a team may look every day, or every minute, and stop the first
 * time the verdict is conclusive, and the chance that an A/A experiment is ever called is still ≤ α.
 * (A look's p-value is valid on its own; the runtime may also keep the running minimum, which is valid too.)
 *
 * Assumptions, all of which the rest of the folder is built to keep true:
 *   1. Users are independent and each converts or not; within an experiment phase an arm's rate is constant
 *      and the allocation ratio is fixed (a weight change starts a new phase: see `weightChange.ts`).
 *   2. Each counted outcome is final: a user counts as entered once their attribution window has closed
 *      (or they converted), so a "no" is never later flipped to "yes".
 *   3. θ̂ is close to normal with the plug-in variance V (central limit theorem). This is poor for tiny counts,
 *      so no verdict is given before the minimum sample (`analyzeExperiment.ts`: 100 users and 10 conversions
 *      per arm). Fewer looks only make the test more conservative.
 *   4. The mixing standard deviation τ is the minimum detectable effect on the absolute scale:
 *      τ = 20% (relative lift) × the pooled conversion rate. The mixture is most powerful around effects of
 *      size τ; using the pooled rate (a plug-in, like V) keeps the test calibrated for relative lifts whatever
 *      the journey's base rate. A/A simulations at 10% and 3% base rates confirm the error rate holds.
 *   5. α = 5%, two-sided. With several treatment arms, each is compared with the control at α/(arms − 1)
 *      (Bonferroni), so the chance of any false call across the experiment stays ≤ 5%; reported p-values are
 *      multiplied by (arms − 1) to match.
 */

/** The false-positive rate the engine guarantees, however often anyone looks. */
export const ALPHA = 0.05;

/** The smallest relative lift the test is tuned to detect; it sets the mixing spread τ. */
export const MINIMUM_DETECTABLE_LIFT = 0.2;

export interface ArmCounts {
  entered: number;
  converted: number;
}

export interface SequentialComparison {
  /** Treatment rate minus control rate. */
  difference: number;
  /** Confidence sequence for the difference, valid at every look at level 1 − α. */
  interval: Interval;
  /** Always-valid p-value against "no difference". */
  pValue: number;
  /** p ≤ α: enough evidence of a difference (the interval excludes 0). */
  significant: boolean;
}

export interface SequentialTestOptions {
  alpha?: number;
  /** The relative lift the mixture is tuned for; τ = lift × pooled rate. */
  minimumDetectableLift?: number;
}

function variance(rate: number, entered: number): number {
  return (rate * (1 - rate)) / entered;
}

/**
 * The mSPRT comparison of a treatment arm with the control at this look; see the top of the file.
 * Needs at least one user in each arm; with none, it reports no evidence and the widest interval.
 */
export function compareProportions(
  control: ArmCounts,
  treatment: ArmCounts,
  { alpha = ALPHA, minimumDetectableLift = MINIMUM_DETECTABLE_LIFT }: SequentialTestOptions = {},
): SequentialComparison {
  if (control.entered <= 0 || treatment.entered <= 0) return { difference: 0, interval: [-1, 1], pValue: 1, significant: false };
  const controlRate = control.converted / control.entered;
  const treatmentRate = treatment.converted / treatment.entered;
  const difference = treatmentRate - controlRate;

  let v = variance(controlRate, control.entered) + variance(treatmentRate, treatment.entered);
  // All-or-nothing arms (0% or 100%) give V = 0; fall back to Laplace-smoothed rates rather than divide by 0.
  if (v === 0) {
    v =
      variance((control.converted + 1) / (control.entered + 2), control.entered) +
      variance((treatment.converted + 1) / (treatment.entered + 2), treatment.entered);
  }
  const pooledRate = (control.converted + treatment.converted + 1) / (control.entered + treatment.entered + 2);
  const tau2 = (minimumDetectableLift * pooledRate) ** 2;

  const logLambda = 0.5 * Math.log(v / (v + tau2)) + (tau2 * difference * difference) / (2 * v * (v + tau2));
  const pValue = Math.min(1, Math.exp(-logLambda));
  const halfWidth = Math.sqrt(((v * (v + tau2)) / tau2) * (2 * Math.log(1 / alpha) + Math.log((v + tau2) / v)));
  return {
    difference,
    interval: [Math.max(-1, difference - halfWidth), Math.min(1, difference + halfWidth)],
    pValue,
    significant: pValue <= alpha,
  };
}
