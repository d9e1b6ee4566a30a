import { armShares } from './assignVariant.ts';
import { splitConfigSchema, type SplitConfig } from './splitConfig.ts';

/**
 * Changing the weights of a running experiment
 * ---------------------------------------------
 * Assignment is by bucket ranges, so any weight change moves the boundary between two arms, and a purely
 * hash-based assignment would silently move the users whose buckets lie between the old and new boundary.
 * Waymark's rule:
 *
 * 1. Sticky forever. The runtime records a user's arm the first time they reach the split and reuses the
 *    record on every later visit; `assignVariant` decides only for users without a record. No change to a
 *    split ever moves a user who has already been assigned.
 * 2. New weights apply to users not yet assigned, and start a new analysis phase. The sequential test and
 *    the sample-ratio check assume a fixed allocation. Pooling users assigned 50/50 on Monday with users
 *    assigned 90/10 on Friday would compare Friday-heavy B with Monday-heavy A, which is biased whenever the
 *    conversion rate moves during the week (Simpson's paradox). So the verdict reads only the users assigned
 *    since the last change of allocation; earlier users keep their arm and still show in the totals.
 *    A change that keeps every arm's share (50/50 → 1/1) is not a change of allocation.
 * 3. Refused changes (`weightChangeProblems`):
 *    - removing a variant that has users: its users' recorded arm would point nowhere. Pause it with weight 0:
 *      it takes no new users and the ones it has keep their path;
 *    - renaming a variant: recorded assignments name the id; change the handle's label instead;
 *    - changing the holdout percentage: the holdout is the long-running control, promised nothing "from this
 *      point on"; growing or shrinking it would move users into or out of the control, or mix holdout
 *      cohorts with different rules;
 *    - any split that is not valid on its own (`splitConfigSchema`).
 *    Adding a variant is allowed; it changes the allocation, so it starts a new phase.
 */

/**
 * Why `next` may not replace the running split `current`, in plain words (empty when it may).
 * `assignedUsers` maps variant ids to how many users have been assigned to them; an id missing from it, or
 * no map at all, counts as "has users", so that the check errs on the side of refusing.
 */
export function weightChangeProblems(
  current: SplitConfig,
  next: SplitConfig,
  assignedUsers?: Readonly<Record<string, number>>,
): string[] {
  const parsed = splitConfigSchema.safeParse(next);
  if (!parsed.success) return parsed.error.issues.map((issue) => issue.message);

  const problems: string[] = [];
  const nextIds = new Set(next.variants.map((variant) => variant.id));
  const currentIds = new Set(current.variants.map((variant) => variant.id));
  current.variants.forEach((variant, index) => {
    if (nextIds.has(variant.id)) return;
    const users = assignedUsers?.[variant.id];
    if (users === 0) return;
    const who = users === undefined ? 'may have users' : `has ${users.toLocaleString('en-US')} user${users === 1 ? '' : 's'}`;
    const replacement = next.variants[index];
    if (replacement && !currentIds.has(replacement.id)) {
      problems.push(
        `Variant "${variant.id}" cannot be renamed to "${replacement.id}": it ${who} whose assignment is recorded ` +
          `under "${variant.id}". Keep the id and change the label.`,
      );
    } else {
      problems.push(`Variant "${variant.id}" cannot be removed: it ${who}. Set its weight to 0 to stop sending new users to it.`);
    }
  });

  const currentHoldout = current.holdout ?? 0;
  const nextHoldout = next.holdout ?? 0;
  if (nextHoldout !== currentHoldout) {
    problems.push(
      `The holdout cannot change from ${currentHoldout}% to ${nextHoldout}% on a running experiment: it would move ` +
        'users into or out of the control group. Start a new experiment instead.',
    );
  }
  return problems;
}

/**
 * Whether `next` assigns new users in different proportions from `current`, which starts a new analysis
 * phase (rule 2 above). Compared on the bucket ranges actually used, so 50/50 and 1/1 are the same allocation.
 */
export function changesAllocation(current: SplitConfig, next: SplitConfig): boolean {
  const shareOf = (split: SplitConfig) =>
    new Map(armShares(split.variants, split.holdout).filter((arm) => arm.share > 0).map((arm) => [arm.arm, arm.share]));
  const before = shareOf(current);
  const after = shareOf(next);
  if (before.size !== after.size) return true;
  for (const [arm, share] of before) if (after.get(arm) !== share) return true;
  return false;
}
