import type { JourneyEdge } from '@waymark/shared';
import type { RunStatus, UserProfile, UserRun } from '@waymark/shared';

/** The path one run took through a journey, as canvas ids to highlight. */
export interface RunTrace {
  userId: string;
  runId: string;
  version: number;
  status: RunStatus;
  /** Nodes in the order the run entered them (a node entered twice appears twice). */
  nodeIds: string[];
  /** Edges between consecutive steps, where the graph has one. */
  edgeIds: string[];
}

/** The user's most recent run in this journey, by entry time. */
export function latestRun(runs: UserRun[], journeyId: string): UserRun | undefined {
  return runs.filter((r) => r.journeyId === journeyId).reduce<UserRun | undefined>((latest, r) => (!latest || r.enteredAt > latest.enteredAt ? r : latest), undefined);
}

/** Timeline kinds that record a node the run entered: a step, an offer sent there, or the node it ended on. */
const MOVES = new Set(['step', 'offer', 'exit']);

/**
 * Rebuilds the path of the user's most recent run in `journeyId` from the moves in their timeline (`step`,
 * `offer` and `exit` entries), and the edges that join each node to the next. Null when the user never entered
 * this journey. Runs recorded before offers and exits stopped getting a step entry of their own have both for
 * one node: the pair counts once.
 */
export function traceRun(user: UserProfile, journeyId: string, edges: readonly JourneyEdge[]): RunTrace | null {
  const run = latestRun(user.runs, journeyId);
  if (!run) return null;
  const moves = user.timeline.filter((e) => MOVES.has(e.kind) && e.runId === run.id && e.node !== undefined).sort((a, b) => a.id - b.id);
  const nodeIds = moves
    .filter((e, i) => {
      const before = moves[i - 1];
      return !(before && before.node === e.node && before.kind === 'step' && e.kind !== 'step');
    })
    .map((e) => e.node as string);
  const edgeIds: string[] = [];
  for (let i = 1; i < nodeIds.length; i++) {
    const edge = edges.find((e) => e.source === nodeIds[i - 1] && e.target === nodeIds[i]);
    if (edge) edgeIds.push(edge.id);
  }
  return { userId: user.id, runId: run.id, version: run.version, status: run.status, nodeIds, edgeIds };
}
