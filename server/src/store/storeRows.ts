import type { JourneyDocument, MachineJson, RunStatus, StoredRun } from '@waymark/shared';
import type { OutboxMessage } from '../delivery/outboxTypes.ts';
import type {
  ArmCounts,
  JourneyExperimentRecord,
  JourneyRecord,
  JourneyStatus,
  JourneyVersion,
  MetricsSnapshot,
  NewOutboxRow,
  NodeStatsRow,
  OutboxView,
  RunRecord,
  StoredEvent,
  TimelineEntry,
  UserRecord,
  WakeupRecord,
} from './storeTypes.ts';

/**
 * Row ⇄ record converters shared by the SQL stores. SQLite rows hold JSON as text and numbers as numbers;
 * PostgreSQL rows hold jsonb already parsed and BIGINT as strings. Records hold parsed values and numbers.
 */
type Row = Record<string, unknown>;
const json = <T>(value: unknown): T => (typeof value === 'string' ? JSON.parse(value) : value) as T;
const num = (v: unknown) => Number(v);
const numOrNull = (v: unknown) => (v === null || v === undefined ? null : Number(v));

export const toJourney = (r: Row): JourneyRecord => ({
  id: String(r.id),
  name: String(r.name),
  status: r.status as JourneyStatus,
  draft: json<JourneyDocument>(r.draft),
  publishedVersion: numOrNull(r.published_version),
  createdAt: num(r.created_at),
  updatedAt: num(r.updated_at),
});

export const toVersion = (r: Row): JourneyVersion => ({
  journeyId: String(r.journey_id),
  version: num(r.version),
  document: json<JourneyDocument>(r.document),
  machine: json<MachineJson>(r.machine),
  publishedAt: num(r.published_at),
});

export const toJourneyExperiment = (r: Row): JourneyExperimentRecord => ({
  id: String(r.id),
  name: String(r.name),
  config: json(r.config),
  status: r.status === 'promoted' ? 'promoted' : 'running',
  promotedVariant: r.promoted_variant === null || r.promoted_variant === undefined ? null : String(r.promoted_variant),
  promotedAt: numOrNull(r.promoted_at),
  createdAt: num(r.created_at),
});

export const toUser = (r: Row): UserRecord => ({
  id: String(r.id),
  traits: json(r.traits),
  tags: json(r.tags),
  assignments: json(r.assignments ?? '{}'),
  firstSeenAt: num(r.first_seen_at),
  lastSeenAt: num(r.last_seen_at),
});

export const toRun = (r: Row): RunRecord => ({
  id: String(r.id),
  journeyId: String(r.journey_id),
  version: num(r.version),
  userId: String(r.user_id),
  status: r.status as RunStatus,
  node: String(r.node),
  snapshot: json<StoredRun>(r.snapshot),
  wakeupId: numOrNull(r.wakeup_id),
  enteredAt: num(r.entered_at),
  updatedAt: num(r.updated_at),
  endedAt: numOrNull(r.ended_at),
});

export const toEvent = (r: Row): StoredEvent => ({
  seq: num(r.seq),
  messageId: String(r.message_id),
  userId: String(r.user_id),
  kind: r.kind as StoredEvent['kind'],
  ...(r.name === null || r.name === undefined ? {} : { name: String(r.name) }),
  payload: json(r.payload),
  timestamp: num(r.timestamp),
  receivedAt: num(r.received_at),
});

export const toWakeup = (r: Row): WakeupRecord => ({
  id: num(r.id),
  kind: r.kind as WakeupRecord['kind'],
  runId: r.run_id === null ? null : String(r.run_id),
  journeyId: String(r.journey_id),
  userId: String(r.user_id),
  node: r.node === null ? null : String(r.node),
  dueAt: num(r.due_at),
});

/** Claimed outbox rows in the order they fell due (UPDATE … RETURNING gives them in no order). */
export const byDueThenId = (a: Row, b: Row) => Number(a.next_attempt_at) - Number(b.next_attempt_at) || Number(a.id) - Number(b.id);

export const toOutboxMessage = (r: Row): OutboxMessage => {
  const payload = json<{ journeyName: string; url?: string; to?: string; subject?: string; message: string }>(r.payload);
  return {
    id: num(r.id),
    runId: String(r.run_id),
    journeyId: String(r.journey_id),
    journeyName: payload.journeyName,
    userId: String(r.user_id),
    node: String(r.node),
    channel: r.channel as OutboxMessage['channel'],
    offer: String(r.offer),
    ...(payload.url ? { url: payload.url } : {}),
    ...(payload.to ? { to: payload.to } : {}),
    ...(payload.subject ? { subject: payload.subject } : {}),
    message: payload.message,
    cost: num(r.cost),
    attempts: num(r.attempts),
    createdAt: num(r.created_at),
  };
};

/** A run's values in the runs table's column order, as both stores insert them (id … ended_at). */
export const runValues = (run: RunRecord): unknown[] => [
  run.id,
  run.journeyId,
  run.version,
  run.userId,
  run.status,
  run.node,
  JSON.stringify(run.snapshot),
  run.wakeupId,
  run.enteredAt,
  run.updatedAt,
  run.endedAt,
];

