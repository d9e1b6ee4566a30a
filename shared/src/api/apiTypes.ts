import type { JourneyDocument } from '../journey/journeySchema.ts';
import type { FieldProblem } from '../journey/parseJourney.ts';
import type { Violation } from '../validate/violation.ts';
import type { RunStatus } from '../engine/runTypes.ts';
import type { MachineJson } from '../compile/machineJson.ts';
import type { ArmAnalysis, Verdict } from '../experiments/analyzeExperiment.ts';

/**
 * The management API's response shapes: the server's services return them and the canvas reads them, so the
 * contract is checked by the compiler on both sides. Times are epoch milliseconds.
 */

export type JourneyStatus = 'draft' | 'active' | 'paused' | 'archived';

export interface JourneySummary {
  id: string;
  name: string;
  status: JourneyStatus;
  publishedVersion: number | null;
  updatedAt: number;
  entered: number;
  /** Users in the journey right now. */
  active: number;
  converted: number;
  /** 0..1 */
  conversionRate: number;
  /** The running journey experiment this journey is a variant of, if any. */
  experiment?: { id: string; name: string; variant: string };
}

export interface PublishedVersion {
  version: number;
  publishedAt: number;
  document: JourneyDocument;
  machine: MachineJson;
}

export interface JourneyDetail {
  id: string;
  name: string;
  status: JourneyStatus;
  publishedVersion: number | null;
  createdAt: number;
  updatedAt: number;
  draft: JourneyDocument;
  violations: Violation[];
  published: PublishedVersion | null;
}

export interface NodeCounts {
  entered: number;
  waiting: number;
  passed: number;
}

export interface JourneyTotals {
  entered: number;
  active: number;
  converted: number;
  exited: number;
  offersSent: number;
  offersPending: number;
  offersDead: number;
  offerCost: number;
  conversionRate: number;
}

export interface JourneyStats {
  id: string;
  publishedVersion: number | null;
  status: JourneyStatus;
  nodes: Record<string, NodeCounts>;
  edges: Record<string, number>;
  totals: JourneyTotals;
}

export interface UserRun {
  id: string;
  journeyId: string;
  journeyName: string;
  version: number;
  status: RunStatus;
  node: string;
  enteredAt: number;
  endedAt: number | null;
}

export interface UserOffer {
  id: number;
  journeyId: string;
  userId: string;
  runId: string;
  node: string;
  channel: string;
  offer: string;
  status: 'pending' | 'sent' | 'dead';
  attempts: number;
  lastError: string | null;
  createdAt: number;
  sentAt: number | null;
}

export type TimelineKind = 'event' | 'enter' | 'step' | 'tags' | 'offer' | 'exit' | 'error';

export interface TimelineEntry {
  id: number;
  at: number;
  kind: TimelineKind;
  journeyId?: string;
  runId?: string;
  node?: string;
  detail: Record<string, unknown>;
}

export interface UserProfile {
  id: string;
  traits: Record<string, unknown>;
  tags: string[];
  firstSeenAt: number;
  lastSeenAt: number;
  runs: UserRun[];
  offers: UserOffer[];
  /** Newest first. */
  timeline: TimelineEntry[];
}

export interface SinkMessage {
  id: number;
  channel: 'webhook' | 'email';
  receivedAt: number;
  messageId?: string;
  verified: boolean;
  to?: string;
  subject?: string;
  body: unknown;
}

/** The body of every error response. */
export interface ApiErrorBody {
  code: string;
  message: string;
  problems?: FieldProblem[];
  violations?: Violation[];
}

/** One arm of a report: the analysis of its matured users, and the users still inside their attribution window. */
export interface ReportArm extends ArmAnalysis {
  /**
   * Users whose attribution window has not closed yet. They are left out of `entered`, `converted` and the
   * statistics until it closes, so a variant that only converts sooner never looks better than it is.
   */
  pending: number;
  /** Of the pending users, those who have converted already. */
  pendingConverted: number;
  /** Journey experiments: the journey this arm's users enter (none for the holdout). */
  journeyId?: string;
  journeyName?: string;
}

/**
 * Users are analysed one allocation at a time: a change of weights starts a new phase, and only users assigned
 * since then are read (see shared/src/experiments/weightChange.ts). Earlier users keep their arm.
 */
export interface ExperimentPhase {
  /** 1 for the experiment's first allocation. */
  number: number;
  /** When the current allocation took effect. */
  since: number;
  /** Users assigned in earlier phases, not part of this reading. */
  earlierUsers: number;
}

/**
 * `GET /api/journeys/:id/experiment` (a split inside one journey) and the `report` of
 * `GET /api/experiments/:id` (journeys side by side): the arms, their analysis and a verdict in plain words.
 */
export interface ExperimentReport {
  kind: 'split' | 'journeys';
  /** The split's journey; for a journey experiment, the control variant's journey. */
  journeyId: string;
  /** Journey experiments only. */
  experimentId?: string;
  /** The split node of the published version; null when it has none (and for journey experiments). */
  node: string | null;
  status: 'none' | 'running' | 'promoted';
  promoted: { variant: string; at: number } | null;
  attributionWindow: string;
  /** The arm the others are compared with: the holdout when there is one, else the first variant. */
  control: string;
  arms: ReportArm[];
  phase: ExperimentPhase | null;
  srm: { pValue: number | null; alarm: boolean; text: string | null };
  verdict: Verdict;
}

/** One variant of a journey experiment. */
export interface JourneyExperimentArmView {
  id: string;
  journeyId: string;
  journeyName: string;
  journeyStatus: JourneyStatus;
  weight: number;
}

/** `GET /api/experiments`: journeys tested side by side. */
export interface JourneyExperimentSummary {
  id: string;
  name: string;
  status: 'running' | 'promoted';
  /** Percentage of users held out of every variant (0 when none). */
  holdout: number;
  variants: JourneyExperimentArmView[];
  createdAt: number;
  promoted: { variant: string; at: number } | null;
}

/** `GET /api/experiments/:id` and the answer of `POST /api/experiments`. */
export interface JourneyExperimentDetail extends JourneyExperimentSummary {
  report: ExperimentReport;
}
