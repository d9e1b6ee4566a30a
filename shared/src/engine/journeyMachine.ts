import { assign, setup, type AnyStateMachine } from 'xstate';
import type { Condition } from '../conditions/condition.ts';
import { matchConditions } from '../conditions/matchConditions.ts';
import type { MachineJson } from '../compile/machineJson.ts';
import { WAKEUP_EVENT } from '../compile/machineJson.ts';
import type { RunContext, RunEvent, RunTrigger, RunUser } from './runTypes.ts';
import { assignVariant } from '../experiments/assignVariant.ts';
import { HOLDOUT_ARM, type SplitVariant } from '../experiments/splitConfig.ts';

/** What starts a run: the user, the event that triggered it, and the journey it belongs to. */
export interface RunInput {
  user: RunUser;
  trigger: RunTrigger;
  journey?: { id: string };
}

/** The key an experiment's assignments are recorded under: one split node of one journey. */
export const experimentKey = (journeyId: string | undefined, node: string) => `${journeyId ?? 'journey'}/${node}`;

/** Adds then removes tags, keeping order stable and without duplicates. */
export function applyTagChange(tags: readonly string[], add: readonly string[], remove: readonly string[]): string[] {
  const next = [...tags];
  for (const tag of add) if (!next.includes(tag)) next.push(tag);
  return next.filter((tag) => !remove.includes(tag));
}

/**
 * The implementations behind the names a compiled journey references. Guards and `applyTags` (context only)
 * run inside xstate's pure transition; every other action (`enter`, `traverse`, `scheduleWakeup`,
 * `sendOffer`, `goalReached`) has no implementation here on purpose: it comes back as data for the runtime.
 */
const journeySetup = setup({
  types: {} as { context: RunContext; events: RunEvent; input: RunInput },
  guards: {
    isWakeupFor: ({ event }, params: { node: string }) => event.type === WAKEUP_EVENT && 'node' in event && event.node === params.node,
    // The name is checked again because xstate reads an event type ending in ".*" as a wildcard: a wait until
    // "order.*" would otherwise also take "order" and "order.placed". Machines compiled before carry no name.
    eventMatches: ({ event }, params: { event?: string; where: Condition[] }) =>
      'properties' in event && (params.event === undefined || event.name === params.event) && matchConditions(event.properties, params.where),
    hasTag: ({ context }, params: { tag: string }) => context.user.tags.includes(params.tag),
    assignedTo: ({ context }, params: { node: string; arm: string }) =>
      context.user.assignments?.[experimentKey(context.journey?.id, params.node)] === params.arm,
  },
  actions: {
    // Sticky: an arm once recorded on the user is reused; only a first entry is hashed.
    assignVariant: assign(({ context }, params: { node: string; variants: SplitVariant[]; holdout: number }) => {
      const key = experimentKey(context.journey?.id, params.node);
      if (context.user.assignments?.[key] !== undefined) return {};
      const assigned = assignVariant(key, context.user.id, params.variants, params.holdout);
      const arm = 'holdout' in assigned ? HOLDOUT_ARM : assigned.variant;
      return { user: { ...context.user, assignments: { ...context.user.assignments, [key]: arm } } };
    }),
    applyTags: assign(({ context }, params: { add: string[]; remove: string[] }) => ({
      user: { ...context.user, tags: applyTagChange(context.user.tags, params.add, params.remove) },
    })),
  },
});

/** Builds the runnable machine for a compiled journey config. */
export function journeyMachine(config: MachineJson): AnyStateMachine {
  // The state names exist only at run time, so xstate infers `never` for them; widen to the untyped machine.
  return journeySetup.createMachine({
    ...(config as object),
    context: ({ input }: { input: RunInput }) => ({ user: input.user, trigger: input.trigger, ...(input.journey ? { journey: input.journey } : {}) }),
  } as never) as unknown as AnyStateMachine;
}
