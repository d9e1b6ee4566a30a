import { z } from 'zod';

/**
 * What the runtime counts per arm for one analysis phase (users assigned since the last change of allocation,
 * see `weightChange.ts`), each user counted once their attribution window has closed.
 */
export const experimentArmSchema = z
  .object({
    id: z.string().trim().min(1, 'expected an arm id'),
    /** Declared weight (the holdout's is its percentage); only proportions matter. */
    weight: z.number().finite().nonnegative('expected a weight of zero or more'),
    entered: z.number().int().nonnegative('expected a whole number of users'),
    /** Users with the goal event within the attribution window after entry. */
    converted: z.number().int().nonnegative('expected a whole number of conversions'),
    offersSent: z.number().int().nonnegative('expected a whole number of offers'),
    offerCost: z.number().finite().nonnegative('expected an offer cost of zero or more'),
    /** Sum of the goal events' `revenue` property; refunds may make it negative. */
    revenue: z.number().finite(),
  })
  .refine((arm) => arm.converted <= arm.entered, { message: 'expected no more conversions than users', path: ['converted'] });
export type ExperimentArm = z.infer<typeof experimentArmSchema>;

export const minimumSampleSchema = z.object({
  perArm: z.number().int().min(1, 'expected at least 1 user per arm'),
  conversionsPerArm: z.number().int().min(1, 'expected at least 1 conversion per arm'),
});
export type MinimumSample = z.infer<typeof minimumSampleSchema>;

export const experimentInputSchema = z
  .object({
    /** The arm the others are compared with: the holdout, or the current version of the journey. */
    control: z.string(),
    arms: z.array(experimentArmSchema).min(2, 'expected a control and at least one other arm'),
    minimumSample: minimumSampleSchema.optional(),
  })
  .superRefine((input, ctx) => {
    const ids = new Set<string>();
    input.arms.forEach((arm, index) => {
      if (ids.has(arm.id)) ctx.addIssue({ code: 'custom', path: ['arms', index, 'id'], message: `arm id "${arm.id}" is used twice` });
      ids.add(arm.id);
    });
    const control = input.arms.find((arm) => arm.id === input.control);
    const message = !control
      ? `expected the control to be one of the arms: ${[...ids].join(', ')}`
      : control.weight <= 0
        ? 'expected the control to have a weight above 0'
        : undefined;
    if (message) ctx.addIssue({ code: 'custom', path: ['control'], message });
    if (!input.arms.some((arm) => arm.id !== input.control && arm.weight > 0)) {
      ctx.addIssue({ code: 'custom', path: ['arms'], message: 'expected at least one arm besides the control with a weight above 0' });
    }
  });
export type ExperimentInput = z.infer<typeof experimentInputSchema>;
