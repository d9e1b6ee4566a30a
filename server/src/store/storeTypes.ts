import type { JourneyDocument, JourneyStatus, JourneyTotals as ApiJourneyTotals, MachineJson, RunStatus, StoredRun, TimelineEntry as ApiTimelineEntry, TimelineKind, UserOffer } from '@waymark/shared';
import type { OutboxHandOff, OutboxStore } from '../delivery/outboxTypes.ts';

export type { JourneyStatus, TimelineKind };

export interface JourneyRecord {
  id: string;
  name: string;
  status: JourneyStatus;
  draft: JourneyDocument;
  publishedVersion: number | null;
  createdAt: number;
  updatedAt: number;
}

export interface JourneyVersion {
  journeyId: string;
  version: number;
  document: JourneyDocument;
  machine: MachineJson;
  publishedAt: number;
}

/** A published, running journey as the runtime needs it. */
export interface LiveJourney {
  id: string;
  name: string;
  status: JourneyStatus;
  version: number;
  document: JourneyDocument;
  machine: MachineJson;
}

export interface UserRecord {
  id: string;
  traits: Record<string, unknown>;
  tags: string[];
  /** Experiment arms by experiment key, recorded once and reused forever (sticky). */
  assignments: Record<string, string>;
  firstSeenAt: number;
  lastSeenAt: number;
}

export interface RunRecord {
  id: string;
  journeyId: string;
  version: number;
  userId: string;
  status: RunStatus;
  node: string;
  snapshot: StoredRun;
  /** The one wakeup this run may act on; any other due wakeup for it is stale. */
  wakeupId: number | null;
  enteredAt: number;
  updatedAt: number;
  endedAt: number | null;
}

export type InboxKind = 'track' | 'identify' | 'tags';

/** An accepted event, as written to the inbox before the 2xx goes out. */
export interface InboxEvent {
  messageId: string;
  userId: string;
  kind: InboxKind;
  /** The track event name; undefined for identify and tag changes. */
  name?: string;
  payload: Record<string, unknown>;
  timestamp: number;
  receivedAt: number;
}

export interface StoredEvent extends InboxEvent {
  seq: number;
}

export type WakeupKind = 'run' | 'inactivity';

export interface WakeupRecord {
  id: number;
  kind: WakeupKind;
  runId: string | null;
  journeyId: string;
  userId: string;
  node: string | null;
  dueAt: number;
}

export interface NewOutboxRow {
  runId: string;
  journeyId: string;
  journeyName: string;
  userId: string;
  node: string;
  channel: 'webhook' | 'email';
  offer: string;
  url?: string;
  to?: string;
  subject?: string;
  message: string;
  cost: number;
  /** A row that can never be sent (a template that failed to render) goes straight to the dead letter. */
  deadReason?: string;
}


/** One entry of a step's timeline, as the runtime writes it; the step gives it its user and time. */
export type StepEntry = Omit<ApiTimelineEntry, 'id' | 'at'>;

/**
 * Everything one event or wakeup added to a user's timeline, stored as one row: a step writes one row however
 * many nodes it passed, so the timeline costs one insert per step rather than one per node.
 */
export interface TimelineStep {
  userId: string;
  at: number;
  entries: StepEntry[];
}

/** A timeline entry as read back. Its id is `step row id × TIMELINE_IDS_PER_STEP + position in the step`. */
export type TimelineEntry = ApiTimelineEntry & { userId: string };

export interface AppendResult {
  stored: number;
  duplicates: number;
  lastSeq: number;
  seqs: Array<number | null>;
}

export type ApplyOne<T> = (tx: StoreTx, item: T) => Promise<void>;
export type FailOne<T> = (tx: StoreTx, item: T, error: unknown) => Promise<void>;

