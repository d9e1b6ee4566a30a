import { WAKEUP_EVENT } from '../compile/machineJson.ts';
import { advanceRun, type StepInput } from './advanceRun.ts';
import type { StepPlan } from './runTypes.ts';

/**
 * How many waits one step may pass through in a row. A loop of zero-length waits would otherwise go round for
 * ever inside one transaction; past this, the wait is scheduled as usual and the loop goes on one wakeup at a time.
 */
export const MAX_WAITS_PASSED = 20;

/**
 * Carries a plan on through every wait that is already due when the step is decided (a `0s` wait, or a wait
 * whose time has come while the run was being moved), as if its wakeup had fired at once: the run, its offers
 * and its counters then land in the step's one transaction instead of a wakeup row written, polled, fired and
 * deleted again a moment later. Durability is the same, since the step commits as a whole or not at all.
 * A wait still in the future is left scheduled. Pure.
 */
export function passDueWaits(input: StepInput, first: StepPlan, beforeTags: readonly string[]): StepPlan {
  let plan = first;
  for (let passed = 0; passed < MAX_WAITS_PASSED; passed++) {
    const due = plan.status === 'active' ? plan.wakeups.find((w) => w.dueAt <= input.now) : undefined;
    if (!due) break;
    const next = advanceRun(input, plan.run, plan.run.context.user, { type: WAKEUP_EVENT, node: due.node });
    if (!next.moved) break;
    plan = mergePlans(plan, next, beforeTags);
  }
  return plan;
}

/** One plan for two steps taken back to back: the second's run, everything both did, tags against the start. */
function mergePlans(a: StepPlan, b: StepPlan, beforeTags: readonly string[]): StepPlan {
  const tags = b.run.context.user.tags;
  return {
    run: b.run,
    status: b.status,
    moved: true,
    entered: [...a.entered, ...b.entered],
    edges: [...a.edges, ...b.edges],
    wakeups: b.wakeups,
    offers: [...a.offers, ...b.offers],
    tagsAdded: tags.filter((t) => !beforeTags.includes(t)),
    tagsRemoved: beforeTags.filter((t) => !tags.includes(t)),
    assignments: [...a.assignments, ...b.assignments],
    ...((b.goalReachedBy ?? a.goalReachedBy) ? { goalReachedBy: b.goalReachedBy ?? a.goalReachedBy } : {}),
  };
}
