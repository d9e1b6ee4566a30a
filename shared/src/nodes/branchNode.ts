import { z } from 'zod';
import { defineNodeKind, type NodeKind } from './defineNodeKind.ts';

export const branchDataSchema = z.object({
  tag: z.string().trim().min(1, 'expected a tag name, not an empty string').max(100),
});
export type BranchData = z.infer<typeof branchDataSchema>;

export const branchNode: NodeKind<BranchData> = defineNodeKind<BranchData>({
  kind: 'branch',
  label: 'Branch',
  description: 'Send users down "yes" or "no" by whether they carry a tag.',
  dataSchema: branchDataSchema,
  defaults: { tag: 'vip' },
  handles: () => ['yes', 'no'],
  summary: (data) => `Has tag ${data.tag}?`,
  toState: (data, ctx) => ({
    description: branchNode.summary(data),
    entry: [ctx.enter],
    always: [{ ...ctx.follow('yes'), guard: { type: 'hasTag', params: { tag: data.tag } } }, ctx.follow('no')],
    meta: { kind: 'branch' },
  }),
});
