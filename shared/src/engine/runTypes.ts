/** The user as a run sees it: refreshed from the profile before every step. */
export interface RunUser {
  id: string;
  traits: Record<string, unknown>;
  tags: string[];
  /** Experiment arms this user was ever assigned, by experiment key (`<journey>/<split node>`): sticky forever. */
  assignments?: Record<string, string>;
}

/** The event that started a run, kept for templates. */
export interface RunTrigger {
  name: string;
  properties: Record<string, unknown>;
}

export interface RunContext {
  user: RunUser;
  trigger: RunTrigger;
  /** The journey the run belongs to; experiment keys are scoped by it. */
  journey?: { id: string };
}

export type RunEvent =
  | { type: `track:${string}`; name: string; properties: Record<string, unknown> }
  | { type: 'waymark.wakeup'; node: string };

/** A run as a step leaves it: the state it is in and its context. Delayed events are not in it. */
export interface PersistedRun {
  value: string;
  context: RunContext;
}

/**
 * What the store keeps of a run between steps: `PersistedRun` without the user. The profile is the truth about
 * a user and every step is handed it afresh (`advanceRun`), so a copy in each run would only be rewritten by
 * every step, for every run the user is in, and be stale in between.
 */
export interface StoredRun {
  value: string;
  context: Omit<RunContext, 'user'>;
}

export type RunStatus = 'active' | 'converted' | 'exited';

export interface PlannedWakeup {
  node: string;
  dueAt: number;
}

export interface PlannedOffer {
  node: string;
  offer: string;
  channel: 'webhook' | 'email';
  url?: string;
  subject?: string;
  cost: number;
  /** The rendered message, or undefined when the template failed (see `renderError`). */
  message?: string;
  renderError?: string;
}

/** The plan one step produces: everything the runtime must commit, and nothing it has done yet. */
export interface StepPlan {
  run: PersistedRun;
  status: RunStatus;
  /** False when the event did not concern the run (nothing to commit). */
  moved: boolean;
  entered: string[];
  edges: string[];
  wakeups: PlannedWakeup[];
  offers: PlannedOffer[];
  tagsAdded: string[];
  tagsRemoved: string[];
  /** Arms assigned in this step (first-time assignments only; sticky ones are not repeated). */
  assignments: Array<{ node: string; key: string; arm: string }>;
  /** Set when the goal event converted the run from where it waited (exit criteria). */
  goalReachedBy?: string;
}
