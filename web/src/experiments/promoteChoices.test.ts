import { describe, expect, it } from 'vitest';
import { promoteChoices, promotedMessage } from './promoteChoices.ts';
import { sampleReport, winningReport } from './sampleReport.ts';
import { verdictHeadline } from './verdictHeadline.ts';

describe('promoteChoices', () => {
  it('backs the winner and cautions against the other variants, never offering the holdout', () => {
    const report = winningReport();
    expect(report.verdict).toMatchObject({ status: 'winner', winner: 'B' });
    expect(promoteChoices(report)).toEqual([
      { variant: 'A', isControl: false, conclusive: false, caution: 'The evidence favours B, not A.' },
      { variant: 'B', isControl: false, conclusive: true },
    ]);
  });

  it('offers keeping the control variant, backed when the other variant lost', () => {
    const report = sampleReport([
      { id: 'A', weight: 50, entered: 5_000, converted: 650 },
      { id: 'B', weight: 50, entered: 5_000, converted: 450 },
    ]);
    expect(report.verdict).toMatchObject({ status: 'loser', winner: 'A', loser: 'B' });
    expect(promoteChoices(report)).toEqual([
      { variant: 'A', isControl: true, conclusive: true },
      { variant: 'B', isControl: false, conclusive: false, caution: 'B converts worse than A.' },
    ]);
  });

  it('backs nothing while data is still coming in', () => {
    const report = sampleReport([
      { id: 'A', weight: 50, entered: 40, converted: 3 },
      { id: 'B', weight: 50, entered: 38, converted: 5 },
    ]);
    expect(report.verdict.status).toBe('collecting');
    expect(promoteChoices(report).map((c) => [c.variant, c.conclusive, c.caution])).toEqual([
      ['A', false, 'There are too few users or conversions for a verdict yet.'],
      ['B', false, 'There are too few users or conversions for a verdict yet.'],
    ]);
  });

  it('backs nothing when assignment looks broken, however good a variant looks', () => {
    const report = sampleReport([
      { id: 'A', weight: 50, entered: 5_000, converted: 500 },
      { id: 'B', weight: 50, entered: 3_000, converted: 600 },
    ]);
    expect(report.verdict.status).toBe('srm');
    expect(promoteChoices(report).every((c) => !c.conclusive && c.caution?.startsWith('Assignment looks broken'))).toBe(true);
  });

  it('offers nothing once a variant is promoted', () => {
    const report = sampleReport(
      [
        { id: 'A', weight: 50, entered: 10 },
        { id: 'B', weight: 50, entered: 10 },
      ],
      { promoted: { variant: 'B', at: 1 } },
    );
    expect(promoteChoices(report)).toEqual([]);
  });

  it('says what promotion did', () => {
    expect(promotedMessage('B')).toBe('Promoted B: 100% of new entrants now follow B. Users already in a variant finish where they are.');
    expect(promotedMessage('B', 'Welcome: free shipping')).toBe(
      "Promoted B: 100% of new entrants now go to B's journey, “Welcome: free shipping”. Users already in a variant finish where they are.",
    );
  });

  it("names each variant's journey in a journey experiment", () => {
    const report = { ...winningReport(), kind: 'journeys' as const };
    report.arms = report.arms.map((arm) => (arm.id === 'holdout' ? arm : { ...arm, journeyId: `j_${arm.id}`, journeyName: `Welcome ${arm.id}` }));
    expect(promoteChoices(report).map((c) => [c.variant, c.journeyName])).toEqual([
      ['A', 'Welcome A'],
      ['B', 'Welcome B'],
    ]);
  });
});

describe('verdictHeadline', () => {
  it('puts each verdict in a few words', () => {
    const base = { text: '' };
    expect(verdictHeadline({ ...base, status: 'winner', winner: 'B' })).toBe('B wins');
    expect(verdictHeadline({ ...base, status: 'loser', winner: 'A', loser: 'B' })).toBe('B does worse than A');
    expect(verdictHeadline({ ...base, status: 'no-difference-yet' })).toBe('No clear difference yet');
    expect(verdictHeadline({ ...base, status: 'collecting' })).toBe('Collecting data');
    expect(verdictHeadline({ ...base, status: 'srm' })).toBe('Results held: assignment looks broken');
  });
});
