import type { JourneyExperimentSummary } from '@waymark/shared';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/client.ts';
import type { Loaded } from '../app/useLoader.ts';
import { ExperimentList } from './ExperimentList.tsx';

const render = (loaded: Loaded<{ experiments: JourneyExperimentSummary[] }>) =>
  renderToStaticMarkup(<ExperimentList loaded={loaded} newButton={<button type="button">New experiment</button>} onRetry={() => {}} />);

const running: JourneyExperimentSummary = {
  id: 'x_1',
  name: 'Welcome copy test',
  status: 'running',
  holdout: 10,
  variants: [
    { id: 'A', journeyId: 'j_a', journeyName: 'Welcome', journeyStatus: 'active', weight: 50 },
    { id: 'B', journeyId: 'j_b', journeyName: 'Welcome: free shipping', journeyStatus: 'active', weight: 50 },
  ],
  createdAt: Date.UTC(2026, 10, 20, 9),
  promoted: null,
};

describe('ExperimentList', () => {
  it('explains how to start when there is no experiment, and offers to', () => {
    const html = render({ state: 'ready', data: { experiments: [] } });
    expect(html).toContain('data-testid="experiments-empty"');
    expect(html).toContain('Test two versions of a journey side by side: duplicate a journey, change the copy, publish both, then start an experiment here.');
    expect(html).toContain('New experiment</button>');
  });

  it('lists each experiment with its status, variants and their shares, and the holdout', () => {
    const ended: JourneyExperimentSummary = { ...running, id: 'x_0', name: 'Old test', holdout: 0, status: 'promoted', promoted: { variant: 'B', at: 1 } };
    const html = render({ state: 'ready', data: { experiments: [running, ended] } });
    expect(html).toContain('href="#/experiments/x_1"');
    expect(html).toContain('>Welcome copy test</a>');
    expect(html).toMatch(/data-status="running"[^>]*>.*Running<\/span>/);
    expect(html).toMatch(/data-status="promoted"[^>]*>.*Ended · B promoted<\/span>/);
    expect(html).toContain('<strong>A</strong> · Welcome<span class="xchip__share">45%</span>');
    expect(html).toContain('<strong>B</strong> · Welcome: free shipping<span class="xchip__share">45%</span>');
    expect(html).toContain('Holdout<span class="xchip__share">10%</span>');
    expect(html.match(/class="xlist__item"/g)).toHaveLength(2);
    expect(html).not.toContain('experiments-empty');
  });

  it('shows a skeleton while loading and the reason with a retry when loading failed', () => {
    expect(render({ state: 'loading' })).toContain('aria-busy="true"');
    const failed = render({ state: 'error', error: new ApiError(503, 'unavailable', 'the database is busy') });
    expect(failed).toContain('Experiments could not be loaded');
    expect(failed).toContain('The database is busy');
    expect(failed).toContain('Try again');
  });
});
