import { compileJourney } from '../compile/compileJourney.ts';
import { trackEventType, WAKEUP_EVENT } from '../compile/machineJson.ts';
import type { JourneyDocument } from '../journey/journeySchema.ts';
import { triggerDataSchema, triggerMode } from '../nodes/triggerNode.ts';
import { advanceRun, startRun, type StepInput } from './advanceRun.ts';
import { journeyMachine } from './journeyMachine.ts';
import type { PlannedOffer, PlannedWakeup, RunEvent, RunStatus, RunTrigger, RunUser, StepPlan } from './runTypes.ts';

/** Something that happens to the user at a moment on the simulated clock (ms since the clock's zero). */
export type ScriptedStep =
  | { at: number; event: { name: string; properties?: Record<string, unknown> } }
  /** A wakeup the script delivers itself, such as a stale timer left over from another wait. */
  | { at: number; wakeup: string };

export interface SimulationOptions {
  user: RunUser;
  /** The event that lets the user in; by default the one the journey's trigger waits for, without properties. */
  trigger?: RunTrigger;
  script?: readonly ScriptedStep[];
  /** When the user enters. Default 0. */
  startAt?: number;
  /** Where the clock stops: nothing due later happens. Default: run until nothing is left to happen. */
  until?: number;
  /** A guard against journeys that never settle (a zero-length wait in a loop). Default 10,000 steps. */
  maxSteps?: number;
}

export type StepCause = { kind: 'start' } | { kind: 'event'; name: string } | { kind: 'wakeup'; node: string; scripted: boolean };

export interface SimulatedStep {
  at: number;
  cause: StepCause;
  plan: StepPlan;
}

export interface SimulationResult {
  status: RunStatus;
  /** The state the run rests in: a wait while active, else the goal, exit or `(end)` it finished in. */
  state: string;
  /** Every node entered, in order, starting with the trigger. */
  path: string[];
  edges: string[];
  offers: Array<PlannedOffer & { at: number }>;
  /** The user's tags at the end. */
  tags: string[];
  /** Set when the goal event converted the run from a wait (exit criteria) rather than by an edge. */
  goalReachedBy?: string;
  /** When the run converted or exited. */
  endedAt?: number;
  /** Why the simulation stopped: the run finished, nothing was left to happen, the clock hit `until`, or `maxSteps`. */
  stoppedBy: 'finished' | 'idle' | 'until' | 'step-limit';
  /** Wakeups still scheduled when it stopped. */
  pending: PlannedWakeup[];
  steps: SimulatedStep[];
}

/** The trigger event the runtime starts a run with, for journeys whose trigger is not a plain event. */
function defaultTrigger(doc: JourneyDocument): RunTrigger {
  const node = doc.nodes.find((n) => n.type === 'trigger');
  const parsed = triggerDataSchema.safeParse(node?.data);
  if (!parsed.success) return { name: 'waymark.trigger', properties: {} };
  const mode = triggerMode(parsed.data);
  if (mode.mode === 'inactivity') return { name: 'waymark.inactive', properties: { inactiveFor: mode.inactiveFor } };
  if (mode.mode === 'tag') return { name: 'waymark.tag_added', properties: { tag: mode.tag } };
  return { name: mode.event, properties: {} };
}

const byDueAt = (a: PlannedWakeup, b: PlannedWakeup) => a.dueAt - b.dueAt || (a.node < b.node ? -1 : a.node > b.node ? 1 : 0);

/**
 * Runs one user through a journey on a simulated clock, driving the same pure `startRun` / `advanceRun` the
 * runtime uses. Wakeups fire at their `dueAt` in time order, interleaved with the script; a wakeup due at the
 * same moment as a scripted event fires first, so a deadline of 3 days means the event must come before 3 days.
 * Like the runtime, a run that moves keeps only the wakeups of its new plan, and a finished run takes no more
 * events. Pure: the same journey, user and script always give the same result.
 */
export function simulateJourney(doc: JourneyDocument, options: SimulationOptions): SimulationResult {
  const machine = journeyMachine(compileJourney(doc));
  const journey = { id: 'simulation', name: doc.name };
  const step = (now: number): StepInput => ({ machine, journey, now });
  const until = options.until ?? Number.POSITIVE_INFINITY;
  const maxSteps = options.maxSteps ?? 10_000;
  // Sorting a copy by time keeps steps given for the same moment in the order the script lists them.
  const script = [...(options.script ?? [])].sort((a, b) => a.at - b.at);

  let now = options.startAt ?? 0;
  let plan = startRun(step(now), options.user, options.trigger ?? defaultTrigger(doc));
  let queue = [...plan.wakeups].sort(byDueAt);
  const steps: SimulatedStep[] = [{ at: now, cause: { kind: 'start' }, plan }];
  let stoppedBy: SimulationResult['stoppedBy'] = 'finished';

  while (plan.status === 'active') {
    const wakeup = queue[0];
    const scripted = script[0];
    if (!wakeup && !scripted) {
      stoppedBy = 'idle';
      break;
    }
    const wakeupFirst = wakeup !== undefined && (scripted === undefined || wakeup.dueAt <= scripted.at);
    const at = Math.max(now, wakeupFirst ? (wakeup as PlannedWakeup).dueAt : (scripted as ScriptedStep).at);
    if (at > until) {
      stoppedBy = 'until';
      break;
    }
    if (steps.length - 1 >= maxSteps) {
      stoppedBy = 'step-limit';
      break;
    }
    now = at;
    let event: RunEvent;
    let cause: StepCause;
    if (wakeupFirst) {
      queue.shift();
      event = { type: WAKEUP_EVENT, node: (wakeup as PlannedWakeup).node };
      cause = { kind: 'wakeup', node: (wakeup as PlannedWakeup).node, scripted: false };
    } else {
      const next = script.shift() as ScriptedStep;
      if ('wakeup' in next) {
        event = { type: WAKEUP_EVENT, node: next.wakeup };
        cause = { kind: 'wakeup', node: next.wakeup, scripted: true };
      } else {
        event = { type: trackEventType(next.event.name) as `track:${string}`, name: next.event.name, properties: next.event.properties ?? {} };
        cause = { kind: 'event', name: next.event.name };
      }
    }
    plan = advanceRun(step(now), plan.run, plan.run.context.user, event);
    if (plan.moved) queue = [...plan.wakeups].sort(byDueAt);
    steps.push({ at: now, cause, plan });
  }

  const goal = steps.find((s) => s.plan.goalReachedBy !== undefined)?.plan.goalReachedBy;
  return {
    status: plan.status,
    state: plan.run.value,
    path: steps.flatMap((s) => s.plan.entered),
    edges: steps.flatMap((s) => s.plan.edges),
    offers: steps.flatMap((s) => s.plan.offers.map((offer) => ({ ...offer, at: s.at }))),
    tags: plan.run.context.user.tags,
    ...(goal !== undefined ? { goalReachedBy: goal } : {}),
    ...(plan.status !== 'active' ? { endedAt: now } : {}),
    stoppedBy,
    pending: plan.status === 'active' ? queue : [],
    steps,
  };
}