/** Writes made while one event or wakeup is decided; committed together or not at all. */
export interface StoreTx {
  getUser(id: string): Promise<UserRecord | undefined>;
  saveUser(user: UserRecord): Promise<void>;
  activeRuns(userId: string): Promise<RunRecord[]>;
  getRun(id: string): Promise<RunRecord | undefined>;
  /** The compiled machine of one published version (runs finish on the version they entered). */
  getVersionMachine(journeyId: string, version: number): Promise<MachineJson | undefined>;
  /** The most recent run of this user in this journey, for entry rules. */
  latestRun(journeyId: string, userId: string): Promise<RunRecord | undefined>;
  insertRun(run: RunRecord): Promise<void>;
  updateRun(run: RunRecord): Promise<void>;
  insertRunWakeup(w: { runId: string; journeyId: string; userId: string; node: string; dueAt: number }): Promise<number>;
  deleteRunWakeups(runId: string): Promise<void>;
  /** Arms (or re-arms) the inactivity timer of one journey for one user. */
  armInactivity(journeyId: string, userId: string, dueAt: number): Promise<void>;
  deleteWakeup(id: number): Promise<void>;
  insertOutbox(rows: NewOutboxRow[], now: number): Promise<void>;
  /** Appends one step's timeline entries (one row); a step with no entries writes nothing. */
  appendTimeline(step: TimelineStep): Promise<void>;
  bumpStats(journeyId: string, version: number, nodes: string[], edges: string[]): Promise<void>;
  markProcessed(seq: number, now: number): Promise<void>;
  /**
   * Records a user's arm once (later calls for the same experiment and user change nothing). A split's
   * experiment is (journey, split node); a journey experiment's is ("experiment:<id>", "*"), with `goalJourney`
   * naming the journey whose goal decides the conversion. `runId` is empty for a journey experiment's holdout.
   */
  recordAssignment(a: { journeyId: string; node: string; userId: string; arm: string; runId: string; at: number; goalJourney?: string }): Promise<void>;
  /** The user's experiment assignments that have not converted yet, with the journey whose goal counts. */
  openAssignments(userId: string): Promise<Array<{ journeyId: string; node: string; assignedAt: number; goalJourney: string }>>;
  markAssignmentConverted(a: { journeyId: string; node: string; userId: string; at: number; revenue: number }): Promise<void>;
}

/**
 * What the runtime counted for one arm of an experiment, over the users assigned in one analysis phase.
 * `entered`, `converted`, `revenue` and the offers are those of users whose attribution window has closed;
 * `pending` users are still inside it (`pendingConverted` of them have converted already).
 */
export interface ArmCounts {
  arm: string;
  entered: number;
  converted: number;
  revenue: number;
  offersSent: number;
  offerCost: number;
  pending: number;
  pendingConverted: number;
}

/** Which assignments an experiment report reads. */
export interface ArmCountsQuery {
  /** The experiment key: a split's journey id, or "experiment:<id>". */
  experiment: string;
  /** The split node, or "*" for a journey experiment. */
  node: string;
  windowMs: number;
  /** The current analysis phase began here; earlier users are only counted (`earlier`). */
  since: number;
  /** Assignments after this (a promotion) are not part of the experiment. */
  until: number;
  /** Users assigned before `now - windowMs` have matured. */
  now: number;
}

export interface MetricsSnapshot {
  runsActive: number;
  wakeupsDue: number;
  wakeupsLate: number;
  wakeupsTotal: number;
  outboxPending: number;
  outboxDead: number;
  eventsPending: number;
}

export interface JourneyExperimentRecord {
  id: string;
  name: string;
  config: { variants: Array<{ id: string; journeyId: string; weight: number }>; holdout?: number };
  status: 'running' | 'promoted';
  promotedVariant: string | null;
  promotedAt: number | null;
  createdAt: number;
}

export interface Promotion {
  variant: string;
  config: unknown;
  promotedAt: number;
}

export interface NodeStatsRow {
  node: string;
  entered: number;
}

/** Totals as counted by the store; the API adds the conversion rate. */
export type JourneyTotals = Omit<ApiJourneyTotals, 'conversionRate'>;

/** One offer in the outbox, as the API shows it. */
export type OutboxView = UserOffer;

/** Which outbox rows the Deliveries view lists: newest first. */
export interface OutboxFilter {
  journeyId?: string;
  status?: 'pending' | 'sent' | 'dead';
  limit: number;
}

/**
 * Waymark's persistence, kept behind one interface so SQLite (embedded default) and PostgreSQL (scale-out)
 * run the same runtime. Every method is async for that reason, even where SQLite answers synchronously.
 */
export interface Store extends OutboxStore {
  readonly kind: 'sqlite' | 'postgres';
  /**
   * How many apply loops a process should run at once: one for SQLite (one writer), several for PostgreSQL,
   * where each loop works on its own lanes over its own connection.
   */
  readonly workers: number;
  migrate(): Promise<void>;
  close(): Promise<void>;
  ping(): Promise<void>;
  transaction<T>(fn: (tx: StoreTx) => Promise<T>): Promise<T>;
  /** Tells other runtime processes sharing this database that journeys or experiments changed. */
  announceChange(): Promise<void>;
  /** Calls `fn` when another process announces a change; resolves to an unsubscribe. One-process stores never call it. */
  onChange(fn: () => void): Promise<() => Promise<void>>;

