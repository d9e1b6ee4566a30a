import { changesAllocation, type ExperimentPhase, type SplitConfig } from '@waymark/shared';
import type { JourneyVersion } from '../store/storeTypes.ts';
import { findSplit } from './splitOf.ts';

/**
 * The current analysis phase of the split `node`: its allocation began with the earliest version since which
 * every published version kept the same shares (a change of weights, or the split missing from a version,
 * starts a new phase). `versions` are oldest first. Undefined when the latest version has no such split.
 */
export function splitPhase(versions: readonly JourneyVersion[], node: string): (Omit<ExperimentPhase, 'earlierUsers'> & { config: SplitConfig }) | undefined {
  let phase: (Omit<ExperimentPhase, 'earlierUsers'> & { config: SplitConfig }) | undefined;
  let number = 0;
  for (const version of versions) {
    const split = findSplit(version.document);
    if (!split || split.node !== node) {
      phase = undefined;
      continue;
    }
    if (!phase || changesAllocation(phase.config, split.config)) {
      number++;
      phase = { number, since: version.publishedAt, config: split.config };
    } else {
      phase = { ...phase, config: split.config };
    }
  }
  return phase;
}
