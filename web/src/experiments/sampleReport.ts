import { analyzeExperiment, type ExperimentInput, type ExperimentPhase, type ExperimentReport } from '@waymark/shared';

type Counts = Partial<Omit<ExperimentInput['arms'][number], 'id' | 'weight'>>;

/**
 * A report as the server builds it (the real `analyzeExperiment` over the given counts), for tests and for
 * looking at the panel without a running journey.
 */
export function sampleReport(
  arms: Array<{ id: string; weight: number } & Counts>,
  options: {
    control?: string;
    promoted?: { variant: string; at: number };
    /** Users per arm still inside their attribution window (none by default). */
    pending?: Record<string, number>;
    /** Of those, the ones who converted already. */
    pendingConverted?: Record<string, number>;
    /** The allocation phase being read (the first, since the epoch, by default). */
    phase?: ExperimentPhase;
  } = {},
): ExperimentReport {
  const control = options.control ?? arms[0]!.id;
  const analysis = analyzeExperiment({
    control,
    arms: arms.map((arm) => ({ entered: 0, converted: 0, offersSent: 0, offerCost: 0, revenue: 0, ...arm })),
  });
  return {
    kind: 'split',
    journeyId: 'j1',
    node: 'sp1',
    status: options.promoted ? 'promoted' : 'running',
    promoted: options.promoted ?? null,
    attributionWindow: '7d',
    control,
    arms: analysis.arms.map((arm) => ({ ...arm, pending: options.pending?.[arm.id] ?? 0, pendingConverted: options.pendingConverted?.[arm.id] ?? 0 })),
    phase: options.phase ?? { number: 1, since: 0, earlierUsers: 0 },
    srm: { pValue: analysis.sampleRatio.pValue, alarm: analysis.sampleRatio.alarm, text: analysis.sampleRatio.text },
    verdict: analysis.verdict,
  };
}

/** A clear win for B over the holdout. */
export const winningReport = (): ExperimentReport =>
  sampleReport(
    [
      { id: 'holdout', weight: 10, entered: 1_000, converted: 80, revenue: 2_400 },
      { id: 'A', weight: 45, entered: 4_500, converted: 410, offersSent: 4_500, offerCost: 450, revenue: 12_300 },
      { id: 'B', weight: 45, entered: 4_480, converted: 560, offersSent: 4_480, offerCost: 896, revenue: 16_800 },
    ],
    { control: 'holdout' },
  );
