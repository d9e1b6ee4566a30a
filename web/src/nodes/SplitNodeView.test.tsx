import { ReactFlowProvider } from '@xyflow/react';
import type { JourneyDocument } from '@waymark/shared';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { ExperimentContext, NO_EXPERIMENT } from '../experiments/ExperimentContext.ts';
import { sampleReport } from '../experiments/sampleReport.ts';
import { createJourneyStore } from '../store/journeyStore.ts';
import { JourneyStoreContext } from '../store/useJourneyStore.ts';
import { SplitNodeView } from './SplitNodeView.tsx';

const data = { variants: [{ id: 'A', weight: 50 }, { id: 'B', weight: 50 }], holdout: 10 };
const doc: JourneyDocument = {
  schemaVersion: 1,
  name: 'Split',
  settings: { reentry: 'never' },
  nodes: [{ id: 'sp1', type: 'split', position: { x: 0, y: 0 }, data }],
  edges: [],
};
const report = sampleReport(
  [
    { id: 'holdout', weight: 10, entered: 101 },
    { id: 'A', weight: 45, entered: 452 },
    { id: 'B', weight: 45, entered: 447 },
  ],
  { control: 'holdout' },
);

function render(live: boolean) {
  const store = createJourneyStore();
  store.getState().load('j1', doc);
  const props = { id: 'sp1', type: 'split', data, selected: false } as unknown as Parameters<typeof SplitNodeView>[0];
  return renderToStaticMarkup(
    <JourneyStoreContext value={store}>
      <ExperimentContext value={live ? { ...NO_EXPERIMENT, node: 'sp1', report } : NO_EXPERIMENT}>
        <ReactFlowProvider>
          <SplitNodeView {...props} />
        </ReactFlowProvider>
      </ExperimentContext>
    </JourneyStoreContext>,
  );
}

describe('SplitNodeView', () => {
  it('draws the allocation and one labelled exit per variant, in declared order', () => {
    const html = render(false);
    expect(html).toContain('aria-label="Allocation: holdout 10%, A 45%, B 45%"');
    expect(html.indexOf('data-testid="handle-sp1-A"')).toBeLessThan(html.indexOf('data-testid="handle-sp1-B"'));
    expect(html).toContain('Holdout 10%');
    expect(html).not.toContain('split-count-');
  });

  it('shows how many users each arm has been given once the split is published', () => {
    const html = render(true);
    expect(html).toMatch(/data-testid="split-count-sp1-A"[^>]*>452</);
    expect(html).toMatch(/data-testid="split-count-sp1-B"[^>]*>447</);
    expect(html).toMatch(/data-testid="split-count-sp1-holdout"[^>]*>101</);
  });
});
