import { beforeAll, describe, expect, it } from 'vitest';
import { analyzeExperiment, DOCUMENTED_POWER, type ExperimentAnalysis } from './analyzeExperiment.ts';
import { ALPHA } from './proportionTest.ts';
import { binomial, mulberry32 } from './testing/seededRandom.ts';

/**
 * The engine's promises, re-measured on simulated experiments. Every run is seeded, so the outcome is fixed:
 * the bounds below leave three standard errors of Monte Carlo slack around each documented figure.
 */

interface Scenario {
  controlRate: number;
  treatmentRate: number;
  usersPerArm: number;
  looks: number;
  /** The share of users really sent to A; the split always declares 50/50. */
  trueShareA?: number;
}

interface Run {
  /** The analysis at the first conclusive look (the team stops there), or at the last look. */
  stoppedAt: ExperimentAnalysis;
  conclusive: boolean;
  /** Whether a naive fixed-sample z-test (|z| > 1.96) would have been significant at some look. */
  naiveEverSignificant: boolean;
}

const arm = (id: string, entered: number, converted: number) => ({
  id,
  weight: 50,
  entered,
  converted,
  offersSent: 0,
  offerCost: 0,
  revenue: 0,
});

/** One experiment, read `looks` times at even intervals ("every day"), stopping at the first winner or loser. */
function runExperiment(random: () => number, scenario: Scenario): Run {
  const { controlRate, treatmentRate, usersPerArm, looks, trueShareA = 0.5 } = scenario;
  let enteredA = 0;
  let convertedA = 0;
  let enteredB = 0;
  let convertedB = 0;
  let naiveEverSignificant = false;
  let analysis: ExperimentAnalysis | undefined;
  for (let look = 1; look <= looks; look += 1) {
    const arriving = Math.round((2 * usersPerArm * look) / looks) - Math.round((2 * usersPerArm * (look - 1)) / looks);
    const toA = binomial(random, arriving, trueShareA);
    enteredA += toA;
    convertedA += binomial(random, toA, controlRate);
    enteredB += arriving - toA;
    convertedB += binomial(random, arriving - toA, treatmentRate);

    const pooled = (convertedA + convertedB) / (enteredA + enteredB);
    const se = Math.sqrt(pooled * (1 - pooled) * (1 / enteredA + 1 / enteredB));
    if (se > 0 && Math.abs(convertedB / enteredB - convertedA / enteredA) / se > 1.959964) naiveEverSignificant = true;

    analysis = analyzeExperiment({ control: 'A', arms: [arm('A', enteredA, convertedA), arm('B', enteredB, convertedB)] });
    if (analysis.verdict.status === 'winner' || analysis.verdict.status === 'loser') {
      return { stoppedAt: analysis, conclusive: true, naiveEverSignificant };
    }
  }
  return { stoppedAt: analysis!, conclusive: false, naiveEverSignificant };
}

function runMany(seed: number, runs: number, scenario: Scenario): Run[] {
  const random = mulberry32(seed);
  return Array.from({ length: runs }, () => runExperiment(random, scenario));
}

const share = (runs: readonly Run[], predicate: (run: Run) => boolean) => runs.filter(predicate).length / runs.length;
/** Three binomial standard errors of a proportion estimated from `n` runs. */
const slack = (p: number, n: number) => 3 * Math.sqrt((p * (1 - p)) / n);

describe('false positives with daily peeking (A/A experiments)', () => {
  const { usersPerArm, looks } = DOCUMENTED_POWER;

  it(`calls at most α = ${ALPHA * 100}% of 1,000 A/A experiments at a 10% base rate, read ${looks} times`, () => {
    const runs = runMany(1, 1_000, { controlRate: 0.1, treatmentRate: 0.1, usersPerArm, looks });
    const falsePositives = share(runs, (run) => run.conclusive);
    expect(falsePositives).toBeLessThanOrEqual(ALPHA + slack(ALPHA, 1_000));
    // The harness is sensitive to peeking: the textbook z-test, read as often, calls far more than 5%.
    expect(share(runs, (run) => run.naiveEverSignificant)).toBeGreaterThan(ALPHA + slack(ALPHA, 1_000));
  });

  it('holds α at a 3% base rate too, where the first verdicts wait for 10 conversions per arm', () => {
    const runs = runMany(2, 1_000, { controlRate: 0.03, treatmentRate: 0.03, usersPerArm, looks });
    expect(share(runs, (run) => run.conclusive)).toBeLessThanOrEqual(ALPHA + slack(ALPHA, 1_000));
  });
});

describe('power at the documented minimum detectable effect', () => {
  const { baseRate, relativeLift, usersPerArm, looks, power } = DOCUMENTED_POWER;
  let runs: Run[] = [];
  beforeAll(() => {
    runs = runMany(3, 300, { controlRate: baseRate, treatmentRate: baseRate * (1 + relativeLift), usersPerArm, looks });
  });

  const claim = `a ${relativeLift * 100}% lift on a ${baseRate * 100}% base rate by ${usersPerArm.toLocaleString('en-US')} users per arm`;
  it(`detects ${claim} with ≥ ${power * 100}% power`, () => {
    const detected = share(runs, (run) => run.stoppedAt.verdict.status === 'winner' && run.stoppedAt.verdict.winner === 'B');
    expect(detected).toBeGreaterThanOrEqual(power - slack(power, runs.length));
    expect(share(runs, (run) => run.stoppedAt.verdict.status === 'loser')).toBe(0);
  });

  it('gives a lift interval that covers the true lift at least 95% of the time, even where the team stops', () => {
    const covered = share(runs, (run) => {
      const interval = run.stoppedAt.arms[1]!.vsControl!.liftInterval!;
      return interval[0] <= relativeLift && relativeLift <= interval[1];
    });
    expect(covered).toBeGreaterThanOrEqual(0.95 - slack(0.95, runs.length));
  });
});

describe('sample-ratio mismatch', () => {
  it('raises the alarm whenever 55/45 traffic is declared as 50/50, at 10,000 users', () => {
    const runs = runMany(4, 100, { controlRate: 0.1, treatmentRate: 0.1, usersPerArm: 5_000, looks: 1, trueShareA: 0.55 });
    expect(runs.every((run) => run.stoppedAt.verdict.status === 'srm')).toBe(true);
  });

  it('stays quiet for an honest 50/50 split in at least 99% of 200 experiments of 10,000 users', () => {
    const runs = runMany(5, 200, { controlRate: 0.1, treatmentRate: 0.1, usersPerArm: 5_000, looks: 1 });
    expect(share(runs, (run) => run.stoppedAt.sampleRatio.alarm)).toBeLessThanOrEqual(0.01);
  });
});
