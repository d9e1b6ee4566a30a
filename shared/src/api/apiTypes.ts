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

/** `GET /api/journeys/:id/experiment`: the split's arms, their analysis and a verdict in plain words. */
export interface ExperimentReport {
  journeyId: string;
  /** The split node of the published version; null when it has none. */
  node: string | null;
  status: 'none' | 'running' | 'promoted';
  promoted: { variant: string; at: number } | null;
  attributionWindow: string;
  /** The arm the others are compared with: the holdout when there is one, else the first variant. */
  control: string;
  arms: ArmAnalysis[];
  srm: { pValue: number | null; alarm: boolean; text: string | null };
  verdict: Verdict;
}
