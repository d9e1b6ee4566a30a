import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { ExperimentContext, NO_EXPERIMENT, type ExperimentState } from '../experiments/ExperimentContext.ts';
import { sampleReport } from '../experiments/sampleReport.ts';
import { SplitForm } from './SplitForm.tsx';

const running: Partial<ExperimentState> = {
  node: 'sp1',
  config: { variants: [{ id: 'A', weight: 50 }, { id: 'B', weight: 50 }], holdout: 10 },
  report: sampleReport(
    [
      { id: 'holdout', weight: 10, entered: 12 },
      { id: 'A', weight: 45, entered: 40 },
      { id: 'B', weight: 45, entered: 0 },
    ],
    { control: 'holdout' },
  ),
};

function render(data: Record<string, unknown>, state: Partial<ExperimentState> = {}, errors: Record<string, string> = {}) {
  return renderToStaticMarkup(
    <ExperimentContext value={{ ...NO_EXPERIMENT, ...state }}>
      <SplitForm nodeId="sp1" data={data} errors={errors} onChange={() => {}} />
    </ExperimentContext>,
  );
}

describe('SplitForm', () => {
  it('shows each variant with its share, the holdout first in the allocation', () => {
    const html = render({ variants: [{ id: 'A', weight: 1 }, { id: 'B', weight: 3 }], holdout: 20 });
    expect(html).toContain('value="A"');
    expect(html).toContain('value="3"');
    expect(html).toContain('aria-label="Allocation: holdout 20%, A 20%, B 60%"');
    expect(html).toContain('How assignment works');
    expect(html).not.toContain('This split is live');
  });

  it('marks a paused variant and shows problems beside the row they are about', () => {
    const html = render({ variants: [{ id: 'A', weight: 0 }, { id: 'A', weight: 50 }] }, {}, { 'variants.1.id': 'Another variant is called A too; give each its own id.' });
    expect(html).toContain('paused');
    expect(html).toContain('Another variant is called A too; give each its own id.');
    expect(html).toMatch(/aria-label="Variant 2 id" aria-invalid="true"/);
  });

  it('names a change to a live split that publishing would refuse, with the users it would move', () => {
    const html = render({ variants: [{ id: 'B', weight: 50 }], holdout: 20 }, running);
    expect(html).toContain('This split is live: 52 users assigned so far.');
    expect(html).toContain('data-testid="split-refused"');
    expect(html).toContain('Variant &quot;A&quot; cannot be removed: it has 40 users.');
    expect(html).toContain('The holdout cannot change from 10% to 20%');
  });

  it('lets a live split change its weights, pause a variant or drop one nobody was given', () => {
    expect(render({ variants: [{ id: 'A', weight: 0 }, { id: 'B', weight: 80 }], holdout: 10 }, running)).not.toContain('split-refused');
    expect(render({ variants: [{ id: 'A', weight: 50 }], holdout: 10 }, running)).not.toContain('split-refused');
  });
});
