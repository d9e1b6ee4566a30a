import { chiSquareSurvival } from './chiSquare.ts';
import { formatChance, formatCount, formatPercent } from './formatStats.ts';

/**
 * Sample-ratio mismatch (SRM): do the arms hold the shares of users the split declares?
 *
 * A chi-square goodness-of-fit test of the entered counts against the declared weights, with the holdout as
 * an arm of its own. A mismatch means assignment or counting is broken (bots filtered in one arm only, a
 * redirect that loses users on one path, a weight change pooled into one phase…), and then no comparison of
 * the arms can be trusted, however significant it looks (Fabijan et al., "Diagnosing Sample Ratio Mismatch in
 * Online Controlled Experiments", KDD 2019, on how common and varied the causes are).
 *
 * The alarm is p < 0.001, the industry convention. It is checked at every look, so the strict threshold keeps
 * false alarms rare: an honest split trips it at 0.1% of looks, and a run read every day for 20 days
 * trips it at some look in about 0.9% of runs (measured over 5,000; looks share most of their users).
 */

/** The alarm threshold on the chi-square p-value. */
export const SRM_ALARM_P = 0.001;

/** Below this expected count in some arm, the chi-square approximation is too rough to raise an alarm. */
const MIN_EXPECTED_COUNT = 5;

export interface SampleRatioArm {
  id: string;
  /** Declared weight; only proportions matter. */
  weight: number;
  entered: number;
}

export interface SampleRatioCheck {
  chiSquare: number;
  degreesOfFreedom: number;
  /** null until every arm expects at least 5 users. */
  pValue: number | null;
  alarm: boolean;
  /** Plain words for the alarm, or null when there is none. */
  text: string | null;
}

/** Checks observed entered counts against declared weights; see the top of the file. */
export function sampleRatioCheck(arms: readonly SampleRatioArm[]): SampleRatioCheck {
  const totalWeight = arms.reduce((sum, arm) => sum + arm.weight, 0);
  const total = arms.reduce((sum, arm) => sum + arm.entered, 0);
  const live = arms.filter((arm) => arm.weight > 0);
  const degreesOfFreedom = live.length - 1;

  // Users in an arm declared at weight 0 are a mismatch however few there are: nobody should be there.
  const impossible = arms.filter((arm) => arm.weight <= 0 && arm.entered > 0);
  if (impossible.length > 0) {
    const names = impossible.map((arm) => `${arm.id} (${formatCount(arm.entered)})`).join(', ');
    return {
      chiSquare: Infinity,
      degreesOfFreedom,
      pValue: 0,
      alarm: true,
      text: `Assignment looks broken: users reached arms declared at weight 0: ${names}. Verdicts are held until this is fixed.`,
    };
  }
  if (degreesOfFreedom < 1 || total === 0) return { chiSquare: 0, degreesOfFreedom, pValue: null, alarm: false, text: null };

  let chiSquare = 0;
  let smallestExpected = Infinity;
  for (const arm of live) {
    const expected = (total * arm.weight) / totalWeight;
    smallestExpected = Math.min(smallestExpected, expected);
    chiSquare += (arm.entered - expected) ** 2 / expected;
  }
  if (smallestExpected < MIN_EXPECTED_COUNT) return { chiSquare, degreesOfFreedom, pValue: null, alarm: false, text: null };

  const pValue = chiSquareSurvival(chiSquare, degreesOfFreedom);
  const alarm = pValue < SRM_ALARM_P;
  return { chiSquare, degreesOfFreedom, pValue, alarm, text: alarm ? describeMismatch(live, total, totalWeight, pValue) : null };
}

function describeMismatch(arms: readonly SampleRatioArm[], total: number, totalWeight: number, pValue: number): string {
  const observed = arms.map((arm) => `${arm.id} ${formatPercent(arm.entered / total, 1)}`).join(', ');
  const declared = arms.map((arm) => `${arm.id} ${formatPercent(arm.weight / totalWeight, 1)}`).join(', ');
  return (
    `Assignment looks broken: of ${formatCount(total)} users, ${observed}, but the split declares ${declared} ` +
    `(a gap this large happens by chance ${formatChance(pValue)}). Verdicts are held until this is fixed: look for ` +
    'users lost or filtered on one path, or a weight change counted in the same phase.'
  );
}