  /** Durably appends events, skipping messageIds already seen. `seqs[i]` is event i's seq, or null for a duplicate. */
  appendEvents(events: InboxEvent[]): Promise<AppendResult>;
  /**
   * Appends events as `appendEvents` does and, when the inbox holds nothing older, applies them in the same
   * transaction as `applyPendingEvents` would (each written already processed at `now`), returning those applied
   * in `applied`. With older events waiting, it only appends (`applied` is empty): the apply loop takes them in
   * order. One transaction and one disk flush per event instead of two, and no inbox read or processed mark.
   * Only where one process owns the inbox (SQLite); PostgreSQL applies by lanes across processes.
   */
  appendAndApply?(events: InboxEvent[], now: number, apply: ApplyOne<StoredEvent>, failed: FailOne<StoredEvent>): Promise<AppendResult & { applied: StoredEvent[] }>;
  pendingEvents(limit: number): Promise<StoredEvent[]>;
  /**
   * Applies up to `limit` pending events in one transaction that owns them: no other runtime process applies
   * events of the same users meanwhile, and each user's events go in arrival order (SQLite: one process;
   * PostgreSQL: the users' lane is locked for the transaction). Each event runs in its own savepoint; one that
   * throws is rolled back alone and handed to `failed`, which must mark it processed. Returns the events.
   */
  applyPendingEvents(limit: number, apply: ApplyOne<StoredEvent>, failed: FailOne<StoredEvent>): Promise<StoredEvent[]>;
  /** The same for wakeups due by `now`, leaving out held (paused, archived) journeys. */
  applyDueWakeups(now: number, limit: number, excludeJourneys: string[], apply: ApplyOne<WakeupRecord>, failed: FailOne<WakeupRecord>): Promise<WakeupRecord[]>;
  /** Whether the event with this seq has been applied (by any process). */
  isProcessed(seq: number): Promise<boolean>;
  /** Wakeups due by `now`, oldest first, leaving out those of the given (paused) journeys. */
  dueWakeups(now: number, limit: number, excludeJourneys: string[]): Promise<WakeupRecord[]>;
  /** Gives back leases a dead process held, so a restart resends what it may not have sent. */
  releaseLeases(): Promise<void>;
  /**
   * Hands every offer a transaction writes, once durable, straight to this process's dispatcher (`OutboxHandOff`)
   * instead of leaving it to be claimed. Stores without it (PostgreSQL) are drained by claims alone.
   */
  handOffOutbox?(target: OutboxHandOff): void;

  createJourney(id: string, draft: JourneyDocument, now: number): Promise<JourneyRecord>;
  updateDraft(id: string, draft: JourneyDocument, now: number): Promise<JourneyRecord | undefined>;
  getJourney(id: string): Promise<JourneyRecord | undefined>;
  listJourneys(): Promise<JourneyRecord[]>;
  setJourneyStatus(id: string, status: JourneyStatus, now: number): Promise<void>;
  publishJourney(id: string, document: JourneyDocument, machine: MachineJson, now: number): Promise<number>;
  getVersion(journeyId: string, version: number): Promise<JourneyVersion | undefined>;
  /** Arms an inactivity trigger for every known user, due when their silence reaches `ms` (or now, if it has). */
  armInactivityForAll(journeyId: string, ms: number, now: number): Promise<void>;
  liveJourneys(): Promise<LiveJourney[]>;

  nodeStats(journeyId: string): Promise<{ nodes: NodeStatsRow[]; edges: Array<{ edge: string; taken: number }>; waiting: NodeStatsRow[] }>;
  journeyTotals(journeyId: string): Promise<JourneyTotals>;
  userRuns(userId: string): Promise<RunRecord[]>;
  /** A user's newest `limit` timeline entries, newest first (entries of one step: last written first). */
  userTimeline(userId: string, limit: number): Promise<TimelineEntry[]>;
  getUserProfile(userId: string): Promise<UserRecord | undefined>;
  userOffers(userId: string): Promise<OutboxView[]>;
  listOutbox(filter: OutboxFilter): Promise<OutboxView[]>;
  retryDead(id: number, now: number): Promise<boolean>;

  /** Stored state for the metrics gauges: cheap counts over indexes. `lateMs`: how far past due counts as late. */
  metricsSnapshot(now: number, lateMs: number): Promise<MetricsSnapshot>;

  /** Per-arm counts of one phase, and how many users were assigned in earlier phases. */
  experimentArms(query: ArmCountsQuery): Promise<{ arms: ArmCounts[]; earlier: number }>;
  /** Every published version of a journey, oldest first (for a split's allocation phases). */
  journeyVersions(journeyId: string): Promise<JourneyVersion[]>;
  createJourneyExperiment(record: JourneyExperimentRecord): Promise<void>;
  listJourneyExperiments(): Promise<JourneyExperimentRecord[]>;
  getJourneyExperiment(id: string): Promise<JourneyExperimentRecord | undefined>;
  promoteJourneyExperiment(id: string, variant: string, at: number): Promise<void>;
  getPromotion(journeyId: string, node: string): Promise<Promotion | undefined>;
  savePromotion(journeyId: string, node: string, promotion: Promotion): Promise<void>;
}
