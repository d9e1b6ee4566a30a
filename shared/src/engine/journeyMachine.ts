import { assign, setup, type AnyStateMachine } from 'xstate';
import type { Condition } from '../conditions/condition.ts';
import { matchConditions } from '../conditions/matchConditions.ts';
import type { MachineJson } from '../compile/machineJson.ts';
import { WAKEUP_EVENT } from '../compile/machineJson.ts';
import type { RunContext, RunEvent, RunTrigger, RunUser } from './runTypes.ts';

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
  types: {} as { context: RunContext; events: RunEvent; input: { user: RunUser; trigger: RunTrigger } },
  guards: {
    isWakeupFor: ({ event }, params: { node: string }) => event.type === WAKEUP_EVENT && 'node' in event && event.node === params.node,
    eventMatches: ({ event }, params: { where: Condition[] }) => 'properties' in event && matchConditions(event.properties, params.where),
    hasTag: ({ context }, params: { tag: string }) => context.user.tags.includes(params.tag),
  },
  actions: {
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
    context: ({ input }: { input: { user: RunUser; trigger: RunTrigger } }) => ({ user: input.user, trigger: input.trigger }),
  } as never) as unknown as AnyStateMachine;
}
