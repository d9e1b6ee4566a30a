import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { ExperimentResultsView } from './ExperimentResultsView.tsx';
import { sampleReport } from './sampleReport.ts';

const render = (report: ReturnType<typeof sampleReport>) =>
  renderToStaticMarkup(<ExperimentResultsView report={report} stale={false} title="Journey A/B test" measuredFrom="entering the journey" onPromote={async () => {}} />);

describe('ExperimentResultsView', () => {
  it('counts pending users in the header and the table, and explains why they are not analysed yet', () => {
    const report = sampleReport(
      [
        { id: 'A', weight: 50, entered: 120, converted: 12 },
        { id: 'B', weight: 50, entered: 118, converted: 30 },
      ],
      { pending: { A: 5, B: 7 } },
    );
    const html = render(report);
    expect(html).toContain('250 users · conversions within 7 days of entering the journey');
    expect(html).toContain('+5');
    expect(html).toContain('+7');
    expect(html).toMatch(/data-testid="experiment-pending"[^>]*>12 more users are still inside their attribution window/);
  });

  it('names the journeys of a journey experiment and the allocation phase being read', () => {
    const report = sampleReport([
      { id: 'A', weight: 50, entered: 10 },
      { id: 'B', weight: 50, entered: 10 },
    ]);
    report.kind = 'journeys';
    report.arms[1] = { ...report.arms[1]!, journeyId: 'j_copy', journeyName: 'Welcome: free shipping' };
    report.phase = { number: 3, since: 0, earlierUsers: 40 };
    const html = render(report);
    expect(html).toContain('href="#/journeys/j_copy"');
    expect(html).toContain('Welcome: free shipping');
    expect(html).toMatch(/data-testid="experiment-phase"[^>]*>Reading allocation phase 3/);
    expect(html).not.toContain('experiment-pending');
  });
});
