import type { ExperimentReport } from '@waymark/shared';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { createJourneyStore } from '../store/journeyStore.ts';
import { JourneyStoreContext } from '../store/useJourneyStore.ts';
import { ExperimentContext, NO_EXPERIMENT, type ExperimentState } from './ExperimentContext.ts';
import { ExperimentPanel } from './ExperimentPanel.tsx';
import { sampleReport, winningReport } from './sampleReport.ts';

function render(state: Partial<ExperimentState>) {
  const store = createJourneyStore();
  return renderToStaticMarkup(
    <JourneyStoreContext value={store}>
      <ExperimentContext value={{ ...NO_EXPERIMENT, node: 'sp1', ...state }}>
        <ExperimentPanel journeyId="j1" onPromoted={() => {}} />
      </ExperimentContext>
    </JourneyStoreContext>,
  );
}

const attribute = (html: string, testId: string, name: string) => new RegExp(`data-testid="${testId}"[^>]*?${name}="([^"]*)"|${name}="([^"]*)"[^>]*?data-testid="${testId}"`).exec(html);

describe('ExperimentPanel', () => {
  it('leads with the verdict and backs promoting the winner', () => {
    const html = render({ report: winningReport() });
    expect(html).toContain('B wins');
    expect(html).toContain('B converts 56% better than holdout');
    expect(attribute(html, 'experiment-verdict', 'data-status')?.slice(1).find(Boolean)).toBe('winner');
    expect(attribute(html, 'promote-B', 'data-conclusive')?.slice(1).find(Boolean)).toBe('true');
    expect(attribute(html, 'promote-A', 'data-conclusive')?.slice(1).find(Boolean)).toBe('false');
    expect(html).not.toContain('data-testid="promote-holdout"');
    expect(html).not.toContain('data-testid="srm-banner"');
  });

  it('shows every arm in the table and the chart, the control marked', () => {
    const html = render({ report: winningReport() });
    for (const label of ['Users', 'Converted', 'Conversion rate', 'Lift vs control', 'Offers sent', 'Offer cost', 'Revenue', 'Revenue per user', 'Return on offer spend'])
      expect(html).toContain(`>${label}</th>`);
    expect(html).toContain('12.5%'); // B's conversion rate
    expect(html).toContain('+56%');
    expect(html).toContain('19×'); // B's revenue per dollar of offer cost
    expect(html).toContain('data-testid="experiment-chart"');
    expect(html.match(/class="exp-chart__arm[^"]*"/g)).toEqual(['class="exp-chart__arm is-control"', 'class="exp-chart__arm"', 'class="exp-chart__arm"']);
  });

  it('warns about a sample ratio mismatch and holds the verdict', () => {
    const report = sampleReport([
      { id: 'A', weight: 50, entered: 5_000, converted: 500 },
      { id: 'B', weight: 50, entered: 3_000, converted: 600 },
    ]);
    const html = render({ report });
    expect(html).toContain('data-testid="srm-banner"');
    expect(html).toContain('Sample ratio mismatch');
    expect(html).toContain('Results held: assignment looks broken');
  });

  it('stays readable after a promotion, saying what it did', () => {
    const promoted: ExperimentReport = { ...winningReport(), status: 'promoted', promoted: { variant: 'B', at: Date.UTC(2026, 10, 24, 9) } };
    const html = render({ report: promoted });
    expect(html).toContain('Promoted B: 100% of new entrants now follow B. Users already in a variant finish where they are.');
    expect(html).toContain('B wins');
    expect(html).not.toContain('data-testid="promote-');
  });

  it('has loading, error and empty states', () => {
    expect(render({})).toContain('aria-busy="true"');
    expect(render({ error: new Error('server down') })).toContain('Try again');
    expect(render({ node: null })).toContain('No experiment running');
    const stale = render({ report: winningReport(), error: new Error('timeout') });
    expect(stale).toContain('Reconnecting…');
    expect(stale).toContain('B wins');
  });
});
