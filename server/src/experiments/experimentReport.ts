import { analyzeExperiment, describeDuration, HOLDOUT_ARM, type ExperimentPhase, type ExperimentReport, type ReportArm, type SplitConfig } from '@waymark/shared';
import type { ArmCounts } from '../store/storeTypes.ts';

export interface ReportInput {
  kind: ExperimentReport['kind'];
  journeyId: string;
  experimentId?: string;
  node: string | null;
  status: 'running' | 'promoted';
  promoted: ExperimentReport['promoted'];
  attributionWindow: string;
  /** The allocation the analysed phase ran with. */
  config: SplitConfig;
  counts: ArmCounts[];
  phase: ExperimentPhase;
  /** Journey experiments: the journey each variant's users enter. */
  journeys?: ReadonlyMap<string, { id: string; name: string }>;
}

/**
 * The report of one analysis phase: every arm of the allocation (the holdout first), its matured users'
 * analysis and its pending users, compared with the control (the holdout when there is one, else the first
 * variant). Pure, so split and journey experiments read alike.
 */
export function experimentReport(input: ReportInput): ExperimentReport {
  const { config } = input;
  const holdout = config.holdout ?? 0;
  const totalWeight = config.variants.reduce((sum, v) => sum + v.weight, 0);
  const byArm = new Map(input.counts.map((c) => [c.arm, c]));
  const declared = [
    ...(holdout > 0 ? [{ id: HOLDOUT_ARM, weight: holdout }] : []),
    ...config.variants.map((v) => ({ id: v.id, weight: ((100 - holdout) * v.weight) / totalWeight })),
  ];
  const arms = declared.map((arm) => {
    const c = byArm.get(arm.id);
    return { ...arm, entered: c?.entered ?? 0, converted: c?.converted ?? 0, offersSent: c?.offersSent ?? 0, offerCost: c?.offerCost ?? 0, revenue: c?.revenue ?? 0 };
  });
  const control = holdout > 0 ? HOLDOUT_ARM : (config.variants[0]?.id ?? '');
  const analysis = analyzeExperiment({ control, arms });
  const reportArms: ReportArm[] = analysis.arms.map((arm) => {
    const c = byArm.get(arm.id);
    const journey = input.journeys?.get(arm.id);
    return { ...arm, pending: c?.pending ?? 0, pendingConverted: c?.pendingConverted ?? 0, ...(journey ? { journeyId: journey.id, journeyName: journey.name } : {}) };
  });
  return {
    kind: input.kind,
    journeyId: input.journeyId,
    ...(input.experimentId ? { experimentId: input.experimentId } : {}),
    node: input.node,
    status: input.status,
    promoted: input.promoted,
    attributionWindow: input.attributionWindow,
    control,
    arms: reportArms,
    phase: input.phase,
    srm: { pValue: analysis.sampleRatio.pValue, alarm: analysis.sampleRatio.alarm, text: analysis.sampleRatio.text },
    verdict: pendingAware(analysis.verdict, reportArms, input.attributionWindow),
  };
}

/** While users are still inside their window, a "collecting" verdict says so: they will count when it closes. */
function pendingAware(verdict: ExperimentReport['verdict'], arms: readonly ReportArm[], window: string): ExperimentReport['verdict'] {
  const pending = arms.reduce((sum, arm) => sum + arm.pending, 0);
  if (verdict.status !== 'collecting' || pending === 0) return verdict;
  const users = pending === 1 ? '1 more user' : `${pending.toLocaleString('en-US')} more users`;
  return { ...verdict, text: `${verdict.text} ${users} will count once their attribution window (${describeDuration(window)}) closes.` };
}
