import { describe, expect, it } from 'vitest';
import { enteredByArm, NO_EXPERIMENT } from './ExperimentContext.ts';
import { sampleReport } from './sampleReport.ts';

describe('enteredByArm', () => {
  const report = sampleReport(
    [
      { id: 'A', weight: 50, entered: 120 },
      { id: 'B', weight: 50, entered: 118 },
    ],
    { pending: { A: 5, B: 9 } },
  );

  it('counts every assigned user on the split, those still inside their attribution window too', () => {
    expect(enteredByArm({ ...NO_EXPERIMENT, node: 'sp1', report }, 'sp1')).toEqual(
      new Map([
        ['A', 125],
        ['B', 127],
      ]),
    );
  });

  it('knows nothing of another split, or of a report about another one', () => {
    expect(enteredByArm({ ...NO_EXPERIMENT, node: 'sp1', report }, 'sp2')).toBeUndefined();
    expect(enteredByArm({ ...NO_EXPERIMENT, node: 'sp1', report: { ...report, node: 'sp0' } }, 'sp1')).toBeUndefined();
  });
});
