import type { AnyMachineSnapshot, AnyStateMachine } from 'xstate';
import { pureInitialTransition, pureTransition, type ActionLike } from './pureTransition.ts';
import { renderTemplate } from '../templates/renderTemplate.ts';
import type { PersistedRun, PlannedOffer, RunEvent, RunStatus, RunTrigger, RunUser, StepPlan, StoredRun } from './runTypes.ts';

export interface StepInput {
  machine: AnyStateMachine;
  journey: { id: string; name: string };
  /** The current time in ms, from the caller's clock (real or simulated). */
  now: number;
}

function statusOf(snapshot: AnyMachineSnapshot): RunStatus {
  if (snapshot.status !== 'done') return 'active';
  const meta = snapshot.getMeta() as Record<string, { outcome?: string } | undefined>;
  const outcome = Object.values(meta).find((m) => m?.outcome)?.outcome;
  return outcome === 'converted' ? 'converted' : 'exited';
}

function planFrom(
  input: StepInput,
  before: AnyMachineSnapshot | undefined,
  beforeTags: readonly string[],
  beforeAssignments: RunUser['assignments'],
  after: AnyMachineSnapshot,
  actions: ActionLike[],
): StepPlan {
  const plan: StepPlan = {
    run: { value: String(after.value), context: after.context },
    status: statusOf(after),
    moved: actions.length > 0 || before === undefined || before.value !== after.value,
    entered: [],
    edges: [],
    wakeups: [],
    offers: [],
    tagsAdded: [],
    tagsRemoved: [],
    assignments: [],
  };
  const ctx = after.context as PersistedRun['context'];
  for (const action of actions) {
    const params = (action.params ?? {}) as Record<string, unknown>;
    switch (action.type) {
      case 'enter':
        plan.entered.push(String(params.node));
        break;
      case 'traverse':
        plan.edges.push(String(params.edge));
        break;
      case 'scheduleWakeup':
        plan.wakeups.push({ node: String(params.node), dueAt: input.now + Number(params.delayMs) });
        break;
      case 'goalReached':
        plan.goalReachedBy = String(params.node);
        break;
      case 'sendOffer':
        plan.offers.push(renderOffer(input, ctx, params));
        break;
      default:
        break; // assign and other built-ins already applied to the context
    }
  }
  plan.tagsAdded = ctx.user.tags.filter((t) => !beforeTags.includes(t));
  plan.tagsRemoved = beforeTags.filter((t) => !ctx.user.tags.includes(t));
  // Arms recorded by a split in this step (assignVariant is an assign: it shows in the context, not the actions).
  for (const [key, arm] of Object.entries(ctx.user.assignments ?? {})) {
    if (beforeAssignments?.[key] === undefined) plan.assignments.push({ node: key.slice(key.lastIndexOf('/') + 1), key, arm });
  }
  // Only the wait the run now rests in may stay scheduled: a wait passed through within this step is moot.
  plan.wakeups = plan.wakeups.filter((w) => plan.status === 'active' && w.node === plan.run.value);
  return plan;
}

function renderOffer(input: StepInput, ctx: PersistedRun['context'], params: Record<string, unknown>): PlannedOffer {
  const channel = params.channel === 'email' ? 'email' : 'webhook';
  const offer: PlannedOffer = {
    node: String(params.node),
    offer: String(params.offer),
    channel,
    cost: typeof params.cost === 'number' ? params.cost : 0,
    ...(typeof params.url === 'string' ? { url: params.url } : {}),
    ...(typeof params.subject === 'string' ? { subject: params.subject } : {}),
  };
  try {
    offer.message = renderTemplate(
      String(params.template ?? ''),
      {
        user: ctx.user,
        traits: ctx.user.traits,
        tags: ctx.user.tags,
        event: ctx.trigger,
        offer: { code: offer.offer },
        journey: input.journey,
      },
      channel === 'email',
    );
  } catch (error) {
    offer.renderError = (error as Error).message.split('\n')[0];
  }
  return offer;
}

/** What the store keeps of a run: everything but the user (see `StoredRun`). */
export function storedRun(run: PersistedRun): StoredRun {
  return { value: run.value, context: withoutUser(run.context) };
}

/** A run's context without the user it may carry: a plan's, or a run stored by a version that kept one. */
function withoutUser(context: StoredRun['context'] & { user?: RunUser }): StoredRun['context'] {
  const { user: _user, ...rest } = context;
  return rest;
}

/** Enters a user into a journey: the trigger state and every instant step after it. Pure. */
export function startRun(input: StepInput, user: RunUser, trigger: RunTrigger): StepPlan {
  const [snapshot, actions] = pureInitialTransition(input.machine, { user, trigger, journey: { id: input.journey.id } });
  return planFrom(input, undefined, user.tags, user.assignments, snapshot, actions);
}

/**
 * Feeds one event to a stored run with the user's current profile. Pure: returns the plan (next snapshot,
 * wakeups, offers, tag changes) and leaves committing it to the caller. A run stored before runs left the user
 * out still carries one; the profile given here replaces it.
 */
export function advanceRun(input: StepInput, run: StoredRun, user: RunUser, event: RunEvent): StepPlan {
  // The user first, as the machine's own context has it (one object shape for every run's context); a user
  // stored with the run by an earlier version is dropped for the profile.
  const before = input.machine.resolveState({ value: run.value, context: { user, ...withoutUser(run.context) } });
  // xstate's pure `transition` still takes root-level transitions from a final state, so without this a goal
  // event arriving after the user left (or converted) would move the run into the goal again.
  if (before.status !== 'active') return planFrom(input, before, user.tags, user.assignments, before, []);
  const [after, actions] = pureTransition(input.machine, before, event);
  return planFrom(input, before, user.tags, user.assignments, after, actions);
}
