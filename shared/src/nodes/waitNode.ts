import { z } from 'zod';
import { describeDuration, durationSchema, parseDuration } from '../duration/duration.ts';
import { whereSchema } from '../conditions/condition.ts';
import { trackEventType, WAKEUP_EVENT } from '../compile/machineJson.ts';
import { defineNodeKind, type NodeKind } from './defineNodeKind.ts';

/** Either a fixed delay (`for`), or an event with a deadline (`until` + `timeout`). */
export const waitDataSchema = z
  .object({
    for: durationSchema.optional(),
    until: z
      .object({ event: z.string().trim().min(1, 'expected an event name').max(200), where: whereSchema.optional() })
      .optional(),
    timeout: durationSchema.optional(),
  })
  .superRefine((data, ctx) => {
    if (data.for !== undefined && data.until !== undefined)
      ctx.addIssue({ code: 'custom', path: ['for'], message: 'expected either "for" or "until", not both' });
    else if (data.for === undefined && data.until === undefined)
      ctx.addIssue({ code: 'custom', path: ['for'], message: 'expected "for" (a duration) or "until" (an event with a timeout)' });
    else if (data.until !== undefined && data.timeout === undefined)
      ctx.addIssue({ code: 'custom', path: ['timeout'], message: 'expected a timeout such as "7d" for a wait until an event' });
  });
export type WaitData = z.infer<typeof waitDataSchema>;

const isUntil = (data: WaitData): data is WaitData & { until: NonNullable<WaitData['until']> } => data.until !== undefined;

export const waitNode: NodeKind<WaitData> = defineNodeKind<WaitData>({
  kind: 'wait',
  label: 'Wait',
  description: 'Hold users for a while, or until they do something.',
  dataSchema: waitDataSchema,
  defaults: { for: '1d' },
  handles: (data) => (isUntil(data) ? ['event', 'timeout'] : ['next']),
  summary: (data) =>
    isUntil(data)
      ? `Until ${data.until.event} · ${describeDuration(data.timeout ?? '')}`
      : `Wait ${describeDuration(data.for ?? '')}`,
  toState(data, ctx) {
    const delay = parseDuration((isUntil(data) ? data.timeout : data.for) ?? '') ?? 0;
    const wakeupGuard = { type: 'isWakeupFor', params: { node: ctx.nodeId } };
    const entry = [ctx.enter, { type: 'scheduleWakeup', params: { node: ctx.nodeId, delayMs: delay } }];
    if (!isUntil(data)) {
      return {
        description: waitNode.summary(data),
        entry,
        on: { [WAKEUP_EVENT]: { ...ctx.follow('next'), guard: wakeupGuard } },
        meta: { kind: 'wait' },
      };
    }
    return {
      description: waitNode.summary(data),
      entry,
      on: {
        [trackEventType(data.until.event)]: { ...ctx.follow('event'), guard: { type: 'eventMatches', params: { event: data.until.event, where: data.until.where ?? [] } } },
        [WAKEUP_EVENT]: { ...ctx.follow('timeout'), guard: wakeupGuard },
      },
      meta: { kind: 'wait' },
    };
  },
});
