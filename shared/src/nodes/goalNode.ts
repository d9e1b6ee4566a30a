import { z } from 'zod';
import { whereSchema } from '../conditions/condition.ts';
import { defineNodeKind, type NodeKind } from './defineNodeKind.ts';

/**
 * The journey's goal. Reaching the node converts the run; so does the goal event arriving at any moment while
 * the user is in the journey (exit criteria, compiled as a root-level transition).
 */
export const goalDataSchema = z.object({
  event: z.string().trim().min(1, 'expected the goal event name, such as "purchase"').max(200),
  where: whereSchema.optional(),
});
export type GoalData = z.infer<typeof goalDataSchema>;

export const goalNode: NodeKind<GoalData> = defineNodeKind<GoalData>({
  kind: 'goal',
  label: 'Goal',
  description: 'Users who reach it, or do the goal event at any point, convert and leave.',
  dataSchema: goalDataSchema,
  defaults: { event: 'purchase' },
  handles: () => [],
  summary: (data) => `Goal: ${data.event}`,
  toState: (data, ctx) => ({
    type: 'final',
    description: goalNode.summary(data),
    entry: [ctx.enter],
    meta: { kind: 'goal', outcome: 'converted' },
  }),
});
