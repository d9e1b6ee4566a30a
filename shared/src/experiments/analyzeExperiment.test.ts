import { describe, expect, it } from 'vitest';
import { analyzeExperiment } from './analyzeExperiment.ts';
import type { ExperimentArm } from './experimentInput.ts';

function arm(id: string, weight: number, entered: number, converted: number, extra: Partial<ExperimentArm> = {}): ExperimentArm {
  return { id, weight, entered, converted, offersSent: 0, offerCost: 0, revenue: 0, ...extra };
}

describe('analyzeExperiment', () => {
  it('names the winner in plain words once the evidence is enough', () => {
    const { verdict } = analyzeExperiment({ control: 'A', arms: [arm('A', 50, 10_000, 1_000), arm('B', 50, 10_000, 1_200)] });
    expect(verdict).toEqual({
      status: 'winner',
      winner: 'B',
      text: 'B converts 20% better than A (95% interval 6% to 34%); enough evidence.',
    });
  });

  it('reports each arm’s rate with a Wilson interval, revenue per user and return on offer spend', () => {
    const { arms } = analyzeExperiment({
      control: 'A',
      arms: [
        arm('A', 50, 10_000, 1_000, { offersSent: 0, offerCost: 0, revenue: 50_000 }),
        arm('B', 50, 10_000, 1_200, { offersSent: 10_000, offerCost: 20_000, revenue: 66_000 }),
      ],
    });
    const [a, b] = arms;
    expect(a).toMatchObject({ isControl: true, conversionRate: 0.1, revenuePerUser: 5, returnOnOfferSpend: null, vsControl: null });
    expect(b).toMatchObject({ isControl: false, conversionRate: 0.12, revenuePerUser: 6.6, returnOnOfferSpend: 3.3, offersSent: 10_000 });
    expect(a!.conversionInterval![0]).toBeCloseTo(0.09427, 5);
    expect(a!.conversionInterval![1]).toBeCloseTo(0.10603, 5);
    expect(b!.vsControl!.difference).toBeCloseTo(0.02, 12);
    expect(b!.vsControl!.lift).toBeCloseTo(0.2, 12);
    // The lift interval is the difference's confidence sequence over the control's rate, so it excludes 0 with the verdict.
    expect(b!.vsControl!.liftInterval![0]).toBeCloseTo(b!.vsControl!.differenceInterval[0] / 0.1, 12);
    expect(b!.vsControl!.liftInterval![1]).toBeCloseTo(b!.vsControl!.differenceInterval[1] / 0.1, 12);
    expect(b!.vsControl!.pValue).toBeCloseTo(0.000273667, 8);
  });

  it('says there is no clear difference yet while the interval spans zero', () => {
    const { verdict } = analyzeExperiment({ control: 'A', arms: [arm('A', 50, 2_000, 200), arm('B', 50, 2_000, 230)] });
    expect(verdict).toEqual({
      status: 'no-difference-yet',
      text: 'No clear difference yet between B and A: B converts 15% better than A (95% interval −15% to 45%).',
    });
  });

  it('calls a worse arm a loser and the control the winner', () => {
    const { verdict } = analyzeExperiment({ control: 'A', arms: [arm('A', 50, 5_000, 600), arm('B', 50, 5_000, 450)] });
    expect(verdict).toEqual({
      status: 'loser',
      winner: 'A',
      loser: 'B',
      text: 'B converts 25% worse than A (95% interval −41% to −9%); enough evidence.',
    });
  });

  it('holds every verdict when the sample ratio is off, however strong the difference', () => {
    const { verdict, sampleRatio } = analyzeExperiment({ control: 'A', arms: [arm('A', 50, 5_500, 550), arm('B', 50, 4_500, 900)] });
    expect(sampleRatio.alarm).toBe(true);
    expect(verdict.status).toBe('srm');
    expect(verdict.winner).toBeUndefined();
    expect(verdict.text).toMatch(/^Assignment looks broken: of 10,000 users, A 55%, B 45%/);
  });

  it('keeps collecting below the minimum sample and says how many more users it needs', () => {
    // A needs 50 more users (and 5 more conversions at 10%, i.e. 50 users); at half the traffic that is 100 entering.
    const { verdict } = analyzeExperiment({ control: 'A', arms: [arm('A', 50, 50, 5), arm('B', 50, 50, 6)] });
    expect(verdict).toEqual({
      status: 'collecting',
      moreUsersNeeded: 100,
      text: 'Collecting data: about 100 more users before a verdict (every arm needs 100 users and 10 conversions).',
    });
  });

  it('counts missing conversions at the arm’s rate when users are already enough', () => {
    // B has 400 users but 4 conversions (1%): 6 more conversions take about 600 users, 1,200 entering at 50%.
    const { verdict } = analyzeExperiment({ control: 'A', arms: [arm('A', 50, 400, 40), arm('B', 50, 400, 4)] });
    expect(verdict.status).toBe('collecting');
    expect(verdict.moreUsersNeeded).toBe(1_200);
  });

  it('cannot estimate the wait before anyone converts', () => {
    const { verdict } = analyzeExperiment({ control: 'A', arms: [arm('A', 50, 60, 0), arm('B', 50, 60, 0)] });
    expect(verdict).toEqual({
      status: 'collecting',
      text: 'Collecting data: no conversions yet; every arm needs 100 users and 10 conversions before a verdict.',
    });
  });

  it('honours a custom minimum sample', () => {
    const input = { control: 'A', arms: [arm('A', 50, 10_000, 1_000), arm('B', 50, 10_000, 1_200)] };
    expect(analyzeExperiment({ ...input, minimumSample: { perArm: 20_000, conversionsPerArm: 10 } }).verdict).toMatchObject({
      status: 'collecting',
      moreUsersNeeded: 20_000,
    });
  });

  it('measures variants against a holdout, adjusting for two comparisons', () => {
    const { verdict, arms, sampleRatio } = analyzeExperiment({
      control: 'holdout',
      arms: [arm('holdout', 10, 2_000, 200), arm('A', 45, 9_000, 1_350), arm('B', 45, 9_000, 1_150)],
    });
    expect(sampleRatio.degreesOfFreedom).toBe(2);
    expect(verdict).toEqual({
      status: 'winner',
      winner: 'A',
      text:
        'A converts 50% better than holdout (95% interval 25% to 75%); enough evidence. ' +
        'Also, B converts 28% better than holdout (95% interval 3% to 53%).',
    });
    // Bonferroni: the same B-vs-holdout counts alone would give half this p-value.
    const alone = analyzeExperiment({ control: 'holdout', arms: [arm('holdout', 10, 2_000, 200), arm('B', 45, 9_000, 1_150)] });
    expect(arms[2]!.vsControl!.pValue).toBeCloseTo(2 * alone.arms[1]!.vsControl!.pValue, 12);
  });

  it('ignores a paused arm (weight 0) that received nobody in this phase', () => {
    const { verdict, arms } = analyzeExperiment({
      control: 'A',
      arms: [arm('A', 50, 10_000, 1_000), arm('B', 50, 10_000, 1_200), arm('C', 0, 0, 0)],
    });
    expect(verdict.text).toBe('B converts 20% better than A (95% interval 6% to 34%); enough evidence.');
    expect(arms[2]).toMatchObject({ conversionRate: null, conversionInterval: null, vsControl: null });
  });

  it('refuses impossible counts with a message naming the field', () => {
    expect(() => analyzeExperiment({ control: 'A', arms: [arm('A', 1, 10, 11), arm('B', 1, 10, 1)] })).toThrow(
      /expected no more conversions than users/,
    );
    expect(() => analyzeExperiment({ control: 'Z', arms: [arm('A', 1, 10, 1), arm('B', 1, 10, 1)] })).toThrow(
      /expected the control to be one of the arms: A, B/,
    );
    expect(() => analyzeExperiment({ control: 'A', arms: [arm('A', 1, 10, 1), arm('A', 1, 10, 1)] })).toThrow(/used twice/);
  });
});
