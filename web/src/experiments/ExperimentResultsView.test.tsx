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

  it('reads the matured users of the current phase beside the pending ones, with a stale report still shown', () => {
    const report = sampleReport(
      [
        { id: 'A', weight: 50, entered: 300, converted: 30 },
        { id: 'B', weight: 50, entered: 310, converted: 140 },
      ],
      { pending: { A: 0, B: 4 }, pendingConverted: { B: 3 }, phase: { number: 2, since: Date.UTC(2026, 10, 20, 9, 30), earlierUsers: 25 } },
    );
    const html = renderToStaticMarkup(<ExperimentResultsView report={report} stale title="Results" measuredFrom="entering the journey" onPromote={async () => {}} />);
    expect(html).toContain('614 users · conversions within 7 days of entering the journey');
    expect(html).toMatch(/<td[^>]*data-arm="B"[^>]*>\+4 \(3 conv\.\)<\/td>/);
    expect(html).toMatch(/<td[^>]*data-arm="A"[^>]*><span class="muted">—<\/span><\/td>/);
    expect(html).toContain('4 more users are still inside their attribution window (7 days); 3 have converted so far.');
    expect(html).toContain('25 earlier users keep their arm but are not in this reading.');
    expect(html).toContain('Reconnecting…');
    expect(html).toContain('B wins');
  });

  it("names the promoted variant's journey once a journey experiment has ended", () => {
    const report = sampleReport(
      [
        { id: 'A', weight: 50, entered: 300, converted: 30 },
        { id: 'B', weight: 50, entered: 310, converted: 140 },
      ],
      { promoted: { variant: 'B', at: Date.UTC(2026, 10, 24, 9) } },
    );
    report.kind = 'journeys';
    report.arms = report.arms.map((arm) => ({ ...arm, journeyId: `j_${arm.id}`, journeyName: `Welcome ${arm.id}` }));
    const html = render(report);
    expect(html).toMatch(/data-testid="experiment-promoted"[^>]*>Promoted B: 100% of new entrants now go to B&#x27;s journey, “Welcome B”/);
    expect(html).toContain('data-status="promoted"');
    expect(html).toContain('>Ended</span>');
    expect(html).not.toContain('data-testid="promote-');
  });
});
