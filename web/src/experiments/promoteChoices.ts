import { HOLDOUT_ARM, type ExperimentReport } from '@waymark/shared';

/** A variant the marketer may send every new entrant down, and whether the evidence backs it. */
export interface PromoteChoice {
  variant: string;
  isControl: boolean;
  /** The verdict names this variant as the one to keep. */
  conclusive: boolean;
  /** Why the evidence does not back it, in plain words; undefined when it does. */
  caution?: string;
  /** Journey experiments: the journey every new entrant would go to. */
  journeyName?: string;
}

/**
 * The variants a running experiment can be promoted to: every variant, including the control when it is one
 * (keeping A once B has lost is a promotion too), never the holdout, which is "send nothing". Only the verdict's
 * pick is conclusive; the others stay available behind a warning, since a marketer may have reasons the test
 * does not see (a variant is cheaper, a deadline), but should know the numbers do not back them.
 */
export function promoteChoices(report: ExperimentReport): PromoteChoice[] {
  if (report.status !== 'running') return [];
  const { verdict } = report;
  return report.arms
    .filter((arm) => arm.id !== HOLDOUT_ARM)
    .map((arm) => {
      const variant = arm.id;
      const conclusive = (verdict.status === 'winner' || verdict.status === 'loser') && verdict.winner === variant;
      const choice: PromoteChoice = { variant, isControl: arm.isControl, conclusive, ...(arm.journeyName ? { journeyName: arm.journeyName } : {}) };
      return conclusive ? choice : { ...choice, caution: cautionFor(report, variant) };
    });
}

function cautionFor({ verdict, control }: ExperimentReport, variant: string): string {
  switch (verdict.status) {
    case 'srm':
      return 'Assignment looks broken: the arms do not hold the shares the split declares, so no comparison can be trusted.';
    case 'collecting':
      return 'There are too few users or conversions for a verdict yet.';
    case 'no-difference-yet':
      return variant === control
        ? `No variant has shown a clear difference from ${control} yet.`
        : `There is no clear difference yet between ${variant} and ${control}.`;
    case 'loser':
      return variant === verdict.loser ? `${variant} converts worse than ${control}.` : `The evidence favours ${verdict.winner ?? control}, not ${variant}.`;
    case 'winner':
      return `The evidence favours ${verdict.winner ?? 'another variant'}, not ${variant}.`;
    default: {
      const unknown: never = verdict.status;
      return String(unknown);
    }
  }
}

/** What the panel says once a variant is promoted; a journey experiment's names the journey new entrants go to. */
export function promotedMessage(variant: string, journeyName?: string): string {
  const where = journeyName ? `go to ${variant}'s journey, “${journeyName}”` : `follow ${variant}`;
  return `Promoted ${variant}: 100% of new entrants now ${where}. Users already in a variant finish where they are.`;
}
