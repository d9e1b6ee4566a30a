import { HOLDOUT_ARM } from '@waymark/shared';

/** How many variant colours `theme.css` defines (`--arm-1` … `--arm-6`); a seventh variant reuses the first. */
export const ARM_COLOURS = 6;

/**
 * The colour an arm is drawn in everywhere it appears (the split's allocation bar and exits, the results
 * chart and table), so "B" is the same colour on the canvas and in the panel: grey for the holdout, then one
 * colour per variant in declared order.
 */
export function armColour(arm: string, variantIndex: number): string {
  if (arm === HOLDOUT_ARM) return 'var(--arm-holdout)';
  return `var(--arm-${(Math.max(0, variantIndex) % ARM_COLOURS) + 1})`;
}

/** Each variant's place among the variants (its colour), the holdout left out, as the split declares them. */
export function variantIndexes(arms: readonly { id: string }[]): Map<string, number> {
  return new Map(arms.filter((arm) => arm.id !== HOLDOUT_ARM).map((arm, i) => [arm.id, i]));
}
