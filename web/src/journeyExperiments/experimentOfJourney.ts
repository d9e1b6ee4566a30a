import type { JourneyExperimentSummary, JourneySummary } from '@waymark/shared';

export type ExperimentMembership = NonNullable<JourneySummary['experiment']>;

/**
 * The running experiment a journey is a variant of, as `JourneySummary.experiment` names it, or null. A promoted
 * experiment no longer decides who enters, so it does not count.
 */
export function experimentOfJourney(experiments: readonly JourneyExperimentSummary[], journeyId: string): ExperimentMembership | null {
  for (const x of experiments) {
    if (x.status !== 'running') continue;
    const variant = x.variants.find((v) => v.journeyId === journeyId);
    if (variant) return { id: x.id, name: x.name, variant: variant.id };
  }
  return null;
}
