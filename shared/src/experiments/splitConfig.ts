import { z } from 'zod';

/** The arm id the holdout's users are reported under; a variant may not use it. */
export const HOLDOUT_ARM = 'holdout';

export const splitVariantSchema = z.object({
  id: z
    .string()
    .trim()
    .min(1, 'expected a variant id such as "A"')
    .max(50, 'expected a variant id of at most 50 characters')
    .refine((id) => id !== HOLDOUT_ARM, { message: `"${HOLDOUT_ARM}" is reserved for the holdout` }),
  weight: z.number().finite().nonnegative('expected a weight of zero or more'),
});
export type SplitVariant = z.infer<typeof splitVariantSchema>;

/**
 * A split: variants share the traffic that is not held out, in proportion to their weights.
 * A weight of 0 pauses a variant (no new users) without removing it; see `weightChange.ts`.
 */
export const splitConfigSchema = z
  .object({
    variants: z.array(splitVariantSchema).min(1, 'expected at least one variant'),
    holdout: z
      .number()
      .finite()
      .min(0, 'expected a holdout percentage from 0 to 99')
      .max(99, 'expected a holdout percentage from 0 to 99')
      .optional(),
  })
  .superRefine((split, ctx) => {
    const seen = new Set<string>();
    split.variants.forEach((variant, index) => {
      if (seen.has(variant.id)) {
        ctx.addIssue({ code: 'custom', path: ['variants', index, 'id'], message: `variant id "${variant.id}" is used twice` });
      }
      seen.add(variant.id);
    });
    if (!split.variants.some((variant) => variant.weight > 0)) {
      ctx.addIssue({ code: 'custom', path: ['variants'], message: 'expected at least one variant with a weight above 0' });
    }
    if (split.variants.length < 2 && !(split.holdout && split.holdout > 0)) {
      ctx.addIssue({ code: 'custom', path: ['variants'], message: 'expected two variants, or one variant and a holdout' });
    }
  });
export type SplitConfig = z.infer<typeof splitConfigSchema>;
