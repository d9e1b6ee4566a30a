import { z } from 'zod';
import { defineNodeKind } from './defineNodeKind.ts';

export const exitDataSchema = z.object({}).loose();
export type ExitData = z.infer<typeof exitDataSchema>;

export const exitNode = defineNodeKind<ExitData>({
  kind: 'exit',
  label: 'Exit',
  description: 'End the journey here.',
  dataSchema: exitDataSchema,
  defaults: {},
  handles: () => [],
  summary: () => 'Exit',
  toState: (_data, ctx) => ({ type: 'final', description: 'Exit', entry: [ctx.enter], meta: { kind: 'exit', outcome: 'exited' } }),
});
