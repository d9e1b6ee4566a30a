import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { ExperimentBadge } from './ExperimentBadge.tsx';

describe('ExperimentBadge', () => {
  it('names the experiment and the variant, and links to it', () => {
    const html = renderToStaticMarkup(<ExperimentBadge experiment={{ id: 'x 1', name: 'Welcome copy test', variant: 'B' }} />);
    expect(html).toContain('href="#/experiments/x%201"');
    expect(html.replace(/<[^>]+>/g, '')).toBe('In experiment: Welcome copy test (B)');
  });
});
