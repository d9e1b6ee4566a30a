import { WAKEUP_EVENT } from '../compile/machineJson.ts';
import { splitConfigSchema, type SplitConfig } from '../experiments/splitConfig.ts';
import { defineNodeKind, type NodeKind } from './defineNodeKind.ts';

/**
 * An A/B split. Each user is assigned an arm once (a sticky hash of experiment and user, recorded on the user
 * so later weight changes never move them) and follows that variant's output. Holdout users stay at the split,
 * receiving nothing, until the attribution window ends; a goal event meanwhile converts them, which is how the
 * holdout's conversions are counted as the control.
 */
export const splitNode: NodeKind<SplitConfig> = defineNodeKind<SplitConfig>({
  kind: 'split',
  label: 'Split',
  description: 'A/B test: send users down one variant each, with an optional holdout that gets nothing.',
  dataSchema: splitConfigSchema,
  defaults: { variants: [{ id: 'A', weight: 50 }, { id: 'B', weight: 50 }] },
  handles: (data) => data.variants.map((v) => v.id),
  summary: (data) => {
    const total = data.variants.reduce((sum, v) => sum + v.weight, 0) || 1;
    const share = 100 - (data.holdout ?? 0);
    const arms = data.variants.map((v) => `${v.id} ${Math.round((v.weight / total) * share)}%`);
    return `Split ${arms.join(' · ')}${data.holdout ? ` · holdout ${data.holdout}%` : ''}`;
  },
  toState: (data, ctx) => ({
    description: splitNode.summary(data),
    entry: [
      ctx.enter,
      { type: 'assignVariant', params: { node: ctx.nodeId, variants: data.variants, holdout: data.holdout ?? 0 } },
      // Only the holdout rests here; for everyone else the run moves on and this wakeup is dropped.
      { type: 'scheduleWakeup', params: { node: ctx.nodeId, delayMs: ctx.attributionWindowMs } },
    ],
    always: data.variants.map((v) => ({ ...ctx.follow(v.id), guard: { type: 'assignedTo', params: { node: ctx.nodeId, arm: v.id } } })),
    on: { [WAKEUP_EVENT]: { ...ctx.end('holdout: attribution window over'), guard: { type: 'isWakeupFor', params: { node: ctx.nodeId } } } },
    meta: { kind: 'split' },
  }),
});
