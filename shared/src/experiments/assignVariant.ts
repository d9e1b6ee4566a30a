import { murmurHash3 } from './murmurHash3.ts';
import { HOLDOUT_ARM, type SplitVariant } from './splitConfig.ts';

/** Buckets per experiment: weights and holdouts resolve to 0.01 percentage points. */
export const BUCKETS = 10_000;

/**
 * A user's bucket in an experiment, an integer in [0, 10000).
 *
 * The user id is hashed with MurmurHash3 x86 32-bit, seeded with the MurmurHash3 of the experiment id, so
 * the same user lands in unrelated buckets in different experiments (no user is "always in B") and the pair
 * cannot be confused the way a concatenated key could ("ab" + "c" vs "a" + "bc"). The 32-bit hash is mapped
 * to a bucket by its high part (`h * 10000 / 2^32`); the uneven share this leaves is below 3 in a million.
 */
export function bucketOf(experimentId: string, userId: string): number {
  const hash = murmurHash3(userId, murmurHash3(experimentId));
  return Math.floor((hash * BUCKETS) / 2 ** 32);
}

/** A half-open bucket range `[start, end)` owned by one arm. */
export interface BucketRange {
  arm: string;
  start: number;
  end: number;
}

/**
 * Which buckets belong to which arm: the holdout owns the first `holdout%` of buckets, then the variants
 * share the rest in proportion to their weights, in declared order. Holdout first means a variant's weight
 * never moves users into or out of the holdout.
 */
export function bucketRanges(variants: readonly SplitVariant[], holdoutPercent = 0): BucketRange[] {
  const totalWeight = variants.reduce((sum, variant) => sum + variant.weight, 0);
  if (!(totalWeight > 0)) throw new Error('bucketRanges: expected at least one variant with a weight above 0');
  const holdoutEnd = Math.round(holdoutPercent * (BUCKETS / 100));
  const rest = BUCKETS - holdoutEnd;
  const ranges: BucketRange[] = holdoutEnd > 0 ? [{ arm: HOLDOUT_ARM, start: 0, end: holdoutEnd }] : [];
  let cumulative = 0;
  let start = holdoutEnd;
  for (const variant of variants) {
    cumulative += variant.weight;
    // Rounding the cumulative boundary (not each width) keeps the total exact and each error under a bucket.
    const end = holdoutEnd + Math.round((rest * cumulative) / totalWeight);
    ranges.push({ arm: variant.id, start, end });
    start = end;
  }
  return ranges;
}

/** Each arm's share of traffic as assignment really applies it (holdout included), for the sample-ratio check. */
export function armShares(variants: readonly SplitVariant[], holdoutPercent = 0): { arm: string; share: number }[] {
  return bucketRanges(variants, holdoutPercent).map((range) => ({ arm: range.arm, share: (range.end - range.start) / BUCKETS }));
}

export type Assignment = { variant: string } | { holdout: true };

/**
 * The arm a user belongs to: deterministic, so every server and every retry agrees without coordination.
 * The runtime still records the first assignment per user and reuses it (see `weightChange.ts`); this function
 * decides only for users who have none.
 */
export function assignVariant(
  experimentId: string,
  userId: string,
  variants: readonly SplitVariant[],
  holdoutPercent = 0,
): Assignment {
  const bucket = bucketOf(experimentId, userId);
  const range = bucketRanges(variants, holdoutPercent).find((candidate) => bucket < candidate.end);
  // Unreachable: the last range always ends at BUCKETS.
  if (!range) throw new Error(`assignVariant: bucket ${bucket} is outside every range`);
  // Variant ids may not be "holdout" (splitConfigSchema), so the name identifies the holdout range.
  return range.arm === HOLDOUT_ARM ? { holdout: true } : { variant: range.arm };
}
