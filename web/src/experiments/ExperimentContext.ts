import { createContext, useContext } from 'react';
import type { ExperimentReport, JourneyDocument, SplitConfig } from '@waymark/shared';

/** The journey's running experiment as the canvas knows it: where it is, how it was published, how it is going. */
export interface ExperimentState {
  /** The published version's split node, or null when it has none (then there is no Experiment tab). */
  node: string | null;
  /** That split as published: draft edits are checked against it before the server refuses them at publish. */
  config: SplitConfig | null;
  published: JourneyDocument | null;
  /** The latest report; null before the first answer. */
  report: ExperimentReport | null;
  /** The last poll's failure, cleared by the next success; the previous report stays on screen meanwhile. */
  error: unknown;
  updatedAt: number | null;
  /** Asks again now (after a promotion) instead of at the next poll. */
  refresh(): void;
}

export const NO_EXPERIMENT: ExperimentState = {
  node: null,
  config: null,
  published: null,
  report: null,
  error: null,
  updatedAt: null,
  refresh: () => {},
};

/**
 * Provided by the journey page around the canvas and the side panel, so the split's view, its form and the
 * Experiment tab read one report from one poll. Elsewhere (no provider) there is no experiment.
 */
export const ExperimentContext = createContext<ExperimentState>(NO_EXPERIMENT);

export function useExperiment(): ExperimentState {
  return useContext(ExperimentContext);
}

/** Users assigned to each arm of `nodeId`'s experiment so far, or undefined when it is not the running split. */
export function enteredByArm(state: ExperimentState, nodeId: string): ReadonlyMap<string, number> | undefined {
  if (state.node !== nodeId || state.report?.node !== nodeId) return undefined;
  return new Map(state.report.arms.map((arm) => [arm.id, arm.entered + arm.pending]));
}
