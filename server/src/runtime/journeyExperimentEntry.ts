import { assignVariant, HOLDOUT_ARM, journeyExperimentKey, journeyExperimentSplit } from '@waymark/shared';
import type { JourneyExperimentRecord, UserRecord } from '../store/storeTypes.ts';

export interface ExperimentEntry {
  /** Whether the user may start a run of this journey. */
  enter: boolean;
  /** The arm to record for the user (once; recording again changes nothing). */
  record?: { key: string; arm: string; goalJourney: string };
}

/**
 * Who enters which journey of a journey experiment. While it runs, a user's arm is the one recorded on their
 * profile or else the sticky hash of (experiment, user): they enter only their variant's journey, and the
 * holdout enters none (it is recorded when the control journey's trigger fires, and measured on its goal).
 * Once promoted, every new entrant goes to the winner and the other variants take nobody new.
 */
export function journeyExperimentEntry(experiment: JourneyExperimentRecord, journeyId: string, user: Pick<UserRecord, 'id' | 'assignments'>): ExperimentEntry {
  const { variants } = experiment.config;
  if (experiment.status === 'promoted') return { enter: variants.find((v) => v.id === experiment.promotedVariant)?.journeyId === journeyId };

  const key = journeyExperimentKey(experiment.id);
  const recorded = user.assignments[key];
  const assigned = assignVariant(key, user.id, journeyExperimentSplit(experiment.config).variants, experiment.config.holdout ?? 0);
  const arm = recorded ?? ('holdout' in assigned ? HOLDOUT_ARM : assigned.variant);
  const control = variants[0]?.journeyId;
  if (arm === HOLDOUT_ARM) return control === journeyId ? { enter: false, record: { key, arm, goalJourney: journeyId } } : { enter: false };
  const variant = variants.find((v) => v.id === arm);
  if (variant?.journeyId !== journeyId) return { enter: false };
  return { enter: true, record: { key, arm, goalJourney: journeyId } };
}
