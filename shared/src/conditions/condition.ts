import { z } from 'zod';

export const conditionOps = ['eq', 'neq', 'gt', 'gte', 'lt', 'lte', 'in', 'exists'] as const;
export type ConditionOp = (typeof conditionOps)[number];

const scalar = z.union([z.string(), z.number(), z.boolean(), z.null()]);

/** One rule on an event property: `{"property": "plan", "op": "eq", "value": "pro"}`. Dots reach into objects. */
export const conditionSchema = z
  .object({
    property: z.string().min(1, 'expected a property name'),
    op: z.enum(conditionOps, { message: `expected one of ${conditionOps.join(', ')}` }),
    value: z.union([scalar, z.array(scalar)]).optional(),
  })
  .superRefine((c, ctx) => {
    if (c.op === 'exists') return;
    if (c.value === undefined) ctx.addIssue({ code: 'custom', path: ['value'], message: `expected a value for "${c.op}"` });
    else if (c.op === 'in' && !Array.isArray(c.value))
      ctx.addIssue({ code: 'custom', path: ['value'], message: 'expected an array of values for "in"' });
    else if (c.op !== 'in' && Array.isArray(c.value))
      ctx.addIssue({ code: 'custom', path: ['value'], message: `expected a single value for "${c.op}"` });
  });

export type Condition = z.infer<typeof conditionSchema>;
export const whereSchema = z.array(conditionSchema).max(50);
