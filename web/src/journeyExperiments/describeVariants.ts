import { HOLDOUT_ARM, type JourneyExperimentSummary } from '@waymark/shared';
import { formatShare, splitShares } from '../experiments/splitAllocation.ts';

/** One arm of a journey experiment as the list shows it: "A · Welcome 45%", or "Holdout 10%". */
export interface VariantLabel {
  /** A variant id, or `holdout`. */
  id: string;
  /** The variant's journey; none for the holdout. */
  journeyId?: string;
  /** The journey's name, or "Holdout". */
  name: string;
  /** Its share of everyone who triggers the experiment, as text. */
  share: string;
  text: string;
}

/**
 * Each arm's share of the users the experiment sees, variants in declared order and the holdout last: weights
 * are relative, so "A 1, B 1" and "A 50, B 50" both read 50% each, and a holdout takes its percentage first.
 */
export function describeVariants(experiment: Pick<JourneyExperimentSummary, 'variants' | 'holdout'>): VariantLabel[] {
  const shares = new Map(splitShares({ variants: experiment.variants, holdout: experiment.holdout }).map((arm) => [arm.id, arm.share]));
  const labels: VariantLabel[] = experiment.variants.map((v) => {
    const share = formatShare(shares.get(v.id) ?? 0);
    return { id: v.id, journeyId: v.journeyId, name: v.journeyName, share, text: `${v.id} · ${v.journeyName} ${share}` };
  });
  if (experiment.holdout > 0) {
    const share = formatShare(shares.get(HOLDOUT_ARM) ?? 0);
    labels.push({ id: HOLDOUT_ARM, name: 'Holdout', share, text: `Holdout ${share}` });
  }
  return labels;
}
