import { createActor, type AnyActorScope, type AnyMachineSnapshot, type AnyStateMachine, type EventObject } from 'xstate';

/** An action a transition decided on, as xstate hands it to the executor. */
export interface ActionLike {
  type: string;
  params?: unknown;
}

interface Scope {
  scope: AnyActorScope;
  /** Where the scope's executor puts the actions of the transition in progress (calls are synchronous). */
  actions: ActionLike[];
}

const scopes = new WeakMap<AnyStateMachine, Scope>();

/**
 * The inert actor scope of one machine, made once. xstate's own `initialTransition` / `transition` build a new
 * one on every call, and building it constructs an actor that computes the machine's initial state (without
 * input, so a context factory that reads its input throws and the error is caught): over half of a step's cost
 * on a hot path that runs once per event. Nothing here spawns actors, so one scope serves every step.
 */
function scopeOf(machine: AnyStateMachine): Scope {
  let entry = scopes.get(machine);
  if (entry) return entry;
  const self = createActor(machine);
  const made: Scope = { actions: [], scope: undefined as unknown as AnyActorScope };
  made.scope = {
    self,
    id: '',
    sessionId: '',
    system: self.system,
    logger: () => {},
    defer: () => {},
    emit: () => {},
    stopChild: () => {},
    actionExecutor: (action) => {
      made.actions.push(action as ActionLike);
    },
  } as AnyActorScope;
  entry = made;
  scopes.set(machine, entry);
  return entry;
}

/** Same as xstate's `initialTransition`: the first snapshot and the actions to execute, nothing executed. */
export function pureInitialTransition(machine: AnyStateMachine, input: unknown): [AnyMachineSnapshot, ActionLike[]] {
  const s = scopeOf(machine);
  s.actions = [];
  const snapshot = machine.getInitialSnapshot(s.scope, input) as AnyMachineSnapshot;
  return [snapshot, s.actions];
}

/** Same as xstate's `transition`: the next snapshot and the actions to execute, nothing executed. */
export function pureTransition(machine: AnyStateMachine, snapshot: AnyMachineSnapshot, event: EventObject): [AnyMachineSnapshot, ActionLike[]] {
  const s = scopeOf(machine);
  s.actions = [];
  const next = machine.transition(snapshot, event, s.scope) as AnyMachineSnapshot;
  return [next, s.actions];
}
