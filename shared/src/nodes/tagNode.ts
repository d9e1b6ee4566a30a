import { z } from 'zod';
import { defineNodeKind, type NodeKind } from './defineNodeKind.ts';

const tagName = z.string().trim().min(1, 'expected a tag name, not an empty string').max(100);

export const tagDataSchema = z
  .object({ add: z.array(tagName).max(50).optional(), remove: z.array(tagName).max(50).optional() })
  .refine((d) => (d.add?.length ?? 0) + (d.remove?.length ?? 0) > 0, {
    path: ['add'],
    message: 'expected at least one tag to add or remove',
  });
export type TagData = z.infer<typeof tagDataSchema>;

export const tagNode: NodeKind<TagData> = defineNodeKind<TagData>({
  kind: 'tag',
  label: 'Tag',
  description: 'Add or remove tags on the user.',
  dataSchema: tagDataSchema,
  defaults: { add: ['engaged'] },
  handles: () => ['next'],
  summary: (data) =>
    [data.add?.length ? `Add ${data.add.join(', ')}` : '', data.remove?.length ? `Remove ${data.remove.join(', ')}` : '']
      .filter(Boolean)
      .join(' · '),
  toState: (data, ctx) => ({
    description: tagNode.summary(data),
    entry: [ctx.enter, { type: 'applyTags', params: { add: data.add ?? [], remove: data.remove ?? [] } }],
    always: ctx.follow('next'),
    meta: { kind: 'tag' },
  }),
});
