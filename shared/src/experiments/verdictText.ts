import type { ArmAnalysis } from './analyzeExperiment.ts';
import type { MinimumSample } from './experimentInput.ts';
import { formatCount, formatPercent } from './formatStats.ts';

/**
 * The verdict's sentences. Intervals are always "95%": with several arms each comparison is run at a stricter
 * level (Bonferroni), so together they hold at 95%, which is what a reader takes "95%" to mean.
 */

/** Lifts in whole percents ("6% to 31%"), with a decimal only below 1%. */
function formatLift(fraction: number): string {
  return formatPercent(fraction, Math.abs(fraction) < 0.01 ? 1 : 0);
}

/** "B converts 18% better than A (95% interval 6% to 31%)". */
function effect(arm: ArmAnalysis, control: ArmAnalysis): string {
  const comparison = arm.vsControl!;
  if (comparison.lift === null || comparison.liftInterval === null) {
    // Only reachable with a custom minimum sample that lets the control have no conversions.
    const [low, high] = comparison.differenceInterval;
    const points = (x: number) => `${formatPercent(x).replace('%', '')} points`;
    return `${arm.id} converts ${points(comparison.difference)} vs ${control.id} (95% interval ${points(low)} to ${points(high)})`;
  }
  const [low, high] = comparison.liftInterval;
  const size = formatLift(Math.abs(comparison.lift));
  const how = size === '0%' ? `about the same as ${control.id}` : `${size} ${comparison.lift > 0 ? 'better' : 'worse'} than ${control.id}`;
  return `${arm.id} converts ${how} (95% interval ${formatLift(low)} to ${formatLift(high)})`;
}

function otherArms(lead: ArmAnalysis, control: ArmAnalysis, treatments: readonly ArmAnalysis[]): string[] {
  return treatments
    .filter((arm) => arm.id !== lead.id)
    .map((arm) =>
      arm.vsControl!.significant
        ? `Also, ${effect(arm, control)}.`
        : `No clear difference yet between ${arm.id} and ${control.id}: ${effect(arm, control)}.`,
    );
}

/** "B converts 18% better than A (95% interval 6% to 31%); enough evidence." plus a sentence per other arm. */
export function decidedText(lead: ArmAnalysis, control: ArmAnalysis, treatments: readonly ArmAnalysis[]): string {
  return [`${effect(lead, control)}; enough evidence.`, ...otherArms(lead, control, treatments)].join(' ');
}

/** "No clear difference yet between B and A: B converts 3% better than A (95% interval −10% to 17%)." */
export function undecidedText(control: ArmAnalysis, treatments: readonly ArmAnalysis[]): string {
  return treatments.map((arm) => `No clear difference yet between ${arm.id} and ${control.id}: ${effect(arm, control)}.`).join(' ');
}

/** "Collecting data: about 1,240 more users before a verdict (every arm needs 100 users and 10 conversions)." */
export function collectingText(moreUsersNeeded: number | undefined, minimum: MinimumSample): string {
  const rule = `${formatCount(minimum.perArm)} users and ${formatCount(minimum.conversionsPerArm)} conversions`;
  if (moreUsersNeeded === undefined) return `Collecting data: no conversions yet; every arm needs ${rule} before a verdict.`;
  return `Collecting data: about ${formatCount(moreUsersNeeded)} more users before a verdict (every arm needs ${rule}).`;
}
