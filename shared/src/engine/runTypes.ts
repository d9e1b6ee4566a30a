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

/** What a run stores between steps: the state it is in and its context. Delayed events are not in it. */
export interface PersistedRun {
  value: string;
  context: RunContext;
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
