import { z } from 'zod';
import { describeDuration, durationSchema } from '../duration/duration.ts';
import { whereSchema } from '../conditions/condition.ts';
import { defineNodeKind, type NodeKind } from './defineNodeKind.ts';

const eventName = z.string().trim().min(1, 'expected an event name').max(200);

/**
 * How a user enters the journey. Exactly one of: an event (`event`, optional `where`), a stretch of silence
 * (`inactiveFor`, optionally counting only `event`), or a tag being added (`tagAdded`).
 */
export const triggerDataSchema = z
  .object({
    event: eventName.optional(),
    where: whereSchema.optional(),
    inactiveFor: durationSchema.optional(),
    tagAdded: z.string().trim().min(1, 'expected a tag name, not an empty string').max(100).optional(),
  })
  .superRefine((data, ctx) => {
    const modes = [data.inactiveFor, data.tagAdded, data.event && !data.inactiveFor ? data.event : undefined].filter(
      (v) => v !== undefined,
    );
    if (modes.length === 0)
      ctx.addIssue({ code: 'custom', path: ['event'], message: 'expected one of "event", "inactiveFor" or "tagAdded"' });
    if (data.tagAdded !== undefined && (data.event !== undefined || data.inactiveFor !== undefined))
      ctx.addIssue({ code: 'custom', path: ['tagAdded'], message: 'expected "tagAdded" on its own, without "event" or "inactiveFor"' });
  });
export type TriggerData = z.infer<typeof triggerDataSchema>;

export type TriggerMode =
  | { mode: 'event'; event: string; where: TriggerData['where'] }
  | { mode: 'inactivity'; inactiveFor: string; event: string | undefined }
  | { mode: 'tag'; tag: string };

/** Which of the three entries a trigger describes. */
export function triggerMode(data: TriggerData): TriggerMode {
  if (data.inactiveFor !== undefined) return { mode: 'inactivity', inactiveFor: data.inactiveFor, event: data.event };
  if (data.tagAdded !== undefined) return { mode: 'tag', tag: data.tagAdded };
  return { mode: 'event', event: data.event ?? '', where: data.where };
}

export const triggerNode: NodeKind<TriggerData> = defineNodeKind<TriggerData>({
  kind: 'trigger',
  label: 'Trigger',
  description: 'Where users enter: an event, a stretch of silence, or a tag being added.',
  dataSchema: triggerDataSchema,
  defaults: { event: 'signed_up' },
  handles: () => ['next'],
  summary(data) {
    const mode = triggerMode(data);
    if (mode.mode === 'inactivity')
      return `Silent for ${describeDuration(mode.inactiveFor)}${mode.event ? ` (no ${mode.event})` : ''}`;
    if (mode.mode === 'tag') return `Tag ${mode.tag} added`;
    const filters = mode.where?.length ? ` (${mode.where.length} filter${mode.where.length === 1 ? '' : 's'})` : '';
    return `When ${mode.event}${filters}`;
  },
  toState: (data, ctx) => ({
    description: triggerNode.summary(data),
    entry: [ctx.enter],
    always: ctx.follow('next'),
    meta: { kind: 'trigger' },
  }),
});
