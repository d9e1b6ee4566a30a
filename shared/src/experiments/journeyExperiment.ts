import { z } from 'zod';
import { onlyFields } from '../json/onlyFields.ts';
import { splitConfigSchema, splitVariantSchema, type SplitConfig } from './splitConfig.ts';

/**
 * A journey-level experiment: two or more published journeys (usually a journey and an edited copy) share the
 * traffic of one trigger. Each user is assigned once, by the same sticky hash as a split
 * (`assignVariant('experiment:<id>', user)`), and enters at most the variant they were assigned; the holdout
 * enters none of them and is measured on the first (control) journey's goal.
 */
export const journeyExperimentVariantSchema = onlyFields({
  id: splitVariantSchema.shape.id,
  journeyId: z.string().trim().min(1, 'expected the id of a published journey'),
  weight: splitVariantSchema.shape.weight,
});
export type JourneyExperimentVariant = z.infer<typeof journeyExperimentVariantSchema>;

export const journeyExperimentInputSchema = onlyFields({
  name: z.string().trim().min(1, 'expected a name for the experiment').max(120, 'expected a name of at most 120 characters'),
  /** The first variant is the control unless there is a holdout. */
  variants: z.array(journeyExperimentVariantSchema).min(1, 'expected at least one variant'),
  holdout: z.number().finite().min(0, 'expected a holdout percentage from 0 to 99').max(99, 'expected a holdout percentage from 0 to 99').optional(),
}).superRefine((input, ctx) => {
  // Weights, ids and the holdout follow exactly the rules of a split.
  const split = splitConfigSchema.safeParse(journeyExperimentSplit(input));
  if (!split.success) for (const issue of split.error.issues) ctx.addIssue({ code: 'custom', path: issue.path, message: issue.message });
  const seen = new Set<string>();
  input.variants.forEach((variant, index) => {
    if (seen.has(variant.journeyId))
      ctx.addIssue({ code: 'custom', path: ['variants', index, 'journeyId'], message: `journey "${variant.journeyId}" is already a variant of this experiment` });
    seen.add(variant.journeyId);
  });
});
export type JourneyExperimentInput = z.infer<typeof journeyExperimentInputSchema>;

/** The allocation of a journey experiment, as the split it behaves like. */
export function journeyExperimentSplit(input: { variants: readonly JourneyExperimentVariant[]; holdout?: number | undefined }): SplitConfig {
  return { variants: input.variants.map(({ id, weight }) => ({ id, weight })), ...(input.holdout ? { holdout: input.holdout } : {}) };
}

/** The key a journey experiment's assignments are hashed and recorded under (a split's is `<journey>/<node>`). */
export const journeyExperimentKey = (experimentId: string) => `experiment:${experimentId}`;

/** The node a journey experiment's assignments are recorded under (a split's are under its node id). */
export const JOURNEY_EXPERIMENT_NODE = '*';
