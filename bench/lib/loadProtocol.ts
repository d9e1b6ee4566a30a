/** What each request carries: one `track` per request, or `batchSize` of them per `/v1/batch` request. */
export interface BodySpec {
  kind: 'track' | 'batch';
  event: string;
  /** Request i (or event i of a batch) comes from user `${userPrefix}${i}`; every user is new. */
  userPrefix: string;
  batchSize?: number;
}

/** Commands the bench sends to the load client over IPC. */
export type LoadCommand =
  | { type: 'sink' }
  | { type: 'closed'; target: string; auth: string; concurrency: number; requests: number; body: BodySpec; timeoutMs: number }
  | { type: 'open'; target: string; auth: string; ratePerSec: number; durationMs: number; body: BodySpec }
  | { type: 'arrivals'; expect: number; timeoutMs: number; list: boolean };

export interface ClosedResult {
  ok: number;
  failed: number;
  startedAt: number;
  finishedAt: number;
}

export interface OpenResult {
  ok: number;
  failed: number;
  /** The time request i was due to be sent, by the clock (what its latency is measured from). */
  scheduled: number[];
  /** How far behind its schedule the generator ever sent a request. */
  maxSendLag: number;
}

export interface Arrivals {
  /** Distinct users whose offer reached the sink. */
  users: number;
  /** All requests the sink received, duplicates included. */
  received: number;
  /** When the latest of those first arrivals came (0 if none). */
  lastAt: number;
  /** [userId, first arrival time], when asked for. */
  at: Array<[string, number]>;
}