/**
 * A new outbox row's values as both stores insert them, in this column order: run_id, journey_id, user_id, node,
 * channel, offer, payload, cost, status, next_attempt_at (now), last_error.
 */
export const outboxValues = (r: NewOutboxRow, now: number): unknown[] => [
  r.runId,
  r.journeyId,
  r.userId,
  r.node,
  r.channel,
  r.offer,
  JSON.stringify({ journeyName: r.journeyName, url: r.url, to: r.to, subject: r.subject, message: r.message }),
  r.cost,
  r.deadReason ? 'dead' : 'pending',
  now,
  r.deadReason ?? null,
];

/** The message a row just written will be, as a claim would read it back: for the hand-off (`OutboxHandOff`). */
export const toNewOutboxMessage = (id: number, r: NewOutboxRow, now: number): OutboxMessage => ({
  id,
  runId: r.runId,
  journeyId: r.journeyId,
  journeyName: r.journeyName,
  userId: r.userId,
  node: r.node,
  channel: r.channel,
  offer: r.offer,
  ...(r.url ? { url: r.url } : {}),
  ...(r.to ? { to: r.to } : {}),
  ...(r.subject ? { subject: r.subject } : {}),
  message: r.message,
  cost: r.cost,
  attempts: 0,
  createdAt: now,
});

export const toOutboxView = (r: Row): OutboxView => ({
  id: num(r.id),
  journeyId: String(r.journey_id),
  userId: String(r.user_id),
  runId: String(r.run_id),
  node: String(r.node),
  channel: String(r.channel),
  offer: String(r.offer),
  status: r.status as OutboxView['status'],
  attempts: num(r.attempts),
  lastError: r.last_error === null ? null : String(r.last_error),
  createdAt: num(r.created_at),
  sentAt: numOrNull(r.sent_at),
});

/** Ids a step row leaves for its entries: room for far more entries than a step can write (5,000 nodes a journey). */
export const TIMELINE_IDS_PER_STEP = 2 ** 20;

/**
 * Timeline step rows, newest first, as the user's newest `limit` entries, newest first. Each row holds its
 * step's entries in the order they happened (a step row migrated from the one-row-per-entry table holds one).
 */
export function toTimelineEntries(rows: Row[], limit: number): TimelineEntry[] {
  const out: TimelineEntry[] = [];
  for (const r of rows) {
    const entries = json<Array<Record<string, unknown>>>(r.entries);
    for (let i = entries.length - 1; i >= 0 && out.length < limit; i--) {
      const e = entries[i]!;
      out.push({
        id: num(r.id) * TIMELINE_IDS_PER_STEP + i,
        userId: String(r.user_id),
        at: num(r.at),
        kind: e.kind as TimelineEntry['kind'],
        ...(e.journeyId ? { journeyId: String(e.journeyId) } : {}),
        ...(e.runId ? { runId: String(e.runId) } : {}),
        ...(e.node ? { node: String(e.node) } : {}),
        detail: (e.detail ?? {}) as Record<string, unknown>,
      });
    }
  }
  return out;
}

/** A journey's counters and who waits where, from the three grouped queries both stores run. */
export const toNodeStats = (nodes: Row[], edges: Row[], waiting: Row[]) => ({
  nodes: nodes.map((r): NodeStatsRow => ({ node: String(r.node), entered: Number(r.entered) })),
  edges: edges.map((r) => ({ edge: String(r.edge), taken: Number(r.taken) })),
  waiting: waiting.map((r): NodeStatsRow => ({ node: String(r.node), entered: Number(r.n) })),
});

/** A journey's totals from its run and offer totals rows (RUN_TOTALS_SQL, OFFER_TOTALS_SQL). */
export const toJourneyTotals = (runs: Row | undefined, offers: Row | undefined) => ({
  entered: Number(runs?.entered ?? 0),
  active: Number(runs?.active ?? 0),
  converted: Number(runs?.converted ?? 0),
  exited: Number(runs?.exited ?? 0),
  offersSent: Number(offers?.sent ?? 0),
  offersPending: Number(offers?.pending ?? 0),
  offersDead: Number(offers?.dead ?? 0),
  offerCost: Number(offers?.cost ?? 0),
});

/** One arm's row of ARM_COUNTS_SQL. */
export const toArmCounts = (r: Row): ArmCounts => ({
  arm: String(r.arm),
  entered: Number(r.entered),
  converted: Number(r.converted),
  revenue: Number(r.revenue),
  offersSent: Number(r.offers_sent),
  offerCost: Number(r.offer_cost),
  pending: Number(r.pending),
  pendingConverted: Number(r.pending_converted),
});

/** The row of METRICS_SQL. */
export const toMetricsSnapshot = (r: Row): MetricsSnapshot => ({
  runsActive: Number(r.runs_active),
  wakeupsDue: Number(r.wakeups_due),
  wakeupsLate: Number(r.wakeups_late),
  wakeupsTotal: Number(r.wakeups_total),
  outboxPending: Number(r.outbox_pending),
  outboxDead: Number(r.outbox_dead),
  eventsPending: Number(r.events_pending),
});
