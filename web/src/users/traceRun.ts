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

/**
 * Rebuilds the path of the user's most recent run in `journeyId` from the `step` entries of their timeline, and
 * the edges that join each step to the next. Null when the user never entered this journey.
 */
export function traceRun(user: UserProfile, journeyId: string, edges: readonly JourneyEdge[]): RunTrace | null {
  const run = latestRun(user.runs, journeyId);
  if (!run) return null;
  const nodeIds = user.timeline
    .filter((e) => e.kind === 'step' && e.runId === run.id && e.node !== undefined)
    .sort((a, b) => a.id - b.id)
    .map((e) => e.node as string);
  const edgeIds: string[] = [];
  for (let i = 1; i < nodeIds.length; i++) {
    const edge = edges.find((e) => e.source === nodeIds[i - 1] && e.target === nodeIds[i]);
    if (edge) edgeIds.push(edge.id);
  }
  return { userId: user.id, runId: run.id, version: run.version, status: run.status, nodeIds, edgeIds };
}
