/**
 * The JSON shape of a compiled journey: a plain xstate v5 machine config. Actions and guards are
 * referenced by name with params, so the config can be stored, diffed, and pasted into Stately's visualiser.
 */
export interface ActionJson {
  type: string;
  params?: Record<string, unknown>;
}

export interface GuardJson {
  type: string;
  params?: Record<string, unknown>;
}

export interface TransitionJson {
  target: string;
  /** Exit and enter the target again even when it is the state the run is in (a wait looping back to itself). */
  reenter?: boolean;
  guard?: GuardJson;
  actions?: ActionJson[];
  description?: string;
}

export interface StateJson {
  type?: 'final';
  description?: string;
  entry?: ActionJson[];
  always?: TransitionJson | TransitionJson[];
  on?: Record<string, TransitionJson | TransitionJson[]>;
  meta?: Record<string, unknown>;
}

export interface MachineJson {
  id: string;
  initial: string;
  description?: string;
  on?: Record<string, TransitionJson | TransitionJson[]>;
  states: Record<string, StateJson>;
}

/** Internal events the runtime sends; product events arrive as `track:<name>`. */
export const WAKEUP_EVENT = 'waymark.wakeup';
export const trackEventType = (name: string) => `track:${name}`;

/** The state every dangling handle falls into, so a half-built draft still compiles. */
export const END_STATE = '(end)';
